#!/usr/bin/env bash
# Usage: scripts/with_actions.sh PORT COMMAND [ARGS...]
# Starts the action server on PORT in the background, waits until it answers, writes
# build/endpoints.PORT.yml (endpoints.yml with that action server; runtime/endpoints.py), runs COMMAND with ENDPOINTS set to that file, and
# stops the action server when COMMAND ends (however it ends). Exits with COMMAND's status.
set -euo pipefail
cd "$(dirname "$0")/.."
port="$1"; shift
if [ "$port" = "0" ]; then
  port="$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
fi
mkdir -p build
log="build/action_server.$port.log"
.venv/bin/rasa run actions --actions actions --port "$port" >"$log" 2>&1 &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
trap cleanup EXIT INT TERM
for _ in $(seq 1 120); do
  if .venv/bin/python -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:$port/health', timeout=1)" 2>/dev/null; then
    break
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "error: the action server did not start; its log ($log):" >&2; tail -20 "$log" >&2; exit 1
  fi
  sleep 0.5
done
export ENDPOINTS="build/endpoints.$port.yml"
.venv/bin/python -m runtime.endpoints "$ENDPOINTS" "http://127.0.0.1:$port/webhook"
set +e
"$@"
status=$?
exit $status
