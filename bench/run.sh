#!/usr/bin/env bash
# Benchmarks the prerendered release site against the plain-JS baseline in bench/baseline/ and
# against its own pages with their scripts removed, the static floor (README.md, "Benchmark"):
# for feeds of 30, 1,000 and 10,000 items, builds one site per feed (scripts/build.sh
# --feed, so its prerendered pages match it), lays out the baseline and the static floor beside
# it, serves all of them with the shipped nginx.conf, measures the three in headless Chromium
# and prints the tables; then search on the largest site (bench/search.mjs). Not part of CI:
# its figures are reported, not asserted.
#   bench/run.sh [--runs 7] [--sizes 30,1000,10000] [--no-lighthouse]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=7 sizes=30,1000,10000 lighthouse=
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    --no-lighthouse) lighthouse=--no-lighthouse; shift ;;
    *) echo "usage: bench/run.sh [--runs N] [--sizes 30,1000,10000] [--no-lighthouse]" >&2; exit 2 ;;
  esac
done
port=${BENCH_PORT:-4950}
started=$SECONDS
scripts/setup.sh
source scripts/env.sh
mkdir -p bench/out/feeds
: > bench/out/build-times.txt
for size in ${sizes//,/ }; do
  echo "bench: building the site for $size items" >&2
  node bench/make-feed.mjs "$size" "bench/out/feeds/feed-$size.json"
  rm -rf "bench/out/site-$size"
  build_started=$SECONDS
  VISTKA_SKIP_SETUP=1 scripts/build.sh --feed "bench/out/feeds/feed-$size.json" --dist "bench/out/site-$size"
  echo "$size $((SECONDS - build_started))" >> bench/out/build-times.txt
done
node bench/prepare.mjs "$sizes" "$port"
echo "bench: sites ready after $((SECONDS - started)) s" >&2
nginx -p bench/out/nginx -c "$PWD/bench/out/nginx/nginx.conf" &
nginx_pid=$!
trap 'kill $nginx_pid 2>/dev/null || true' EXIT
for conf in bench/out/nginx/site-*.conf; do
  listen=${conf##*/site-}
  for _ in $(seq 50); do
    curl -fs -o /dev/null "http://127.0.0.1:${listen%.conf}/" && break
    sleep 0.1
  done
done
node bench/measure.mjs --origin-port "$port" --sizes "$sizes" --runs "$runs" $lighthouse
# Search (issue 17) on the largest site, served on the last size's port (bench/layout.mjs), and
# the memory its index takes, measured natively on the same 10,000 items.
count=$(tr ',' '\n' <<< "$sizes" | wc -l)
node bench/search.mjs --url "http://127.0.0.1:$((port + 2 * (count - 1)))/" --runs "$runs"
cargo test --quiet --profile prerender --lib search::tests::ten_thousand -- --nocapture 2>&1 | grep '^search index'
echo "bench: done in $((SECONDS - started)) s" >&2
