#!/usr/bin/env bash
# Prints the measurement of the real-feed corpus, tests/fixtures/feeds/ (see its SOURCES.md),
# as a Markdown table: per file the posts it holds, those shown (undated and untitled among
# them), the posts repaired and how, and those skipped and why. The table is computed by the
# native test feed::corpus_tests while it asserts the goal, every post with a title or
# content shown; a file short of it is named after the table, and the script then fails.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
cargo test --quiet --lib feed::corpus_tests::every_post_with_a_title_or_content_is_shown \
  -- --exact --nocapture >"$log" 2>&1 || status=$?
grep '^|' "$log" || { cat "$log" >&2; exit 1; }
[ "$status" -eq 0 ] || sed -n '/panicked/,$p' "$log" >&2
exit "$status"
