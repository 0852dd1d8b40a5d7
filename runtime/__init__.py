"""What the Rasa server runs besides the model: where conversations are kept and how a turn
survives a part that is down.

- :mod:`runtime.tracker_store` — conversations in SQL (SQLite file by default, PostgreSQL from
  ``CAREERBOT_TRACKER_STORE_URL``), reconnecting after a database restart.
- :mod:`runtime.lock_store` — one conversation's messages handled one at a time across
  replicas (Redis from ``CAREERBOT_REDIS_URL``), falling back to a per-process lock when Redis
  is down.
- :mod:`runtime.guard` — what to say to an empty, overlong or failed message (pure functions).
- :mod:`runtime.patches` — the places where Rasa 3.6 has no extension point (the custom action
  call, the start of a turn, the server's routes); installed by ``python -m runtime`` (Rasa's
  command line).
- :mod:`runtime.health` — ``GET /health``: which parts are up.
- :mod:`runtime.endpoints` — the endpoints file the scripts hand to Rasa, from ``endpoints.yml``.
- :mod:`runtime.serve`, :mod:`runtime.supervise` — ``make serve``: every server under
  supervisord, restarted when it dies.
- :mod:`runtime.cluster`, :mod:`runtime.services`, :mod:`runtime.balancer` — ``make serve
  REPLICAS=N``: PostgreSQL, Redis, the replicas and nginx.
- :mod:`runtime.settings` — the names of the environment variables.
"""
