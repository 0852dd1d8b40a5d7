"""What the open data says about one occupation, topic by topic (O*NET 30.1 and 29.0, BLS
Employment Projections 2024–34).

:data:`READERS` maps each topic answered from these tables to the function reading it; every
reader takes a session and a :class:`Target` and returns a :class:`Depth` (plain, immutable).
``actions.render_depth`` renders each topic; a test checks both cover the topics that
``careerdata.topics`` marks ``depth``. The O*NET tables are keyed by O*NET-SOC code
(``29-1141.01``), the projections by SOC code (``29-1141``): a detailed O*NET occupation without
figures of its own borrows its parent's (``29-1141.00``), and says so (:attr:`Depth.parent`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from careerdata import models as m
from careerdata import models_depth as d
from careerdata import topics
from careerdata.wages import NATIONAL

#: Release keys of ``opendata/MANIFEST.yml`` (and of the ``releases`` table) the answers cite.
ONET_30 = "onet-30.1"
ONET_29 = "onet-29.0"
PROJECTIONS = "bls-ep-2024-34"
#: The projections row of all occupations, the average outlooks are compared with.
ALL_OCCUPATIONS = "00-0000"
#: RIASEC interest areas by O*NET's high-point code (1–6).
RIASEC = ("Realistic", "Investigative", "Artistic", "Social", "Enterprising", "Conventional")


@dataclass(frozen=True)
class Target:
    """The occupation a question is about: the role's canonical ``role`` name, its O*NET-SOC
    code (``29-1141.00``, None when it has none) and SOC code (``29-1141``)."""

    role: str
    onet_code: Optional[str]
    soc_code: Optional[str]


@dataclass(frozen=True)
class Item:
    """One line of an answer: ``label`` ("Active Listening"), an optional ``value`` (importance
    1–5, level 0–7, share in %, median pay in USD a year …, as the topic says) and ``flags``
    ("Hot Technology", "Core")."""

    label: str
    value: Optional[float] = None
    level: Optional[float] = None
    flags: Tuple[str, ...] = ()


@dataclass(frozen=True)
class Depth:
    """The open data of one occupation on one topic.

    Attributes:
        role: the role asked about (canonical name).
        topic: a key of :data:`careerdata.topics.BY_KEY`.
        occupation: the title of the O*NET or SOC occupation the facts describe.
        code: its O*NET-SOC or SOC code.
        items: the topic's main list, most important first (all of it; the renderer cuts).
        extra: a second list (tools after software, knowledge after skills, values …).
        facts: named single facts, ``(label, text)`` ("Typical entry education", "Bachelor's
            degree"), in the order shown.
        releases: release keys cited (:data:`ONET_30`, :data:`PROJECTIONS` …).
        parent: the facts are the parent occupation's (title), not ``occupation``'s own.
    """

    role: str
    topic: str
    occupation: str
    code: str
    items: Tuple[Item, ...] = ()
    extra: Tuple[Item, ...] = ()
    facts: Tuple[Tuple[str, str], ...] = ()
    releases: Tuple[str, ...] = ()
    parent: Optional[str] = None

    @property
    def empty(self) -> bool:
        """True when the open data holds nothing on this topic for the occupation."""
        return not (self.items or self.extra or self.facts)


def target(session: Session, role: str) -> Target:
    """The :class:`Target` of ``role`` (canonical name). An article role without an O*NET code
    uses its SOC occupation's (``15-1243`` -> ``15-1243.00``) when O*NET has it.

    Raises:
        KeyError: unknown role.
    """
    row = session.scalars(select(m.Role).where(m.Role.name == role)).first()
    if row is None:
        raise KeyError(f"unknown role {role!r}")
    code = row.onet_code
    if code is None and row.soc_code and session.get(m.OnetOccupation, f"{row.soc_code}.00"):
        code = f"{row.soc_code}.00"
    return Target(row.name, code, row.soc_code)


def _detailed(t: Target) -> bool:
    """True for a detailed O*NET occupation inside a SOC occupation (``29-1141.01``): BLS
    figures exist only for the SOC occupation as a whole."""
    return bool(t.onet_code) and not t.onet_code.endswith(".00")


def _title(session: Session, code: Optional[str]) -> Optional[str]:
    row = session.get(m.OnetOccupation, code) if code else None
    return row.title if row else None


def _with_parent(session: Session, t: Target, has_rows: Callable[[str], bool]):
    """``(code, title, parent title or None)`` of the O*NET occupation whose rows to read:
    ``t``'s own, else its parent ``.00`` occupation's when only that one has rows."""
    own = t.onet_code
    if own and has_rows(own):
        return own, _title(session, own) or t.role, None
    parent = f"{own[:7]}.00" if own else None
    if parent and parent != own and has_rows(parent):
        title = _title(session, parent) or parent
        return parent, _title(session, own) or t.role, title
    return own, _title(session, own) or t.role, None


def _has_rows(session: Session, model, code: str, *where) -> bool:
    stmt = select(model.onet_code).where(model.onet_code == code, *where).limit(1)
    return session.execute(stmt).first() is not None


def _ratings(session: Session, code: Optional[str], kind: str,
             scale: str) -> List[Tuple[str, float]]:
    if not code:
        return []
    stmt = select(d.OnetRating.element_name, d.OnetRating.value).where(
        d.OnetRating.onet_code == code, d.OnetRating.kind == kind, d.OnetRating.scale == scale,
        d.OnetRating.suppress.is_(False))
    return sorted(session.execute(stmt).all(), key=lambda r: (-r[1], r[0]))


def responsibilities(session: Session, t: Target) -> Depth:
    """O*NET 30.1 task statements: Core tasks first, then Supplemental, each in O*NET's order."""
    code, title, parent = _with_parent(session, t, lambda c: _has_rows(session, d.OnetTask, c))
    rows = session.execute(select(d.OnetTask.text, d.OnetTask.kind, d.OnetTask.task_id)
                           .where(d.OnetTask.onet_code == code)).all() if code else []
    order = {"Core": 0, "Supplemental": 1}
    rows.sort(key=lambda r: (order.get(r.kind, 2), r.task_id))
    items = tuple(Item(r.text, flags=(r.kind,) if r.kind else ()) for r in rows)
    return Depth(t.role, topics.RESPONSIBILITIES, title, code or "", items,
                 releases=(ONET_30,), parent=parent)


def _rated(session: Session, t: Target, kind: str, topic: str) -> Depth:
    code, title, parent = _with_parent(
        session, t, lambda c: _has_rows(session, d.OnetRating, c, d.OnetRating.kind == kind))
    levels = dict(_ratings(session, code, kind, "LV"))
    items = tuple(Item(name, value, levels.get(name))
                  for name, value in _ratings(session, code, kind, "IM"))
    return Depth(t.role, topic, title, code or "", items, releases=(ONET_29,), parent=parent)


def skills(session: Session, t: Target) -> Depth:
    """O*NET 29.0 skills by importance (1–5), each with its level (0–7); the five most
    important knowledge areas as :attr:`Depth.extra`."""
    found = _rated(session, t, "skill", topics.SKILLS)
    knowledge = _rated(session, t, "knowledge", topics.KNOWLEDGE)
    return Depth(found.role, found.topic, found.occupation, found.code, found.items,
                 knowledge.items[:5], releases=found.releases, parent=found.parent)


def knowledge(session: Session, t: Target) -> Depth:
    """O*NET 29.0 knowledge areas by importance (1–5), each with its level (0–7)."""
    return _rated(session, t, "knowledge", topics.KNOWLEDGE)


def technology(session: Session, t: Target) -> Depth:
    """O*NET 30.1 Technology Skills (software; Hot Technology and In Demand first) and, as
    :attr:`Depth.extra`, Tools Used."""
    code, title, parent = _with_parent(session, t, lambda c: _has_rows(session, d.OnetTechnology, c))
    rows = session.execute(select(d.OnetTechnology).where(d.OnetTechnology.onet_code == code)
                           ).scalars().all() if code else []

    def items(tool: bool) -> Tuple[Item, ...]:
        chosen = {}
        for r in rows:
            if r.tool == tool and r.example.lower() not in chosen:
                flags = tuple(f for f, on in (("Hot Technology", r.hot), ("In Demand", r.in_demand))
                              if on)
                chosen[r.example.lower()] = Item(r.example, flags=flags)
        return tuple(sorted(chosen.values(), key=lambda i: (-len(i.flags), i.label.lower())))

    return Depth(t.role, topics.TOOLS, title, code or "", items(False), items(True),
                 releases=(ONET_30,), parent=parent)


def _projection(session: Session, soc: Optional[str]):
    """``(row, parent title or None)``: the projections row of ``soc``, else of its broad
    occupation (``29-1141`` -> ``29-1140``) when BLS projects only that."""
    if not soc:
        return None, None
    row = session.get(d.Projection, soc)
    if row is not None:
        return row, None
    broad = session.get(d.Projection, soc[:-1] + "0")
    return broad, broad.title if broad else None


def _soc_title(session: Session, t: Target, fallback: Optional[str] = None) -> str:
    """The OEWS title of ``t``'s SOC occupation, else ``fallback`` (the projections' title),
    else the role's name."""
    occ = session.get(m.Occupation, t.soc_code) if t.soc_code else None
    return occ.title if occ else (fallback or t.role)


#: BLS's education and training categories with how long each takes (``data/bls_education.yml``).
EDUCATION_FILE = Path(__file__).resolve().parent.parent / "data" / "bls_education.yml"


@dataclass(frozen=True)
class EducationTerms:
    """``levels``: BLS typical entry education, lowest first; ``study``: ``{level: how long}``;
    ``training``: ``{on-the-job training category: how long}`` (categories without a time
    left out); ``words``: ``{level: what people call it}``."""

    levels: Tuple[str, ...]
    study: Dict[str, str]
    training: Dict[str, str]
    words: Dict[str, Tuple[str, ...]] = field(default_factory=dict)

    def named(self, text: str) -> Optional[str]:
        """The level ``text`` names by its :attr:`words` (the first in the text), or None:
        "jobs that need an associate's" -> "Associate's degree"."""
        found = [(m.start(), level) for level, pattern in self._patterns.items()
                 for m in [pattern.search(text)] if m]
        return min(found)[1] if found else None

    @cached_property
    def _patterns(self) -> Dict[str, "re.Pattern"]:  # compiled once per (cached) instance
        return {level: re.compile(r"(?<!\w)(?:" + "|".join(
            re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")(?!\w)", re.I)
            for level, words in self.words.items() if words}

    def up_to(self, level: Optional[str]) -> Tuple[str, ...]:
        """The levels up to ``level`` (all of them for None).

        Raises:
            ValueError: ``level`` is not a BLS category.
        """
        return self.levels[:self.levels.index(level) + 1] if level else self.levels

    def lower(self, *levels: Optional[str]) -> Optional[str]:
        """The lowest of ``levels`` that are given (None when none is)."""
        given = [x for x in levels if x]
        return min(given, key=self.levels.index) if given else None

    def steps(self, have: Optional[str], need: Optional[str]) -> int:
        """How many levels ``need`` is above ``have`` (0 when not above, or either unknown)."""
        if have not in self.levels or need not in self.levels:
            return 0
        return max(0, self.levels.index(need) - self.levels.index(have))


@lru_cache(maxsize=1)
def education_terms(path: Path = EDUCATION_FILE) -> EducationTerms:
    """The :class:`EducationTerms` of ``data/bls_education.yml`` (read once)."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    levels = tuple(entry["level"] for entry in raw["education"])
    study = {e["level"]: e["time"] for e in raw["education"] if e.get("time")}
    training = {k: v for k, v in raw["training"].items() if v}
    words = {e["level"]: tuple(str(w) for w in e.get("words") or ()) for e in raw["education"]}
    return EducationTerms(levels, study, training, words)


def education(session: Session, t: Target) -> Depth:
    """BLS typical entry education, work experience and on-the-job training (with how long
    each takes), the O*NET job zone, and as :attr:`Depth.items` the required-level-of-education
    shares workers report (O*NET 30.1, % of respondents, 10 % or more; flagged "low precision"
    where O*NET recommends suppressing the value)."""
    row, broad = _projection(session, t.soc_code)
    facts: List[Tuple[str, str]] = []
    releases: List[str] = []
    if row is not None and row.education:
        terms = education_terms()
        time = terms.study.get(row.education)
        facts.append(("Typical entry education", row.education + (f" ({time})" if time else "")))
        facts.append(("Work experience in a related occupation", row.experience or "None"))
        train = terms.training.get(row.training or "")
        facts.append(("Typical on-the-job training",
                      (row.training or "None") + (f" ({train})" if train else "")))
        releases.append(PROJECTIONS)
    code, title, parent = _with_parent(session, t, lambda c: _has_rows(session, d.OnetEducation, c))
    zone = session.get(d.OnetJobZone, code) if code else None
    if zone is not None:
        named = session.get(d.OnetJobZoneName, zone.zone)
        words = f", {zone_words(named.name)}" if named else ""
        facts.append(("O*NET job zone", f"{zone.zone} of 5{words}"))
    names = dict(session.execute(select(d.OnetEducationCategory.category,
                                        d.OnetEducationCategory.description)
                                 .where(d.OnetEducationCategory.scale == "RL")).all())
    shares = session.execute(select(d.OnetEducation.category, d.OnetEducation.percent,
                                    d.OnetEducation.suppress).where(
        d.OnetEducation.onet_code == code, d.OnetEducation.scale == "RL")).all() if code else []
    items = tuple(Item(_short_level(names.get(c, str(c))), p,
                       flags=("low precision",) if low else ())
                  for c, p, low in sorted(shares, key=lambda r: -r[1]) if p >= 10)
    if _detailed(t) and facts:
        facts.append(("BLS figures are for", f"{_soc_title(session, t, row.title)} "
                                             f"(SOC {t.soc_code}) as a whole"))
    if items or zone is not None:
        releases.append(ONET_30)
    return Depth(t.role, topics.EDUCATION, title, code or t.soc_code or "", items,
                 facts=tuple(facts), releases=tuple(releases), parent=parent or broad)


def zone_words(name: str) -> str:
    """"considerable preparation" from O*NET's "Job Zone Four: Considerable Preparation
    Needed"."""
    return name.split(":", 1)[-1].strip().lower().removesuffix(" needed")


def _short_level(description: str) -> str:
    """"Bachelor's Degree" from O*NET's long category text."""
    return description.split(" - ")[0].split(" (")[0].strip()


def outlook(session: Session, t: Target) -> Depth:
    """BLS Employment Projections 2024–34: employment 2024 and 2034 (people), change (%),
    annual openings, against the all-occupation average from the same table."""
    row, broad = _projection(session, t.soc_code)
    total = session.get(d.Projection, ALL_OCCUPATIONS)
    if row is None:
        return Depth(t.role, topics.OUTLOOK, _soc_title(session, t), t.soc_code or "")
    items = (
        Item("Employment 2024", row.employment_2024 * 1000),
        Item("Employment 2034 (projected)", row.employment_2034 * 1000),
        Item("Change", row.change_percent, row.change * 1000),
        Item("Openings a year (average)", row.openings * 1000),
    )
    extra = (Item("All occupations", total.change_percent),) if total is not None else ()
    if row.median_wage:
        extra += (Item("Median wage 2024", row.median_wage,
                       flags=("or more",) if row.wage_topcoded else ()),)
    soc_name = _soc_title(session, t, fallback=row.title)
    own = (_title(session, t.onet_code) or t.role) if _detailed(t) else None
    return Depth(t.role, topics.OUTLOOK, own or soc_name, row.soc_code, items, extra,
                 releases=(PROJECTIONS,),
                 parent=broad or (f"{soc_name} (SOC {t.soc_code})" if own else None))


def similar(session: Session, t: Target) -> Depth:
    """O*NET 30.1 Related Occupations, closest tier first, each with its BLS OEWS national
    median (USD a year, :attr:`Item.value`; None where BLS publishes none). A detailed O*NET
    occupation has its SOC occupation's median, flagged "median of all <SOC title>"."""
    code, title, parent = _with_parent(session, t, lambda c: _has_rows(session, d.OnetRelated, c))
    tiers = {"Primary-Short": 0, "Primary-Long": 1, "Supplemental": 2}
    rows = session.execute(select(d.OnetRelated.related_code, d.OnetRelated.tier,
                                  d.OnetRelated.rank).where(d.OnetRelated.onet_code == code)
                           ).all() if code else []
    rows.sort(key=lambda r: (tiers.get(r.tier, 3), r.rank))
    codes = [r.related_code for r in rows]
    found = session.execute(select(m.Role.onet_code, m.Role.name, m.Role.soc_code)
                            .where(m.Role.onet_code.in_(codes))).all() if codes else []
    roles = {code: name for code, name, _ in found}
    socs = {code: soc for code, _, soc in found}
    medians = dict(session.execute(select(m.Wage.soc_code, m.Wage.annual_median).where(
        m.Wage.area_code == NATIONAL, m.Wage.soc_code.in_(set(socs.values())))).all()) if socs else {}
    soc_titles = dict(session.execute(select(m.Occupation.soc_code, m.Occupation.title).where(
        m.Occupation.soc_code.in_(set(socs.values())))).all()) if socs else {}

    def flags(code: str, tier: str) -> Tuple[str, ...]:
        if code.endswith(".00") or socs.get(code) not in soc_titles:
            return (tier,)
        return (tier, f"median of all {soc_titles[socs[code]]}")

    items = tuple(Item(roles.get(r.related_code) or _title(session, r.related_code)
                       or r.related_code, medians.get(socs.get(r.related_code)),
                       flags=flags(r.related_code, r.tier)) for r in rows)
    return Depth(t.role, topics.SIMILAR, title, code or "", items,
                 releases=(ONET_30, m.DATASET_OEWS) if medians else (ONET_30,),
                 parent=parent)


def work_styles(session: Session, t: Target) -> Depth:
    """O*NET 30.1 work styles by impact (:attr:`Item.value`), as :attr:`Depth.extra` the
    RIASEC interest areas (1–7) and work values (extent 1–7), strongest first; the interest
    high-point code ("SIC") as a fact."""
    code, title, parent = _with_parent(
        session, t, lambda c: _has_rows(session, d.OnetRating, c, d.OnetRating.kind == "work_style"))
    styles = tuple(Item(n, v) for n, v in _ratings(session, code, "work_style", "WI"))
    interests = tuple(Item(n, v, flags=("interest",))
                      for n, v in _ratings(session, code, "interest", "OI")[:3])
    values = tuple(Item(n, v, flags=("value",))
                   for n, v in _ratings(session, code, "work_value", "EX")[:3])
    points = [int(v) for _, v in sorted(_ratings(session, code, "interest", "IH"))
              if 1 <= v <= 6]
    facts = (("Interest code", "".join(RIASEC[p - 1][0] for p in points)),) if points else ()
    return Depth(t.role, topics.WORK_STYLES, title, code or "", styles, interests + values,
                 facts=facts, releases=(ONET_30,), parent=parent)


#: ``{topic key: reader}`` of every topic answered from the open data.
READERS: Dict[str, Callable[[Session, Target], Depth]] = {
    topics.RESPONSIBILITIES: responsibilities,
    topics.SKILLS: skills,
    topics.KNOWLEDGE: knowledge,
    topics.EDUCATION: education,
    topics.TOOLS: technology,
    topics.OUTLOOK: outlook,
    topics.SIMILAR: similar,
    topics.WORK_STYLES: work_styles,
}


def read(session: Session, role: str, topic: str) -> Depth:
    """The open data of ``role`` on ``topic`` (a key of :data:`READERS`).

    Raises:
        KeyError: unknown role, or a topic no reader answers.
    """
    reader = READERS[topic]
    return reader(session, target(session, role))
