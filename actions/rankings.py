"""Rankings across the article roles (BLS pay, cited outlook) and "is it a good career?".

Pay ranks the national BLS OEWS median of each article role's closest official occupation (roles
that share one occupation tie, and the answer says so); outlook ranks the growth figures the
articles cite. "Is it a good career?" gives outlook and pay in short, for any role.
"""

from __future__ import annotations

import re
from typing import Dict, List, Optional, Tuple

from rasa_sdk.events import SlotSet

from actions import context as ctx
from actions import official, render
from actions import render_guidance as rg
from actions.base import StoreAction, one_role, problem_reply, read_mentions, releases_line
from actions.render_official import mapping_line
from careerdata import models as m
from careerdata import rankings as ranked
from careerdata.depth import PROJECTIONS
from careerdata.records import Source
from careerdata.store import TOPIC_SALARY, RoleStore, StoreUnavailable

#: Words of an outlook ranking about openings rather than growth.
_OPENINGS_WORDS = re.compile(r"opening|most jobs|hiring the most|most hires", re.IGNORECASE)
#: Words of a ranking question about outlook rather than pay.
_OUTLOOK_WORDS = re.compile(r"outlook|grow|demand|future|prospect|hiring|job market|opening",
                            re.IGNORECASE)
#: Words of a ranking question about the article roles ("which role pays most?", "which of the
#: data jobs …", "which one …") rather than jobs in general: their ranking comes first.
_ARTICLE_SCOPE = re.compile(r"\broles?\b|\bwhich (?:one|of)\b|\bthese\b|\bthose\b",
                            re.IGNORECASE)


class ActionRankRoles(StoreAction):
    """Rank every occupation (BLS projections and OEWS pay) and the article roles (BLS national
    median pay, or the outlook their articles cite) for ``rank_roles``.

    A ranking narrowed by a filter or a place, or by openings, is across all occupations only;
    a question about "roles" / "which one" puts the article roles first, any other after."""

    def name(self) -> str:
        return "action_rank_roles"

    def answer(self, tracker, store, resolver):
        return rank_replies(tracker, store)


def rank_replies(tracker, store: RoleStore) -> Tuple[List, List]:
    """The ranking the latest message asks for (see :class:`ActionRankRoles`): ``(replies,
    events)``; the basis is growth or openings for outlook words, else pay."""
    text = tracker.latest_message.get("text") or ""
    topic = ctx.mentioned_topic(tracker)
    if topic == m.TOPIC_OUTLOOK or (topic != TOPIC_SALARY and _OUTLOOK_WORDS.search(text)):
        basis = ranked.OPENINGS if _OPENINGS_WORDS.search(text) else ranked.GROWTH
        topic = m.TOPIC_OUTLOOK
    else:
        basis, topic = ranked.PAY, TOPIC_SALARY
    everything, narrowed = _rank_all(tracker, store, basis, text)
    if everything and (narrowed or basis == ranked.OPENINGS):
        return everything, [SlotSet(ctx.SLOT_TOPIC, topic)]  # not the articles' national ones
    articles = _rank_pay(store) if basis == ranked.PAY else _rank_outlook(store)
    if _ARTICLE_SCOPE.search(text):
        replies = [articles, *everything]
    else:
        replies = [*everything, articles]
    return replies, [SlotSet(ctx.SLOT_TOPIC, topic)]


def _rank_all(tracker, store: RoleStore, basis: str, text: str,
              filters: Optional[ranked.Filters] = None, in_context: bool = False
              ) -> Tuple[List, bool]:
    """Every occupation ranked on ``basis``, within what the question filters on: entry
    education ("without a degree"), field ("in healthcare"), lowest pay ("at least $50k") and
    place (pay ranked by the state's or metro area's median); ``filters`` instead of the
    question's, and the conversation's place too when ``in_context``.

    Returns:
        ``(replies, narrowed)``: one reply (none when the projections are not loaded) and
        whether a filter or a place narrowed the ranking.
    """
    try:
        catalog = store.catalog
        place = official.place_or_context(tracker, store) if in_context else \
            official.read_place(tracker, store)[0]
        pay = store.area_pay(place.code) if place is not None else None
    except StoreUnavailable:
        return [], False
    if not catalog.rows:
        return [], False
    filters = ranked.filters_of(text) if filters is None else filters
    rows, total = catalog.rank(basis, filters, pay=pay)
    return [rg.occupations_ranked_reply(basis, rows, total,
                                        rg.filters_said(filters, catalog.groups),
                                        place.name if place else None,
                                        releases_line(store, PROJECTIONS, m.DATASET_OEWS))], \
        bool(filters) or place is not None


def rank_within(tracker, store: RoleStore, filters: ranked.Filters) -> List:
    """Every occupation ranked by annual openings within ``filters`` (a profile's education
    and lowest pay) in the conversation's place: what a fit question gets when the profile has
    limits but nothing to score (no skill, no interest); [] without projections."""
    return _rank_all(tracker, store, ranked.OPENINGS, "", filters, in_context=True)[0]


def _rank_pay(store: RoleStore):
    rows: List[Tuple[int, str, str]] = []
    notes: List[str] = []
    cite = None
    for role in store.role_names():
        try:
            pay = store.pay(role)
        except (KeyError, StoreUnavailable):
            continue
        cite = pay.citation
        median = pay.figures.annual.get("median") if pay.figures else None
        if median is None:
            continue
        occ = pay.occupation
        label = f"median ${median:,} a year ({occ.title}, SOC {occ.soc_code})"
        rows.append((median, role, label))
    rows.sort(key=lambda r: (-r[0], r[1]))
    by_median: Dict[int, List[str]] = {}
    for median, role, _ in rows:
        by_median.setdefault(median, []).append(role)
    for roles in by_median.values():
        if len(roles) > 1:
            notes.append(f"{rg.join_and(roles)} share one official occupation, so the same figure: "
                         "a tie, not a finding.")
    lines = ["National median pay of the official occupation closest to each role (BLS has no "
             "separate occupation for most of them):"]
    footer = f"Source: {cite.short} — United States" if cite else "Source: BLS OEWS"
    return rg.ranking_reply("pay", [(r, t) for _, r, t in rows], lines, notes, footer)


def _growth(store: RoleStore, role: str) -> Tuple[Optional[float], Optional[str], List[Source]]:
    facts = store.topic_facts(role, m.TOPIC_OUTLOOK)
    for fact in facts.facts:
        found = re.match(r"([\d.]+)% projected growth(.*)", fact.name or "")
        if found:
            return float(found.group(1)), fact.name, [facts.sources[i] for i in fact.sources]
    return None, None, list(facts.sources.values())


def _rank_outlook(store: RoleStore):
    rows, sources = [], {}
    for role in store.role_names():
        percent, label, used = _growth(store, role)
        sources.update({s.id: s for s in used})
        rows.append((percent, role, label or "no growth figure in my sources"))
    rows.sort(key=lambda r: (r[0] is None, -(r[0] or 0), r[1]))
    figures = {p for p, _, _ in rows if p is not None}
    notes = []
    if len(figures) == 1:
        notes.append("My articles cite one and the same projection for these roles, so they "
                     "cannot be told apart on outlook: a tie.")
    lines = ["Projected employment growth as my articles cite it:"]
    return rg.ranking_reply("job outlook", [(r, t) for _, r, t in rows], lines, notes,
                            render.source_line(sources.values()))


class ActionGoodCareer(StoreAction):
    """Outlook and pay in short for "is X a good career?" (``ask_good_career``)."""

    def name(self) -> str:
        return "action_good_career"

    def answer(self, tracker, store, resolver):
        mentions = read_mentions(tracker, resolver)
        if mentions.problem is not None and not mentions.known:
            return [problem_reply(mentions.problem, store)], []
        role = one_role(mentions, tracker, store)
        if role is None:
            return [render.ask_role_reply("outlook", store.role_names(),
                                          ctx.names_career_words(tracker))], []
        bullets, notes, parts = [], [], []
        percent, label, used = _growth(store, role)
        article_role = role in store.skills.roles
        if percent is not None:
            bullets.append(f"Outlook: {label}")
        elif article_role:
            bullets.append("Outlook: my articles give no growth figure for it")
        else:
            bullets.append("Outlook: my sources hold no projection for it")
        try:
            pay = store.pay(role)
        except KeyError:
            pay = None
        if pay is not None and pay.figures is not None and pay.figures.annual.get("median"):
            bullets.append(f"Pay: median ${pay.figures.annual['median']:,} a year nationally")
            if pay.figures.employment:
                bullets.append(f"Employed: {pay.figures.employment:,} people in the US")
            line = mapping_line(pay.occupation)
            if line:
                notes.append(line)
            parts.append(f"{pay.citation.short} — United States")
        if used:
            parts.append(render.source_line(used).split(": ", 1)[1])
        footer = "Sources: " + "; ".join(parts) if parts else "Source: none on record"
        reply = rg.good_career_reply(role, bullets, notes, footer, article_role)
        return [reply], [SlotSet(ctx.SLOT_ROLE, role), SlotSet(ctx.SLOT_TOPIC, m.TOPIC_OUTLOOK)]
