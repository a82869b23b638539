#!/usr/bin/env bash
# Benchmarks the release site against the plain-JS baseline in bench/baseline/ (README.md,
# "Benchmark"): builds dist/, serves feeds of 30, 1,000 and 10,000 items with the shipped
# nginx.conf, measures both sites in headless Chromium and prints the table. Not part of CI:
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
scripts/setup.sh
VISTKA_SKIP_SETUP=1 scripts/build.sh
source scripts/env.sh
node bench/prepare.mjs "$sizes" "$port"
nginx -p bench/out/nginx -c "$PWD/bench/out/nginx/nginx.conf" &
nginx_pid=$!
trap 'kill $nginx_pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  curl -fs -o /dev/null "http://127.0.0.1:$port/" && break
  sleep 0.1
done
node bench/measure.mjs --origin-port "$port" --sizes "$sizes" --runs "$runs" $lighthouse
