"""Rasa's command line with :func:`runtime.patches.install` applied first.

``python -m runtime run …`` and ``python -m runtime shell …`` take exactly Rasa's arguments;
the scripts, the tests and the deployment files start Rasa this way.
"""

import os

if __name__ == "__main__":
    # Rasa 3.6 pins SQLAlchemy 1.4 and uses its 1.x API: the "prepare for 2.0" notice is noise.
    os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
    # Request bodies over 1 MB get HTTP 413 from Sanic (its default is 100 MB); the balancer
    # has the same limit (runtime/balancer.py). Longer messages are refused by runtime/guard.py.
    os.environ.setdefault("SANIC_REQUEST_MAX_SIZE", "1000000")
    from runtime.patches import install

    install()
    from rasa.__main__ import main

    main()
