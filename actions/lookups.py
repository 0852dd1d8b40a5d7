"""Reverse look-ups over every occupation (``ask_roles_by_skill`` when no skill or tool of the
data is named): the occupations that need an O*NET skill or knowledge area at high importance
("which jobs need critical thinking?", "what can I do with a psychology degree?"), and those
with a given typical entry education ("which jobs need an associate's degree?").
"""

from __future__ import annotations

import re
from typing import List

from rasa_sdk import Tracker

from actions import render_advice as ra
from actions.base import releases_line
from careerdata import elements
from careerdata import models as m
from careerdata.depth import ONET_29, PROJECTIONS
from careerdata.rankings import degree_cap
from careerdata.store import RoleStore

#: A question about occupations in general rather than one ("which jobs …", "what can I do
#: with a history degree", "what careers does it lead to").
_OCCUPATIONS = re.compile(r"\b(?:jobs|careers|occupations|professions|positions|lines of work|"
                          r"field|what (?:can|could) (?:i|you|one) do with|lead to|leads to)\b",
                          re.IGNORECASE)
#: A question that ranks occupations ("fastest growing …", "the most openings …", "best paid")
#: rather than listing those of one entry education.
_RANKING = re.compile(r"\b(?:fastest|growing|most (?:openings|jobs|in demand|hiring)|"
                      r"(?:best|highest|top)[- ](?:paid|paying)|pays? the most)\b", re.IGNORECASE)
#: A look-up that asks for the best paid rather than the most important or most openings.
_PAY = re.compile(r"\b(?:pay|pays|paid|paying|salary|salaries|earn|money)\b", re.IGNORECASE)


def element_replies(tracker: Tracker, store: RoleStore) -> List:
    """One reply per O*NET skill or knowledge area the message names (at most two): the
    occupations that need it, most important first (best paid first when the question asks
    about pay); [] when it names none."""
    text = tracker.latest_message.get("text") or ""
    replies = []
    for kind, name in store.elements.find(text)[:2]:
        found = store.needing(kind, name)
        by_pay = bool(_PAY.search(text))
        if by_pay:
            found = sorted(found, key=lambda n: (-(n.row.median or 0), n.row.role))
        replies.append(ra.needing_reply(kind, name, found, by_pay,
                                        releases_line(store, ONET_29, m.DATASET_OEWS)))
    return replies


def education_replies(tracker: Tracker, store: RoleStore) -> List:
    """The occupations whose typical entry education is the level the message names, most
    openings first (best paid first when it asks about pay); [] when it names none."""
    text = tracker.latest_message.get("text") or ""
    level = elements.entry_level(text)
    if level is None or not store.catalog.rows:
        return []
    rows = elements.with_entry_education(store.catalog, level)
    by_pay = bool(_PAY.search(text))
    if by_pay:
        rows = sorted(rows, key=lambda r: (-(r.median or 0), r.role))
    return [ra.entry_education_reply(level, rows, by_pay,
                                     releases_line(store, PROJECTIONS, m.DATASET_OEWS))]


def education_or_ranking(tracker: Tracker, store: RoleStore) -> List:
    """For a question about occupations in general that names an entry education or "no
    degree": a ranking within it when it asks for one ("fastest growing jobs that don't need a
    4 year degree", or "no degree" alone: most openings), else the occupations whose typical
    entry education is the level named ("careers with just a GED"); [] when it names neither."""
    from actions.rankings import rank_replies  # imports this module's neighbours

    text = tracker.latest_message.get("text") or ""
    level = elements.entry_level(text)
    capped = degree_cap(text) is not None
    if level is None and not capped:
        return []
    if _RANKING.search(text) or level is None:
        return rank_replies(tracker, store)[0]
    return education_replies(tracker, store)


def reverse_replies(tracker: Tracker, store: RoleStore) -> List:
    """For a topic question that names no role but asks about occupations in general ("jobs
    that require knowledge of chemistry", "what can I do with an english degree", "what
    occupations require a master's?"): the occupations needing the O*NET element it names, else
    those with the entry education it names; [] otherwise."""
    text = tracker.latest_message.get("text") or ""
    if not _OCCUPATIONS.search(text):
        return []
    if elements.entry_level(text):  # "… a bachelor's as the typical entry-level education"
        return education_or_ranking(tracker, store) or element_replies(tracker, store)
    return element_replies(tracker, store) or education_or_ranking(tracker, store)
