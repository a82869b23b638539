#!/usr/bin/env bash
# Installs what is missing, then runs every check and every test:
#   formatting and lints on both targets, native unit tests, wasm-bindgen tests in headless
#   Chromium, and the end-to-end suite against the release dist/ served by nginx.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "format and lints"
cargo fmt --all -- --check
cargo clippy --all-targets --quiet -- -D warnings
cargo clippy --all-targets --quiet --target wasm32-unknown-unknown -- -D warnings

step "native unit tests"
cargo test --quiet --lib

step "wasm-bindgen tests in headless Chromium"
CHROMEDRIVER=$(command -v chromedriver) cargo test --target wasm32-unknown-unknown --test browser

step "release builds: at the root (dist/) and under /news/ (dist-news/)"
# Built as of noon, 24 November 2024 (Kyiv), the day after the demo's newest articles, so the
# news sitemap has the articles of its last 48 hours to list (tests/e2e/share.spec.ts).
export SOURCE_DATE_EPOCH=1732442400
VISTKA_SKIP_SETUP=1 scripts/build.sh
VISTKA_SKIP_SETUP=1 scripts/build.sh --base /news/ --dist dist-news
unset SOURCE_DATE_EPOCH

step "end-to-end tests in Chromium"
npx playwright test
