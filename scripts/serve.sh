#!/usr/bin/env bash
# Usage: scripts/serve.sh MODEL — `make serve`: the action server, the Rasa server with the
# channels of credentials.yml (rest, socketio for the web widget, slack) and the demo page with
# the widget; prints their URLs and runs until Ctrl-C, then stops all three.
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
# The Rasa server runs as `python -m runtime run` (runtime/patches.py).
#   REPLICAS=1   2 or more: PostgreSQL, Redis, the Rasa replicas and nginx on RASA_PORT
#                (runtime/cluster.py; settings in README, "Deploying")
set -euo pipefail
cd "$(dirname "$0")/.."
model="$1"
if [ "${REPLICAS:-1}" -gt 1 ]; then
  exec .venv/bin/python -m runtime.cluster --model "$model" --replicas "$REPLICAS" \
    --port "${RASA_PORT:-5005}" --web-port "${WEB_PORT:-8080}" \
    --interface "${SERVE_INTERFACE:-127.0.0.1}" ${RASA_PUBLIC_URL:+--public-url "$RASA_PUBLIC_URL"}
fi
rasa_port="${RASA_PORT:-5005}"
actions_port="${ACTIONS_PORT:-5055}"
web_port="${WEB_PORT:-8080}"
interface="${SERVE_INTERFACE:-127.0.0.1}"
public_url="${RASA_PUBLIC_URL:-http://localhost:$rasa_port}"
page_origins="http://localhost:$web_port http://127.0.0.1:$web_port"
export WEBCHAT_ALLOWED_ORIGINS="${WEBCHAT_ALLOWED_ORIGINS:+$WEBCHAT_ALLOWED_ORIGINS }$page_origins"
export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}" RASA_TELEMETRY_ENABLED=false

logs=build/serve
mkdir -p "$logs"
endpoints="$logs/endpoints.yml"
.venv/bin/python -m runtime.endpoints "$endpoints" "http://127.0.0.1:$actions_port/webhook"

# The three servers run under supervisord (runtime/supervise.py): one that dies is restarted
# while the others keep serving; Ctrl-C or SIGTERM stops supervisord, which stops them all.
conf="$logs/supervisord.conf"
api_args=()
if [ -n "${RASA_API_TOKEN:-}" ]; then
  api_args=(--api-token "$RASA_API_TOKEN")
fi
.venv/bin/python -m runtime.supervise --out "$conf" --model "$model" --endpoints "$endpoints" \
  --rasa-port "$rasa_port" --actions-port "$actions_port" --web-port "$web_port" \
  --interface "$interface" --public-url "$public_url" "${api_args[@]}"
# A supervisord killed outright leaves its pid file: one whose process is gone is stale.
if [ -f "$logs/supervisord.pid" ] && ! kill -0 "$(cat "$logs/supervisord.pid")" 2>/dev/null; then
  rm -f "$logs/supervisord.pid" "$logs/supervisor.sock"
fi
supervisor_pid=""
stop() {
  trap - EXIT INT TERM
  if [ -n "$supervisor_pid" ] && kill -0 "$supervisor_pid" 2>/dev/null; then
    echo; echo "Stopping..."
    kill -TERM "$supervisor_pid" 2>/dev/null || true
    wait "$supervisor_pid" 2>/dev/null || true
  fi
}
trap stop EXIT
trap 'exit 130' INT TERM

# wait_for NAME URL LOG: until URL answers; fail with the log's tail if supervisord gave the
# program up (FATAL) or exited.
wait_for() {
  local name="$1" url="$2" log="$3"
  for _ in $(seq 1 600); do
    if .venv/bin/python -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)" "$url" 2>/dev/null; then
      return 0
    fi
    if ! kill -0 "$supervisor_pid" 2>/dev/null || \
        .venv/bin/supervisorctl -c "$conf" status 2>/dev/null | grep -q FATAL; then
      echo "error: the $name did not start; the end of its log ($log):" >&2
      tail -25 "$log" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "error: the $name did not answer at $url within 5 minutes (log: $log)" >&2
  exit 1
}

echo "Starting the action server (port $actions_port), the Rasa server ($interface:$rasa_port;"
echo "loading the model takes a minute) and the demo page ($interface:$web_port) under supervisord"
echo "(logs in $logs/)..."
.venv/bin/supervisord -c "$conf" &
supervisor_pid=$!

wait_for "action server" "http://127.0.0.1:$actions_port/health" "$logs/actions.log"
wait_for "demo page server" "http://127.0.0.1:$web_port/" "$logs/page.log"
wait_for "Rasa server" "http://127.0.0.1:$rasa_port/webhooks/rest/" "$logs/rasa.log"

slack_status="$(.venv/bin/python -c "import json, sys, urllib.request; print(json.load(urllib.request.urlopen(sys.argv[1], timeout=5))['status'])" "http://127.0.0.1:$rasa_port/webhooks/slack/" 2>/dev/null || echo unknown)"
if [ "$slack_status" = "ok" ]; then
  slack_line="on — Event Subscriptions and Interactivity URL: https://<public host>/webhooks/slack/webhook"
else
  slack_line="off — set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET to enable it (README, \"Slack\")"
fi

cat <<EOF

Everything is up:
  Demo page with the chat widget  http://localhost:$web_port
  Rasa server                     http://localhost:$rasa_port
    REST channel                  POST http://localhost:$rasa_port/webhooks/rest/webhook
    web widget (socket.io)        $public_url/socket.io/ — allowed origins: $WEBCHAT_ALLOWED_ORIGINS
    Slack                         $slack_line
  Action server                   http://localhost:$actions_port
Logs in $logs/; a server that dies is restarted (.venv/bin/supervisorctl -c $conf status).
Press Ctrl-C to stop.
EOF

# Run until Ctrl-C or SIGTERM (supervisord then stops every server), or until supervisord exits.
# A server that keeps dying is given up by supervisord (FATAL): say so once, the others serve on.
interrupted=""
trap 'interrupted=1' INT TERM
set +e
reported=""
while [ -z "$interrupted" ] && kill -0 "$supervisor_pid" 2>/dev/null; do
  for name in $(.venv/bin/supervisorctl -c "$conf" status 2>/dev/null | awk '$2 == "FATAL" {print $1}'); do
    case " $reported " in *" $name "*) continue ;; esac
    reported="$reported $name"
    echo "error: the $name server keeps dying and was given up (FATAL);" \
      "the others keep serving. Its log: $logs/$name.log; start it again with:" \
      ".venv/bin/supervisorctl -c $conf start $name" >&2
  done
  for name in $reported; do  # started again by hand: report it if it dies again
    if .venv/bin/supervisorctl -c "$conf" status "$name" 2>/dev/null | grep -q RUNNING; then
      reported="${reported/ $name/}"
    fi
  done
  sleep 2 &
  wait $! 2>/dev/null
done
if [ -n "$interrupted" ]; then
  exit 0
fi
wait "$supervisor_pid"
status=$?
echo "error: supervisord stopped (exit status $status); see the logs in $logs/" >&2
exit 1
