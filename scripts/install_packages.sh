#!/usr/bin/env bash
# Usage: scripts/install_packages.sh — part of `make setup`: makes sure the Debian programs the
# tests and `make serve REPLICAS=N` use are there, and installs the missing ones with apt-get
# (as root or through sudo):
#   chromium (+ fonts-liberation)  the browser test (or set CHROMIUM=/path/to/chromium)
#   postgresql                     the shared tracker store of several replicas
#   redis-server                   the shared lock store of several replicas
#   nginx                          the load balancer in front of the replicas
# Where there is no apt-get, it says what to install and goes on: the tests and commands that
# need a missing program fail and name it.
set -euo pipefail
missing=()
if ! { [ -n "${CHROMIUM:-}" ] && [ -x "$CHROMIUM" ]; } && ! command -v chromium >/dev/null 2>&1; then
  missing+=(chromium fonts-liberation)
fi
if ! command -v postgres >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  missing+=(postgresql)
fi
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "warning: missing ${missing[*]} and apt-get is not available: install them (Chromium as" >&2
  echo "         \`chromium\` on PATH or CHROMIUM=/path); the tests that need them will fail" >&2
  exit 0
fi
sudo=()
if [ "$(id -u)" != 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "error: installing Debian's ${missing[*]} needs root: run \`apt-get install ${missing[*]}\` as root" >&2
    exit 1
  fi
  sudo=(sudo)
fi
echo "Installing Debian's ${missing[*]}..."
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
