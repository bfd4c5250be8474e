#!/usr/bin/env bash
# The security regression suite (`npm run security`; .ci/run calls it after the production build). Every gate runs,
# then the suite fails if any did:
#   static:  secretlint over the tree (.secretlintrc.json), lockfile-lint on both lockfiles (registry, HTTPS, sha512
#            integrity on every package), eslint-plugin-security's rules (eslint.config.mjs), and a CycloneDX SBOM of
#            the lockfile, written to artifacts/sbom.cdx.json;
#   dynamic: the production build (node server.mjs, FORCE_HTTPS on) behind a local TLS front: the MDN HTTP
#            Observatory's A+ and Google's CSP Evaluator (no HIGH) on /, /login and a signed-in /account, and a
#            bounded wapiti scan whose findings must all be explained in scripts/security/wapiti-allowlist.json.
# Every run also checks that the envelope gate can fail (a second front that weakens the headers must fail it);
# SECURITY_SUITE_WEAKEN=1 weakens the main front too, to watch every server-side gate go red.
# The scanners install with `npm ci` from scripts/security/package-lock.json into a cache outside the project
# (SECURITY_TOOLS_DIR), wapiti from Debian. Environment: SECURITY_PORT (3177), SECURITY_TLS_PORT (8543),
# SECURITY_DATABASE_URL (default: a fresh embedded database), SECURITY_SCAN_SECONDS (wapiti's bound, 100),
# SECURITY_SKIP_LINT=1 (CI's lint step has already run the eslint rules).
set -euo pipefail
cd "$(dirname "$0")/.."
port=${SECURITY_PORT:-3177}
tls_port=${SECURITY_TLS_PORT:-8543}
scan_seconds=${SECURITY_SCAN_SECONDS:-100}
start=$(date +%s)
step() { echo; echo "== security: $* ($(($(date +%s) - start)) s)"; }
failed=()
gate() {
  local name=$1
  shift
  if "$@"; then echo "-- pass: $name"; else echo "-- FAIL: $name"; failed+=("$name"); fi
}
[ -f .next/BUILD_ID ] || { echo "no production build: run npm run build first"; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/ci-security.XXXXXX")
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

step "tools"
tools_root=${SECURITY_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/cornerstone-security}
tools="$tools_root/$(cat scripts/security/package.json scripts/security/package-lock.json | sha256sum | cut -c1-16)"
if [ ! -f "$tools/.installed" ]; then
  rm -rf "$tools" && mkdir -p "$tools"
  cp scripts/security/package.json scripts/security/package-lock.json "$tools/"
  (cd "$tools" && npm ci --ignore-scripts --no-audit --no-fund >/dev/null)
  # The Observatory's install script downloads the HSTS preload list; a local host is on no such list anyway.
  echo '{}' >"$tools/node_modules/@mdn/mdn-http-observatory/conf/hsts-preload.json"
  touch "$tools/.installed"
fi
cp scripts/security/envelope.mjs "$tools/"
if ! command -v wapiti >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wapiti >/dev/null
fi
bin="$tools/node_modules/.bin"

step "secretlint over the tree"
# Tracked and untracked files (a secret about to be committed counts), ignored ones (node_modules, .data) not.
secretlint_tree() {
  git ls-files -z -co --exclude-standard | while IFS= read -r -d '' f; do if [ -f "$f" ]; then printf '%s\0' "$f"; fi; done |
    xargs -0 "$bin/secretlint" --secretlintrc .secretlintrc.json --maskSecrets
}
gate secretlint secretlint_tree

step "lockfile-lint"
for lockfile in package-lock.json scripts/security/package-lock.json; do
  gate "lockfile-lint $lockfile" "$bin/lockfile-lint" --path "$lockfile" --type npm --allowed-hosts npm --validate-https \
    --validate-integrity --validate-package-names --format plain
  # lockfile-lint passes an entry with no integrity at all: every installed package must carry one.
  gate "integrity on every package in $lockfile" node -e '
    const { packages } = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const bare = Object.entries(packages).filter(([path, entry]) => path && !entry.link && !entry.integrity?.startsWith("sha512-"));
    for (const [path] of bare) console.log("no sha512 integrity:", path);
    process.exit(bare.length ? 1 : 0);' "$lockfile"
done

step "eslint security rules"
eslint_has_security_rules() { npx eslint --print-config lib/env.ts | grep -q '"security/detect-eval-with-expression"'; }
gate "eslint-plugin-security is configured" eslint_has_security_rules
if [ "${SECURITY_SKIP_LINT:-}" = 1 ]; then
  echo "skipped the run itself: SECURITY_SKIP_LINT=1 (npm run lint has run the same rules)"
else
  gate "eslint (security rules included)" npx eslint --max-warnings=0 lib app server scripts
fi

step "CycloneDX SBOM"
mkdir -p artifacts
# The whole lockfile: `--omit dev` drops packages that dev tools share with the app (react and zod among them).
sbom() { npm sbom --sbom-format cyclonedx >artifacts/sbom.cdx.json; }
gate "npm sbom" sbom
gate "the SBOM parses and lists what ships" node -e '
  const bom = JSON.parse(require("fs").readFileSync("artifacts/sbom.cdx.json", "utf8"));
  const names = new Set(bom.components.map((component) => component.name));
  const missing = ["next", "react", "next-auth", "@prisma/client", "zod"].filter((name) => !names.has(name));
  console.log(`${bom.bomFormat} ${bom.specVersion}: ${bom.components.length} components`);
  process.exit(bom.bomFormat === "CycloneDX" && missing.length === 0 ? 0 : (console.log("missing:", missing), 1));'

step "production server behind a TLS front"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/key.pem" -out "$work/cert.pem" -days 1 -subj /CN=localhost \
  -addext subjectAltName=DNS:localhost,IP:127.0.0.1 2>/dev/null
database_url=${SECURITY_DATABASE_URL:-pglite:$work/db}
secret() { od -An -tx1 -N32 /dev/urandom | tr -d ' \n'; }
# One set of secrets for the seed and the server: the password hashes carry the pepper.
secrets=(AUTH_SECRET="$(secret)" PASSWORD_PEPPER="$(secret)" DATA_ENCRYPTION_KEY="$(secret)" API_JWT_SECRET="$(secret)")
# Seeded as development so the demo accounts exist for the signed-in page (the server itself runs production).
env "${secrets[@]}" DATABASE_URL="$database_url" NODE_ENV=development npm run --silent db:setup -- --demo >"$work/setup.log" 2>&1 ||
  { cat "$work/setup.log"; exit 1; }
env -i PATH="$PATH" HOME="${HOME:-/tmp}" "${secrets[@]}" NODE_ENV=production PORT="$port" HOSTNAME=127.0.0.1 \
  DATABASE_URL="$database_url" APP_URL="https://localhost:$tls_port" FORCE_HTTPS=true LOG_LEVEL=warn node server.mjs >"$work/server.log" 2>&1 &
pids+=($!)
node scripts/security/tls-front.mjs "$tls_port" "$port" "$work/key.pem" "$work/cert.pem" &
pids+=($!)
SECURITY_SUITE_WEAKEN=1 node scripts/security/tls-front.mjs "$((tls_port + 1))" "$port" "$work/key.pem" "$work/cert.pem" >/dev/null &
pids+=($!)
base="https://localhost:$tls_port"
for _ in $(seq 1 90); do curl -skf "$base/api/health/live" >/dev/null && break; sleep 1; done
curl -skf "$base/api/health/live" >/dev/null || { tail -n 30 "$work/server.log"; exit 1; }

# A signed-in session through the sign-in form's own endpoint (Auth.js credentials), as a browser gets one.
jar="$work/cookies.txt"
csrf=$(curl -sk -c "$jar" -b "$jar" "$base/api/auth/csrf" | node -pe 'JSON.parse(require("fs").readFileSync(0, "utf8")).csrfToken')
curl -sk -c "$jar" -b "$jar" -o /dev/null --data-urlencode "csrfToken=$csrf" --data-urlencode "email=demo@example.com" \
  --data-urlencode "password=paper boats drift at noon" --data-urlencode "rememberMe=false" "$base/api/auth/callback/credentials"
session_cookie=$(awk -F '\t' '$6 == "__Host-session" { print $6 "=" $7 }' "$jar")
[ -n "$session_cookie" ] || echo "sign-in as the demo user gave no session cookie"

step "MDN HTTP Observatory (A+) and CSP Evaluator (no HIGH)"
envelope() { NODE_EXTRA_CA_CERTS="$work/cert.pem" SECURITY_SUITE_COOKIE="$session_cookie" node "$tools/envelope.mjs" "$@"; }
gate "Observatory and CSP Evaluator" envelope "$port" "$tls_port" / /login signed-in:/account
# The gate must be able to fail: behind a front that weakens the headers the same check has to go red.
if envelope "$port" "$((tls_port + 1))" / >"$work/weakened.txt"; then
  cat "$work/weakened.txt" && echo "-- FAIL: the envelope gate passed weakened headers" && failed+=("envelope self-test")
else
  echo "-- pass: weakened headers fail the same gate ($(grep -c '^FAIL' "$work/weakened.txt") failures)"
fi

step "wapiti (at most $scan_seconds s)"
# Attack modules that run offline (ssrf needs wapiti's public endpoint; blindsql is timing-based and slow). The crawl
# starts at the public pages that read a query parameter too (links in emails), which no page links to.
starts=("/login?next=/account" "/reset-password?token=x" "/verify-email?token=x" "/verify-email/resend?email=a@example.com"
  "/confirm-email?token=x" "/cancel-email-change?token=x" "/email/unsubscribe?token=x" "/api/docs")
wapiti -u "$base/" "${starts[@]/#/--start=$base}" --scope folder --flush-session --store-session "$work/wapiti" --verify-ssl 0 -v 0 \
  -m xss,permanentxss,sql,exec,file,redirect,crlf,csrf,http_headers,cookieflags,csp \
  -d 3 --max-links-per-page 40 --max-scan-time "$scan_seconds" --max-attack-time 25 -t 10 \
  -f json -o "$work/wapiti.json" >"$work/wapiti.log" 2>&1 || true
if [ -f "$work/wapiti.json" ]; then
  gate "wapiti findings all explained" node scripts/security/wapiti-findings.mjs "$work/wapiti.json" scripts/security/wapiti-allowlist.json
else
  tail -n 30 "$work/wapiti.log"
  gate "wapiti wrote its report" false
fi
if grep -q '"level":50' "$work/server.log"; then
  echo "server errors during the scans:" && grep '"level":50' "$work/server.log" | head -n 5 | cut -c1-400
fi

step "done"
if [ ${#failed[@]} -gt 0 ]; then
  printf 'security suite FAILED: %s\n' "${failed[@]}"
  exit 1
fi
echo "security suite passed"
