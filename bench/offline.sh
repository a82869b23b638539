#!/usr/bin/env bash
# Offline reading's figures (bench/offline.mjs): builds this tree into bench/out/after and the
# revision REV (default: the commit before this branch's first, main) into
# bench/out/before-<REV>, in a worktree of its own with its own Cargo target folder (sharing
# one between worktrees gives stale builds), then measures both. Not part of CI.
#   bench/offline.sh [REV] [--runs 7]
set -euo pipefail
cd "$(dirname "$0")/.."
rev=main runs=7
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    -*) echo "usage: bench/offline.sh [REV] [--runs N]" >&2; exit 2 ;;
    *) rev=$1; shift ;;
  esac
done
scripts/setup.sh
source scripts/env.sh
root=$PWD
commit=$(git rev-parse --short "$rev")
before=bench/out/before-$commit
VISTKA_SKIP_SETUP=1 scripts/build.sh --dist bench/out/after
if [ ! -f "$before/index.html" ]; then
  tree=$(mktemp -d)
  git worktree add --detach "$tree" "$commit"
  trap 'git worktree remove --force "$tree"' EXIT
  # The first time, every crate is compiled for this target folder (minutes); later, only Vistka.
  (cd "$tree" && ln -s "$root/node_modules" node_modules &&
    CARGO_TARGET_DIR=$root/target/bench-before VISTKA_SKIP_SETUP=1 scripts/build.sh --dist "$root/$before")
fi
node bench/offline.mjs --before "$before" --after bench/out/after --runs "$runs"
