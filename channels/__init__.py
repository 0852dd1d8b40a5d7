"""Input channels of the career-advice assistant beyond Rasa's built-in ones.

They are registered in ``credentials.yml`` by module path and wrap Rasa's own connectors:

* :mod:`channels.socketio` — the website chat widget's socket.io channel, with the allowed
  origins (CORS) configurable;
* :mod:`channels.slack` — Slack: secrets from the environment (the channel is off without them),
  Slack-formatted replies, duplicate-event protection and a configurable Web API address;
* :mod:`channels.demo_page` — a small static server for the demo page and the widget's script,
  served from the npm package installed by ``make setup`` (no CDN).
"""
