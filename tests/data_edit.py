"""Edits of a copy of the data folder that several tests make."""

from __future__ import annotations

from pathlib import Path

import yaml


def remove_role(data_dir: Path, slug: str, name: str) -> None:
    """Delete role file ``roles/<slug>.yml`` from ``data_dir`` and the role ``name`` from every
    article's ``roles`` list, as a maintainer removing a role would."""
    (data_dir / "roles" / f"{slug}.yml").unlink()
    articles = data_dir / "articles.yml"
    content = yaml.safe_load(articles.read_text())
    for article in content["articles"]:
        article["roles"] = [r for r in article["roles"] if r != name]
    articles.write_text(yaml.safe_dump(content, sort_keys=False))
