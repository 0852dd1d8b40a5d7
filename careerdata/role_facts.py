"""What the role database holds about one role on one topic: an article role's facts, tips and
job listings, or an official occupation's O*NET description.

:data:`ARTICLE_READERS` maps each topic of the articles to the function reading it (every one
takes a session and the :class:`careerdata.models.Role` row and returns a :class:`Found`);
:func:`read` builds the :class:`careerdata.records.TopicFacts` the store returns. The topics the
open data answers for every occupation are :mod:`careerdata.depth`'s.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Dict, List, Mapping, Tuple

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from careerdata import depth, topics
from careerdata import models as m
from careerdata.records import Comparison, FactRow, JobRow, Source, TopicFacts
from careerdata.text import normalize

#: Core tasks an official occupation's definition lists after its description.
DEFINITION_TASKS = 2


def source_of(article: m.Article) -> Source:
    """The :class:`Source` of an article (title and ISO date)."""
    published = article.published.isoformat() if article.published else None
    return Source(article.id, article.title, published)


@dataclass
class Found:
    """What a reader found: facts, job listings and ``{article id: Source}``."""

    facts: List[FactRow] = field(default_factory=list)
    jobs: List[JobRow] = field(default_factory=list)
    sources: Dict[str, Source] = field(default_factory=dict)


def stored_facts(session: Session, row: m.Role, topic: str) -> Found:
    """The role's facts of ``topic`` as the role files give them, in their order."""
    found = Found()
    query = (select(m.Fact).where(m.Fact.role_id == row.id, m.Fact.topic == topic)
             .order_by(m.Fact.position)
             .options(selectinload(m.Fact.sources), selectinload(m.Fact.terms)))
    for fact in session.scalars(query):
        found.facts.append(FactRow(
            name=fact.name, category=fact.category, text=fact.text,
            terms=tuple(t.term for t in fact.terms),
            sources=tuple(sorted(a.id for a in fact.sources))))
        found.sources.update({a.id: source_of(a) for a in fact.sources})
    return found


def outlook(session: Session, row: m.Role, topic: str) -> Found:
    """The role's own outlook notes, then the outlook of every article covering the role (with
    the growth figure it cites)."""
    found = stored_facts(session, row, topic)
    for article in sorted(row.articles, key=lambda a: a.id):
        if not article.outlook_text:
            continue
        detail = None
        if article.growth_percent is not None:
            detail = f"{article.growth_percent}% projected growth"
            if article.growth_period:
                detail += f", {article.growth_period}"
            if article.cited:
                detail += f" ({article.cited}, as cited)"
        found.facts.append(FactRow(text=article.outlook_text, name=detail,
                                   sources=(article.id,)))
        found.sources[article.id] = source_of(article)
    return found


def tips(session: Session, row: m.Role, topic: str) -> Found:
    """The covering articles' tips, those with the same title merged."""
    found = Found()
    merged: Dict[str, Tuple[m.Tip, List[str]]] = {}
    for article in sorted(row.articles, key=lambda a: a.id):
        for tip in article.tips:
            key = normalize(tip.title)
            if key in merged:
                merged[key][1].append(article.id)
            else:
                merged[key] = (tip, [article.id])
            found.sources[article.id] = source_of(article)
    found.facts = [FactRow(name=tip.title, text=tip.text, sources=tuple(ids))
                   for tip, ids in merged.values()]
    return found


def listings(session: Session, row: m.Role, topic: str) -> Found:
    """The featured job listings whose title names the role, best paid first."""
    found = Found()
    query = (select(m.JobListing).where(m.JobListing.role_id == row.id)
             .order_by(m.JobListing.salary_max.desc())
             .options(selectinload(m.JobListing.sources)))
    for job in session.scalars(query):
        found.jobs.append(JobRow(
            title=job.title, company=job.company, location=job.location,
            employment=job.employment, level=job.level, salary_min=job.salary_min,
            salary_max=job.salary_max, currency=job.currency,
            sources=tuple(sorted(a.id for a in job.sources))))
        found.sources.update({a.id: source_of(a) for a in job.sources})
    return found


#: ``{topic key: reader}`` of every topic an article role answers from its articles.
ARTICLE_READERS: Dict[str, Callable[[Session, m.Role, str], Found]] = {
    **{topic: stored_facts for topic in m.FACT_TOPICS},
    topics.OUTLOOK: outlook,
    topics.TIPS: tips,
    topics.SALARY: listings,
}


def occupation_definition(session: Session, row: m.Role,
                          releases: Mapping[str, Source]) -> Found:
    """An official occupation's O*NET description, then its first :data:`DEFINITION_TASKS`
    core tasks (O*NET 30.1) when those are loaded. ``releases`` maps the loaded releases
    (``onet``, ``onet-30.1``) to the sources the answer cites."""
    found = Found()
    onet = session.get(m.OnetOccupation, row.onet_code) if row.onet_code else None
    if onet is None or m.DATASET_ONET not in releases:
        return found
    found.facts.append(FactRow(text=onet.description, sources=(m.DATASET_ONET,)))
    found.sources[m.DATASET_ONET] = releases[m.DATASET_ONET]
    if depth.ONET_30 in releases:  # "what does an HVAC tech do": then the main tasks
        tasks = depth.responsibilities(session, depth.target(session, row.name))
        core = [i.label for i in tasks.items if "Core" in i.flags][:DEFINITION_TASKS]
        found.facts += [FactRow(text=f"Main task: {t}", sources=(depth.ONET_30,)) for t in core]
        if core:
            found.sources[depth.ONET_30] = releases[depth.ONET_30]
    return found


def read(session: Session, role: str, topic: str, releases: Mapping[str, Source]) -> TopicFacts:
    """What the database holds about ``role`` (canonical name) on ``topic`` (a key of
    :data:`ARTICLE_READERS`): an article role's from its articles, an official occupation's
    description for ``definition`` (nothing for the other topics: :mod:`careerdata.depth`
    answers those).

    Raises:
        KeyError: unknown role or topic.
    """
    reader = ARTICLE_READERS[topic]
    row = session.scalars(select(m.Role).where(m.Role.name == role)
                          .options(selectinload(m.Role.articles))).first()
    if row is None:
        raise KeyError(f"unknown role {role!r}")
    if row.kind == m.KIND_OCCUPATION:
        found = (occupation_definition(session, row, releases)
                 if topic == topics.DEFINITION else Found())
    else:
        found = reader(session, row, topic)
    return TopicFacts(row.name, topic, tuple(found.facts), tuple(found.jobs), found.sources,
                      kind=row.kind)


def compare(topic: str, a: TopicFacts, b: TopicFacts) -> Comparison:
    """Two roles' facts side by side on ``topic``, with what they share.

    Shared items are compared case-insensitively: tool names and industry names for those
    topics, and the concrete ``terms`` of skills for skills. Prose topics share nothing.
    """

    def labels(facts: TopicFacts) -> Dict[str, str]:
        if topic == m.TOPIC_SKILLS:
            items = [t for f in facts.facts for t in f.terms]
        elif topic in (m.TOPIC_TOOLS, m.TOPIC_INDUSTRIES):
            items = [f.name for f in facts.facts if f.name]
        else:
            items = []
        return {i.lower(): i for i in items}

    la, lb = labels(a), labels(b)
    return Comparison(topic, a, b, tuple(la[k] for k in la if k in lb))
