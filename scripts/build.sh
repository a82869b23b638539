#!/usr/bin/env bash
# Builds the deployable site: the app (release, wasm-opt -Oz), its strict CSP and host files
# (scripts/postbuild.mjs), a prerendered HTML document for every view of the feed (the Rust
# prerenderer, src/bin/prerender.rs, rendering the app's own components) and precompressed
# copies (scripts/precompress.mjs).
#   scripts/build.sh [--base /news/] [--dist DIR] [--feed FILE_OR_URL] [--config FILE]
#     --base    the path the site is served under (default /)
#     --dist    the output folder (default dist)
#     --config  the site's config.json (default public/config.json); copied to DIR/config.json
#     --feed    the feed to prerender. Default: public/feed.json for a JSON Feed source at the
#               default feed.json, else the configured source.url, fetched (a WordPress source
#               with all its pages). For a JSON Feed source at feed.json the file becomes
#               DIR/feed.json, so the pages and the app's first fetch agree.
set -euo pipefail
cd "$(dirname "$0")/.."
base=/ dist=dist config=public/config.json feed=
usage() { echo "usage: scripts/build.sh [--base /path/] [--dist DIR] [--feed FILE_OR_URL] [--config FILE]" >&2; exit 2; }
while [ $# -gt 0 ]; do
  [ $# -ge 2 ] || usage
  case $1 in
    --base) base=$2 ;;
    --dist) dist=$2 ;;
    --feed) feed=$2 ;;
    --config) config=$2 ;;
    *) usage ;;
  esac
  shift 2
done
[ -f "$config" ] || { echo "build: no config file at $config" >&2; exit 1; }
[ -n "${VISTKA_SKIP_SETUP:-}" ] || scripts/setup.sh
source scripts/env.sh

say() { printf '\033[1mbuild:\033[0m %s\n' "$*"; }
started=$SECONDS
say "the app (trunk, release) into $dist for $base"
VISTKA_BASE=$base trunk build --release --offline --public-url "$base" --dist "$dist"
node scripts/postbuild.mjs "$dist" "$base" "$config"
cp "$config" "$dist/config.json"
# The feed the pages are made from, as a file: copied, or fetched from the source.
feed_file=$(node scripts/build-feed.mjs "$dist" "$feed")
say "prerendering every view from $feed_file"
VISTKA_BASE=$base cargo run --quiet --profile prerender --bin prerender -- \
  --dist "$dist" --feed "$feed_file" --config "$dist/config.json"
node scripts/offline.mjs "$dist" "$base"
node scripts/precompress.mjs "$dist"
say "done in $((SECONDS - started)) s"
