"""Read the open occupational data the project ships in ``opendata/``.

``scripts/import_open_data.py`` writes it from the official release files (O*NET 30.1 text
files, O*NET 29.0 Skills and Knowledge, BLS Employment Projections 2024–34 Table 1.2): one
gzip'd, tab-separated UTF-8 file per table with a header row, and ``opendata/MANIFEST.yml``
giving each release's licence, attribution and source and each file's columns, row count and
SHA-256. The loaders of ``make db`` read the tables through :func:`read_rows`, which checks the
file against the manifest first; nothing here reads the source folder.
"""

from __future__ import annotations

import csv
import gzip
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterator, Tuple

import yaml

from careerdata.sources import sha256_file

#: The shipped data folder.
OPENDATA = Path(__file__).resolve().parent.parent / "opendata"
MANIFEST_FILE = "MANIFEST.yml"


class OpenDataError(RuntimeError):
    """A shipped table is missing, or differs from its manifest entry (checksum, columns)."""


@dataclass(frozen=True)
class Release:
    """One release: ``key`` (``onet-30.1``), title, date published, licence, attribution (the
    sentence to cite) and official source."""

    key: str
    title: str
    published: str
    licence: str
    attribution: str
    source: str


@dataclass(frozen=True)
class Table:
    """One shipped table: ``name`` (``onet-30.1/task_statements``), its release key, the
    columns kept (source header names), the row count and the SHA-256 of the ``.tsv.gz`` file."""

    name: str
    release: str
    columns: Tuple[str, ...]
    rows: int
    sha256: str
    source_file: str


def manifest(folder: Path = OPENDATA) -> Tuple[Dict[str, Release], Dict[str, Table]]:
    """The releases and tables of ``folder/MANIFEST.yml``, by key and by name.

    Raises:
        OpenDataError: the manifest is missing.
    """
    path = Path(folder) / MANIFEST_FILE
    if not path.is_file():
        raise OpenDataError(f"no {MANIFEST_FILE} in {folder}: run scripts/import_open_data.py")
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    releases = {key: Release(key, str(r["title"]), str(r["published"]), str(r["licence"]),
                             str(r["attribution"]), str(r["source"]))
                for key, r in raw["releases"].items()}
    tables = {}
    for entry in raw["files"]:
        name = entry["path"].removesuffix(".tsv.gz")
        tables[name] = Table(name, entry["release"], tuple(entry["columns"]), int(entry["rows"]),
                             entry["sha256"], entry["source_file"])
    return releases, tables


def read_rows(name: str, folder: Path = OPENDATA) -> Iterator[Dict[str, str]]:
    """The rows of table ``name`` (``onet-30.1/task_statements``) as ``{column: text}``, after
    checking the file's SHA-256 and header against the manifest. Empty cells are ``""``.

    Raises:
        OpenDataError: the table is not in the manifest, its file is missing or changed.
    """
    _, tables = manifest(folder)
    table = tables.get(name)
    if table is None:
        raise OpenDataError(f"no table {name!r} in {Path(folder) / MANIFEST_FILE}")
    path = Path(folder) / f"{name}.tsv.gz"
    if not path.is_file():
        raise OpenDataError(f"{path} is missing")
    if sha256_file(path) != table.sha256:
        raise OpenDataError(f"{path} differs from its manifest entry (SHA-256)")
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t")
        header = next(reader)
        if tuple(header) != table.columns:
            raise OpenDataError(f"{path}: columns {header} differ from the manifest's")
        for row in reader:
            yield dict(zip(header, row))
