"""Custom actions: read slots and entities, ask the role store, render the reply.

They build on :class:`actions.base.StoreAction`, which runs the database work in a worker thread
so the action server's event loop never blocks. Every action answers something: a missing
database, an unknown or ambiguous role and a question without a role all get a clear reply.
"""

from __future__ import annotations

import logging
import re
from typing import List, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from actions import context as ctx
from actions import advice, lookups, official, render
from actions import render_official as ro
from actions.base import Events, StoreAction, problem_reply, read_mentions
from actions.reply import Reply
from careerdata import topics
from careerdata.models import KIND_OCCUPATION, TOPIC_INDUSTRIES
from careerdata.roles import AMBIGUOUS, KNOWN, RoleResolver
from careerdata.store import TOPIC_SALARY, TOPIC_TIPS, TOPICS, RoleStore
from careerdata.text import normalize

logger = logging.getLogger(__name__)


def _comparison(
    store: RoleStore, tracker: Tracker, first: str, second: str, topic: Optional[str]
) -> Reply:
    if topic in ctx.PLACE_TOPICS:
        return official.compare_pay(tracker, store, first, second)
    articles_only = store.is_article(first) and store.is_article(second)
    if topic and topics.BY_KEY[topic].depth and not (articles_only and topic in TOPICS):
        return official.compare_depth(store, first, second, topic)
    if topic is None or topic == "definition":
        return render.overview_reply(
            store.compare(first, second, "definition"), store.compare(first, second, "tools")
        )
    return render.comparison_reply(store.compare(first, second, topic))


#: Topics a move question naming one job is read as ("what can a bank teller move into?" a
#: definition, "what jobs could a janitor move up to?" similar jobs): its moves answer it.
_MOVE_TOPICS = (topics.DEFINITION, topics.SIMILAR)


class ActionAnswerTopic(StoreAction):
    """Answer one topic about one role (intents ``ask_*`` and ``inform_role``).

    The topic comes from the intent, else from the ``topic`` slot (follow-ups such as "what about
    data scientists?"), else defaults to the definition; another role named alone right after
    "is it a good career?" gets that answer again. The role comes from the message, else
    from the ``role`` slot; right after a comparison, a topic question or a place without a role
    ("and in Illinois?") compares the same two roles again. Two roles in one topic question are
    compared.
    """

    def name(self) -> str:
        return "action_answer_topic"

    def answer(self, tracker, store, resolver):
        if (ctx.latest_intent(tracker) == "inform_role" and not ctx.mentioned_topic(tracker)
                and ctx.previous_action(tracker) == ctx.ACTION_GOOD_CAREER):
            from actions.rankings import ActionGoodCareer  # imports this module

            return ActionGoodCareer().answer(tracker, store, resolver)  # "what about nurses?"
        topic = _topic(tracker)
        if ctx.intent_topic(tracker) == TOPIC_TIPS:
            from actions.learning import learning_path, wants_learning  # imports this module

            if wants_learning(tracker):
                return learning_path(tracker, store, resolver)
        mentions = read_mentions(tracker, resolver)
        if mentions.problem is not None and not mentions.known:
            events = [SlotSet(ctx.SLOT_TOPIC, topic)]
            if topic in ctx.PLACE_TOPICS:
                events += official.place_events(tracker, store)
            return [problem_reply(mentions.problem, store)], events
        roles = mentions.known
        pending = ctx.pending_comparison(tracker)
        if len(roles) == 1 and pending not in (None, roles[0]) and not ctx.intent_topic(tracker):
            roles = [pending, roles[0]]  # the answer to "Which role should I compare with ...?"
            topic = ctx.mentioned_topic(tracker) or tracker.get_slot(ctx.SLOT_TOPIC)
        if len(roles) >= 2:
            reply = _comparison(store, tracker, roles[0], roles[1], topic)
            return [reply], _compared_events(roles[0], roles[1], topic)
        if not roles and topic in _REVERSE_TOPICS:
            found = lookups.reverse_replies(tracker, store)
            if found:  # "which jobs need knowledge of chemistry?": every occupation, not one
                return found, []
        if not roles:
            compared = ctx.compared_roles(tracker)
            place_only = ctx.latest_intent(tracker) == ctx.INTENT_INFORM_LOCATION
            asked = ctx.intent_topic(tracker) or ctx.mentioned_topic(tracker)
            if len(compared) == 2 and (asked or place_only):
                reply = _comparison(store, tracker, compared[0], compared[1], topic)
                return [reply], _compared_events(compared[0], compared[1], topic)
            current = tracker.get_slot(ctx.SLOT_ROLE)
            if store.has_role(current):
                roles = [current]
        if not roles:
            return [render.ask_role_reply(topic, store.role_names(),
                                           ctx.names_career_words(tracker))], [
                SlotSet(ctx.SLOT_TOPIC, topic)
            ]
        role = roles[0]
        if topic in ctx.PLACE_TOPICS:
            return official.answer_pay(tracker, store, role, topic, bool(mentions.known))
        if topic == TOPIC_TIPS and not store.is_article(role):
            topic = topics.EDUCATION  # "how do I become an electrician?": what it takes
        said = tracker.latest_message.get("text") or ""
        if (topic == topics.SIMILAR and advice.wants_better_pay(said)) or (
                topic in _MOVE_TOPICS and mentions.known and advice.asks_move(said)):
            # "what similar jobs pay more?", "what can a bank teller move into?": the related
            # occupations that pay more
            return advice.move_replies(tracker, store, current=role), [
                SlotSet(ctx.SLOT_ROLE, role), SlotSet(ctx.SLOT_CURRENT_ROLE, role)]
        if topics.BY_KEY[topic].depth:
            same = (tracker.get_slot(ctx.SLOT_TOPIC), tracker.get_slot(ctx.SLOT_ROLE)) == (topic, role)
            if same and ctx.wants_more(tracker):  # "more": the rest of the list just shown
                return official.depth_replies(store, role, topic, more=True), []
            return _depth_answer(store, role, topic), [
                SlotSet(ctx.SLOT_ROLE, role),
                SlotSet(ctx.SLOT_TOPIC, topic),
                SlotSet(ctx.SLOT_COMPARED, None),
            ]
        facts = store.topic_facts(role, topic)
        official_only = facts.kind == KIND_OCCUPATION and facts.empty
        if official_only and topic != TOPIC_INDUSTRIES:
            replies = [ro.no_official_topic_reply(role, topics.title(topic))]
        else:  # industries: the article's list, then (cited apart) the BLS figures
            replies = [] if official_only else [render.topic_reply(facts)]
            if topic == TOPIC_INDUSTRIES:
                replies += official.industries_extra(store, role)
            replies = replies or [render.topic_reply(facts)]
        return replies, [
            SlotSet(ctx.SLOT_ROLE, role),
            SlotSet(ctx.SLOT_TOPIC, topic),
            SlotSet(ctx.SLOT_COMPARED, None),
        ]


def _depth_answer(store: RoleStore, role: str, topic: str) -> List[Reply]:
    """An article role's own facts first (when its articles cover ``topic``), then the open
    data of its occupation, labelled; an official occupation gets the open data alone."""
    replies: List[Reply] = []
    if topic in TOPICS and store.is_article(role):
        facts = store.topic_facts(role, topic)
        if not facts.empty:
            replies.append(render.topic_reply(facts))
    return replies + official.depth_replies(store, role, topic, required=not replies)


def _topic(tracker: Tracker) -> str:
    """The topic asked: the intent's, else one the message's words name ("tips?" read as a
    fallback), else (a bare place) pay, else the one in context."""
    current = tracker.get_slot(ctx.SLOT_TOPIC)
    # "what about LPNs?" read as a place: a role named and no place is the role follow-up
    role_only = (ctx.role_entities(tracker)
                 and not ctx.entity_values(tracker, ctx.ENTITY_LOCATION))
    if ctx.latest_intent(tracker) == ctx.INTENT_INFORM_LOCATION and not role_only:
        named = ctx.mentioned_topic(tracker)  # "and edu?" is no place, whatever the intent
        return named or (current if current in ctx.PLACE_TOPICS else TOPIC_SALARY)
    return ctx.intent_topic(tracker) or ctx.mentioned_topic(tracker) or current or "definition"


def _compared_events(first: str, second: Optional[str], topic: Optional[str]) -> Events:
    """The slots of a comparison of ``first`` and ``second`` on ``topic`` (the overview when
    None); with ``second`` None, a comparison waiting for its second role, which the answer
    naming it completes on the topic asked ("who earns more": salary)."""
    return [
        SlotSet(ctx.SLOT_ROLE, first),
        SlotSet(ctx.SLOT_TOPIC, topic or "definition"),
        SlotSet(ctx.SLOT_COMPARED, [first, second] if second else [first]),
    ]


class ActionCompareRoles(StoreAction):
    """Compare two roles, as an overview or on one topic (intent ``compare_roles``).

    Roles come from the message; with one named, the other is the role in context (or the
    previous comparison's), unless the message names it by a word several roles' names end
    with ("the nurse or the electrician"): then it asks which one. The topic comes from a
    ``topic`` entity ("compare the skills of ..."); a comparison repeated without roles
    ("compare their salaries") reuses the last two roles.
    """

    def name(self) -> str:
        return ctx.ACTION_COMPARE

    def answer(self, tracker, store, resolver):
        topic = ctx.topic_mention(tracker)
        mentions = read_mentions(tracker, resolver)
        if mentions.problem is not None and len(mentions.known) < 2:
            return [problem_reply(mentions.problem, store)], []
        roles = list(mentions.known)
        if len(roles) == 1 and mentions.problem is None:
            # "who earns more, the nurse or the electrician?": the other role is a word several
            # roles' names end with; which one, rather than the role in context
            other = resolver.generic_mention(ctx.text_without(tracker, ctx.ENTITY_ROLE,
                                                              learned=True))
            if other is not None:
                return [problem_reply(other, store)], _compared_events(roles[0], None, topic)
        compared = ctx.compared_roles(tracker)
        if not roles and len(compared) == 2:
            roles = compared
        elif len(roles) == 1:
            others = [r for r in [tracker.get_slot(ctx.SLOT_ROLE), *compared] if r]
            others = [r for r in others if r != roles[0] and store.has_role(r)]
            if others:
                roles = [others[0], roles[0]]
        if len(roles) < 2:  # one role: remember it until the second one is given
            events = _compared_events(roles[0], None, topic) if roles else []
            return [render.compare_needs_two_reply(roles, store.role_names())], events
        first, second = roles[0], roles[1]
        return [_comparison(store, tracker, first, second, topic)], _compared_events(
            first, second, topic
        )


class ActionRankPlaces(StoreAction):
    """Rank states (or metro areas) by a role's BLS median pay (intent ``rank_places``)."""

    def name(self) -> str:
        return "action_rank_places"

    def answer(self, tracker, store, resolver):
        mentions = read_mentions(tracker, resolver)
        if mentions.problem is not None and not mentions.known:
            return [problem_reply(mentions.problem, store)], []
        role = (mentions.known or [tracker.get_slot(ctx.SLOT_ROLE)])[0]
        if not store.has_role(role):
            return [render.ask_role_reply(TOPIC_SALARY, store.role_names(),
                                          ctx.names_career_words(tracker))], []
        return official.rank_places(tracker, store, role)


class ActionListRoles(StoreAction):
    """List the roles in the database (intent ``list_roles``)."""

    def name(self) -> str:
        return "action_list_roles"

    def answer(self, tracker, store, resolver):
        found = lookups.education_or_ranking(tracker, store)
        if found:  # "careers with just a GED": the occupations of that entry education
            return found, []
        return [render.roles_list_reply(store.role_names(), store.occupation_count)], []


class ActionCapabilities(StoreAction):
    """Explain what the assistant can do (intent ``ask_capabilities``)."""

    def name(self) -> str:
        return "action_capabilities"

    def answer(self, tracker, store, resolver):
        return [render.capabilities_reply(store.role_names(), store.occupation_count)], []


class ActionSources(StoreAction):
    """Say where the facts come from: the articles and dataset releases (intent
    ``ask_sources``)."""

    def name(self) -> str:
        return "action_sources"

    def answer(self, tracker, store, resolver):
        articles, datasets = store.sources()
        return [render.sources_reply(articles, datasets)], []


#: A message of at most this many words that is only a role's name is an answer, not noise.
_BARE_NAME_WORDS = 6
#: Words that may join role names in a message that is only names ("MLE vs lead MLE").
_JOINERS = frozenset({"vs", "v", "versus", "or", "and", "compared", "to", "with"})
#: A message of at most this many words naming a topic is a follow-up ("tips?", "which one pays
#: more?"); longer low-confidence messages are more likely about something else.
_FOLLOW_UP_WORDS = 5
#: Topics whose question about occupations in general is a reverse look-up (actions.lookups).
_REVERSE_TOPICS = frozenset({topics.EDUCATION, topics.KNOWLEDGE, topics.SKILLS, TOPIC_TIPS})
#: How a follow-up about another role starts ("what about nurses?", "and electricians?").
_WHAT_ABOUT = re.compile(r"^\s*(?:and|what about|how about|what of)\b", re.IGNORECASE)


class ActionRephrase(StoreAction):
    """Low-confidence fallback: ask to rephrase and suggest questions that work.

    Three kinds of short message carry enough career evidence to be answered as follow-ups
    instead: one that is just a role's name ("registered nurse", "high school teachers",
    typically the answer to a which-one question: the topic in context for that role) or two
    names joined ("MLE vs lead MLE": the comparison), one asking about another role ("what
    about nurses?": the topic in context for it, or which one), and one naming a topic or a pay view
    ("tips?", "which one pays more?", "per year?": that topic for the role or comparison in
    context, or a which-role question). "More" or "the rest" after a list of the open data
    (tasks, skills, software …) shows the rest of it."""

    def name(self) -> str:
        return "action_rephrase"

    def answer(self, tracker, store, resolver):
        text = tracker.latest_message.get("text") or ""
        words = len(text.split())
        said = resolver.resolve(text) if 0 < words <= _BARE_NAME_WORDS else None
        if said is not None and (said.kind == KNOWN or _only_role_names(tracker, resolver)):
            return ActionAnswerTopic().answer(tracker, store, resolver)
        if said is not None and said.kind == AMBIGUOUS:  # "LCSW", "line cook": which one?
            return [problem_reply(said, store)], []
        if 0 < words <= _FOLLOW_UP_WORDS and ctx.mentioned_topic(tracker):
            return ActionAnswerTopic().answer(tracker, store, resolver)
        if 0 < words <= _FOLLOW_UP_WORDS and _WHAT_ABOUT.search(text) and (
                resolver.scan(text) or resolver.generic_mention(text)):
            # "what about nurses?": the topic and place in context for that role (or which one)
            return ActionAnswerTopic().answer(tracker, store, resolver)
        topic = topics.BY_KEY.get(tracker.get_slot(ctx.SLOT_TOPIC) or "")
        if topic is not None and topic.depth and ctx.wants_more(tracker) \
                and store.has_role(tracker.get_slot(ctx.SLOT_ROLE)):
            return ActionAnswerTopic().answer(tracker, store, resolver)  # "more", "the rest"
        roles = store.role_names()
        role = tracker.get_slot(ctx.SLOT_ROLE)
        return [render.rephrase_reply(role if role in roles else roles[0])], []


def _only_role_names(tracker: Tracker, resolver: RoleResolver) -> bool:
    """Whether the latest message names two or more known roles and nothing else but words of
    :data:`_JOINERS` ("MLE vs lead MLE", "nurse or electrician?")."""
    rest = normalize(ctx.text_without(tracker, ctx.ENTITY_ROLE)).split()
    return (all(word in _JOINERS for word in rest)
            and len(read_mentions(tracker, resolver).known) >= 2)
