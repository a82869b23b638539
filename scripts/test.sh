#!/usr/bin/env bash
# Installs what is missing, then runs every check and every test:
#   formatting and lints on both targets, native unit tests, wasm-bindgen tests in headless
#   Chromium, the end-to-end suite in Chromium against the release dist/ served by nginx, then
#   the wasm-bindgen tests and the reader's journey in Firefox and in WebKit. Ends with the time
#   each step took.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
step_name="setup (installs only what is missing)"
step_started=$SECONDS
times=()
end_step() { times+=("$(printf '%5d s  %s' $((SECONDS - step_started)) "$step_name")"); }
step() {
  end_step
  step_name=$*
  step_started=$SECONDS
  printf '\n\033[1m== %s\033[0m\n' "$*"
}
# The times, also when a step fails (the last one listed is the one that failed).
report_times() {
  local status=$?
  end_step
  printf '\n\033[1m== times\033[0m\n'
  printf '%s\n' "${times[@]}"
  printf '%5d s  in all\n' $((SECONDS - started))
  exit "$status"
}
trap report_times EXIT
scripts/setup.sh
source scripts/env.sh

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

# The same wasm-bindgen tests in the two other engines. geckodriver ignores webdriver.json's
# Chrome options; wasm-bindgen's runner sends WebKitWebDriver no capabilities, and it starts
# its MiniBrowser, which needs the display xvfb-run gives.
step "wasm-bindgen tests in headless Firefox"
GECKODRIVER=$(command -v geckodriver) cargo test --target wasm32-unknown-unknown --test browser

step "wasm-bindgen tests in WebKit (WebKitGTK's MiniBrowser under Xvfb)"
SAFARIDRIVER=$(command -v WebKitWebDriver) xvfb-run -a \
  cargo test --target wasm32-unknown-unknown --test browser

# The reader's journey (tests/journey/journey.mjs, which the Chromium suite also runs as
# tests/e2e/journey.spec.ts): Firefox over WebDriver BiDi, then WebKit over classic WebDriver,
# one browser at a time, against the same nginx setup on the same ports.
step "the reader's journey in Firefox and WebKit"
node tests/journey/run.mjs firefox webkit
