"""The pieces every store-reading action shares: the roles a message names, the base class that
runs the database work in a worker thread, and the replies for unknown or ambiguous roles.

``actions.actions``, ``actions.guidance`` and ``actions.rankings`` build on this module and do not
import each other's internals.
"""

from __future__ import annotations

import asyncio
import logging
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import context as ctx
from actions import render
from actions.reply import Reply, to_message
from careerdata.depth import education_terms
from careerdata.roles import AMBIGUOUS, KNOWN, UNKNOWN, Resolution, RoleResolver
from careerdata.store import RoleStore, StoreUnavailable, get_store

logger = logging.getLogger(__name__)

#: The events an action returns (rasa_sdk's JSON form).
Events = List[Dict[str, Any]]


@dataclass
class Mentions:
    """The roles a message names: ``known`` canonical names in order, plus the first problem."""

    known: List[str]
    problem: Optional[Resolution] = None


def read_mentions(tracker: Tracker, resolver: RoleResolver) -> Mentions:
    """Resolve the latest message's role entities (an unknown one that names an entry education
    is none: :meth:`careerdata.depth.EducationTerms.named`); scan the text when the NLU found
    none."""
    known: List[str] = []
    problem: Optional[Resolution] = None
    for mention in ctx.role_mentions(tracker):
        result = resolver.resolve(mention)
        if result.kind != KNOWN and education_terms().named(mention):
            continue  # "a postsecondary certificate", "short vocational": an education, no role
        inside = resolver.scan(mention) if result.kind == UNKNOWN else []
        if result.kind == KNOWN or len(inside) >= 2:  # "welder vs machinist" taken as one
            known += [r for r in ([result.role] if result.role else inside) if r not in known]
        elif problem is None:
            problem = result
    if not known and problem is None:
        text = ctx.text_without(tracker, ctx.ENTITY_SKILL)  # "statistics" is no "statisticians"
        known = resolver.scan(text)
        if not known:  # "what does a nurse earn?": a word several roles' names end with
            problem = resolver.generic_mention(text) or resolver.unknown_subject(text)
    return Mentions(known, problem)


def releases_line(store: RoleStore, *keys: str) -> str:
    """The source line citing the releases ``keys`` (``onet-30.1``, ``oews`` …) that the role
    database has loaded, in the order given, each once."""
    return render.source_line([store.release_source(k) for k in dict.fromkeys(keys)
                               if k in store.citations])


def send(dispatcher: CollectingDispatcher, tracker: Tracker, reply: Reply) -> None:
    """Send ``reply`` as the conversation's channel shows it (:func:`actions.reply.to_message`)."""
    dispatcher.utter_message(**to_message(reply, ctx.output_channel(tracker)))


class StoreAction(Action, ABC):
    """Base for actions that read the role store; subclasses implement :meth:`answer`.

    ``answer`` runs in a worker thread with the store and a resolver, and returns the replies to
    send and the events to return.
    """

    @abstractmethod
    def name(self) -> str:
        """The action's name as listed in ``domain.yml``."""

    @abstractmethod
    def answer(
        self, tracker: Tracker, store: RoleStore, resolver: RoleResolver
    ) -> Tuple[List[Reply], Events]:
        """Build the replies and events for ``tracker`` (runs in a worker thread)."""

    def _answer_sync(self, tracker: Tracker) -> Tuple[List[Reply], Events]:
        store = get_store()
        return self.answer(tracker, store, store.resolver)

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> Events:
        try:
            replies, events = await asyncio.to_thread(self._answer_sync, tracker)
        except StoreUnavailable as exc:
            logger.error("role database unavailable: %s", exc)
            replies, events = [render.store_down_reply()], []
        for reply in replies:
            send(dispatcher, tracker, reply)
        return events


def problem_reply(problem: Resolution, store: RoleStore) -> Reply:
    """The reply to a role that is ambiguous (which one?) or unknown (what is known instead)."""
    if problem.kind == AMBIGUOUS:
        return render.ambiguous_role_reply(problem.text, problem.candidates, problem.more)
    return render.unknown_role_reply(problem.text, store.role_names(), store.occupation_count,
                                     problem.candidates, problem.more)


def one_role(mentions: Mentions, tracker: Tracker, store: RoleStore) -> Optional[str]:
    """The first role the message names, else the conversation's role (if the store knows it)."""
    if mentions.known:
        return mentions.known[0]
    current = tracker.get_slot(ctx.SLOT_ROLE)
    return current if store.has_role(current) else None
