#!/usr/bin/env bash
# Usage: scripts/chat.sh MODEL ACTIONS_PORT — rasa shell with the action server running beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
model="$1"; port="${2:-5055}"
echo "Starting the action server on port $port (log: build/action_server.$port.log)..."
# The pinned libraries' deprecation warnings mean nothing to someone chatting; keep them out of
# the shell (tests and servers still show them). TF_CPP_MIN_LOG_LEVEL quiets TensorFlow's C++ logs.
export PYTHONWARNINGS="ignore" TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}"
export SQLALCHEMY_SILENCE_UBER_WARNING=1
exec scripts/with_actions.sh "$port" bash -c '.venv/bin/rasa shell --model "$0" --endpoints "$ENDPOINTS"' "$model"
