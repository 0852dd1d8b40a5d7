"""Answers from the official data: pay and employment by place, rankings of places, industries.

Used by the actions of :mod:`actions.actions` inside their worker thread: each function reads
the tracker, asks the store and returns ``(replies, events)``.
"""

from __future__ import annotations

import dataclasses
import re

from typing import Any, Dict, List, Optional, Tuple

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from actions import chart_tiles, charts
from actions import context as ctx
from actions import render_depth as rd
from actions import render_official as ro
from actions.reply import Reply
from careerdata import topics
from careerdata.place_names import PlaceResolution
from careerdata.place_rankings import BASES, PAY, JobsRanking, rank_basis
from careerdata.roles import AMBIGUOUS, KNOWN, UNKNOWN
from careerdata.store import TOPIC_EMPLOYMENT, TOPIC_SALARY, RoleStore
from careerdata.wages import NATIONAL, Place

Events = List[Dict[str, Any]]
#: Intents after which the place in context still applies ("what about nurses?"). A
#: low-confidence message reaches a pay answer only as a follow-up (a bare role name answering a
#: which-one question, "per year?"): see :class:`actions.actions.ActionRephrase`.
_FOLLOW_UPS = frozenset({"inform_role", ctx.INTENT_INFORM_LOCATION, "nlu_fallback"})


def place_mentions(tracker: Tracker, store: RoleStore) -> List[PlaceResolution]:
    """Every place the latest message names, resolved: its ``location`` entities (but postal
    abbreviations in a message all in capitals that are no place: "GIVE ME"), else the places
    found by scanning its text."""
    text = tracker.latest_message.get("text") or ""
    mentions = [store.places.resolve(v) for v in ctx.entity_values(tracker, ctx.ENTITY_LOCATION)
                if not store.places.shouted_abbreviation(v, text)]
    return mentions or store.places.scan(text)


def read_place(tracker: Tracker, store: RoleStore) -> Tuple[Optional[Place], Optional[PlaceResolution]]:
    """The place the latest message names, or the first problem with one (unknown, ambiguous).

    ``location`` entities first; when there are none, the message text is scanned."""
    problem: Optional[PlaceResolution] = None
    for result in place_mentions(tracker, store):
        if result.kind == KNOWN:
            return result.place, None
        if problem is None or (problem.kind == UNKNOWN and result.kind == AMBIGUOUS):
            problem = result
    return None, problem


def known_places(tracker: Tracker, store: RoleStore) -> List[Place]:
    """The distinct places the latest message names that resolve to one area each, in the
    order named ("Texas vs California")."""
    found: List[Place] = []
    for result in place_mentions(tracker, store):
        if result.kind == KNOWN and result.place not in found:
            found.append(result.place)
    return found


#: How many places a ranking's text names (its picture shows :data:`chart_tiles.LIMITS`).
TOP_PLACES = 5

#: What comes before a place a user says they live in or move to ("I live in", "moving to").
_LIVING_IN = re.compile(r"\b(?:in|to|near|around|from|at)\s+(?:the\s+)?$", re.IGNORECASE)


def living_place(tracker: Tracker, store: RoleStore) -> Optional[Place]:
    """The place a statement about the user names after "in", "to", "near" … ("I live in
    Ohio", "I'm moving to Colorado"), or None: "a couple years of college" names no place,
    though "College" is a city of the Fairbanks-College, AK metro area."""
    text = tracker.latest_message.get("text") or ""
    for entity in tracker.latest_message.get("entities") or []:
        start = entity.get("start")
        if entity.get("entity") != ctx.ENTITY_LOCATION or start is None \
                or not _LIVING_IN.search(text[:start]):
            continue
        found = store.places.resolve(str(entity.get("value")))
        if found.kind == KNOWN:
            return found.place
    return None


def place_or_context(tracker: Tracker, store: RoleStore, message: bool = True) -> Optional[Place]:
    """The place the latest message names (when ``message``), else the conversation's
    (``place`` slot); None for national."""
    place = read_place(tracker, store)[0] if message else None
    area = tracker.get_slot(ctx.SLOT_PLACE)
    if place is None and area and area != NATIONAL:
        place = store.places.places.get(area)
    return place


def place_events(tracker: Tracker, store: RoleStore) -> Events:
    """Remember the area of a pay question that cannot be answered yet because its role needs a
    which-one question ("what do teachers earn in New York?"): the place it names, else the one
    a question naming a role gets (national, unless it is a follow-up). The answer to the
    which-one question then keeps that area."""
    place, _ = read_place(tracker, store)
    area = place.code if place is not None else place_in_context(tracker, named_role=True)
    return [SlotSet(ctx.SLOT_PLACE, area)]


def pay_view(tracker: Tracker) -> str:
    """``entry``, ``top``, ``hourly`` or ``default``: what a pay question asks for first.

    The ``annual`` view of ``data/topics.yml`` ("per year?") is the default: annual figures
    lead every pay answer."""
    for value in ctx.entity_values(tracker, ctx.ENTITY_PAY_VIEW):
        if value in (ro.VIEW_ENTRY, ro.VIEW_TOP, ro.VIEW_HOURLY):
            return value
    return ro.VIEW_DEFAULT


def place_in_context(tracker: Tracker, named_role: bool) -> str:
    """The area a question without a place is about: the one in context for follow-ups and
    questions naming no role, else national."""
    current = tracker.get_slot(ctx.SLOT_PLACE)
    if current and (not named_role or ctx.latest_intent(tracker) in _FOLLOW_UPS):
        return current
    return NATIONAL


def answer_pay(
    tracker: Tracker, store: RoleStore, role: str, topic: str, named_role: bool
) -> Tuple[List[Reply], Events]:
    """Pay (``topic`` salary) or employment of ``role`` in the place asked or in context."""
    place, problem = read_place(tracker, store)
    base = [SlotSet(ctx.SLOT_ROLE, role), SlotSet(ctx.SLOT_TOPIC, topic),
            SlotSet(ctx.SLOT_COMPARED, None)]
    if problem is not None and problem.kind == AMBIGUOUS:
        return [ro.ambiguous_place_reply(problem, role)], base
    if problem is not None:  # said plainly; the national figures are a button away
        return [ro.unknown_place_reply(problem.text, store.places.count("M"), role, topic)], base
    places = known_places(tracker, store)
    if topic == TOPIC_SALARY and len(places) >= 2:  # "nurse pay in Texas vs California"
        a, b = store.pay(role, places[0].code), store.pay(role, places[1].code)
        reply = ro.places_pay_reply(a, b)
        reply.picture = charts.picture(charts.pay_compared(a, b), "compare-places", role,
                                       places[0].code, places[1].code)
        return [reply], base + [SlotSet(ctx.SLOT_PLACE, places[0].code)]
    area = place.code if place else place_in_context(tracker, named_role)
    pay = store.pay(role, area)
    if topic == TOPIC_EMPLOYMENT:
        reply = ro.employment_reply(pay)
    else:
        listings = store.topic_facts(role, TOPIC_SALARY)
        sources = [s for s in listings.sources.values()]
        reply = ro.pay_reply(pay, pay_view(tracker), listings.jobs, sources)
        nationally = store.pay(role).figures if area != NATIONAL else None
        reply.picture = charts.picture(charts.pay_range(pay, nationally), "pay", role, area)
    return [reply], base + [SlotSet(ctx.SLOT_PLACE, area)]


def industries_extra(store: RoleStore, role: str) -> List[Reply]:
    """The BLS industries employing most people in the role's occupation, cited apart."""
    occ = store.occupation(role)
    cite = store.citations.get("oews")
    if occ.soc_code is None or cite is None:
        return []
    top = store.top_industries(occ.soc_code)
    return [ro.industries_lines(occ, top, cite.short)] if top else []


def depth_replies(store: RoleStore, role: str, topic: str, required: bool = True,
                  more: bool = False) -> List[Reply]:
    """The open data (O*NET, BLS Employment Projections) of ``role``'s occupation on ``topic``
    (a topic ``careerdata.topics`` marks ``depth``), as one reply citing its releases; an
    article role gets its mapped occupation's, labelled with it. With ``required`` False (the
    role's articles answered already) nothing is said when the open data holds nothing; with
    ``more``, the rest of the list the first answer cut ("more", "the rest")."""
    found = store.depth(role, topic)
    if found.empty and not required:
        return []
    sources = {key: store.release_source(key) for key in found.releases
               if key in store.citations}
    reply = rd.depth_reply(found, sources, more=more)
    if topic == topics.OUTLOOK and not found.empty:
        reply.picture = charts.picture(charts.outlook_of(found, store.citations), "outlook",
                                       role)
    return [reply]


def compare_depth(store: RoleStore, first: str, second: str, topic: str) -> Reply:
    """Two roles side by side on a topic of the open data (their occupations')."""
    a, b = store.depth(first, topic), store.depth(second, topic)
    sources = {key: store.release_source(key) for key in {*a.releases, *b.releases}
               if key in store.citations}
    return rd.comparison_reply(a, b, sources)


def rank_places(tracker: Tracker, store: RoleStore, role: str) -> Tuple[List[Reply], Events]:
    """The states (or metro areas, when asked) for ``role``: best-paying, or where the jobs are
    (most employed, or most concentrated) when the question asks that
    (:func:`careerdata.place_rankings.rank_basis`, or the ``rank_by`` entity of a button)."""
    kinds = ctx.entity_values(tracker, ctx.ENTITY_PLACE_KIND)
    text = (tracker.latest_message.get("text") or "").lower()
    metro = (kinds[:1] == ["metro"]) or (not kinds and any(
        w in text for w in ("city", "cities", "metro", "metropolitan", "town")))
    asked = [b for b in ctx.entity_values(tracker, ctx.ENTITY_RANK_BY) if b in BASES]
    basis = asked[0] if asked else rank_basis(text)
    occ = store.occupation(role)
    cite = store.citations["oews"]
    area_type = "M" if metro else "S"
    limit = chart_tiles.LIMITS[area_type]  # the picture's places; the text names the first few
    if basis != PAY:
        every = (store.rank_by_jobs(occ.soc_code, area_type, basis, limit) if occ.soc_code
                 else JobsRanking(basis, [], 0, None, None))
        reply = ro.jobs_ranking_reply(
            occ, dataclasses.replace(every, areas=every.areas[:TOP_PLACES]), metro, cite.short)
        topic = TOPIC_EMPLOYMENT
    else:
        every, total = (store.rank_areas(occ.soc_code, area_type, limit) if occ.soc_code
                        else ([], 0))
        reply = ro.ranking_reply(occ, every[:TOP_PLACES], total, metro, cite.short)
        topic = TOPIC_SALARY
    if occ.soc_code:
        reply.picture = charts.picture(
            chart_tiles.places(role, basis, area_type, every, cite.short),
            "places", role, basis, area_type)
    return [reply], [SlotSet(ctx.SLOT_ROLE, role), SlotSet(ctx.SLOT_TOPIC, topic)]


def compare_pay(tracker: Tracker, store: RoleStore, first: str, second: str) -> Reply:
    """Two roles' BLS pay side by side, in the place asked or in context (else national)."""
    place, _ = read_place(tracker, store)
    area = place.code if place else (tracker.get_slot(ctx.SLOT_PLACE) or NATIONAL)
    a, b = store.pay(first, area), store.pay(second, area)
    reply = ro.pay_comparison_reply(a, b)
    reply.picture = charts.picture(charts.pay_compared(a, b), "compare", first, second, area)
    return reply
