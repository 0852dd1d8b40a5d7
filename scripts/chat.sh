#!/usr/bin/env bash
# Usage: scripts/chat.sh MODEL ACTIONS_PORT — rasa shell (through `python -m runtime`, see
# runtime/patches.py) with the action server running beside it. Conversations are kept in the
# tracker store of endpoints.yml: var/conversations.db unless CAREERBOT_TRACKER_STORE_URL is set.
set -euo pipefail
cd "$(dirname "$0")/.."
model="$1"; port="${2:-5055}"
echo "Starting the action server on port $port (log: build/action_server.$port.log)..."
exec scripts/with_actions.sh "$port" bash -c '.venv/bin/python -m runtime shell --model "$0" --endpoints "$ENDPOINTS"' "$model"
