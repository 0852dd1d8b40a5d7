"""The endpoints file the scripts and tests hand to Rasa: ``endpoints.yml`` with the action
server's URL of the run.

Usage: ``python -m runtime.endpoints OUT_FILE ACTION_SERVER_URL``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Dict

import yaml

ENDPOINTS = Path(__file__).resolve().parent.parent / "endpoints.yml"


def endpoints_for(action_url: str, source: Path = ENDPOINTS) -> Dict[str, Any]:
    """``source`` (YAML) with ``action_endpoint.url`` set to ``action_url``.

    Raises:
        OSError, yaml.YAMLError: ``source`` cannot be read or parsed.
    """
    config = yaml.safe_load(source.read_text()) or {}
    config["action_endpoint"] = dict(config.get("action_endpoint") or {}, url=action_url)
    return config


def write_endpoints(out: Path, action_url: str, source: Path = ENDPOINTS) -> Path:
    """Write :func:`endpoints_for` to ``out`` (folders created) and return ``out``."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(yaml.safe_dump(endpoints_for(action_url, source), sort_keys=False))
    return out


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python -m runtime.endpoints OUT_FILE ACTION_SERVER_URL")
    write_endpoints(Path(sys.argv[1]), sys.argv[2])
