"""Slot names and small pure functions that read what the actions need from a tracker."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker

from careerdata import topics
from careerdata.store import TOPIC_SALARY
from careerdata.text import normalize

#: Slot holding the canonical name of the role last talked about.
SLOT_ROLE = "role"
#: Slot holding the topic key (see ``careerdata.store.TOPICS``) last talked about.
SLOT_TOPIC = "topic"
#: Slot holding the two canonical role names of the last comparison, one name while the
#: assistant asks what to compare it with, or None.
SLOT_COMPARED = "compared_roles"
#: Slot holding the OEWS area code of the place last asked about, or None (national).
SLOT_PLACE = "place"
#: Slot holding the skills and tools the user said they know (canonical names), or None.
SLOT_KNOWN_SKILLS = "known_skills"
#: Slot holding the RIASEC interest areas the user said they like (O*NET's names), or None.
SLOT_INTERESTS = "interests"
#: Slot holding the highest education the user said they have (a BLS category), or None.
SLOT_EDUCATION = "education_level"
#: Slot holding the lowest pay the user asked for (USD a year), or None.
SLOT_MIN_PAY = "min_pay"
#: Slot holding the role the user said they work in now (canonical name), or None.
SLOT_CURRENT_ROLE = "current_role"
#: Every slot of the user's profile (shown by "what do you know about me?", cleared together).
PROFILE_SLOTS = (SLOT_KNOWN_SKILLS, SLOT_INTERESTS, SLOT_EDUCATION, SLOT_MIN_PAY,
                 SLOT_CURRENT_ROLE)

ENTITY_ROLE = "role"
ENTITY_TOPIC = "topic"
ENTITY_LOCATION = "location"
#: "entry level", "top earners", "hourly" (data/topics.yml ``pay_views``).
ENTITY_PAY_VIEW = "pay_view"
#: "state(s)" or "metro"/"cities" in a ranking question (data/topics.yml ``place_kinds``).
ENTITY_PLACE_KIND = "place_kind"
#: What a ranking of places is by, from a button's payload (``pay``, ``employment``,
#: ``concentration``); typed questions say it in words (data/rank_by.yml).
ENTITY_RANK_BY = "rank_by"
#: A skill or tool (data/roles/*.yml, data/skills.yml).
ENTITY_SKILL = "skill"
#: A RIASEC interest area, from the interest buttons' payloads only.
ENTITY_INTEREST = "interest"
INTENT_INFORM_LOCATION = "inform_location"
ACTION_COMPARE = "action_compare_roles"
ACTION_GOOD_CAREER = "action_good_career"

#: Topics whose answer depends on a place (BLS figures): ``careerdata.topics`` says which.
PLACE_TOPICS = tuple(topic.key for topic in topics.ALL if topic.place)
#: Extractors whose entities come from the role data (exact names, or close misspellings of them),
#: preferred over a learned extractor's on overlaps of equal length.
RULE_EXTRACTORS = frozenset({"SpacyEntityExtractor", "RoleMentionExtractor"})


def latest_intent(tracker: Tracker) -> Optional[str]:
    """Name of the latest user message's intent, or None."""
    return (tracker.latest_message.get("intent") or {}).get("name")


def intent_topic(tracker: Tracker) -> Optional[str]:
    """The topic key asked for by the latest intent (``ask_skills`` -> ``skills``), or None."""
    topic = topics.of_intent(latest_intent(tracker))
    return topic.key if topic else None


def _entities(tracker: Tracker, name: str) -> List[Dict[str, Any]]:
    """Entities called ``name`` in the latest message, in text order, overlaps removed.

    Of overlapping entities the longer span wins ("sofware data engineer" from the fuzzy
    extractor over "data engineer" from the exact one); on equal length an entity from the role
    data (:data:`RULE_EXTRACTORS`) wins over a learned one, and a learned entity that cuts
    across one from the role data is dropped ("nurses and electricians" across "registered
    nurses"). Entities without positions (button payloads) are all kept.
    """
    found = [e for e in tracker.latest_message.get("entities") or [] if e.get("entity") == name]

    def overlaps(a: Dict[str, Any], b: Dict[str, Any]) -> bool:
        if a.get("start") is None or b.get("start") is None:
            return False
        return a["start"] < b["end"] and b["start"] < a["end"]

    def rank(entity: Dict[str, Any]):
        length = (entity.get("end") or 0) - (entity.get("start") or 0)
        return (-length, entity.get("extractor") not in RULE_EXTRACTORS)

    def crosses(learned: Dict[str, Any], rule: Dict[str, Any]) -> bool:
        """Whether ``learned`` overlaps ``rule`` without holding all of it."""
        return overlaps(learned, rule) and not (
            learned["start"] <= rule["start"] and rule["end"] <= learned["end"])

    rules = [e for e in found if e.get("extractor") in RULE_EXTRACTORS]
    found = [e for e in found if e.get("extractor") in RULE_EXTRACTORS
             or not any(crosses(e, r) for r in rules)]
    kept: List[Dict[str, Any]] = []
    for entity in sorted(found, key=rank):
        if not any(overlaps(entity, k) for k in kept):
            kept.append(entity)
    kept.sort(key=lambda e: e.get("start") if e.get("start") is not None else -1)
    return kept


def role_mentions(tracker: Tracker) -> List[str]:
    """Role mentions (entity values) of the latest message, in text order, without repeats.

    A value may be a canonical name (rule-based extractor, synonyms, button payloads), a list of
    names (payloads), or raw text from the learned extractor; resolving is the caller's job.
    """
    values: List[str] = []
    for entity in _entities(tracker, ENTITY_ROLE):
        value = entity.get("value")
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and item.strip() and item not in values:
                values.append(item)
    return values


def role_entities(tracker: Tracker) -> List[Dict[str, Any]]:
    """The latest message's ``role`` entities (dicts with ``value``, ``start``, ``end``), in text
    order, overlaps resolved as for :func:`role_mentions`."""
    return _entities(tracker, ENTITY_ROLE)


def text_without(tracker: Tracker, name: str, learned: bool = False) -> str:
    """The latest message's text with its ``name`` entities (found by the data's extractors;
    with ``learned``, by any extractor) replaced by commas, so that a scan for other names
    does not read them."""
    text = tracker.latest_message.get("text") or ""
    spans = sorted(((e["start"], e["end"]) for e in tracker.latest_message.get("entities") or []
                    if e.get("entity") == name and e.get("start") is not None
                    and (learned or e.get("extractor") in RULE_EXTRACTORS)), reverse=True)
    for start, end in spans:
        text = text[:start] + "," + text[end:]
    return text


def entity_values(tracker: Tracker, name: str) -> List[str]:
    """Values of the latest message's ``name`` entities, in text order, without repeats
    (overlaps resolved as for roles)."""
    values: List[str] = []
    for entity in _entities(tracker, name):
        value = entity.get("value")
        if isinstance(value, str) and value.strip() and value not in values:
            values.append(value)
    return values


#: Words asking for the rest of a list just shown ("more", "the rest", "show me all").
MORE_WORDS = topics.MORE_WORDS | {"all"}
#: A message asking for more has at most this many words ("show me the rest please").
MORE_MAX_WORDS = 6


def wants_more(tracker: Tracker) -> bool:
    """Whether the latest message is a short request for the rest of the last list ("more",
    "more tasks", "show me the rest")."""
    words = normalize(tracker.latest_message.get("text") or "").split()
    return 0 < len(words) <= MORE_MAX_WORDS and bool(MORE_WORDS & set(words))


def topic_mention(tracker: Tracker) -> Optional[str]:
    """The first topic key named in the latest message (``topic`` entity), or None."""
    for entity in _entities(tracker, ENTITY_TOPIC):
        value = entity.get("value")
        if isinstance(value, str) and value in topics.BY_KEY:
            return value
    return None


def mentioned_topic(tracker: Tracker) -> Optional[str]:
    """The topic the latest message's words name, whatever its intent: a ``topic`` entity
    ("tips?", "which one pays more?"), else salary for a ``pay_view`` entity ("per year?",
    "and the top earners?"), else None."""
    topic = topic_mention(tracker)
    if topic is None and entity_values(tracker, ENTITY_PAY_VIEW):
        return TOPIC_SALARY
    return topic


#: Entity types that make a message a career question even without a role (the NLU's domain
#: gate reads the same: nlu_components/domain_gate.py).
CAREER_EVIDENCE = ("role", "topic", "skill", "pay_view", "place_kind", "career_word")


def names_career_words(tracker: Tracker) -> bool:
    """Whether the latest message names a role, topic, skill, pay view, kind of place or career
    word (any extractor): "how do I get started?" does, "how long does it take to get to
    Chicago by train" does not."""
    return any(e.get("entity") in CAREER_EVIDENCE
               for e in tracker.latest_message.get("entities") or [])


def previous_action(tracker: Tracker) -> Optional[str]:
    """Name of the last action run before the latest user message (``action_listen`` aside),
    or None at the start of a conversation."""
    seen_user = False
    for event in reversed(tracker.events or []):
        if event.get("event") == "user":
            if seen_user:
                return None
            seen_user = True
        elif seen_user and event.get("event") == "action":
            if event.get("name") != "action_listen":
                return event.get("name")
    return None


def pending_comparison(tracker: Tracker) -> Optional[str]:
    """The role of a comparison waiting for its second role: the assistant's last answer asked
    "Which role should I compare with the Data Specialist?" (``action_compare_roles``, with
    one role in ``compared_roles``). None otherwise."""
    value = tracker.get_slot(SLOT_COMPARED)
    if not (isinstance(value, list) and len(value) == 1 and isinstance(value[0], str)):
        return None
    return value[0] if previous_action(tracker) == ACTION_COMPARE else None


def output_channel(tracker: Tracker) -> Optional[str]:
    """The channel the latest message came from (``cmdline``, ``rest``, ``slack`` ...)."""
    return tracker.get_latest_input_channel()


def compared_roles(tracker: Tracker) -> List[str]:
    """The two roles of the last comparison, or [] when the last answer was not one."""
    value = tracker.get_slot(SLOT_COMPARED)
    if not isinstance(value, list) or len(value) != 2:
        return []
    return [v for v in value if isinstance(v, str)]
