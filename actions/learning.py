"""What to learn, for the getting-started questions of ``ask_tips`` that ask it: to become an
article role (its skills the user lacks, from the articles), or to move from one role to another
(article roles by their skills; official occupations by O*NET levels, technology, education and
pay: :func:`actions.advice.switch_replies`).
"""

from __future__ import annotations

import re
from typing import Dict, List, Optional, Tuple

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from actions import advice, official
from actions import context as ctx
from actions import render
from actions import render_guidance as rg
from actions.base import one_role, problem_reply, read_mentions
from actions.skill_mentions import CURRENT, article_sources, profile
from careerdata import models as m
from careerdata import topics
from careerdata.store import TOPIC_TIPS, RoleStore

#: Most getting-started tips named in a what-to-learn answer.
_MAX_TIPS = 3


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
        if CURRENT.search(text[:spots[second]]) and not CURRENT.search(text[:spots[first]]):
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


#: Words of a question about getting into a role ("how do I become a paralegal?").
_BECOME = re.compile(r"\b(?:become|becoming|get into|get to be|go into|move into)\b", re.IGNORECASE)


def wants_learning(tracker: Tracker) -> bool:
    """True when a getting-started question (intent ``ask_tips``) asks what to learn or how to
    move between roles ("what should I learn to become ...", "how do I switch from A to B"),
    or names two roles, one of them the user's own ("I'm an X, how do I get to Y?"), which
    :func:`learning_path` answers instead of the tips."""
    if _LEARNING.search(ctx.text_without(tracker, ctx.ENTITY_ROLE)):  # not "machine learning"
        return True
    if tracker.get_slot(ctx.SLOT_CURRENT_ROLE) and _BECOME.search(tracker.latest_message.get("text") or ""):
        return True  # "I'm a cashier" said before: "how do I become X?" is a move
    # two roles, one of them the user's own: "I'm an X, how do I get to Y?", "from X to Y"
    text = tracker.latest_message.get("text") or ""
    starts = [e["start"] for e in ctx.role_entities(tracker) if e.get("start") is not None]
    return (len(starts) >= 2 and any(CURRENT.search(text[:start]) for start in starts)) or \
        _switch_between(tracker)


def _switch_between(tracker: Tracker) -> bool:
    """Whether the message names two different roles with a switch word between them
    (:data:`careerdata.topics.SWITCH_WORDS`: "paralegal to lawyer", "how can a bookkeeper
    become an accountant"), as the NLU's ``MentionIntent`` reads it."""
    around = topics.around_two_roles(tracker.latest_message.get("text") or "", [
        (e["start"], e["end"], e.get("value")) for e in ctx.role_entities(tracker)
        if e.get("start") is not None and e.get("end") is not None])
    return around is not None and bool(around[1] & topics.SWITCH_WORDS)


def learning_path(tracker: Tracker, store: RoleStore, resolver) -> Tuple[List, List]:
    """What to learn to become a role, or to move from one role to another: ``(replies,
    events)``. The target is the role named (the second of two, unless the first follows "from"
    or "I'm a"), else the role in context; the current role is the other one named."""
    mentions = read_mentions(tracker, resolver)
    if mentions.problem is not None and not mentions.known:
        return [problem_reply(mentions.problem, store)], []
    current, targets = _current_and_target(tracker, mentions.known, resolver)
    own = advice.stated_role(tracker, resolver)
    if len(mentions.known) == 1 and own == mentions.known[0] and not store.is_article(own) \
            and mentions.problem is None:
        return _from_own_job(tracker, store, own)  # "been an electrician, how do I switch?"
    target = targets[0] if targets else one_role(mentions, tracker, store)
    if target is None:
        return [render.ask_role_reply(TOPIC_TIPS, store.role_names(),
                                      ctx.names_career_words(tracker))], []
    index = store.skills
    if current is None and tracker.get_slot(ctx.SLOT_CURRENT_ROLE) not in (None, target):
        current = tracker.get_slot(ctx.SLOT_CURRENT_ROLE)  # "I'm a cashier" said before
        current = current if store.has_role(current) else None
    if any(role is not None and role not in index.roles for role in (target, current)):
        return occupation_path(tracker, store, current, target)
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
    sources = article_sources(store, [*missing, *met], cited)
    reply = rg.learning_reply(target, missing, met, known, tips, sources, current, education,
                              index.within(met, have))
    return [reply], [SlotSet(ctx.SLOT_ROLE, target), SlotSet(ctx.SLOT_TOPIC, TOPIC_TIPS)]


def _from_own_job(tracker: Tracker, store: RoleStore, own: str) -> Tuple[List, List]:
    """A move question naming only the user's own job (``own``, an occupation): the related
    occupations it leads to that pay more (:func:`actions.advice.move_replies`), and a question
    for the job they want."""
    replies = advice.move_replies(tracker, store, current=own)
    replies[-1].notes.append(f"Tell me the job you want (“from {own} to …”) and I'll list what it "
                             "needs beyond yours.")
    return replies, [SlotSet(ctx.SLOT_CURRENT_ROLE, own), SlotSet(ctx.SLOT_TOPIC, TOPIC_TIPS)]


def occupation_path(tracker: Tracker, store: RoleStore, current: Optional[str], target: str
                    ) -> Tuple[List, List]:
    """What to learn when a role is an official occupation: from ``current`` the skill,
    knowledge, technology, education and pay differences (:func:`actions.advice.switch_replies`);
    without one, the target's education and training, and a question for the current job."""
    if current is not None:
        return advice.switch_replies(tracker, store, current, target)
    replies = official.depth_replies(store, target, topics.EDUCATION)
    replies[-1].notes.append("Tell me your current job (“I'm a cashier”) and I'll list what "
                             f"{target} needs beyond it.")
    return replies, [SlotSet(ctx.SLOT_ROLE, target), SlotSet(ctx.SLOT_TOPIC, TOPIC_TIPS)]
