#!/usr/bin/env bash
# The architecture invariants a grep can check (docs: architecture notes, "Invariants").
set -uo pipefail
cd "$(dirname "$0")/.."
fail=0
sources() { git ls-files -co --exclude-standard -- 'packages/*.ts' 'apps/*.ts' | grep -v -E '(^|/)(dist|node_modules)/'; }
production() { sources | grep -v -E '\.test\.ts$|/test/'; }

hits=$(production | xargs -r grep -l -E "from ['\"](whatsapp-web\.js|puppeteer)['\"]|import\(['\"](whatsapp-web\.js|puppeteer)['\"]\)" | grep -v '^packages/core/src/drivers/wwebjs/')
[ -n "$hits" ] && { echo "whatsapp-web.js or puppeteer imported outside packages/core/src/drivers/wwebjs/: $hits"; fail=1; }

hits=$(sources | grep '^packages/core/' | xargs -r grep -l -E "from ['\"](fastify|@fastify/|@modelcontextprotocol/|node:http)")
[ -n "$hits" ] && { echo "packages/core imports an HTTP or MCP library: $hits"; fail=1; }

hits=$(production | grep '^apps/' | xargs -r grep -l -E "drivers/(wwebjs|sandbox)")
[ -n "$hits" ] && { echo "an app imports a driver directly: $hits"; fail=1; }

hits=$(production | xargs -r grep -l 'process\.env' | grep -v '^packages/core/src/config/')
[ -n "$hits" ] && { echo "process.env read outside packages/core/src/config: $hits"; fail=1; }

hits=$(sources | xargs -r wc -l | awk '$2 != "total" && $1 > 400 {print $2" ("$1" lines)"}')
[ -n "$hits" ] && { echo "source files over 400 lines: $hits"; fail=1; }

[ "$fail" = 0 ] && echo "invariants hold"
exit "$fail"
