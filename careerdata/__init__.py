"""The role database: models, one loader per source, queries and role resolution.

Layers, each importing only the ones above it:

* :mod:`careerdata.text` - text normalisation shared by everything that compares names;
* :mod:`careerdata.models` - the SQLAlchemy schema;
* :mod:`careerdata.role_files` - reading and validating the articles' role YAML under ``data/``;
* one loader per source into the database: :mod:`careerdata.load_articles` (the role YAML),
  :mod:`careerdata.load_oews` (BLS OEWS wages, read by :mod:`careerdata.oews_snapshot`),
  :mod:`careerdata.load_onet` (O*NET titles and descriptions), then
  :mod:`careerdata.load_occupations` (a role for every occupation), all run by
  :mod:`careerdata.load` (``make db``);
* :mod:`careerdata.store` - read-only queries (the only data access of the actions);
* :mod:`careerdata.roles` - turning what a user typed into a role of the database.

Nothing here imports Rasa or the actions; the action server (``actions/``), the NLU component
(``nlu_components/``) and the NLU generator (``nlu_build/``) import this package.
"""
