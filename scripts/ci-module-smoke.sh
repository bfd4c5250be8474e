#!/usr/bin/env bash
# The module generator end to end, as a newcomer runs it: in a scratch copy of this checkout (tracked and
# untracked files, not ignored ones), `npm run module:new -- ci-widgets`, write its migration, regenerate the
# Prisma client, then format check, typecheck, lint, knip and the generated module's tests (on PGlite).
# Called by .ci/run; runs alone too: scripts/ci-module-smoke.sh [--keep] (--keep leaves the copy for a look).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
keep=${1:-}
scratch=$(mktemp -d "${TMPDIR:-/tmp}/module-smoke-XXXXXX")
if [ "$keep" = --keep ]; then echo "scratch copy: $scratch"; else trap 'rm -rf "$scratch"' EXIT; fi
start=$(date +%s)
step() { echo; echo "== module smoke: $* ($(( $(date +%s) - start )) s)"; }

step "copy the checkout"
cd "$repo"
git ls-files -z --cached --others --exclude-standard | tar --null --ignore-failed-read -T - -cf - 2>/dev/null | tar -xf - -C "$scratch"
# Hard links make the 1 GB of node_modules free; a copy on another file system falls back to a symlink.
cp -al node_modules "$scratch/node_modules" 2>/dev/null || { rm -rf "$scratch/node_modules"; ln -s "$repo/node_modules" "$scratch/node_modules"; }
cd "$scratch"

step "npm run module:new -- ci-widgets"
npm run --silent module:new -- ci-widgets
# The client first: generated/ is not copied, and db.ts imports it.
step "prisma generate"
node scripts/prisma-generate.mjs >/dev/null
step "npm run db:migration -- ci_widgets"
npm run --silent db:migration -- ci_widgets
step "format check of what the generator wrote"
npx prettier --check modules/index.ts modules/ci-widgets tests/modules/ci-widgets.test.ts
step "typecheck"
npm run --silent typecheck
step "lint of what the generator wrote (CI has linted the rest)"
npx eslint --max-warnings=0 modules/index.ts modules/ci-widgets tests/modules/ci-widgets.test.ts
step "knip"
npm run --silent knip
step "the generated module's tests"
npx vitest run tests/modules/ci-widgets.test.ts
step "done"
