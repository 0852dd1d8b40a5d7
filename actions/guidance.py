"""Guidance actions about skills: roles by skill or industry, the user's skills
(``known_skills``), fit, and yes/no about a skill; what to learn (:func:`learning_path`, for the
getting-started questions of ``ask_tips`` that ask it) (rankings across roles and "is it
a good career" are in :mod:`actions.rankings`).

Each action reads the message's ``skill`` and ``role`` entities (skills resolved by
:attr:`careerdata.store.RoleStore.skills`, roles by the role resolver), asks the store and
renders with :mod:`actions.render_guidance`. Skills and tools are known for the article roles
only; the official occupations have pay and employment, so a skill question about one says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Tuple

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from actions import context as ctx
from actions import render
from actions import render_guidance as rg
from actions.base import StoreAction, one_role, problem_reply, read_mentions
from careerdata import models as m
from careerdata import topics
from careerdata.records import Source
from careerdata.skills import Requirement, SkillIndex
from careerdata.store import TOPIC_TIPS, RoleStore
from careerdata.text import normalize

#: A negation in the clause before a skill: "I don't know R", "never used Spark", "no Excel".
_NEGATION = re.compile(r"\b(?:don'?t|do not|dont|never|not|no|zero|can'?t|cannot|haven'?t|"
                       r"without|lack)\b", re.IGNORECASE)
#: Where a clause starts, for :data:`_NEGATION`: punctuation or "but".
_CLAUSE = re.compile(r"[.,;!?]|\bbut\b", re.IGNORECASE)
#: "from X to Y" / "I'm an X" / "as an X": the role before is the current one.
_CURRENT = re.compile(r"\b(?:from|i'?m|i am|im|as|work as|working as)\s+"
                      r"(?:(?:currently|now|already|still)\s+)?(?:an?\s+|the\s+)?$",
                      re.IGNORECASE)
#: Industry-name words too general to pick an industry ("and", "services").
_INDUSTRY_STOP = frozenset("and e g eg services sector public development".split())
#: What follows a verb of knowing or using, for a skill the NLU did not tag ("I know COBOL").
_OBJECT = re.compile(r"\b(?:know|knows|use|uses|using|used|need|needs|require|requires|good at|"
                     r"good with|experience (?:with|in)|familiar with|skilled in|learned|studied)"
                     r"\s+(?:a bit of\s+|some\s+)?([^?.!,;]+)", re.IGNORECASE)
_NOT_OBJECT = frozenset("it them that this those these me you what which who how".split())
#: Most getting-started tips named in a what-to-learn answer.
_MAX_TIPS = 3


#: Intents whose message names skills: only there is an untagged object an unknown skill.
SKILL_INTENTS = frozenset({"inform_skills", "ask_roles_by_skill", "ask_uses", "ask_fit"})


@dataclass
class SkillMentions:
    """The skills of a message: ``known`` canonical names with whether each is negated, and
    ``unknown`` texts that name no skill of the data."""

    known: List[Tuple[str, bool]] = field(default_factory=list)
    unknown: List[str] = field(default_factory=list)

    @property
    def names(self) -> List[str]:
        """The known skills, negated or not."""
        return [name for name, _ in self.known]


def _inside(entity: Dict, spans: List[Tuple[int, int]]) -> bool:
    """True when ``entity`` lies within one of ``spans`` ("machine learning" in a role name)."""
    start, end = entity.get("start"), entity.get("end")
    return start is not None and any(s <= start and end <= e for s, e in spans)


def _negated(text: str, start: Optional[int]) -> bool:
    if start is None:
        return False
    before = text[:start]
    cut = max((mt.end() for mt in _CLAUSE.finditer(before)), default=0)
    return bool(_NEGATION.search(before[cut:]))


def read_skills(tracker: Tracker, index: SkillIndex) -> SkillMentions:
    """Resolve the latest message's ``skill`` entities; scan its text outside role names when
    there are none; for an intent of :data:`SKILL_INTENTS`, take what follows "I know", "use",
    ... as unknown skills when even the scan finds none."""
    text = tracker.latest_message.get("text") or ""
    found = SkillMentions()
    roles = [(e["start"], e["end"]) for e in ctx.role_entities(tracker) if e.get("start") is not None]
    entities = [e for e in tracker.latest_message.get("entities") or []
                if e.get("entity") == ctx.ENTITY_SKILL and isinstance(e.get("value"), str)
                and not _inside(e, roles)]
    for entity in sorted(entities, key=lambda e: e.get("start") or 0):
        name = index.resolve(entity["value"])
        if name is None:
            raw = text[entity["start"]:entity["end"]] if entity.get("start") is not None else entity["value"]
            if normalize(raw) and raw not in found.unknown and not _inside_known(raw, found, index):
                found.unknown.append(raw)
        elif name not in found.names:
            found.known.append((name, _negated(text, entity.get("start"))))
    if not found.known and not found.unknown:
        rest = text  # role names blanked out: "machine learning" of "machine learning engineer"
        for start, end in sorted(roles, reverse=True):
            rest = rest[:start] + "," + " " * (end - start - 1) + rest[end:]
        for name in index.scan(rest):
            position = rest.lower().find(name.lower())
            found.known.append((name, _negated(text, position if position >= 0 else len(text))))
    if not found.known and not found.unknown and ctx.latest_intent(tracker) in SKILL_INTENTS:
        for item in _objects(text):  # untagged: "what roles use pyhton", "I know COBOL"
            name = index.resolve(item)
            if name is None:
                found.unknown.append(item)
            elif name not in found.names:
                found.known.append((name, _negated(text, text.find(item))))
    found.unknown = [u for u in found.unknown if not _inside_known(u, found, index)]
    return found


def _objects(text: str) -> List[str]:
    """Short phrases after a verb of knowing or using ("COBOL" of "I know COBOL"), at most
    three words each, for saying an untagged skill is unknown; [] when there is none."""
    found = _OBJECT.search(text)
    if found is None:
        return []
    items = re.split(r"\s+(?:and|or|&)\s+|/", found.group(1).strip())
    return [i for i in items if i and len(i.split()) <= 3 and i.split()[0].lower() not in _NOT_OBJECT][:3]


def _inside_known(raw: str, found: SkillMentions, index: SkillIndex) -> bool:
    """A learned entity overlapping a known one ("python and" around "python")."""
    return any(normalize(name) in normalize(raw) for name in found.names) or bool(index.scan(raw))


def profile(tracker: Tracker) -> List[str]:
    """The ``known_skills`` slot as a list of names ([] when empty)."""
    value = tracker.get_slot(ctx.SLOT_KNOWN_SKILLS)
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _examples(index: SkillIndex) -> List[str]:
    """Three skills to show in examples: the terms and tools most roles name."""
    counts: Dict[str, int] = {}
    for reqs in index.roles.values():
        for name in dict.fromkeys(t for r in reqs for t in r.terms):
            counts[name] = counts.get(name, 0) + 1
    return sorted(counts, key=lambda n: (-counts[n], n))[:3]


def _cited(store: RoleStore, reqs: Iterable[Requirement], extra: Iterable[str] = ()) -> List[Source]:
    """The articles the requirements ``reqs`` come from (no query: their ids are in the skill
    index, the articles cached by the store), plus the article ids ``extra``."""
    ids = {i for r in reqs for i in r.sources} | set(extra)
    return [store.articles[i] for i in sorted(ids) if i in store.articles]


def occupations_using(store: RoleStore, term: str) -> List:
    """The reply listing every occupation whose O*NET technology or tools name ``term`` (none
    when O*NET names it nowhere), cited with O*NET 30.1 and the BLS OEWS employment."""
    users = store.technology.users(term)
    if not users.occupations:
        return []
    cited = [store.release_source(k) for k in ("onet-30.1", m.DATASET_OEWS)
             if k in store.citations]
    return [rg.occupations_using_reply(users, render.source_line(cited))]


class ActionRolesBySkill(StoreAction):
    """Which roles name a skill or tool, or work in an industry (``ask_roles_by_skill``)."""

    def name(self) -> str:
        return "action_roles_by_skill"

    def answer(self, tracker, store, resolver):
        index = store.skills
        skills = read_skills(tracker, index)
        if skills.known:
            replies = []
            for skill in skills.names[:2]:
                rows = index.roles_with(skill)
                replies.append(rg.roles_with_reply(skill, rows, _cited(store, [r for _, w in rows for r in w])))
                replies += occupations_using(store, skill)
            return replies, []
        found = [r for term in skills.unknown[:2] for r in occupations_using(store, term)]
        if found:  # not in the articles, but in O*NET: "which jobs use AutoCAD?"
            return found, []
        text = tracker.latest_message.get("text") or ""
        words, rows, cited = _industry_roles(store, text)
        if rows:
            return [rg.roles_in_industry_reply(words, rows, _cited(store, (), cited))], []
        if skills.unknown:
            return [rg.unknown_skill_reply(skills.unknown, _examples(index))], []
        return [rg.ask_skill_reply(_examples(index))], []


def _industry_roles(store: RoleStore, text: str
                    ) -> Tuple[List[str], List[Tuple[str, List[str]]], List[str]]:
    """``(words matched, [(role, its industries naming them)], article ids cited)``: message
    words (4+ letters) that begin a word of an article role's industry name ("health" ->
    "Healthcare and ...")."""
    words = [w for w in normalize(text).split() if len(w) >= 4]
    matched: List[str] = []
    rows: List[Tuple[str, List[str]]] = []
    cited: List[str] = []
    for role in store.role_names():
        names = []
        for fact in store.topic_facts(role, m.TOPIC_INDUSTRIES).facts:
            parts = [p for p in normalize(fact.name or "").split() if p not in _INDUSTRY_STOP]
            hits = [w for w in words if any(p.startswith(w) or w.startswith(p) and len(p) >= 4
                                            for p in parts)]
            if hits:
                names.append(fact.name or "")
                matched += [h for h in hits if h not in matched]
                cited += fact.sources
        if names:
            rows.append((role, names))
    return matched, rows, cited


class ActionRecordSkills(StoreAction):
    """Record what the user knows or does not know in ``known_skills`` (``inform_skills``)."""

    def name(self) -> str:
        return "action_record_skills"

    def answer(self, tracker, store, resolver):
        skills = read_skills(tracker, store.skills)
        known = profile(tracker)
        added = [n for n, neg in skills.known if not neg]
        removed = [n for n, neg in skills.known if neg]
        known = [k for k in known if k not in removed] + [a for a in added if a not in known]
        reply = rg.recorded_reply(added, removed, known, skills.unknown)
        return [reply], [SlotSet(ctx.SLOT_KNOWN_SKILLS, known or None)]


class ActionFit(StoreAction):
    """The roles the user's skills fit best (``ask_fit``); skills named in the question are
    recorded first ("I like statistics and visualisation, what should I consider?"). With two
    roles or more named ("am I better suited to A or B?") those roles are scored."""

    def name(self) -> str:
        return "action_fit"

    def answer(self, tracker, store, resolver):
        index = store.skills
        skills = read_skills(tracker, index)
        known = profile(tracker)
        known = [k for k in known if k not in [n for n, neg in skills.known if neg]]
        known += [n for n, neg in skills.known if not neg and n not in known]
        events = [SlotSet(ctx.SLOT_KNOWN_SKILLS, known or None)]
        if not known:
            replies = [rg.no_profile_reply(_examples(index))]
            if skills.unknown:
                replies.insert(0, rg.unknown_skill_reply(skills.unknown, _examples(index)))
            return replies, events
        named = [r for r in read_mentions(tracker, resolver).known if r in index.roles]
        if len(named) >= 2:  # "am I better suited to A or B?": those roles, even at 0%
            fits = sorted((index.fit_one(r, known) for r in named), key=lambda f: -f.score)
        else:
            fits = index.fit(known)
        reply = rg.fit_reply(fits, known, _cited(store, [r for f in fits for r in f.met + f.missing]))
        if skills.unknown:
            reply.lines.append(rg.unknown_skills_line(skills.unknown))
        if fits:
            events.append(SlotSet(ctx.SLOT_ROLE, fits[0].role))
        return [reply], events


def _current_and_target(tracker: Tracker, roles: List[str], resolver) -> Tuple[Optional[str], List[str]]:
    """``(current role, [target])`` of a what-to-learn question naming ``roles``: a role after
    "from", "I'm a" or "as a" is the current one; the other is the target."""
    if len(roles) < 2:
        return None, roles
    text = tracker.latest_message.get("text") or ""
    first, second = roles[0], roles[1]
    spots = _positions(tracker, resolver)
    if first in spots and second in spots:
        if spots[second] < spots[first]:
            first, second = second, first
        if _CURRENT.search(text[:spots[second]]) and not _CURRENT.search(text[:spots[first]]):
            return second, [first]
    return first, [second]


def _positions(tracker: Tracker, resolver) -> Dict[str, int]:
    """``{canonical role: start offset}`` of the latest message's role entities."""
    found: Dict[str, int] = {}
    for entity in ctx.role_entities(tracker):
        value, start = entity.get("value"), entity.get("start")
        if isinstance(value, str) and start is not None:
            result = resolver.resolve(value)
            if result.role and result.role not in found:
                found[result.role] = start
    return found


#: Words of a question about what to learn, or about moving between roles, rather than tips.
_LEARNING = re.compile(r"\b(?:learn|missing|miss|lack|gaps?|switch|switching|move|moving|"
                       r"transition|pivot|promoted|roadmap|path|upskill|study|extra skills|"
                       r"need to (?:become|be|get))\b",
                       re.IGNORECASE)


def wants_learning(tracker: Tracker) -> bool:
    """True when a getting-started question (intent ``ask_tips``) asks what to learn or how to
    move between roles ("what should I learn to become ...", "how do I switch from A to B"),
    or names two roles, one of them the user's own ("I'm an X, how do I get to Y?"), which
    :func:`learning_path` answers instead of the tips."""
    if _LEARNING.search(ctx.text_without(tracker, ctx.ENTITY_ROLE)):  # not "machine learning"
        return True
    # two roles, one of them the user's own: "I'm an X, how do I get to Y?", "from X to Y"
    text = tracker.latest_message.get("text") or ""
    starts = [e["start"] for e in ctx.role_entities(tracker) if e.get("start") is not None]
    return len(starts) >= 2 and any(_CURRENT.search(text[:start]) for start in starts)


def learning_path(tracker: Tracker, store: RoleStore, resolver) -> Tuple[List, List]:
    """What to learn to become a role, or to move from one role to another: ``(replies,
    events)``. The target is the role named (the second of two, unless the first follows "from"
    or "I'm a"), else the role in context; the current role is the other one named."""
    mentions = read_mentions(tracker, resolver)
    if mentions.problem is not None and not mentions.known:
        return [problem_reply(mentions.problem, store)], []
    current, targets = _current_and_target(tracker, mentions.known, resolver)
    target = targets[0] if targets else one_role(mentions, tracker, store)
    if target is None:
        return [render.ask_role_reply(TOPIC_TIPS, store.role_names(),
                                      ctx.names_career_words(tracker))], []
    index = store.skills
    for role in (target, current):
        if role is not None and role not in index.roles:
            return [rg.needs_article_role_reply(role, store.role_names())], [
                SlotSet(ctx.SLOT_ROLE, role)]
    known = profile(tracker)
    have = known + (index.role_skills(current) if current else [])
    missing, met = index.gap(target, have)
    tip_facts = [f for f in store.topic_facts(target, TOPIC_TIPS).facts if f.name][:_MAX_TIPS]
    tips = [f.name for f in tip_facts]
    cited = [i for f in tip_facts for i in f.sources]
    education = []
    if current:
        for role in (current, target):
            facts = store.topic_facts(role, m.TOPIC_EDUCATION).facts
            if facts and facts[0].text:
                education.append((role, facts[0].text))
                cited += facts[0].sources
    sources = _cited(store, [*missing, *met], cited)
    reply = rg.learning_reply(target, missing, met, known, tips, sources, current, education)
    return [reply], [SlotSet(ctx.SLOT_ROLE, target), SlotSet(ctx.SLOT_TOPIC, TOPIC_TIPS)]


def occupation_uses(store: RoleStore, role: str, asked: List[str]) -> List:
    """Whether O*NET 30.1 lists each skill or tool of ``asked`` (names as typed or resolved)
    among the software and tools of ``role``'s occupation, then that occupation's technology
    answer (Hot Technology and In Demand first)."""
    from actions import official

    lines = []
    for name in asked[:3]:
        hits = store.technology.examples_of(name, role)
        lines.append(f"Yes: O*NET lists {', '.join(hits[:3])} for {role}." if hits else
                     f"O*NET does not list {name} for {role}.")
    replies = official.depth_replies(store, role, topics.TOOLS)
    if lines:
        replies[0].lines[:0] = lines
    return replies


class ActionUses(StoreAction):
    """Yes or no: does a role use a skill or tool (``ask_uses``)."""

    def name(self) -> str:
        return "action_uses"

    def answer(self, tracker, store, resolver):
        index = store.skills
        mentions = read_mentions(tracker, resolver)
        if mentions.problem is not None and not mentions.known:
            return [problem_reply(mentions.problem, store)], []
        role = one_role(mentions, tracker, store)
        skills = read_skills(tracker, index)
        if role is None:
            return [render.ask_role_reply(None, store.role_names(),
                                          ctx.names_career_words(tracker))], []
        if role not in index.roles:  # an official occupation: O*NET's software and tools
            asked = [*skills.names, *skills.unknown]
            return occupation_uses(store, role, asked), [SlotSet(ctx.SLOT_ROLE, role)]
        replies = []
        for skill in skills.names[:3]:
            usage = index.uses(role, skill)
            shown = usage.where or [r for other, w in index.roles_with(skill) for r in w]
            replies.append(rg.uses_reply(usage, _cited(store, shown)))
        if skills.unknown:
            replies.append(rg.unknown_skill_reply(skills.unknown, index.role_skills(role)[:3]))
        if not replies:
            replies = [rg.ask_skill_reply(_examples(index))]
        return replies, [SlotSet(ctx.SLOT_ROLE, role)]
