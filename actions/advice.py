"""Advice from the user's profile, over the article roles and every occupation: recording what
the user says about themselves (``inform_skills``), showing it (``ask_profile``), fit
(``ask_fit``), where the current occupation can move, and moving from one occupation to another
(:func:`switch_replies`, for the learning questions of ``ask_tips``).

Each action reads the message (:mod:`actions.profile`), asks the store (the
:class:`careerdata.rankings.Catalog`, the technology index, the depth readers) and renders with
:mod:`actions.render_advice`; the article roles keep their skill-based answers
(:mod:`actions.render_guidance`) before the answer across every occupation.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import List, Optional, Tuple

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from actions import context as ctx
from actions import lookups, official
from actions import profile as pf
from actions import render_advice as ra
from actions import render_guidance as rg
from actions.base import StoreAction, read_mentions, releases_line
from careerdata.roles import AMBIGUOUS, KNOWN, Resolution
from actions.skill_mentions import CURRENT, article_sources, skill_examples
from careerdata import advice
from careerdata import models as m
from careerdata import rankings as ranked
from careerdata import switching, topics
from careerdata.depth import ONET_30, PROJECTIONS, education_terms
from careerdata.store import RoleStore

#: A question about better pay ("what similar jobs pay more?"), a part of :data:`_MOVE`.
_BETTER_PAY = re.compile(r"\b(?:better[- ]paying|better[- ]paid|pays? (?:more|better)|"
                         r"higher[- ]pa(?:y|id|ying)|make more money)\b", re.IGNORECASE)
#: A fit question about moving on from the current job ("what could I move to?"), or one
#: asking for better pay.
_MOVE = re.compile(r"\b(?:move (?:to|into|up|on)|moving (?:to|into|up|on)|"
                   r"switch(?:ing)? (?:to|into)|change to|transition|next step|step up|"
                   r"where (?:can|could) i go|"
                   r"what (?:else )?(?:can|could) i (?:do|become|move|switch|get)|instead of)\b|"
                   + _BETTER_PAY.pattern, re.IGNORECASE)
#: A statement that also asks which occupations use what it names ("I'm good at Photoshop.
#: What occupations use it?"): the statement is recorded, then answered.
_ASKS_USERS = re.compile(r"\b(?:what|which) (?:jobs|occupations|careers|roles|kinds? of (?:jobs|"
                         r"work))\b[^?.!]*\buse\b", re.IGNORECASE)
#: A statement that also asks what fits ("…, I'm in North Carolina. What should I look at?").
_ASKS_FIT = re.compile(r"\b(?:fits? me|suits? me|match(?:es)? me|good fit|what fits|where would "
                       r"i fit|should i (?:look at|do|consider|go for|try)|what (?:jobs|careers|"
                       r"work|options)\b[^?.!]*\?|any jobs|jobs? for (?:me|someone like me))",
                       re.IGNORECASE)
#: A statement that also asks which occupations have something ("… What jobs usually take some
#: college but no degree?"): a reverse look-up after the statement.
_ASKS_JOBS = re.compile(r"\b(?:what|which) (?:jobs|occupations|careers)\b[^.!]*\?", re.IGNORECASE)
#: The releases fit, moves and switches cite: O*NET 30.1, BLS Employment Projections, BLS OEWS.
_CITED = (ONET_30, PROJECTIONS, m.DATASET_OEWS)
#: Most skills a recorded statement explains with who uses them.
_USAGE_SHOWN = 3


def wants_better_pay(text: str) -> bool:
    """True when a message asks for better pay ("similar jobs that pay more?"), not only for
    other jobs ("what else could I do, similar roles?")."""
    return bool(_BETTER_PAY.search(text))


#: A verb of moving on ("move into", "switch to", "next step"), narrower than :data:`_MOVE`:
#: "what else could I do with …, similar roles?" asks for similar jobs.
_MOVE_VERB = re.compile(r"\b(?:move|moving|switch|switching|transition|step up|next step)\b",
                        re.IGNORECASE)


def asks_move(text: str) -> bool:
    """True when a message about one job asks where it leads by a verb of moving or by better
    pay ("what can a bank teller move into?", "similar jobs that pay more?")."""
    return bool(_MOVE_VERB.search(text) or _BETTER_PAY.search(text))


def wants_move(text: str) -> bool:
    """True when a message asks where the user's current job can lead ("what could I switch
    to that pays more?", "any better-paid jobs I could move into?")."""
    return bool(_MOVE.search(text))


#: "I'm a warehouse worker, …", "i work fast food rn": the job named after the cue.
_OWN_JOB = re.compile(r"\b(?:i'?m|i am|im|i work(?: as| in)?|been|worked as)\s+(?:an?\s+|the\s+)?"
                      r"([a-z][a-z -]{2,40}?)(?=\s*(?:[,.;!?]|\band\b|\bwhat\b|\bfor\b|"
                      r"\bhere\b|\bnow\b|\brn\b|$))", re.IGNORECASE)


def own_job(text: str, resolver) -> Optional[Resolution]:
    """The resolution of the job a message says the user does, named without a role entity
    ("I'm a warehouse worker, what pays more?" -> two candidates), or None when it names none
    the role data knows (known or ambiguous)."""
    for found in _OWN_JOB.finditer(text):
        result = resolver.resolve(found.group(1))
        if result.kind in (KNOWN, AMBIGUOUS):
            return result
    return None


def stated_role(tracker: Tracker, resolver) -> Optional[str]:
    """The role the message says the user works in now ("I'm a cashier", "I work as an
    electrician", "from nurse to ..."), or None."""
    text = tracker.latest_message.get("text") or ""
    for entity in ctx.role_entities(tracker):
        start, value = entity.get("start"), entity.get("value")
        if start is not None and isinstance(value, str) and CURRENT.search(text[:start]):
            result = resolver.resolve(value)
            if result.role:
                return result.role
    return None


def _usage(store: RoleStore, skills: List[str]) -> List[str]:
    """One line per skill: the article roles that list it and how many occupations O*NET lists
    it for, with the first few."""
    lines = []
    for skill in skills[:_USAGE_SHOWN]:
        roles = [r for r, _ in store.skills.roles_with(skill)]
        users = store.technology.users(skill).occupations
        parts = []
        if roles:
            parts.append(f"my articles list it for {rg.join_and(roles)}")
        if users:
            first = [r for r, _, _ in users[:3]]
            parts.append(f"O*NET lists it for {len(users)} occupations, such as "
                         f"{rg.join_and(first)}")
        lines.append(f"{skill}: " + ("; ".join(parts) if parts else
                                     "no occupation of my data lists it") + ".")
    return lines


class ActionRecordSkills(StoreAction):
    """Record what the user says about themselves (``inform_skills``): skills and tools known
    or not, interests, education, lowest pay, current role; "forget X" and "forget everything"
    remove."""

    def name(self) -> str:
        return "action_record_skills"

    def answer(self, tracker, store, resolver):
        said = pf.read_statement(tracker, store)
        before = pf.current(tracker)
        role = stated_role(tracker, resolver)
        if role is None and said.empty:  # "I'm a teacher": which one?
            mentions = read_mentions(tracker, resolver)
            if len(mentions.known) == 1:
                role = mentions.known[0]
            elif mentions.problem is not None and mentions.problem.kind == AMBIGUOUS:
                return [ra.which_job_reply(mentions.problem.text, mentions.problem.candidates)], []
        after, events = pf.apply(before, said, role)
        added = [s for s in after.skills if s not in before.skills]
        held = {s.lower() for s in before.skills}
        # "forget R" when R was never recorded is said; "I don't know R" is news either way
        not_held = [r for r in said.removed if r.lower() not in held] if said.forgetting else []
        had = official.place_or_context(tracker, store, message=False)
        place = None if said.forget_all else (official.living_place(tracker, store) or had)
        if (place and place.code) != (had and had.code):  # "I live in Ohio": pay and fit there
            events.append(SlotSet(ctx.SLOT_PLACE, place.code if place else None))
        reply = ra.recorded_reply(before, after, _usage(store, added), said.skills.unknown,
                                  not_held, said.forget_all,
                                  [] if not_held else said.removed,
                                  (had.name if had else None, place.name if place else None))
        text = tracker.latest_message.get("text") or ""
        if added and _ASKS_USERS.search(text):  # "… good at Photoshop. What jobs use it?"
            from actions.guidance import occupations_using  # imports this module's neighbours

            return [reply, *(r for s in added[:2] for r in occupations_using(store, s))], events
        if after and not said.forget_all and _ASKS_FIT.search(text):  # "…, what should I do?"
            found, more = ActionFit().answer(tracker, store, resolver)
            return [reply, *found], events + more
        if _ASKS_JOBS.search(text):  # "I did some college. What jobs take some college?"
            return [reply, *lookups.reverse_replies(tracker, store)], events
        return [reply], events


class ActionProfile(StoreAction):
    """What the assistant knows about the user (``ask_profile``)."""

    def name(self) -> str:
        return "action_profile"

    def answer(self, tracker, store, resolver):
        place = official.place_or_context(tracker, store, message=False)
        return [ra.profile_reply(pf.current(tracker), place.name if place else None)], []


def _pay_where(tracker: Tracker, store: RoleStore):
    """``(area medians or None, "in Texas" / "nationally")``."""
    place = official.place_or_context(tracker, store)
    if place is None:
        return None, "nationally"
    return store.area_pay(place.code), f"in {place.name}"


class ActionFit(StoreAction):
    """The roles and occupations that fit the user (``ask_fit``); what the question says about
    the user is recorded first ("I like working with my hands, what suits me?"). With two
    article roles named ("am I better suited to A or B?") those roles are scored; with a
    current role and a question about moving on, the related occupations that pay more."""

    def name(self) -> str:
        return "action_fit"

    def answer(self, tracker, store, resolver):
        said = pf.read_statement(tracker, store)
        text = tracker.latest_message.get("text") or ""
        role = stated_role(tracker, resolver)
        if role is None and wants_move(text):  # "warehouse worker here, what pays more?"
            named = read_mentions(tracker, resolver).known
            role = named[0] if len(named) == 1 else None
            if role is None:  # a job the NLU did not tag: "I'm a warehouse worker, …"
                found = own_job(text, resolver)
                if found is not None and found.kind == AMBIGUOUS:
                    return [ra.which_job_reply(found.text, found.candidates)], []
                role = found.role if found is not None else None
        now, events = pf.apply(pf.current(tracker), said, role)
        if now.current and wants_move(text):
            return move_replies(tracker, store, now), events
        if not now:
            found = lookups.education_or_ranking(tracker, store)
            if not found and (now.education or now.min_pay):  # limits, nothing to score
                from actions.rankings import rank_within  # imports this module's neighbours

                limits = ranked.filters_of(text)
                found = rank_within(tracker, store, replace(
                    limits, education=education_terms().lower(limits.education, now.education),
                    min_pay=max(limits.min_pay or 0, now.min_pay or 0) or None))
            if found:  # "what jobs can I get right out of high school?": that education's
                return found + [ra.no_profile_reply(skill_examples(store.skills), True)], events
            replies = [ra.no_profile_reply(skill_examples(store.skills))]
            if said.skills.unknown:
                replies.insert(0, rg.unknown_skill_reply(said.skills.unknown,
                                                         skill_examples(store.skills)))
            return replies, events
        replies, top = _article_fit(tracker, store, resolver, list(now.skills))
        replies.append(_fit_all(tracker, store, now, text))
        if top:  # "what should I learn for it?" follows on the best article role
            events.append(SlotSet(ctx.SLOT_ROLE, top))
        if said.skills.unknown:
            replies[0].lines.append(rg.unknown_skills_line(said.skills.unknown))
        return replies, events


def _article_fit(tracker, store: RoleStore, resolver, known: List[str]
                 ) -> Tuple[List, Optional[str]]:
    """``(replies, best role)``: the article roles scored on the skills they list (nothing when
    none of them lists one)."""
    index = store.skills
    named = [] if len(ctx.role_entities(tracker)) < 2 else [  # no name scan for one role
        r for r in read_mentions(tracker, resolver).known if r in index.roles]
    if len(named) >= 2:  # "am I better suited to A or B?": those roles, even at 0%
        fits = sorted((index.fit_one(r, known) for r in named), key=lambda f: -f.score)
    else:
        fits = [f for f in index.fit(known) if f.score > 0] if known else []
    if not fits:
        return [], None
    cited = article_sources(store, [r for f in fits for r in f.met + f.missing])
    return [rg.fit_reply(fits, known, cited)], fits[0].role


def _fit_all(tracker: Tracker, store: RoleStore, now: advice.Profile, text: str):
    pay, where = _pay_where(tracker, store)
    filters = ranked.filters_of(text)
    result = advice.fit(now, store.catalog, store.technology, filters, pay)
    within = rg.filters_said(filters, store.catalog.groups)
    return ra.fit_reply(result, now, where, within, releases_line(store, *_CITED))


def move_replies(tracker: Tracker, store: RoleStore, now: Optional[advice.Profile] = None,
                 current: Optional[str] = None) -> List:
    """The related occupations of the user's current role (``current``, else the profile's)
    that pay more, within their education (or the current role's entry education when they
    gave none); ``now`` is the profile (default: the slots')."""
    now = pf.current(tracker) if now is None else now  # an empty Profile is falsy
    current = current or now.current
    pay, where = _pay_where(tracker, store)
    row = store.catalog.row(current)
    text = tracker.latest_message.get("text") or ""
    education = ranked.education_cap(text) or now.education or (row.education if row else None)
    related = store.depth(current, topics.SIMILAR)
    found, total = switching.moves(current, related, store.catalog, education, pay)
    return [ra.moves_reply(current, found, total, where, education,
                           releases_line(store, *_CITED))]


def switch_replies(tracker: Tracker, store: RoleStore, source: str, target: str
                   ) -> Tuple[List, List]:
    """Moving from ``source`` to ``target`` (role names, an article role by its mapped
    occupation): ``(replies, events)``."""
    pay, where = _pay_where(tracker, store)
    depths = [[store.depth(role, topics.SKILLS), store.depth(role, topics.KNOWLEDGE)]
              for role in (source, target)]
    move = switching.switch(source, target, depths[0], depths[1], store.catalog,
                            store.technology, pay)
    reply = ra.switch_reply(move, where, releases_line(store, *move.releases, *_CITED))
    return [reply], [SlotSet(ctx.SLOT_ROLE, target), SlotSet(ctx.SLOT_CURRENT_ROLE, source)]
