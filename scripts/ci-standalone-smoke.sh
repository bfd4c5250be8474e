#!/usr/bin/env bash
# The container build as the Dockerfile makes it: `NEXT_OUTPUT=standalone npm run build`, the static files and
# server.mjs copied beside it, started from .next/standalone with a production environment on PostgreSQL; then
# liveness, readiness, the sign-in page and its security headers, and the refusal of the embedded database.
# Called by .ci/run after the e2e suite (it rebuilds .next); runs alone too:
#   scripts/ci-standalone-smoke.sh postgres://user:pass@host:5432/empty_database
set -euo pipefail
database_url=${1:?usage: scripts/ci-standalone-smoke.sh <postgres url of an empty database>}
cd "$(dirname "$0")/.."
port=${STANDALONE_PORT:-3400}
base="http://127.0.0.1:$port"
start=$(date +%s)
step() { echo; echo "== standalone smoke: $* ($(( $(date +%s) - start )) s)"; }

step "standalone build"
NEXT_OUTPUT=standalone npm run build >/dev/null
cp -r .next/static .next/standalone/.next/static
cp server.mjs .next/standalone/server.mjs
cp -r server .next/standalone/server
[ -d public ] && cp -r public .next/standalone/public

step "migrate and seed the database"
DATABASE_URL="$database_url" npm run --silent db:migrate >/dev/null
DATABASE_URL="$database_url" npm run --silent db:seed >/dev/null

secret() { od -An -tx1 -N32 /dev/urandom | tr -d ' \n'; }
# Always called in a subshell ($(…) or &), so the cd stays there and exec makes $! the server (through timeout,
# which passes a signal on to node).
run_server() {
  cd .next/standalone
  exec env -i PATH="$PATH" HOME="${HOME:-/tmp}" NODE_ENV=production PORT="$port" HOSTNAME=127.0.0.1 \
    DATABASE_URL="$1" APP_URL="$base" FORCE_HTTPS=false LOG_LEVEL=warn \
    AUTH_SECRET="$(secret)" PASSWORD_PEPPER="$(secret)" DATA_ENCRYPTION_KEY="$(secret)" API_JWT_SECRET="$(secret)" \
    timeout "${2:-0}" node server.mjs
}

step "the embedded database is refused"
if output=$(run_server "pglite:/tmp/standalone-smoke-$$" 60 2>&1); then
  echo "the standalone server started on the embedded database"; exit 1
fi
grep -q "embedded database cannot serve a standalone" <<<"$output" || { echo "$output" | tail -n 20; exit 1; }

step "start on PostgreSQL"
run_server "$database_url" &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf "$base/api/health/live" >/dev/null && break; sleep 1; done

step "health, the sign-in page and its headers"
curl -sf "$base/api/health/live" | grep -q '"status":"ok"'
curl -sf "$base/api/health/ready" >/dev/null
headers=$(curl -s -o /tmp/standalone-login.html -D - "$base/login")
grep -qi "^HTTP/1.1 200" <<<"$headers" || { echo "$headers"; exit 1; }
grep -q "Sign in" /tmp/standalone-login.html
for header in "content-security-policy: .*script-src 'self' 'nonce-" "strict-transport-security: max-age=" \
  "x-content-type-options: nosniff" "referrer-policy: " "permissions-policy: " "cross-origin-opener-policy: same-origin"; do
  grep -qiE "^$header" <<<"$headers" || { echo "missing: $header"; echo "$headers"; exit 1; }
done
echo "standalone build: health, readiness, /login and its security headers as expected"
