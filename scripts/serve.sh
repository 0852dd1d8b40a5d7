#!/usr/bin/env bash
# Usage: scripts/serve.sh MODEL — `make serve`: the action server, the Rasa server with the
# channels of credentials.yml (rest, socketio for the web widget, slack) and the demo page with
# the widget, under supervisord (runtime/serve.py, runtime/supervise.py): a server that dies is
# restarted while the others keep serving. Prints their URLs and runs until Ctrl-C or SIGTERM,
# then stops them all; none outlives it, even when this script is killed outright.
#
# Settings (environment):
#   RASA_PORT=5005  ACTIONS_PORT=5055  WEB_PORT=8080
#   SERVE_INTERFACE=127.0.0.1   interface the Rasa server and the page listen on (0.0.0.0: all)
#   RASA_PUBLIC_URL=http://localhost:$RASA_PORT   the Rasa server as browsers reach it (the
#                               widget connects there; behind a proxy, its https URL)
#   WEBCHAT_ALLOWED_ORIGINS     sites that may embed the widget; the demo page is always added
#   SLACK_BOT_TOKEN + SLACK_SIGNING_SECRET   enable Slack (optional: SLACK_API_URL)
#   CAREERBOT_TRACKER_STORE_URL   where conversations are kept (default var/conversations.db)
#   RASA_API_TOKEN              turns Rasa's HTTP API on, with this token (off without it)
#   REPLICAS=1   2 or more: PostgreSQL, Redis, the Rasa replicas and nginx on RASA_PORT
#                (runtime/cluster.py; settings in README, "Deploying")
# The Rasa server runs as `python -m runtime run` (runtime/patches.py); GET /health on
# RASA_PORT says which parts are up (runtime/health.py).
set -euo pipefail
cd "$(dirname "$0")/.."
export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}" RASA_TELEMETRY_ENABLED=false
exec .venv/bin/python -m runtime.serve --model "$1" --replicas "${REPLICAS:-1}" \
  --rasa-port "${RASA_PORT:-5005}" --actions-port "${ACTIONS_PORT:-5055}" \
  --web-port "${WEB_PORT:-8080}" --interface "${SERVE_INTERFACE:-127.0.0.1}" \
  ${RASA_PUBLIC_URL:+--public-url "$RASA_PUBLIC_URL"}
