#!/usr/bin/env bash
# Installs what the tests need on a fresh clone, then runs lint, typecheck and the test suite.
# The last line printed is vitest's summary.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/setup.sh
# socat makes virtual serial port pairs for the hardware tests; node-hid needs libusb at run time;
# the renderer tests run in Debian's Chromium (Playwright never downloads a browser here).
ensure_debian_packages socat libusb-1.0-0 chromium
ensure_node_modules
npm run --silent lint
npm run --silent typecheck
# The kiosk renderer in Debian's Chromium (Playwright's own runner; it builds the renderer first).
npx playwright test -c apps/kiosk/renderer/tests/playwright.config.ts
# The display's hall and counter screens against a real center server (it builds the page first).
npx playwright test -c test/display/playwright.config.ts
# Everything else, and last, so the output ends with vitest's summary line.
exec npx vitest run
