#!/usr/bin/env bash
# Builds the deployable site into dist/ (release, wasm-opt -Oz), with its strict CSP and host
# header files (scripts/postbuild.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh
trunk build --release --offline
node scripts/postbuild.mjs dist
