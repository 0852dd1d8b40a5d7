#!/usr/bin/env bash
# Usage: scripts/install_browser.sh — part of `make setup`: makes sure a Chromium is there for the
# browser test (tests/test_browser.py drives it with Playwright; Playwright's own browser
# downloads are never used). Does nothing when `chromium` is on PATH or $CHROMIUM names a file;
# else installs Debian's `chromium` package (and the fonts-liberation it recommends) with
# apt-get, as root or through sudo. Where there is no apt-get, it says what to install and goes
# on: only the browser test needs it.
set -euo pipefail
if [ -n "${CHROMIUM:-}" ] && [ -x "$CHROMIUM" ]; then
  exit 0
fi
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "warning: Chromium not found and apt-get is not available: install Chromium and put it" >&2
  echo "         on PATH as \`chromium\`, or set CHROMIUM=/path/to/chromium (needed by the browser test)" >&2
  exit 0
fi
sudo=()
if [ "$(id -u)" != 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "error: installing Debian's chromium needs root: run \`apt-get install chromium\` as root" >&2
    exit 1
  fi
  sudo=(sudo)
fi
echo "Installing Debian's chromium (for the browser test)..."
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-liberation
