#!/usr/bin/env bash
# Fuzzes every parser of outside data (JSON Feed, WordPress, article HTML, config.json, the
# stored consent record) for SECONDS each (default 60), seeded with the real fixtures (the
# real-feed corpus, tests/fixtures/feeds/, each file over 64 KB cut to its first items) and
# fuzz/seeds/ (one input holding every repair the parsers make), and prints each target's
# executions and crashes. The feed targets also write the publisher's report
# (scripts/check-feed.sh) from each input. Needs nightly Rust and cargo-fuzz, which it
# installs if missing. Not part of CI: a fuzzing run is a measurement, not a test.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked

seed() { mkdir -p "fuzz/corpus/$target" && cp "$@" "fuzz/corpus/$target/"; }
# Feeds as seeds: each file as it is, or over 64 KB its first items (as many as fit), so the
# fuzzer starts from every quirk of the corpus without spending its time on megabytes.
seed_feeds() {
  mkdir -p "fuzz/corpus/$target"
  python3 - "fuzz/corpus/$target" "$@" <<'PY'
import json, os, shutil, sys
out, files = sys.argv[1], sys.argv[2:]
for path in files:
    target = os.path.join(out, os.path.basename(path))
    if os.path.getsize(path) <= 65536:
        shutil.copyfile(path, target)
        continue
    document = json.loads(open(path, encoding='utf-8-sig').read())
    items = document.get('items') if isinstance(document, dict) else document
    if not isinstance(items, list):
        continue
    text = None
    for count in range(1, len(items) + 1):
        cut = items[:count]
        longer = json.dumps(dict(document, items=cut) if isinstance(document, dict) else cut, ensure_ascii=False)
        if text is not None and len(longer.encode()) > 65536:
            break
        text = longer
    if text is not None:
        open(target, 'w', encoding='utf-8').write(text)
PY
}
mkdir -p fuzz/logs
printf '%-16s %12s %10s %8s\n' target executions exec/s crashes
for target in json_feed wordpress sanitize config consent_record; do
  case $target in
    json_feed) seed_feeds public/feed.json tests/fixtures/feeds/{jsonfeed,negative}/*.json fuzz/seeds/json_feed/* ;;
    wordpress) seed_feeds tests/fixtures/wordpress/*.json tests/fixtures/feeds/wordpress/*.json fuzz/seeds/wordpress/* ;;
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
