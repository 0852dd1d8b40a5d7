"""Custom Rasa NLU components of the assistant (see config.yml)."""
