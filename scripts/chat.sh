#!/usr/bin/env bash
# Usage: scripts/chat.sh MODEL ACTIONS_PORT — rasa shell with the action server running beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
model="$1"; port="${2:-5055}"
echo "Starting the action server on port $port (log: build/action_server.$port.log)..."
exec scripts/with_actions.sh "$port" bash -c '.venv/bin/rasa shell --model "$0" --endpoints "$ENDPOINTS"' "$model"
