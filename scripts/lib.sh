# Shared set-up steps for start.sh and test.sh: pnpm at the pinned version, dependencies, Chromium.
# Sourced, not run.
PNPM_VERSION=12.4.2
export TURBO_TELEMETRY_DISABLED=1
export COREPACK_ENABLE_DOWNLOAD_PROMPT=0
# better-sqlite3 compiles from source when its prebuilt binary cannot be downloaded; node-gyp then
# needs Node's headers, which Debian's nodejs package installs under /usr/include/node.
if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ]; then export npm_config_nodedir=/usr; fi

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

ensure_pnpm() {
  if [ "$(pnpm --version 2>/dev/null)" = "$PNPM_VERSION" ]; then PNPM=(pnpm); return; fi
  say "installing pnpm $PNPM_VERSION"
  if npm install --global --silent "pnpm@$PNPM_VERSION" >/dev/null 2>&1 && [ "$(pnpm --version 2>/dev/null)" = "$PNPM_VERSION" ]; then
    PNPM=(pnpm)
  else
    # No permission for a global install: run the pinned pnpm through npx instead.
    PNPM=(npx --yes "pnpm@$PNPM_VERSION")
  fi
}

install_dependencies() {
  say "installing dependencies"
  "${PNPM[@]}" install --frozen-lockfile --reporter=silent
}

find_chromium() {
  local candidate
  for candidate in "${WHATSAPP_CHROME_EXECUTABLE:-}" /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome /usr/bin/google-chrome-stable /snap/bin/chromium; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then printf '%s\n' "$candidate"; return 0; fi
  done
  return 1
}

# Installs Debian's Chromium when it is missing and we may (root with apt-get). Returns non-zero,
# with a message saying how, when it cannot.
ensure_chromium() {
  if find_chromium >/dev/null; then return 0; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing Chromium from Debian's packages (about a minute)"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    find_chromium >/dev/null && return 0
  fi
  cat >&2 <<'MSG'
Chromium was not found. Install it, then run this command again:
  Debian/Ubuntu:  sudo apt-get install -y chromium      (or chromium-browser)
  elsewhere:      install Google Chrome or Chromium and set WHATSAPP_CHROME_EXECUTABLE=/path/to/chrome
MSG
  return 1
}
