"""Shared fixtures: a role database built in a temp folder from the project's data files and the
installed open data (BLS OEWS, O*NET), as `make db` builds it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# Rasa 3.6 pins SQLAlchemy 1.4 and uses its 1.x API: its "prepare for 2.0" notice is noise
# (`python -m runtime` silences it the same way). Set before anything imports SQLAlchemy.
os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")

from careerdata import load_articles as loader, role_files, load_occupations, load_oews, load_onet, load_skills, store
from careerdata import load_depth, load_titles

PROJECT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT / "data"


@pytest.fixture(scope="session")
def dataset() -> role_files.Dataset:
    """The project's validated role data."""
    return role_files.read_dataset(DATA_DIR)


@pytest.fixture(scope="session")
def db_url(tmp_path_factory, dataset) -> str:
    """URL of a SQLite role database loaded from the project's data (built once per session)."""
    path = tmp_path_factory.mktemp("db") / "roles.db"
    url = f"sqlite:///{path}"
    engine = store.make_engine(url)
    loader.sync(engine, dataset)
    load_skills.sync(engine, dataset, DATA_DIR)
    load_oews.sync(engine, places_file=DATA_DIR / "places.yml")
    load_onet.sync(engine)
    load_occupations.sync(engine)
    load_depth.sync(engine)
    load_titles.sync(engine)
    engine.dispose()
    return url


@pytest.fixture()
def role_store(db_url) -> store.RoleStore:
    """A :class:`RoleStore` over the session database."""
    return store.get_store(db_url)


@pytest.fixture()
def use_db(monkeypatch, db_url):
    """Point the actions at the session database through ``CAREERBOT_DB_URL``."""
    monkeypatch.setenv(store.DB_URL_ENV, db_url)
    yield db_url


@pytest.fixture()
def data_copy(tmp_path) -> Path:
    """A writable copy of the data folder, for tests that edit or break files."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target

