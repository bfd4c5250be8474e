// Reads a wapiti JSON report and the allowlist (scripts/security/wapiti-allowlist.json): prints every finding and
// anomaly (a 500 or a timeout under attack counts too: bad input must never make the app fail), and fails (exit 1)
// on any that no allowlist entry explains. An entry matches a finding by category, path and a regular expression
// over its info; each one says why it is not a vulnerability (the README's table repeats it).
//   node wapiti-findings.mjs <report.json> <allowlist.json>
import { readFileSync } from "node:fs";

const [reportFile, allowlistFile] = process.argv.slice(2);
const report = JSON.parse(readFileSync(reportFile, "utf8"));
const allowlist = JSON.parse(readFileSync(allowlistFile, "utf8"));

const findings = ["vulnerabilities", "anomalies"].flatMap((kind) =>
  Object.entries(report[kind] ?? {}).flatMap(([category, entries]) =>
    entries.map((entry) => ({ kind, category, path: entry.path, method: entry.method, info: entry.info, parameter: entry.parameter })),
  ),
);
const explains = (rule, finding) =>
  rule.category === finding.category &&
  (rule.path === "*" || rule.path === finding.path) &&
  // The pattern comes from the committed allowlist, reviewed like code, and runs over wapiti's short messages.
  // eslint-disable-next-line security/detect-non-literal-regexp
  new RegExp(rule.info).test(finding.info);

let unexplained = 0;
for (const finding of findings) {
  const rule = allowlist.find((candidate) => explains(candidate, finding));
  if (!rule) unexplained++;
  console.log(`${rule ? "allowed" : "NEW    "}  ${finding.category}  ${finding.method} ${finding.path}  ${finding.info}`);
}
console.log(`wapiti: ${findings.length} findings and anomalies, ${unexplained} not in the allowlist`);
process.exitCode = unexplained > 0 ? 1 : 0;
