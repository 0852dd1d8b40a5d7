#!/usr/bin/env bash
# Usage: scripts/chat.sh MODEL ACTIONS_PORT — rasa shell (through `python -m runtime`, see
# runtime/patches.py) with the action server running beside it. Conversations are kept in the
# tracker store of endpoints.yml: var/conversations.db unless CAREERBOT_TRACKER_STORE_URL is set.
# The shell goes on with the same conversation each time (id shell-<user>), so the role and place
# asked about last time are still known; CONVERSATION_ID=<name> picks another conversation.
set -euo pipefail
cd "$(dirname "$0")/.."
model="$1"; port="${2:-5055}"
conversation="${CONVERSATION_ID:-shell-$(id -un)}"
echo "Starting the action server on port $port (log: build/action_server.$port.log)..."
echo "Conversation \"$conversation\" (kept between sessions; CONVERSATION_ID=<name> for another)."
exec scripts/with_actions.sh "$port" bash -c '.venv/bin/python -m runtime shell --model "$0" --endpoints "$ENDPOINTS" --conversation-id "$1"' "$model" "$conversation"
