#!/usr/bin/env bash
# Installs Debian's chromium for the Playwright browser tests (tests/api/test_browser.py).
# Playwright drives it through executable_path=/usr/bin/chromium; `playwright install` is never used.
# Runs apt-get only when /usr/bin/chromium is missing; needs root (CI runs as root).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "install-browser: /usr/bin/chromium is missing and this is not root; browser tests will be skipped" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends chromium fonts-dejavu-core
