"""Load the role data files into the role database.

:func:`careerdata.role_files.read_dataset` reads and validates ``data/``; :func:`sync` writes the
result to a database idempotently:

* nothing changed (same SHA-256 per file) -> nothing is written;
* a role file changed -> that role's aliases and facts are replaced;
* a role file was removed -> the role is deleted;
* ``articles.yml`` changed -> articles are updated in place, their tips and job listings replaced.

``make db`` (:mod:`careerdata.load`) runs :func:`sync` and prints its report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from sqlalchemy import delete, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from careerdata import models as m
from careerdata.role_files import ARTICLES_FILE, ROLES_DIR, ArticleEntry, Dataset, RoleFile
from careerdata.text import normalize, plural


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
