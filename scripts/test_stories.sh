#!/usr/bin/env bash
# Usage: scripts/test_stories.sh MODEL — run the test stories against MODEL and the real actions;
# fails on any prediction error (intent, entity or action).
set -euo pipefail
cd "$(dirname "$0")/.."
model="$1"
# The stories' conversations go to a throw-away tracker store, not to var/conversations.db.
mkdir -p build && rm -f build/stories.conversations.db
export CAREERBOT_TRACKER_STORE_URL="sqlite:///$PWD/build/stories.conversations.db"
exec scripts/with_actions.sh 0 bash -c '.venv/bin/rasa test core --model "$0" --stories tests/stories --endpoints "$ENDPOINTS" --out results/stories --fail-on-prediction-errors' "$model"
