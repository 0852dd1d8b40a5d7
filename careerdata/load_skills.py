"""Load ``data/skills.yml`` (other ways people write skills and tools) into the role database.

Each alias must name a skill or tool some role of ``data/roles/*.yml`` has
(:class:`careerdata.skills.SkillIndex` decides); otherwise :class:`DataError` names it. The
``skill_aliases`` table is replaced whenever the file changed (its SHA-256 is kept in
``loaded_files``, as for the role files).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Dict, List

import yaml
from sqlalchemy import delete, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from careerdata import models as m
from careerdata.role_files import DataError, Dataset
from careerdata.skills import SkillIndex, requirements
from careerdata.text import normalize

SKILLS_FILE = "skills.yml"


def read_aliases(data_dir: Path) -> Dict[str, str]:
    """``{alias as written: skill as written}`` from ``data_dir/skills.yml``.

    Raises :class:`DataError` when the file is missing, not YAML, or not a mapping of skills to
    lists of aliases, or when an alias is given twice."""
    path = Path(data_dir) / SKILLS_FILE
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(SKILLS_FILE, "(file)", str(exc).splitlines()[0]) from exc
    table = raw.get("aliases") if isinstance(raw, dict) else None
    if not isinstance(table, dict):
        raise DataError(SKILLS_FILE, "aliases", "expected a mapping of skills to alias lists")
    found: Dict[str, str] = {}
    seen: Dict[str, str] = {}
    for skill, aliases in table.items():
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            raise DataError(SKILLS_FILE, f"aliases.{skill}", "expected a list of aliases")
        for alias in aliases:
            key = normalize(alias)
            if key in seen:
                raise DataError(SKILLS_FILE, f"aliases.{skill}", f"'{alias}' is already an alias of {seen[key]}")
            seen[key] = str(skill)
            found[alias.strip()] = str(skill)
    return found


def dataset_index(dataset: Dataset, aliases: Dict[str, str]) -> SkillIndex:
    """The :class:`SkillIndex` of the role files of ``dataset`` with ``aliases``.

    Raises :class:`DataError` for an alias of a skill no role has."""
    roles = {
        role.name: requirements([(s.name, s.terms) for s in role.skills], [t.name for t in role.tools])
        for role in dataset.roles.values()
    }
    try:
        return SkillIndex(roles, aliases)
    except ValueError as exc:
        raise DataError(SKILLS_FILE, "aliases", str(exc)) from exc


def sync(engine: Engine, dataset: Dataset, data_dir: Path) -> str:
    """Replace the ``skill_aliases`` rows when ``skills.yml`` changed; return a one-line report.

    Raises :class:`DataError` (see :func:`read_aliases`, :func:`dataset_index`)."""
    aliases = read_aliases(data_dir)
    index = dataset_index(dataset, aliases)
    digest = hashlib.sha256((Path(data_dir) / SKILLS_FILE).read_bytes()).hexdigest()
    m.Base.metadata.create_all(engine)
    with Session(engine, future=True) as session, session.begin():
        loaded = session.get(m.LoadedFile, SKILLS_FILE)
        count = len(session.scalars(select(m.SkillAlias.id)).all())
        if loaded is not None and loaded.sha256 == digest and count:
            return f"skill aliases unchanged ({count})"
        session.execute(delete(m.SkillAlias))
        rows: List[m.SkillAlias] = []
        for alias, skill in aliases.items():
            rows.append(m.SkillAlias(alias=alias, normalized=normalize(alias),
                                     term=index.vocabulary[normalize(skill)]))
        session.add_all(rows)
        session.merge(m.LoadedFile(path=SKILLS_FILE, sha256=digest))
    return f"skill aliases loaded: {len(rows)} for {len(set(aliases.values()))} skills"
