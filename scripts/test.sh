#!/usr/bin/env bash
# Installs what the tests need (pnpm, dependencies, Chromium) and runs every test suite, including
# the ones in real Chromium. Ends with a line "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

ensure_pnpm
install_dependencies
ensure_chromium
say "checking the architecture invariants"
bash scripts/check-invariants.sh
say "type-checking"
"${PNPM[@]}" exec tsc -b
"${PNPM[@]}" exec tsc -p packages/core/tsconfig.json
"${PNPM[@]}" exec tsc -p apps/rest/tsconfig.json
"${PNPM[@]}" exec tsc -p apps/server/tsconfig.json
"${PNPM[@]}" exec tsc -p apps/webhooks/tsconfig.json
"${PNPM[@]}" exec tsc -p packages/store/tsconfig.json
"${PNPM[@]}" exec tsc -p packages/media-fetch/tsconfig.json

mkdir -p .test-results
status=0
"${PNPM[@]}" exec vitest run --reporter=default --reporter=json --outputFile.json=.test-results/vitest.json "$@" || status=$?
node scripts/print-test-summary.mjs .test-results/vitest.json
exit "$status"
