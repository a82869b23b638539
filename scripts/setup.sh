#!/usr/bin/env bash
# Installs whatever is missing to build, serve and test Vistka, and nothing that is present.
# Safe to run again: a second run on a ready machine takes a few seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

# Debian packages: Chromium and its driver for the browser tests, nginx with its brotli static
# module as the real static server of the end-to-end suite, brotli to measure.
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
command -v brotli >/dev/null || missing+=(brotli)
[ -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || missing+=(libnginx-mod-http-brotli-static)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
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

# npm tools: wasm-opt (binaryen) for Trunk, Playwright for the e2e suite. Reinstalled only
# when package-lock.json changed since the last install.
if ! cmp -s package-lock.json node_modules/.package-lock.stamp 2>/dev/null; then
  say "installing npm tools"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.package-lock.stamp
fi

cargo fetch --quiet
