#!/usr/bin/env bash
# Installs what the gateway needs (pnpm, dependencies, a build, Chromium where it can) and starts it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

ensure_pnpm
install_dependencies
say "building"
"${PNPM[@]}" run --silent build >/dev/null
if [ "${WHATSAPP_DRIVER:-wwebjs}" != "sandbox" ]; then
  ensure_chromium || say "starting anyway: the status will report the missing browser (WHATSAPP_DRIVER=sandbox needs none)"
fi
say "starting the gateway on ${WHATSAPP_MCP_HOST:-127.0.0.1}:${WHATSAPP_MCP_PORT:-8790}"
exec node apps/server/dist/main.js
