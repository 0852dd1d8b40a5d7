"""The user's profile for the conversation: skills and tools (``known_skills``), RIASEC interest
areas (``interests``), the highest education they have (``education_level``), the lowest pay
they want (``min_pay``) and the role they work in now (``current_role``); all slots, set only by
the actions.

:func:`read_statement` reads what a message says about the user, :func:`apply` folds it into
the profile and returns the slot events. Skills come from :func:`actions.skill_mentions.read_skills`
(the NLU's ``skill`` entities, resolved by the skill index), with products O*NET names by their
short name ("Access" -> "Microsoft Access", :meth:`careerdata.technology.TechnologyIndex.product`)
added; interests from :attr:`careerdata.store.RoleStore.interests` clause by clause, a negated
clause removing them ("I don't like sales").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from actions import context as ctx
from actions.skill_mentions import CLAUSE, SkillMentions, objects_named, read_skills
from careerdata.advice import Profile
from careerdata.interests import AREAS
from careerdata.depth import education_terms
from careerdata.rankings import NO_BACHELORS, NO_DEGREE, degree_cap, min_pay
from careerdata.store import RoleStore

#: "forget everything", "start over", "clear my profile": the whole profile goes.
_FORGET_ALL = re.compile(r"\b(?:forget (?:everything|all|it all|about me|what i (?:said|told))|"
                         r"start (?:over|again)|clear (?:my|the) profile|reset (?:my )?profile|"
                         r"delete my (?:data|profile))\b", re.IGNORECASE)
#: A request to forget a skill ("forget Java", "remove Excel"), rather than a statement.
FORGET = re.compile(r"\b(?:forget|remove|drop|delete|scratch)\b", re.IGNORECASE)
#: A clause that turns an interest down ("I don't like sales", "forget helping people").
_NEGATION = re.compile(r"\b(?:don'?t|do not|dont|never|not|no longer|hate|dislike|can'?t stand)\b|"
                       + FORGET.pattern, re.IGNORECASE)
#: "forget my pay limit", "drop my education": one part of the profile goes (slot name).
_FORGET_PART = (
    (re.compile(r"\b(?:forget|remove|drop|delete)\b[^.,;!?]*\b(?:pay|salary|wage|money)\b", re.I),
     ctx.SLOT_MIN_PAY),
    (re.compile(r"\b(?:forget|remove|drop|delete)\b[^.,;!?]*\b(?:education|degree|schooling)\b",
                re.I), ctx.SLOT_EDUCATION),
    (re.compile(r"\b(?:forget|remove|drop|delete)\b[^.,;!?]*\b(?:my job|current job|what i do)\b",
                re.I), ctx.SLOT_CURRENT_ROLE),
)
#: "I have a degree", "I graduated": a degree of unnamed level, read as a bachelor's.
_SOME_DEGREE = re.compile(r"\b(?:i (?:have|got|hold|finished|completed|earned)|with) (?:a |an |my )?"
                          r"(?:\w+ )?degree\b|\bi (?:have )?graduated\b", re.IGNORECASE)


@dataclass
class Statement:
    """What one message says about the user: skills (with negation), product names (added, or
    ``dropped``: "remove Revit") and interest areas added and removed, an education level, a lowest pay, whether the whole
    profile is to go, whether the message asks to forget (``forgetting``: "forget Java")
    rather than tells ("I don't know Java"), and the profile slots it clears (``cleared``:
    "forget my pay limit")."""

    skills: SkillMentions = field(default_factory=SkillMentions)
    products: List[str] = field(default_factory=list)
    dropped: List[str] = field(default_factory=list)
    liked: List[str] = field(default_factory=list)
    disliked: List[str] = field(default_factory=list)
    education: Optional[str] = None
    min_pay: Optional[int] = None
    forget_all: bool = False
    forgetting: bool = False
    cleared: Tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        """True when the message says nothing about the user this module reads."""
        return not (self.skills.known or self.products or self.dropped or self.liked
                    or self.disliked
                    or self.education or self.min_pay or self.forget_all or self.cleared)

    @property
    def added(self) -> List[str]:
        """Skills and products said to be known."""
        return [n for n, neg in self.skills.known if not neg] + self.products

    @property
    def removed(self) -> List[str]:
        """Skills and products said not to be known, or to be forgotten."""
        return [n for n, neg in self.skills.known if neg] + self.dropped


def stated_education(text: str) -> Optional[str]:
    """The highest education a message says the user has (a BLS category): "I don't have a
    degree" -> "Some college, no degree" (at most), "I only finished high school" -> "High
    school diploma or equivalent", "I have a psychology degree" -> "Bachelor's degree"."""
    terms = education_terms()
    cap = degree_cap(text)
    rest = NO_BACHELORS.sub(",", NO_DEGREE.sub(",", text))  # "no college degree" names none
    said = [terms.named(c) for c in CLAUSE.split(rest) if not _NEGATION.search(c)]
    named = max((lv for lv in said if lv), key=terms.levels.index, default=None)
    if named:  # "no degree, only high school"; "I don't have a bachelor's, I have a master's"
        return named
    if cap:  # "I don't have a degree", "no 4 year degree"
        return cap
    return "Bachelor's degree" if _SOME_DEGREE.search(text) else None


def read_interests(text: str, store: RoleStore) -> Tuple[List[str], List[str]]:
    """``(areas liked, areas disliked)`` of ``text``, clause by clause."""
    liked: List[str] = []
    disliked: List[str] = []
    for clause in CLAUSE.split(text):
        areas = store.interests.areas(clause)
        target = disliked if _NEGATION.search(clause) else liked
        target += [a for a in areas if a not in target]
    return liked, [a for a in disliked if a not in liked]


def read_statement(tracker: Tracker, store: RoleStore) -> Statement:
    """What the latest message says about the user (see the module docstring)."""
    text = tracker.latest_message.get("text") or ""
    found = Statement(forget_all=bool(_FORGET_ALL.search(text)),
                      forgetting=bool(FORGET.search(text)),
                      cleared=tuple(slot for pattern, slot in _FORGET_PART if pattern.search(text)))
    found.skills = read_skills(tracker, store.skills)
    products = {}
    for item in [*found.skills.unknown, *objects_named(text)]:
        if item in products or store.skills.resolve(item) is not None or store.skills.scan(item):
            continue  # "SQL" is the articles' SQL, not O*NET's "Structured query language SQL"
        products[item] = store.technology.product(item)
    for name in products.values():
        if name and name not in found.products and name not in found.skills.names:
            found.products.append(name)
    found.skills.unknown = [u for u in found.skills.unknown if not products.get(u)]
    if found.forgetting:  # "remove Revit from my skills"
        found.dropped, found.products = found.products, []
    found.liked, found.disliked = read_interests(text, store)
    for entity in tracker.latest_message.get("entities") or []:
        if entity.get("entity") == ctx.ENTITY_INTEREST and entity.get("value") in AREAS \
                and entity["value"] not in found.liked:
            found.liked.append(entity["value"])
    found.education = stated_education(text)
    found.min_pay = min_pay(text)
    return found


def current(tracker: Tracker) -> Profile:
    """The profile held in the slots now."""
    def names(slot: str) -> Tuple[str, ...]:
        value = tracker.get_slot(slot)
        return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()

    pay = tracker.get_slot(ctx.SLOT_MIN_PAY)
    return Profile(names(ctx.SLOT_KNOWN_SKILLS),
                   tuple(a for a in names(ctx.SLOT_INTERESTS) if a in AREAS),
                   tracker.get_slot(ctx.SLOT_EDUCATION) or None,
                   int(pay) if isinstance(pay, (int, float)) and pay > 0 else None,
                   tracker.get_slot(ctx.SLOT_CURRENT_ROLE) or None)


def apply(profile: Profile, said: Statement, current_role: Optional[str] = None
          ) -> Tuple[Profile, List[SlotSet]]:
    """``(the profile after `said`, the slot events that store it)``; ``current_role`` the
    role the user said they work in, if any."""
    if said.forget_all:
        profile = Profile()
    removed = {r.lower() for r in said.removed}
    skills = [s for s in profile.skills if s.lower() not in removed]
    skills += [a for a in said.added if a not in skills]
    interests = [a for a in profile.interests if a not in said.disliked]
    interests += [a for a in said.liked if a not in interests]
    kept = {slot: slot not in said.cleared for slot in (ctx.SLOT_EDUCATION, ctx.SLOT_MIN_PAY,
                                                        ctx.SLOT_CURRENT_ROLE)}
    new = Profile(tuple(skills), tuple(a for a in AREAS if a in interests),
                  said.education or (profile.education if kept[ctx.SLOT_EDUCATION] else None),
                  said.min_pay or (profile.min_pay if kept[ctx.SLOT_MIN_PAY] else None),
                  current_role or (profile.current if kept[ctx.SLOT_CURRENT_ROLE] else None))
    events = [SlotSet(ctx.SLOT_KNOWN_SKILLS, list(new.skills) or None),
              SlotSet(ctx.SLOT_INTERESTS, list(new.interests) or None),
              SlotSet(ctx.SLOT_EDUCATION, new.education),
              SlotSet(ctx.SLOT_MIN_PAY, float(new.min_pay) if new.min_pay else None),
              SlotSet(ctx.SLOT_CURRENT_ROLE, new.current)]
    return new, events
