"""A Rasa NLU component that reads short messages by the names of the data they hold.

Listed in ``config.yml`` as ``nlu_components.mention_intent.MentionIntent``, after the
``FallbackClassifier`` and the ``CostlyIntentGuard``. Short messages that are little more than a
role and a topic word ("lead MLE resp?", "INDUSTRYS FOR DATA ENGINER", "and edu?") give the
intent classifier little to go on: it says ``inform_role`` (a role named), ``inform_location``,
``nlu_fallback``, or even ``praise`` ("and the top 10%?" looks like "10/10"). A message naming
two roles joined by "vs", "or", "compared" … is a comparison ("X vs Y tools": ``compare_roles``,
not ``ask_tools``; "should I become an X or a Y?"); two roles with a switch word between them
(:data:`careerdata.topics.SWITCH_WORDS`: "paralegal to lawyer", "how can a bookkeeper become an
accountant") ask how to move from the first to the second (``ask_tips``). When the message
names exactly one topic, found by the data's own extractors (the entity ruler and
``RoleMentionExtractor``: "educaton" and "comp" included; a pay view such as "top 10%" names
pay), the intent becomes that topic's question (``ask_education``…). A fallback or praise is
read so only when the message also names a role or has at most ``max_words`` words, as
``action_rephrase`` does: "my cousin said the salary of the king is huge" stays a fallback.

A fallback or small talk that names a role ("Registered Nurses", "RN", "electrician", the
answer to a which-one question) with no other words than those that carry a name ("let's say",
"the second one", "please") becomes ``inform_role``; one that names a place so, and no role,
``inform_location`` ("and Chicago?", "what anot TX"). A fallback asking what someone in a job
does ("what does an astronaut do?") takes the classifier's best career intent.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from careerdata import topics
from careerdata.rankings import min_pay
from careerdata.roles import job_question_subject
from nlu_components.costly_intents import DATA_EXTRACTORS
from nlu_components.domain_gate import DomainGate
from nlu_components.words import WORD, only_follow_up_words

INFORM_ROLE = "inform_role"
INFORM_LOCATION = "inform_location"
#: Intents an unsure message of only a role's name may have been given.
BARE_ROLE_INTENTS = [DEFAULT_NLU_FALLBACK_INTENT_NAME, "greet", "goodbye", "thank", "thank+goodbye",
                     "praise", "how_are_you", "out_of_scope"]
#: Words that make a message a question rather than the answer naming a role.
QUESTION_WORDS = ["what", "which", "who", "whom", "how", "why", "when", "where", "is", "are",
                  "do", "does", "did", "can", "could", "would", "should", "will"]
#: The question intent of each topic users name in messages (the keys of data/topics.yml).
TOPIC_INTENTS = {topic.key: topic.intent for topic in topics.ALL if topic.named}


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class MentionIntent(GraphComponent):
    """Turns a role-or-place-only or unsure intent into the question on the one topic named,
    and an unsure bare role name into ``inform_role``."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """``intents``: the intents that may become a topic question ("and the top 10%?" read
        as praise); ``max_words``: an intent of ``need_short`` (a fallback, praise) without a
        role becomes one only up to this many words; ``need_names``: intents that become one
        only when the message names a role or pay view ("love this tool" is praise);
        ``bare_role_intents``: the intents a message of only role names may have been given
        ("high school teachers" read as a greeting) that become ``inform_role``;
        ``bare_place_intents``: those that become ``inform_location`` for a place (and
        ``inform_role``);
        ``max_typo``, ``question_words``: a role's other words are typos of at most this many
        letters and none of these words (a bare role is an answer, not a question);
        ``not_job_questions``: intents a job question read as a fallback never takes (the
        domain gate's ``free_intents``)."""
        return {"intents": ["inform_role", "inform_location", DEFAULT_NLU_FALLBACK_INTENT_NAME,
                            "praise"],
                "max_words": 5, "need_short": [DEFAULT_NLU_FALLBACK_INTENT_NAME, "praise"],
                "need_names": ["praise"],
                "bare_role_intents": BARE_ROLE_INTENTS,
                "max_typo": 4, "question_words": QUESTION_WORDS,
                # the intents that need no career evidence: small talk, the assistant, out of scope
                "not_job_questions": DomainGate.get_default_config()["free_intents"],
                "bare_place_intents": BARE_ROLE_INTENTS + [INFORM_ROLE],
                "compare_from": [*TOPIC_INTENTS.values(), "ask_good_career", INFORM_ROLE],
                "compare_words": ["vs", "versus", "v", "or", "compare", "compared", "between",
                                  "difference", "differ"]}

    def __init__(self, config: Dict[Text, Any]) -> None:
        """Keep the config (the keys of :meth:`get_default_config`)."""
        self.config = {**self.get_default_config(), **config}

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "MentionIntent":
        """A component with ``config`` (nothing to train or persist)."""
        return cls(config)

    def topic_intent(self, message: Message) -> Optional[str]:
        """The topic question ``message`` asks (``ask_education``…), or None to keep the intent."""
        intent = (message.get(INTENT) or {}).get("name")
        if intent not in self.config["intents"]:
            return None
        found = [e for e in message.get(ENTITIES) or [] if e.get("extractor") in DATA_EXTRACTORS]
        topics = {e.get("value") for e in found if e.get("entity") == "topic"}
        pay_view = any(e.get("entity") == "pay_view" for e in found)
        if not topics and pay_view:
            topics = {"salary"}  # "and the top 10%?"
        if len(topics) != 1 or next(iter(topics)) not in TOPIC_INTENTS:
            return None
        named_role = any(e.get("entity") == "role" for e in found)
        short = len((message.get(TEXT) or "").split()) <= self.config["max_words"]
        if intent in self.config["need_short"] and not (named_role or short):
            return None
        if intent in self.config["need_names"] and not (named_role or pay_view):
            return None  # "love this tool" is praise
        return TOPIC_INTENTS[next(iter(topics))]

    def comparison_intent(self, message: Message) -> Optional[str]:
        """``compare_roles`` for a message that names two different roles joined by a word of
        ``compare_words`` ("X vs Y tools", "should I become an X or a Y?") and got a topic
        question, ``ask_good_career`` or ``inform_role`` (``compare_from``); else None. The
        comparison then takes the topic the message names."""
        intent = (message.get(INTENT) or {}).get("name")
        if intent not in self.config["compare_from"]:
            return None
        roles = sorted((e["start"], e["end"], e.get("value")) for e in message.get(ENTITIES) or []
                       if e.get("entity") == "role" and e.get("extractor") in DATA_EXTRACTORS
                       and e.get("start") is not None)
        if len({value for _, _, value in roles}) < 2:
            return None
        text = (message.get(TEXT) or "").lower()
        between = text[roles[0][1]:roles[-1][0]]
        words = set(WORD.findall(between)) | set(WORD.findall(text[:roles[0][0]]))
        return "compare_roles" if words & set(self.config["compare_words"]) else None

    def switch_intent(self, message: Message) -> Optional[str]:
        """``ask_tips`` (what to learn: the actions' switch) for a message that names two
        different roles with a word of :data:`careerdata.topics.SWITCH_WORDS` between them and
        no word of ``compare_words`` ("paralegal to lawyer - what would it take?"), unless its
        intent is small talk or about the assistant (``not_job_questions``); else None."""
        intent = (message.get(INTENT) or {}).get("name")
        if intent in set(self.config["not_job_questions"]) - {
                DEFAULT_NLU_FALLBACK_INTENT_NAME, "out_of_scope"}:
            return None
        around = topics.around_two_roles(message.get(TEXT) or "", [
            (e["start"], e["end"], e.get("value")) for e in message.get(ENTITIES) or []
            if e.get("entity") == "role" and e.get("start") is not None])
        if around is None:
            return None
        before, between = around
        compared = (before | between) & set(self.config["compare_words"])
        if compared or not between & topics.SWITCH_WORDS:  # "compare a nurse to a doctor"
            return None
        return "ask_tips"

    def ranking_intent(self, message: Message) -> Optional[str]:
        """``rank_roles`` for an unsure message (``nlu_fallback``) that names jobs in general
        (a ``career_word`` entity) and a lowest pay ("jobs in florida that pay at least 70k":
        :func:`careerdata.rankings.min_pay`); else None."""
        if (message.get(INTENT) or {}).get("name") != DEFAULT_NLU_FALLBACK_INTENT_NAME:
            return None
        if not any(e.get("entity") == "career_word" for e in message.get(ENTITIES) or []):
            return None
        return "rank_roles" if min_pay(message.get(TEXT) or "") else None

    def job_question_intent(self, message: Message) -> Optional[str]:
        """For a fallback asking what someone in a job does, earns or needs ("what does an
        astronaut do?": :func:`careerdata.roles.job_question_subject`; the classifier is unsure
        because it has never seen the occupation): the classifier's best intent but those of
        ``not_job_questions``, which the answer then says is unknown; else None."""
        if (message.get(INTENT) or {}).get("name") != DEFAULT_NLU_FALLBACK_INTENT_NAME:
            return None
        if job_question_subject(message.get(TEXT) or "") is None:
            return None
        skip = set(self.config["not_job_questions"]) | {DEFAULT_NLU_FALLBACK_INTENT_NAME}
        return next((r.get("name") for r in message.get(INTENT_RANKING_KEY) or []
                     if r.get("name") not in skip), None)

    def named_only(self, message: Message, entity: str) -> bool:
        """Whether the message, read as a fallback or small talk (``bare_role_intents``;
        ``bare_place_intents`` for a place), names an ``entity`` ("role" or "location") found
        by the data's extractors, no place if it is a role and no role if a place, and besides
        those names only words that carry them ("let's say RN", "the second one, registered
        nurses", "and Chicago?": :func:`only_follow_up_words`)."""
        intents = self.config["bare_role_intents" if entity == "role" else "bare_place_intents"]
        if (message.get(INTENT) or {}).get("name") not in intents:
            return False
        found = [e for e in message.get(ENTITIES) or []
                 if e.get("extractor") in DATA_EXTRACTORS and e.get("start") is not None]
        spans = [(e["start"], e["end"]) for e in found if e.get("entity") == entity]
        other = "location" if entity == "role" else "role"
        if not spans or any(e.get("entity") == other for e in message.get(ENTITIES) or []):
            return False
        text = message.get(TEXT) or ""
        rest = WORD.findall("".join(" " if any(s <= i < e for s, e in spans) else c
                                    for i, c in enumerate(text)))
        if entity == "role":  # an answer, no question: "what do registered nurses do all dya"
            return only_follow_up_words(rest, max_typo=self.config["max_typo"],
                                        exclude=self.config["question_words"])
        return only_follow_up_words(rest)

    @staticmethod
    def more_intent(message: Message) -> Optional[str]:
        """``nlu_fallback`` for a request for the rest of the list just shown ("more", "show
        me the rest"): its action continues the list in context (``action_rephrase``), whatever
        small talk the classifier took it for."""
        words = WORD.findall((message.get(TEXT) or "").lower())
        if words and set(words) & topics.MORE_WORDS and \
                set(words) <= topics.MORE_WORDS | topics.MORE_FILLERS:
            return DEFAULT_NLU_FALLBACK_INTENT_NAME
        return None

    def process(self, messages: List[Message]) -> List[Message]:
        """Set the comparison (:meth:`comparison_intent`), the switch (:meth:`switch_intent`),
        the topic question
        (:meth:`topic_intent`), the job question's intent
        (:meth:`job_question_intent`), ``inform_role`` or ``inform_location`` (:meth:`named_only`)
        as the intent (in place), at the confidence of the intent it
        replaces, first in the ranking."""
        for message in messages:
            chosen = (self.comparison_intent(message) or self.switch_intent(message)
                      or self.ranking_intent(message) or self.topic_intent(message)
                      or self.job_question_intent(message) or self.more_intent(message))
            if chosen is None and self.named_only(message, "role"):
                chosen = INFORM_ROLE
            elif chosen is None and self.named_only(message, "location"):
                chosen = INFORM_LOCATION
            if chosen is None:
                continue
            confidence = (message.get(INTENT) or {}).get("confidence") or 0.0
            ranking = [r for r in message.get(INTENT_RANKING_KEY) or []
                       if r.get("name") not in (chosen, DEFAULT_NLU_FALLBACK_INTENT_NAME)]
            intent = {"name": chosen, "confidence": confidence}
            message.set(INTENT, intent, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [intent] + ranking, add_to_output=True)
        return messages
