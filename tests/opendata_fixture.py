"""A small copy of ``opendata/`` for unit tests: the same tables, columns and manifest, holding
only a few occupations (their rows, the summary row of all occupations, and every row of the
tables that describe categories), with the manifest's row counts and SHA-256s made anew.
"""

from __future__ import annotations

import csv
import gzip
from pathlib import Path
from typing import Dict, Iterable

import yaml

from careerdata import open_data
from careerdata.sources import sha256_file

#: Registered Nurses, one of its detailed occupations, Electricians, Paralegals.
CODES = ("29-1141.00", "29-1141.01", "47-2111.00", "23-2011.00")
ONET_CODE = "O*NET-SOC Code"
BLS_CODE = "2024 National Employment Matrix code"


def _keep(row: Dict[str, str], codes: Iterable[str]) -> bool:
    codes = set(codes)
    if ONET_CODE in row:
        return row[ONET_CODE] in codes
    if BLS_CODE in row:
        return row[BLS_CODE] in {c[:7] for c in codes} | {"00-0000"}
    return True  # categories, references: whole


def make_fixture(folder: Path, codes: Iterable[str] = CODES) -> Path:
    """Write the small copy into ``folder`` (created) and return it."""
    folder = Path(folder)
    raw = yaml.safe_load((open_data.OPENDATA / open_data.MANIFEST_FILE).read_text("utf-8"))
    codes = tuple(codes)
    for entry in raw["files"]:
        name = entry["path"].removesuffix(".tsv.gz")
        rows = [r for r in open_data.read_rows(name) if _keep(r, codes)]
        path = folder / entry["path"]
        path.parent.mkdir(parents=True, exist_ok=True)
        with gzip.open(path, "wt", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
            writer.writerow(entry["columns"])
            writer.writerows([r[c] for c in entry["columns"]] for r in rows)
        entry["rows"], entry["sha256"] = len(rows), sha256_file(path)
    (folder / open_data.MANIFEST_FILE).write_text(yaml.safe_dump(raw, sort_keys=False), "utf-8")
    return folder
