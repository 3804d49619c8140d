#!/usr/bin/env bash
# Runs the official MCP conformance suite's generic server scenarios against the gateway (sandbox
# driver) and prints one line per scenario. Needs the npm registry (node@22 and the suite are
# fetched by npx; the suite requires Node 22). Not part of `npm test`.
set -uo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-18799}"
SCENARIOS=(server-initialize ping tools-list logging-set-level resources-list resources-subscribe resources-unsubscribe prompts-list server-sse-multiple-streams dns-rebinding-protection)
AUTH_DIR="$(mktemp -d)"
WHATSAPP_DRIVER=sandbox WHATSAPP_MCP_PORT="$PORT" WHATSAPP_AUTH_DIR="$AUTH_DIR" WHATSAPP_PRINT_QR=false WHATSAPP_LOG_LEVEL=warn \
  node --conditions=@wa/source --import tsx apps/server/src/main.ts &
GATEWAY=$!
trap 'kill $GATEWAY 2>/dev/null; rm -rf "$AUTH_DIR"' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.2; done

passed=0; failed=0
for scenario in "${SCENARIOS[@]}"; do
  log="$(mktemp)"
  if timeout 120 npx -y -p node@22 -p @modelcontextprotocol/conformance@0.1.16 -c "conformance server --url http://localhost:$PORT/mcp --scenario $scenario" >"$log" 2>&1; then
    echo "PASS $scenario"; passed=$((passed + 1))
  else
    echo "FAIL $scenario"; sed -n '1,400p' "$log" | grep -v '^npm warn' | tail -15 | sed 's/^/    /'; failed=$((failed + 1))
  fi
  rm -f "$log"
done
echo "conformance: $passed passed, $failed failed"
