#!/usr/bin/env bash
# Builds the deployable site (release, wasm-opt -Oz) with its strict CSP, host files and
# precompressed copies (scripts/postbuild.mjs).
#   scripts/build.sh                              the site at the root, into dist/
#   scripts/build.sh --base /news/ --dist out/    the site under /news/, into out/
set -euo pipefail
cd "$(dirname "$0")/.."
base=/ dist=dist
while [ $# -gt 0 ]; do
  case $1 in
    --base) base=$2; shift 2 ;;
    --dist) dist=$2; shift 2 ;;
    *) echo "usage: scripts/build.sh [--base /path/] [--dist dir]" >&2; exit 2 ;;
  esac
done
[ -n "${VISTKA_SKIP_SETUP:-}" ] || scripts/setup.sh
source scripts/env.sh
VISTKA_BASE=$base trunk build --release --offline --public-url "$base" --dist "$dist"
node scripts/postbuild.mjs "$dist" "$base"
