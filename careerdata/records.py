"""Plain, immutable records returned by :class:`careerdata.store.RoleStore` (no ORM rows)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, Optional, Tuple

from careerdata import models as m


@dataclass(frozen=True)
class Source:
    """An article a fact came from; ``published`` is an ISO date string or None. A dataset
    (O*NET) has ``citation`` set: the text a source line shows for it instead."""

    id: str
    title: str
    published: Optional[str]
    citation: Optional[str] = None


@dataclass(frozen=True)
class FactRow:
    """One fact. ``name``/``category``/``text``/``terms`` are filled as the topic needs;
    ``sources`` are article ids."""

    name: Optional[str] = None
    category: Optional[str] = None
    text: Optional[str] = None
    terms: Tuple[str, ...] = ()
    sources: Tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """The fact's short label: its name, else its text."""
        return self.name or self.text or ""


@dataclass(frozen=True)
class JobRow:
    """A featured job listing; salaries in whole ``currency`` units per year."""

    title: str
    company: str
    location: str
    employment: Optional[str]
    level: Optional[str]
    salary_min: int
    salary_max: int
    currency: str
    sources: Tuple[str, ...] = ()


@dataclass(frozen=True)
class TopicFacts:
    """The facts about ``role`` for ``topic``; ``sources`` maps article ids to articles.

    ``kind`` is the role's kind (``article`` or ``occupation``: an official occupation, for which
    only its O*NET description and the BLS figures exist)."""

    role: str
    topic: str
    facts: Tuple[FactRow, ...] = ()
    jobs: Tuple[JobRow, ...] = ()
    sources: Dict[str, Source] = field(default_factory=dict)
    kind: str = m.KIND_ARTICLE

    @property
    def empty(self) -> bool:
        """True when the database holds nothing for this role and topic."""
        return not self.facts and not self.jobs


@dataclass(frozen=True)
class Comparison:
    """Two roles side by side on one topic.

    ``shared`` lists labels both roles have (for tools, industries and skill terms); ``first`` and
    ``second`` hold each role's full facts for the topic.
    """

    topic: str
    first: TopicFacts
    second: TopicFacts
    shared: Tuple[str, ...] = ()
