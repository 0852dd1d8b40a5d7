"""The role database: models, one loader per source, queries and role resolution.

Layers, each importing only the ones above it:

* :mod:`careerdata.text` - text normalisation shared by everything that compares names;
* :mod:`careerdata.models` - the SQLAlchemy schema;
* :mod:`careerdata.load_articles` - the articles' role YAML under ``data/`` -> the database;
* :mod:`careerdata.store` - read-only queries (the only data access of the actions);
* :mod:`careerdata.roles` - turning what a user typed into a role of the database.

Nothing here imports Rasa or the actions; the action server (``actions/``), the NLU component
(``nlu_components/``) and the NLU generator (``nlu_build/``) import this package.
"""
