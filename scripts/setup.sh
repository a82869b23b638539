#!/usr/bin/env bash
# Installs whatever is missing to build, serve and test Vistka, and nothing that is present.
# Safe to run again: a second run on a ready machine takes a few seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

# Runs one installation step: says what it installs and why before it starts, and how long it
# took when it ends, so no step runs silent for minutes.
step() {
  local what=$1
  shift
  say "$what"
  local started=$SECONDS
  "$@"
  say "  done in $((SECONDS - started)) s"
}

sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
apt_install() {
  "${sudo_cmd[@]}" apt-get update -qq
  # A fresh machine's unattended-upgrades may hold dpkg's lock for minutes: wait for it rather
  # than fail (docs/TROUBLESHOOTING.md).
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 \
    install -y -qq "$@" >/dev/null
}

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
  step "installing ${missing[*]} (apt): the browsers, drivers and server the tests use" \
    apt_install "${missing[@]}"
fi

# uk_UA.UTF-8: WebKitGTK follows the process's locale for navigator.languages and
# Accept-Language, and the journey runs it as a Ukrainian reader's browser (tests/journey/).
if ! locale -a 2>/dev/null | grep -qix 'uk_UA\.utf-\?8'; then
  step "generating the uk_UA.UTF-8 locale for WebKitGTK" \
    "${sudo_cmd[@]}" localedef -i uk_UA -f UTF-8 uk_UA.UTF-8
fi

# The pinned Rust toolchain with the wasm target (rust-toolchain.toml).
channel=$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml)
if ! rustup target list --installed --toolchain "$channel" 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  step "installing Rust $channel with the wasm32 target (rust-toolchain.toml)" \
    rustup toolchain install "$channel" --profile minimal --component rustfmt,clippy --target wasm32-unknown-unknown
fi

# Trunk, pinned: 0.22 needs a newer rustc than ours. A debug build: a build tool's own speed
# hardly matters here (a debug Trunk built a byte-identical dist/ in 33 s), while its release
# build is most of a fresh machine's wait (3 min 57 s debug, measured, against the bulk of 44
# minutes with release on a busy 2-core machine; see issue 18).
if [ "$(trunk --version 2>/dev/null)" != "trunk 0.21.14" ]; then
  step "installing trunk 0.21.14, the build tool (debug build, about 4 minutes)" \
    cargo install --locked --debug trunk@0.21.14
fi

# wasm-bindgen-cli must match the wasm-bindgen in Cargo.lock exactly, and Trunk.toml must
# name the same version. A release build, unlike Trunk's and geckodriver's: it runs on every
# build and every wasm test run, and its debug build, though it installs in half the time (54 s
# against 112 s from scratch on 2 cores), runs four times slower: 0.84 s against 0.21 s on the
# app's wasm, 34 s against 8 s on the test wasm in each of the three engines.
bindgen=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if ! grep -q "^wasm_bindgen = \"$bindgen\"" Trunk.toml; then
  echo "Trunk.toml [tools] wasm_bindgen must be \"$bindgen\", the version in Cargo.lock" >&2
  exit 1
fi
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $bindgen" ]; then
  step "installing wasm-bindgen-cli $bindgen, which Trunk and the wasm tests run on every build" \
    cargo install wasm-bindgen-cli --version "$bindgen"
fi

# geckodriver, pinned, for the wasm-bindgen tests in Firefox (the journey needs none: puppeteer
# speaks WebDriver BiDi to Firefox itself). A debug build: it only relays one session's few
# commands (the tests take as long with a release build, 17 s), and it builds in about half the
# time: 55 s against 98 s on a quiet 2-core machine, 2-3 min against 4 on a busy one.
if [ "$(geckodriver --version 2>/dev/null | sed -n 1p)" != "geckodriver 0.37.1" ]; then
  step "installing geckodriver 0.37.1 for the wasm tests in Firefox (debug build, 1 to 3 minutes)" \
    cargo install --locked --debug geckodriver@0.37.1
fi

# npm tools: wasm-opt (binaryen) for Trunk, Playwright for the e2e suite in Chromium,
# puppeteer-core and selenium-webdriver for the journey in Firefox and WebKit (neither
# downloads a browser). Reinstalled only when package-lock.json changed since the last install.
if ! cmp -s package-lock.json node_modules/.package-lock.stamp 2>/dev/null; then
  step "installing the npm tools: wasm-opt, Playwright, puppeteer-core, selenium-webdriver" \
    npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.package-lock.stamp
fi

cargo fetch --quiet
