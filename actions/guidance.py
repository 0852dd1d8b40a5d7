"""Guidance actions about skills: roles by skill, tool or industry (and, through
:mod:`actions.lookups`, by O*NET skill, knowledge area or entry education), and yes/no about a
skill (the profile and fit are in :mod:`actions.advice`, what to learn in :mod:`actions.learning`,
rankings across roles and "is it a good career" in :mod:`actions.rankings`).

Each action reads the message's ``skill`` and ``role`` entities (skills resolved by
:attr:`careerdata.store.RoleStore.skills`, roles by the role resolver), asks the store and
renders with :mod:`actions.render_guidance`. Skills and tools are known for the article roles
only; the official occupations have pay and employment, so a skill question about one says so.
"""

from __future__ import annotations

from typing import List, Tuple

from rasa_sdk.events import SlotSet

from actions import context as ctx
from actions import render
from actions import render_guidance as rg
from actions import lookups
from actions.base import StoreAction, one_role, problem_reply, read_mentions, releases_line
from actions.skill_mentions import article_sources, read_skills, skill_examples
from careerdata import models as m
from careerdata.depth import ONET_30
from careerdata import topics
from careerdata.store import RoleStore

#: Industry-name words too general to pick an industry ("and", "services").
_INDUSTRY_STOP = frozenset("and e g eg services sector public development".split())
from careerdata.text import normalize

def occupations_using(store: RoleStore, term: str) -> List:
    """The reply listing every occupation whose O*NET technology or tools name ``term`` (none
    when O*NET names it nowhere), cited with O*NET 30.1 and the BLS OEWS employment."""
    users = store.technology.users(term)
    if not users.occupations:
        return []
    return [rg.occupations_using_reply(users, releases_line(store, ONET_30, m.DATASET_OEWS))]


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
                replies.append(rg.roles_with_reply(skill, rows, article_sources(store, [r for _, w in rows for r in w])))
                replies += occupations_using(store, skill)
            return replies, []
        text = tracker.latest_message.get("text") or ""
        found = lookups.education_or_ranking(tracker, store)
        if found:  # "jobs that need a masters", "… without a 4 year degree": not a product
            return found, []
        found = [r for term in skills.unknown[:2] for r in occupations_using(store, term)]
        if not found:  # a product named among other words: "who uses QuickBooks at work?"
            found = [r for name in store.technology.find_products(text)[:2]
                     for r in occupations_using(store, name)]
        if found:  # not in the articles, but in O*NET: "which jobs use AutoCAD?"
            return found, []
        words, rows, cited = _industry_roles(store, text)
        if rows:  # an industry the articles name ("which jobs are there in government?")
            return [rg.roles_in_industry_reply(words, rows, article_sources(store, (), cited))], []
        found = lookups.element_replies(tracker, store)
        if found:  # "which jobs need critical thinking?"
            return found, []
        if skills.unknown:
            return [rg.unknown_skill_reply(skills.unknown, skill_examples(index))], []
        return [rg.ask_skill_reply(skill_examples(index))], []


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
            replies.append(rg.uses_reply(usage, article_sources(store, shown)))
        if skills.unknown:
            replies.append(rg.unknown_skill_reply(skills.unknown, index.role_skills(role)[:3]))
        if not replies:
            replies = [rg.ask_skill_reply(skill_examples(index))]
        return replies, [SlotSet(ctx.SLOT_ROLE, role)]
