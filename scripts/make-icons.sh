#!/usr/bin/env bash
# Makes the app icons the web app manifest names (public/icons/: 192 and 512 px, and a maskable
# 512 px one whose logo sits inside the middle 80 %, the safe zone launchers may crop to) from
# an SVG logo, by a headless Chromium screenshot. The committed icons are made from
# public/favicon.svg; a publisher with another logo runs this once and commits the result:
#   scripts/make-icons.sh [LOGO.svg] [BACKGROUND]
set -euo pipefail
cd "$(dirname "$0")/.."
logo=${1:-public/favicon.svg} background=${2:-#9b1c1f}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cp "$logo" "$tmp/logo.svg"
shot() { # size padding-percent background file
  cat > "$tmp/icon.html" <<HTML
<!doctype html><html><body style="margin:0;background:$3"><img src="logo.svg"
 style="display:block;box-sizing:border-box;width:$1px;height:$1px;padding:$2%"></body></html>
HTML
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --default-background-color=00000000 \
    --screenshot="$4" --window-size="$1,$1" "file://$tmp/icon.html" 2>/dev/null
}
shot 192 0 transparent public/icons/icon-192.png
shot 512 0 transparent public/icons/icon-512.png
shot 512 10 "$background" public/icons/maskable-512.png
ls -l public/icons
