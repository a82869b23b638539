#!/usr/bin/env bash
# Prints what Vistka will show of a feed, for its publisher: the posts shown (dated, undated,
# untitled), each repair, each post skipped and why, and the warnings (undated posts, relative
# URLs left, addresses on localhost). It reads the feed with the app's own parser
# (src/feed_check.rs, src/bin/check_feed.rs). Works from any directory.
#   scripts/check-feed.sh FILE_OR_URL [--wordpress] [--config FILE] [--feed-url URL] [--each]
#     FILE_OR_URL  the feed: a file, or an http(s) URL, fetched (one page of a WordPress source)
#     --wordpress  read it as WordPress REST posts (default: config.json's source.type, else
#                  JSON Feed)
#     --config     the site's config.json: its publication.utc_offset (for dates without a
#                  zone), publication.name, source.type and source.url
#     --feed-url   the address the feed is served from, which relative URLs are resolved
#                  against; a URL is its own. Default: config.json's source.url, else feed.json
#                  beside the site
#     --each       every repair and warning on a line of its own, naming the post
# Exits 1 when Vistka refuses the feed (not JSON, another format, no usable post), with the
# message a reader would see and why; 2 on a wrong command line.
set -euo pipefail
usage() {
  echo "usage: scripts/check-feed.sh FILE_OR_URL [--wordpress] [--config FILE] [--feed-url URL] [--each]" >&2
  exit 2
}
root=$(cd "$(dirname "$0")/.." && pwd)
target= args=()
while [ $# -gt 0 ]; do
  case $1 in
    --wordpress | --each) args+=("$1") ;;
    --config)
      [ $# -ge 2 ] || usage
      [ -f "$2" ] || { echo "check-feed: no config file at $2" >&2; exit 1; }
      args+=(--config "$(cd "$(dirname "$2")" && pwd)/$(basename "$2")")
      shift ;;
    --feed-url)
      [ $# -ge 2 ] || usage
      args+=(--feed-url "$2")
      shift ;;
    -*) usage ;;
    *) [ -z "$target" ] || usage; target=$1 ;;
  esac
  shift
done
[ -n "$target" ] || usage

if [[ $target =~ ^[Hh][Tt][Tt][Pp][Ss]?:// ]]; then
  file=$(mktemp)
  trap 'rm -f "$file"' EXIT
  curl --fail --silent --show-error --location --compressed --max-time 60 \
    --user-agent 'Vistka check-feed' --output "$file" "$target" ||
    { echo "check-feed: the feed at $target cannot be fetched" >&2; exit 1; }
  # The address it was fetched from comes first: a --feed-url given too overrides it.
  args=(--feed-url "$target" "${args[@]}")
elif [ -f "$target" ]; then
  file="$(cd "$(dirname "$target")" && pwd)/$(basename "$target")"
else
  echo "check-feed: no feed at $target" >&2
  exit 1
fi

cd "$root"
source scripts/env.sh
cargo run --quiet --profile prerender --bin check_feed -- "$file" "${args[@]}"
