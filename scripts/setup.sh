#!/usr/bin/env bash
# Installs whatever is missing to build, serve and test Vistka, and nothing that is present.
# Safe to run again: a second run on a ready machine takes a few seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)

# Debian packages: Chromium and its driver for the browser tests, nginx with its brotli static
# module as the real static server of the end-to-end suite, brotli to measure. For the same
# tests in the two other engines: Firefox ESR (driven over WebDriver BiDi by puppeteer-core,
# and by geckodriver for the wasm-bindgen tests); WebKitGTK's WebKitWebDriver, with its
# MiniBrowser, which needs a display, so Xvfb (xvfb-run needs xauth); and the locales to
# generate the Ukrainian one WebKitGTK takes the reader's language from.
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
command -v brotli >/dev/null || missing+=(brotli)
[ -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || missing+=(libnginx-mod-http-brotli-static)
command -v firefox-esr >/dev/null || missing+=(firefox-esr)
command -v WebKitWebDriver >/dev/null || missing+=(webkit2gtk-driver)
command -v xvfb-run >/dev/null || missing+=(xvfb)
command -v xauth >/dev/null || missing+=(xauth)
[ -f /usr/share/i18n/locales/uk_UA ] || missing+=(locales)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# uk_UA.UTF-8: WebKitGTK follows the process's locale for navigator.languages and
# Accept-Language, and the journey runs it as a Ukrainian reader's browser (tests/journey/).
if ! locale -a 2>/dev/null | grep -qix 'uk_UA\.utf-\?8'; then
  say "generating the uk_UA.UTF-8 locale for WebKitGTK"
  "${sudo_cmd[@]}" localedef -i uk_UA -f UTF-8 uk_UA.UTF-8
fi

# The pinned Rust toolchain with the wasm target (rust-toolchain.toml).
channel=$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml)
if ! rustup target list --installed --toolchain "$channel" 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "installing Rust $channel with the wasm32 target"
  rustup toolchain install "$channel" --profile minimal --component rustfmt,clippy --target wasm32-unknown-unknown
fi

# Trunk, pinned: 0.22 needs a newer rustc than ours.
if [ "$(trunk --version 2>/dev/null)" != "trunk 0.21.14" ]; then
  say "installing trunk 0.21.14 (takes a few minutes)"
  cargo install --locked trunk@0.21.14
fi

# wasm-bindgen-cli must match the wasm-bindgen in Cargo.lock exactly, and Trunk.toml must
# name the same version.
bindgen=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if ! grep -q "^wasm_bindgen = \"$bindgen\"" Trunk.toml; then
  echo "Trunk.toml [tools] wasm_bindgen must be \"$bindgen\", the version in Cargo.lock" >&2
  exit 1
fi
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $bindgen" ]; then
  say "installing wasm-bindgen-cli $bindgen"
  cargo install wasm-bindgen-cli --version "$bindgen"
fi

# geckodriver, pinned, for the wasm-bindgen tests in Firefox (the journey needs none: puppeteer
# speaks WebDriver BiDi to Firefox itself). A debug build: it only relays one session's few
# commands (the tests take as long with a release build, 17 s), and it builds in about half the
# time: 55 s against 98 s on a quiet 2-core machine, 2-3 min against 4 on a busy one.
if [ "$(geckodriver --version 2>/dev/null | sed -n 1p)" != "geckodriver 0.37.1" ]; then
  say "installing geckodriver 0.37.1 (debug build, 1 to 3 minutes)"
  cargo install --locked --debug geckodriver@0.37.1
fi

# npm tools: wasm-opt (binaryen) for Trunk, Playwright for the e2e suite in Chromium,
# puppeteer-core and selenium-webdriver for the journey in Firefox and WebKit (neither
# downloads a browser). Reinstalled only when package-lock.json changed since the last install.
if ! cmp -s package-lock.json node_modules/.package-lock.stamp 2>/dev/null; then
  say "installing npm tools"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.package-lock.stamp
fi

cargo fetch --quiet
