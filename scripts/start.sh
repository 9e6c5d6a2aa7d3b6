#!/usr/bin/env bash
# Installs on a fresh clone and starts a simulated center.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/setup.sh
ensure_node_modules
exec npm start -- "$@"
