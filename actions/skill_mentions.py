"""What a message says about skills and tools: :func:`read_skills` (the NLU's ``skill``
entities resolved by :attr:`careerdata.store.RoleStore.skills`, negation by clause), the
``known_skills`` slot, example skills for replies and the articles a skill answer cites. Shared by
:mod:`actions.guidance`, :mod:`actions.advice`, :mod:`actions.profile` and :mod:`actions.learning`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Tuple

from rasa_sdk import Tracker

from actions import context as ctx
from careerdata.records import Source
from careerdata.skills import Requirement, SkillIndex
from careerdata.store import RoleStore
from careerdata.text import normalize

#: A negation in the clause before a skill: "I don't know R", "never used Spark", "no Excel".
_NEGATION = re.compile(r"\b(?:don'?t|do not|dont|never|not|no|zero|can'?t|cannot|haven'?t|"
                       r"without|lack|forget|remove|drop|delete|no longer)\b", re.IGNORECASE)
#: Where a clause starts, for :data:`_NEGATION`: punctuation or "but".
CLAUSE = re.compile(r"[.,;!?]|\bbut\b", re.IGNORECASE)
#: "from X to Y" / "I'm an X" / "as an X" / "been an X": the role before is the current one.
CURRENT = re.compile(r"\b(?:from|i'?m|i am|im|as|work as|working as|been|i was)\s+"
                      r"(?:(?:currently|now|already|still)\s+)?(?:an?\s+|the\s+)?$",
                      re.IGNORECASE)
#: What follows a verb of knowing or using, for a skill the NLU did not tag ("I know COBOL"),
#: or of adding to or taking from the profile ("add QuickBooks to what I know", "remove Revit").
_OBJECT = re.compile(r"\b(?:know|knows|use|uses|using|used|need|needs|require|requires|good at|"
                     r"good with|experience (?:with|in)|familiar with|skilled in|learned|studied|"
                     r"add|forget|remove|drop|delete)"
                     r"\s+(?:a bit of\s+|some\s+)?([^?.!,;]+)", re.IGNORECASE)
#: Where an object's phrase ends: "Photoshop from messing around", "QuickBooks to what I know".
_OBJECT_END = re.compile(r"\s+(?:to|from|for|since|off|on my|in my|at work|at my)\b.*$",
                         re.IGNORECASE)
_NOT_OBJECT = frozenset("it them that this those these me you what which who how everything all "
                        "my your about".split())  # "forget everything", "forget my pay limit"


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
    cut = max((mt.end() for mt in CLAUSE.finditer(before)), default=0)
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
        for item in objects_named(text):  # untagged: "what roles use pyhton", "I know COBOL"
            name = index.resolve(item)
            if name is None:
                found.unknown.append(item)
            elif name not in found.names:
                found.known.append((name, _negated(text, text.find(item))))
    found.unknown = [u for u in found.unknown if not _inside_known(u, found, index)]
    return found


def objects_named(text: str) -> List[str]:
    """Short phrases after a verb of knowing or using ("COBOL" of "I know COBOL"), at most
    three words each, for saying an untagged skill is unknown; [] when there is none."""
    found = _OBJECT.search(text)
    if found is None:
        return []
    items = re.split(r"\s+(?:and|or|&)\s+|/", _OBJECT_END.sub("", found.group(1).strip()))
    return [i for i in items if i and len(i.split()) <= 3 and i.split()[0].lower() not in _NOT_OBJECT][:3]


def _inside_known(raw: str, found: SkillMentions, index: SkillIndex) -> bool:
    """A learned entity overlapping a known one ("python and" around "python")."""
    return any(normalize(name) in normalize(raw) for name in found.names) or bool(index.scan(raw))


def profile(tracker: Tracker) -> List[str]:
    """The ``known_skills`` slot as a list of names ([] when empty)."""
    value = tracker.get_slot(ctx.SLOT_KNOWN_SKILLS)
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def skill_examples(index: SkillIndex) -> List[str]:
    """Three skills to show in examples: the terms and tools most roles name."""
    counts: Dict[str, int] = {}
    for reqs in index.roles.values():
        for name in dict.fromkeys(t for r in reqs for t in r.terms):
            counts[name] = counts.get(name, 0) + 1
    return sorted(counts, key=lambda n: (-counts[n], n))[:3]


def article_sources(store: RoleStore, reqs: Iterable[Requirement], extra: Iterable[str] = ()) -> List[Source]:
    """The articles the requirements ``reqs`` come from (no query: their ids are in the skill
    index, the articles cached by the store), plus the article ids ``extra``."""
    ids = {i for r in reqs for i in r.sources} | set(extra)
    return [store.articles[i] for i in sorted(ids) if i in store.articles]
