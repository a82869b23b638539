#!/usr/bin/env bash
# Installs what is missing, then serves the demo site at http://127.0.0.1:8080/.
# It serves the release build, so what you see is what `scripts/build.sh` ships.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh
exec trunk serve --release --offline --address 127.0.0.1 --port "${PORT:-8080}"
