#!/usr/bin/env bash
# Installs on a fresh clone and starts a simulated center.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/setup.sh
ensure_node_modules
# `bash scripts/start.sh --port 8081` and `bash scripts/start.sh -- --port 8081` both work.
[[ "${1:-}" == "--" ]] && shift
exec npm start -- "$@"
