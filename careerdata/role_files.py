"""Read and validate the role data files: ``data/articles.yml`` and one ``data/roles/<slug>.yml``
per role (see ``data/README.md``), into pydantic models.

:func:`read_dataset` parses every file, checks the references between them (article ids, role
names, aliases used once) and returns a :class:`Dataset` with each file's SHA-256;
:mod:`careerdata.load_articles` writes it to the database. Errors are :class:`DataError`, naming
the file, the field and the reason.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterable, List, Optional

import yaml
from pydantic import BaseModel, Extra, ValidationError, conint, constr, validator

from careerdata import models as m
from careerdata.text import normalize, plural

#: The project's data folder (``<project>/data``).
DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
ARTICLES_FILE = "articles.yml"
ROLES_DIR = "roles"

NonEmpty = constr(strip_whitespace=True, min_length=1)


class DataError(ValueError):
    """A data file is malformed. ``path``, ``field`` and ``reason`` say where and why."""

    def __init__(self, path: str, field: str, reason: str) -> None:
        self.path, self.field, self.reason = path, field, reason
        super().__init__(f"{path}: field '{field}': {reason}")


class _Strict(BaseModel):
    class Config:
        extra = Extra.forbid
        anystr_strip_whitespace = True


class SourcedText(_Strict):
    """A prose fact and the ids of the articles that state it."""

    text: NonEmpty
    sources: List[NonEmpty]

    @validator("sources")
    def _some_source(cls, value: List[str]) -> List[str]:  # noqa: N805
        if not value:
            raise ValueError("at least one source article id is required")
        return value


class SkillEntry(SourcedText):
    """A skill: short ``name``, prose ``text`` and the concrete ``terms`` it names."""

    name: NonEmpty
    terms: List[NonEmpty] = []


class NamedEntry(_Strict):
    """A list-like fact (an industry): its ``name`` and sources."""

    name: NonEmpty
    sources: List[NonEmpty]

    _some_source = validator("sources", allow_reuse=True)(SourcedText._some_source.__func__)


class ToolEntry(NamedEntry):
    """A tool and the category it is grouped under."""

    category: NonEmpty


class OccupationMapping(_Strict):
    """The official (SOC) occupation whose BLS and O*NET figures a role uses.

    ``relation`` is ``same`` (the role is that occupation) or ``closest`` (BLS has no such
    occupation; this is the closest one, for the reason given in ``note``).
    """

    soc: constr(regex=r"^\d\d-\d{4}$")
    relation: constr(regex=r"^(same|closest)$")
    note: NonEmpty


class RoleFile(_Strict):
    """The content of one ``data/roles/<slug>.yml`` file."""

    name: NonEmpty
    aliases: List[NonEmpty] = []
    occupation: Optional[OccupationMapping] = None
    definition: List[SourcedText]
    responsibilities: List[SourcedText] = []
    skills: List[SkillEntry] = []
    education: List[SourcedText] = []
    tools: List[ToolEntry] = []
    industries: List[NamedEntry] = []
    outlook: List[SourcedText] = []

    @validator("definition")
    def _has_definition(cls, value: List[SourcedText]) -> List[SourcedText]:  # noqa: N805
        if not value:
            raise ValueError("a role needs at least one definition")
        return value


class Outlook(_Strict):
    """What an article says about demand for its roles."""

    text: NonEmpty
    growth_percent: Optional[conint(ge=-100, le=1000)] = None
    period: Optional[NonEmpty] = None
    cited: Optional[NonEmpty] = None


class TipEntry(_Strict):
    """A getting-started tip."""

    title: NonEmpty
    text: NonEmpty


class JobEntry(_Strict):
    """A featured job listing; salaries in whole currency units per year."""

    title: NonEmpty
    company: NonEmpty
    location: NonEmpty
    employment: Optional[NonEmpty] = None
    level: Optional[NonEmpty] = None
    salary_min: conint(ge=0)
    salary_max: conint(ge=0)
    currency: constr(regex=r"^[A-Z]{3}$")

    @validator("salary_max")
    def _max_not_below_min(cls, value: int, values: dict) -> int:  # noqa: N805
        if "salary_min" in values and value < values["salary_min"]:
            raise ValueError("salary_max is below salary_min")
        return value


class ArticleEntry(_Strict):
    """One source article."""

    id: constr(regex=r"^[a-z0-9][a-z0-9-]*$", max_length=64)
    title: NonEmpty
    published: Optional[dt.date] = None
    roles: List[NonEmpty]
    outlook: Optional[Outlook] = None
    tips: List[TipEntry] = []
    jobs: List[JobEntry] = []


class ArticlesFile(_Strict):
    """The content of ``data/articles.yml``."""

    articles: List[ArticleEntry]


@dataclass
class Dataset:
    """Validated content of the data folder.

    ``roles`` maps each role file's slug (file stem) to its content; ``hashes`` maps each file's
    path relative to the data folder (POSIX form) to its SHA-256.
    """

    articles: List[ArticleEntry]
    roles: Dict[str, RoleFile]
    hashes: Dict[str, str]

    def role_names(self) -> Dict[str, List[str]]:
        """Return ``{canonical name: [name, aliases..., and their plurals]}`` for every role."""
        result: Dict[str, List[str]] = {}
        for role in self.roles.values():
            names: List[str] = []
            for name in [role.name, *role.aliases]:
                for form in (name, plural(name)):
                    if form not in names:
                        names.append(form)
            result[role.name] = names
        return result


def _format_loc(loc: Iterable) -> str:
    out = ""
    for part in loc:
        if part == "__root__":
            continue
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(file)"


def _parse(path: Path, rel: str, model):
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "(file)"
        raise DataError(rel, where, f"not valid YAML: {getattr(exc, 'problem', exc)}") from exc
    except UnicodeDecodeError as exc:
        raise DataError(rel, "(file)", "not UTF-8 text") from exc
    if not isinstance(raw, dict):
        raise DataError(rel, "(file)", "expected a mapping at the top level")
    try:
        return model.parse_obj(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise DataError(rel, _format_loc(first["loc"]), first["msg"]) from exc


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_dataset(data_dir: Path = DEFAULT_DATA_DIR) -> Dataset:
    """Parse and validate every data file under ``data_dir``.

    Raises :class:`DataError` naming the file, the field and the reason for the first problem:
    YAML syntax, a missing or mistyped field, an unknown article id in ``sources``, a role named
    by an article without a role file, duplicate names, or an alias used by two roles.
    """
    data_dir = Path(data_dir)
    articles_path = data_dir / ARTICLES_FILE
    if not articles_path.is_file():
        raise DataError(ARTICLES_FILE, "(file)", f"missing in {data_dir}")
    hashes = {ARTICLES_FILE: _sha256(articles_path)}
    articles = _parse(articles_path, ARTICLES_FILE, ArticlesFile).articles

    roles: Dict[str, RoleFile] = {}
    for path in sorted((data_dir / ROLES_DIR).glob("*.yml")):
        rel = f"{ROLES_DIR}/{path.name}"
        roles[path.stem] = _parse(path, rel, RoleFile)
        hashes[rel] = _sha256(path)

    _check_references(articles, roles)
    return Dataset(articles=articles, roles=roles, hashes=hashes)


def _check_references(articles: List[ArticleEntry], roles: Dict[str, RoleFile]) -> None:
    article_ids = set()
    for i, article in enumerate(articles):
        if article.id in article_ids:
            raise DataError(ARTICLES_FILE, f"articles[{i}].id", f"duplicate id '{article.id}'")
        article_ids.add(article.id)

    owner: Dict[str, str] = {}  # normalized name or alias -> role file
    names = set()
    # Canonical names first, so that an alias clashing with another role's name is reported
    # in the file that holds the alias.
    named = [(slug, f"{ROLES_DIR}/{slug}.yml", role) for slug, role in roles.items()]
    fields = [(rel, "name", role.name) for _, rel, role in named] + [
        (rel, f"aliases[{i}]", alias)
        for _, rel, role in named
        for i, alias in enumerate(role.aliases)
    ]
    for rel, fld, value in fields:
        if fld == "name":
            if value in names:
                raise DataError(rel, "name", f"another file already defines '{value}'")
            names.add(value)
        for form in (value, plural(value)):
            key = normalize(form)
            if not key:
                raise DataError(rel, fld, "is empty once punctuation is removed")
            if owner.get(key, rel) != rel:
                raise DataError(rel, fld, f"'{value}' is already a name of {owner[key]}")
            owner[key] = rel
    for slug, rel, role in named:
        for topic in m.FACT_TOPICS:
            for i, entry in enumerate(getattr(role, topic)):
                for source in entry.sources:
                    if source not in article_ids:
                        raise DataError(
                            rel, f"{topic}[{i}].sources", f"unknown article id '{source}'"
                        )
        for topic in ("skills", "tools", "industries"):
            seen = set()
            for i, entry in enumerate(getattr(role, topic)):
                key = entry.name.lower()
                if key in seen:
                    raise DataError(rel, f"{topic}[{i}].name", f"duplicate name '{entry.name}'")
                seen.add(key)

    for i, article in enumerate(articles):
        for j, role_name in enumerate(article.roles):
            if role_name not in names:
                raise DataError(
                    ARTICLES_FILE,
                    f"articles[{i}].roles[{j}]",
                    f"no role file defines '{role_name}'",
                )
