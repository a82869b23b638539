#!/usr/bin/env bash
# Installs what is missing, then builds the site as it ships (scripts/build.sh: prerendered
# pages, CSP, host files, precompressed copies) and serves dist/ with the nginx.conf the build
# wrote, at http://127.0.0.1:8080/ (PORT to change). Rebuilds when src/, style/, public/ or
# index.html change, and says so.
#
#   scripts/serve.sh         what ships, rebuilt on change
#   scripts/serve.sh --dev   Trunk's fast loop for developers: a debug build that reloads the
#                            page on change, but no prerendered pages, no CSP, no host headers
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh

say() { printf '\033[1mserve:\033[0m %s\n' "$*"; }
port=${PORT:-8080}

if [ "${1:-}" = "--dev" ]; then
  exec trunk serve --offline --address 127.0.0.1 --port "$port"
fi

build() { VISTKA_SKIP_SETUP=1 scripts/build.sh; }
build

# nginx with the server block the build ships, as the e2e suite runs it (scripts/nginx-local.mjs).
run=$PWD/target/serve
mkdir -p "$run"
rm -f "$run"/site-*.conf
node --input-type=module -e "
  import { writeLocalSite, writeMainConfig } from './scripts/nginx-local.mjs';
  writeLocalSite('$run', 'dist', $port, '$PWD/dist');
  writeMainConfig('$run');
"
nginx -p "$run" -c "$run/nginx.conf" &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
say "serving dist/ at http://127.0.0.1:$port/ with dist/nginx.conf; Ctrl-C stops"

# Polled rather than watched: inotify tools are one more package, and a 2 s poll of a few
# hundred files costs nothing.
stamp=$run/built
touch "$stamp"
while sleep 2; do
  kill -0 "$server" 2>/dev/null || { say "nginx stopped"; exit 1; }
  changed=$(find src style public index.html -newer "$stamp" -print -quit)
  [ -n "$changed" ] || continue
  touch "$stamp"
  say "$changed changed: rebuilding"
  if build; then
    say "rebuilt: reload the page"
  else
    say "the build failed (above): fix it and save again"
  fi
done
