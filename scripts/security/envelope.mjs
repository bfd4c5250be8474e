// The security envelope of each page as a browser on HTTPS sees it: the MDN HTTP Observatory's grade and tests
// (run locally: the same algorithm as @mdn/mdn-http-observatory's src/scanner/index.js, with ports and a path,
// which its scan() does not take) and Google's CSP Evaluator on the page's Content-Security-Policy.
//   node envelope.mjs <httpPort> <httpsPort> <path>… ("signed-in:/account" sends SECURITY_SUITE_COOKIE)
// Fails (exit 1) below a score of 100 (A+), on a HIGH CSP finding, or when a page does not answer 200 itself.
// scripts/ci-security.sh copies it beside the installed tools, where its imports resolve.
import { MINIMUM_SCORE_FOR_EXTRA_CREDIT } from "@mdn/mdn-http-observatory/src/grader/charts.js";
import { getGradeForScore, getScoreModifier } from "@mdn/mdn-http-observatory/src/grader/grader.js";
import { ALL_TESTS, NUM_TESTS } from "@mdn/mdn-http-observatory/src/constants.js";
import { retrieve } from "@mdn/mdn-http-observatory/src/retriever/retriever.js";
import { CspEvaluator } from "csp_evaluator/dist/evaluator.js";
import { CspParser } from "csp_evaluator/dist/parser.js";

const MIN_SCORE = 100;
const SEVERITY = {
  10: "HIGH",
  20: "SYNTAX",
  30: "MEDIUM",
  40: "HIGH_MAYBE",
  45: "STRICT_CSP",
  50: "MEDIUM_MAYBE",
  60: "INFO",
  100: "NONE",
};
const [httpPort, httpsPort, ...pages] = process.argv.slice(2);
const cookie = process.env.SECURITY_SUITE_COOKIE ?? "";
let failed = false;
const fail = (message) => {
  console.log(`FAIL ${message}`);
  failed = true;
};

for (const page of pages) {
  const signedIn = page.startsWith("signed-in:");
  const path = signedIn ? page.slice("signed-in:".length) : page;
  if (signedIn && !cookie) fail(`${path}: no session cookie (SECURITY_SUITE_COOKIE) for a signed-in page`);
  const headers = ["Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"];
  if (signedIn && cookie) headers.push(`Cookie: ${cookie}`);
  const r = await retrieve("localhost", { httpPort, httpsPort, path, headers });
  const answer = r.responses.auto;
  console.log(`\n== ${path}${signedIn ? " (signed in)" : ""}`);
  if (!answer) {
    fail(`${path}: the site did not answer`);
    continue;
  }
  const finalUrl = r.session?.redirectHistory.at(-1)?.url;
  if (answer.status !== 200 || (finalUrl && finalUrl.pathname !== path))
    fail(`${path}: answered ${answer.status} at ${finalUrl?.href ?? "?"} instead of the page itself`);

  let extraCredit = 100;
  let uncurved = 100;
  for (const test of ALL_TESTS) {
    const result = test(r);
    const modifier = result.result ? getScoreModifier(result.result) : 0;
    extraCredit += modifier;
    if (modifier < 0) uncurved += modifier;
    console.log(`${result.pass ? "PASS" : "FAIL"}\t${String(modifier).padStart(4)}\t${result.constructor.name}\t${result.result}`);
  }
  const { grade, score } = getGradeForScore(uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? extraCredit : uncurved);
  console.log(`Observatory: grade ${grade}, score ${score} (of the ${NUM_TESTS} tests above)`);
  if (score < MIN_SCORE) fail(`${path}: Observatory score ${score} (${grade}) is below ${MIN_SCORE} (A+)`);

  const policy = answer.headers["content-security-policy"];
  if (!policy) {
    fail(`${path}: no Content-Security-Policy header`);
    continue;
  }
  const findings = new CspEvaluator(new CspParser(policy).csp).evaluate();
  for (const finding of findings)
    console.log(`CSP ${SEVERITY[finding.severity] ?? finding.severity}\t${finding.directive}\t${finding.description}`);
  const high = findings.filter((finding) => finding.severity === 10);
  console.log(`CSP Evaluator: ${findings.length} findings, ${high.length} HIGH`);
  if (high.length > 0) fail(`${path}: ${high.length} HIGH CSP Evaluator finding(s)`);
}

console.log(failed ? "\nsecurity envelope: FAILED" : "\nsecurity envelope: every page A+ with no HIGH CSP finding");
process.exitCode = failed ? 1 : 0;
