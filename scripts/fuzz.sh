#!/usr/bin/env bash
# Fuzzes every parser of outside data (JSON Feed, WordPress, article HTML, config.json, the
# stored consent record) for SECONDS each (default 60), seeded with the real fixtures, and
# prints each target's executions and crashes. Needs nightly Rust and cargo-fuzz, which it
# installs if missing. Not part of CI: a fuzzing run is a measurement, not a test.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked

seed() { mkdir -p "fuzz/corpus/$target" && cp "$@" "fuzz/corpus/$target/"; }
mkdir -p fuzz/logs
printf '%-16s %12s %10s %8s\n' target executions exec/s crashes
for target in json_feed wordpress sanitize config consent_record; do
  case $target in
    json_feed) seed public/feed.json ;;
    wordpress) seed tests/fixtures/wordpress/*.json ;;
    sanitize)
      mkdir -p "fuzz/corpus/$target"
      python3 -c "
import json, hashlib
for entry in json.load(open('tests/fixtures/xss/dompurify-payloads.json')):
    data = entry['payload'].encode()
    open('fuzz/corpus/$target/' + hashlib.sha1(data).hexdigest(), 'wb').write(data)" ;;
    config) seed public/config.json ;;
    consent_record) mkdir -p "fuzz/corpus/$target"
      printf '%s' '{"version":1,"revision":1,"given_at":"2026-11-25T10:00:00Z","id":"x","analytics":true,"media":false}' > "fuzz/corpus/$target/record" ;;
  esac
  log="fuzz/logs/$target.log"
  cargo +nightly fuzz run "$target" "fuzz/corpus/$target" -- -max_total_time="$seconds" -max_len=262144 -rss_limit_mb=4096 >"$log" 2>&1 || true
  runs=$(grep -oE 'Done [0-9]+ runs' "$log" | grep -oE '[0-9]+' | tail -1 || true)
  crashes=$(find "fuzz/artifacts/$target" -name 'crash-*' 2>/dev/null | wc -l || true)
  printf '%-16s %12s %10s %8s\n' "$target" "${runs:-?}" "$(( ${runs:-0} / seconds ))" "$crashes"
  # A crash fails the run, and so does a target that did not build or stopped without one.
  if [ "$crashes" -gt 0 ]; then
    failed=1
  elif [ -z "$runs" ]; then
    echo "  $target did not run: see $log" >&2
    failed=1
  fi
done
exit "${failed:-0}"
