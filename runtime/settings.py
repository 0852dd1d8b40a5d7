"""The environment variables the Rasa server side reads (README, "Deploying"), in one place.

Kept free of Rasa imports, so that ``python -m runtime.cluster`` starts without loading Rasa.
"""

#: SQLAlchemy URL of the tracker store (default: the SQLite file var/conversations.db).
TRACKER_STORE_URL_ENV = "CAREERBOT_TRACKER_STORE_URL"
#: redis:// URL of the lock store shared by replicas (default: a lock inside the process).
REDIS_URL_ENV = "CAREERBOT_REDIS_URL"
#: Seconds to wait for the action server (default 10).
ACTION_TIMEOUT_ENV = "CAREERBOT_ACTION_TIMEOUT"
#: The longest message read, in characters (default 2,000).
MAX_MESSAGE_CHARS_ENV = "CAREERBOT_MAX_MESSAGE_CHARS"
#: When set, Rasa's HTTP API is on and needs this token (off without it).
API_TOKEN_ENV = "RASA_API_TOKEN"

#: Where clients load the charts from (the Rasa server's or the balancer's public address);
#: the actions read it as ``actions.reply.PUBLIC_URL_ENV`` (a test checks they agree).
PUBLIC_URL_ENV = "CAREERBOT_PUBLIC_URL"
