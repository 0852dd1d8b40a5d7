"""Read and validate the role data files and load them into the role database.

The data lives in human-editable YAML under ``data/`` (see ``data/README.md``):
``data/articles.yml`` and one ``data/roles/<slug>.yml`` per role. :func:`read_dataset` parses and
validates them; :func:`sync` writes them to a database idempotently:

* nothing changed (same SHA-256 per file) -> nothing is written;
* a role file changed -> that role's aliases and facts are replaced;
* a role file was removed -> the role is deleted;
* ``articles.yml`` changed -> articles are updated in place, their tips and job listings replaced.

``make db`` (:mod:`careerdata.load`) runs :func:`sync` and prints its report.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Tuple

import yaml
from pydantic import BaseModel, Extra, ValidationError, conint, constr, validator
from sqlalchemy import delete, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

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


@dataclass
class SyncReport:
    """What :func:`sync` did. Lists hold canonical role names; counts are of rows in the DB."""

    added: List[str] = field(default_factory=list)
    updated: List[str] = field(default_factory=list)
    removed: List[str] = field(default_factory=list)
    unchanged: List[str] = field(default_factory=list)
    articles_changed: bool = False
    counts: Dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        """True when anything was written."""
        return bool(self.added or self.updated or self.removed or self.articles_changed)

    def summary(self) -> str:
        """A short human-readable report, one line per kind of change plus row counts."""
        lines = []
        for label, names in (
            ("added", self.added),
            ("updated", self.updated),
            ("removed", self.removed),
            ("unchanged", self.unchanged),
        ):
            if names:
                lines.append(f"roles {label} ({len(names)}): {', '.join(names)}")
        lines.append(f"articles: {'updated' if self.articles_changed else 'unchanged'}")
        lines.append("rows: " + ", ".join(f"{k} {v}" for k, v in self.counts.items()))
        return "\n".join(lines)


def _role_rows(slug: str, data: RoleFile, articles: Dict[str, m.Article]) -> m.Role:
    role = m.Role(slug=slug, name=data.name, kind=m.KIND_ARTICLE)
    if data.occupation is not None:
        role.soc_code = data.occupation.soc
        role.mapping = data.occupation.relation
        role.mapping_note = data.occupation.note
    seen = set()
    for alias in [data.name, *data.aliases]:
        for form in (alias, plural(alias)):
            key = normalize(form)
            if key not in seen:
                seen.add(key)
                role.aliases.append(m.Alias(alias=form, normalized=key))
    for topic in m.FACT_TOPICS:
        for position, entry in enumerate(getattr(data, topic)):
            fact = m.Fact(
                topic=topic,
                position=position,
                name=getattr(entry, "name", None),
                category=getattr(entry, "category", None),
                text=getattr(entry, "text", None),
                sources=[articles[s] for s in dict.fromkeys(entry.sources)],
            )
            for term in dict.fromkeys(getattr(entry, "terms", [])):
                fact.terms.append(m.FactTerm(term=term))
            role.facts.append(fact)
    return role


def _sync_articles(session: Session, entries: List[ArticleEntry]) -> Dict[str, m.Article]:
    existing = {a.id: a for a in session.scalars(select(m.Article))}
    wanted = {e.id for e in entries}
    for article_id, article in existing.items():
        if article_id not in wanted:
            session.delete(article)
    session.execute(delete(m.JobListing))
    session.flush()
    by_id: Dict[str, m.Article] = {}
    for entry in entries:
        article = existing.get(entry.id) or m.Article(id=entry.id)
        article.title = entry.title
        article.published = entry.published
        article.outlook_text = entry.outlook.text if entry.outlook else None
        article.growth_percent = entry.outlook.growth_percent if entry.outlook else None
        article.growth_period = entry.outlook.period if entry.outlook else None
        article.cited = entry.outlook.cited if entry.outlook else None
        article.tips = [
            m.Tip(position=i, title=t.title, text=t.text) for i, t in enumerate(entry.tips)
        ]
        session.add(article)
        by_id[entry.id] = article
    session.flush()
    jobs: Dict[Tuple[str, str, str], m.JobListing] = {}
    for entry in entries:
        for job in entry.jobs:
            key = (job.title, job.company, job.location)
            row = jobs.get(key)
            if row is None:
                row = m.JobListing(**job.dict())
                jobs[key] = row
                session.add(row)
            if by_id[entry.id] not in row.sources:
                row.sources.append(by_id[entry.id])
    return by_id


def match_job_role(title: str, aliases: Dict[str, int]) -> Optional[int]:
    """Return the role id whose name or alias occurs as whole words in a job ``title``.

    ``aliases`` maps normalised names/aliases to role ids; the longest match wins, so
    "Senior Data Scientist" matches Data Scientist and "Lead Machine Learning Engineer" matches
    the lead role rather than Machine Learning Engineer. Returns None when nothing matches.
    """
    padded = f" {normalize(title)} "
    best: Tuple[int, Optional[int]] = (0, None)
    for alias, role_id in aliases.items():
        if f" {alias} " in padded and len(alias) > best[0]:
            best = (len(alias), role_id)
    return best[1]


def sync(engine: Engine, dataset: Dataset) -> SyncReport:
    """Make the database behind ``engine`` hold exactly ``dataset``; return what changed.

    Creates missing tables. Writes nothing when every file's hash matches the last load.
    Runs in one transaction: on any error nothing is changed.
    """
    m.Base.metadata.create_all(engine)
    report = SyncReport()
    with Session(engine, future=True) as session, session.begin():
        loaded = {f.path: f for f in session.scalars(select(m.LoadedFile))}
        roles_by_slug = {
            r.slug: r for r in session.scalars(select(m.Role).where(m.Role.kind == m.KIND_ARTICLE))
        }
        articles_changed = (
            loaded.get(ARTICLES_FILE) is None
            or loaded[ARTICLES_FILE].sha256 != dataset.hashes[ARTICLES_FILE]
        )
        role_changes = {}
        for slug in dataset.roles:
            rel = f"{ROLES_DIR}/{slug}.yml"
            old = loaded.get(rel)
            if slug not in roles_by_slug or old is None:
                role_changes[slug] = "added"
            elif old.sha256 != dataset.hashes[rel]:
                role_changes[slug] = "updated"
        removed = [s for s in roles_by_slug if s not in dataset.roles]

        if articles_changed or role_changes or removed:
            for slug in removed + [s for s, kind in role_changes.items() if kind == "updated"]:
                role = roles_by_slug.pop(slug)
                if slug in removed:
                    report.removed.append(role.name)
                session.delete(role)
            session.flush()
            articles = (
                _sync_articles(session, dataset.articles)
                if articles_changed
                else {a.id: a for a in session.scalars(select(m.Article))}
            )
            new_roles = {slug: _role_rows(slug, dataset.roles[slug], articles) for slug in role_changes}
            # A name an article role now claims is taken from any occupation that had it.
            claimed = [a.normalized for r in new_roles.values() for a in r.aliases]
            if claimed:
                session.execute(delete(m.Alias).where(m.Alias.normalized.in_(claimed)))
            for slug, kind in role_changes.items():
                role = new_roles[slug]
                session.add(role)
                roles_by_slug[slug] = role
                getattr(report, kind).append(role.name)
            session.flush()
            by_name = {r.name: r for r in roles_by_slug.values()}
            for entry in dataset.articles:
                articles[entry.id].roles = [by_name[name] for name in entry.roles]
            alias_index = {
                a.normalized: a.role_id
                for a in session.scalars(
                    select(m.Alias).join(m.Role).where(m.Role.kind == m.KIND_ARTICLE)
                )
            }
            for job in session.scalars(select(m.JobListing)):
                job.role_id = match_job_role(job.title, alias_index)
            for path in set(loaded) - set(dataset.hashes):
                if path == ARTICLES_FILE or path.startswith(f"{ROLES_DIR}/"):  # ours only
                    session.delete(loaded[path])
            for path, digest in dataset.hashes.items():
                session.merge(m.LoadedFile(path=path, sha256=digest))
            report.articles_changed = articles_changed

        changed = set(report.added) | set(report.updated)
        report.unchanged = sorted(
            r.name for r in roles_by_slug.values() if r.name not in changed
        )
        report.counts["roles"] = len(roles_by_slug)
        for label, model in (
            ("facts", m.Fact),
            ("articles", m.Article),
            ("tips", m.Tip),
            ("job listings", m.JobListing),
        ):
            report.counts[label] = session.query(model).count()
    return report
