"""A Rasa NLU component that asks for more certainty before an intent that ends or derails a
conversation.

Listed in ``config.yml`` as ``nlu_components.costly_intents.CostlyIntentGuard``, after the
``FallbackClassifier``. "Goodbye" in answer to "outlok", "you're welcome" to "thanks, and the
tools?", or "that's outside what I can help with" to a career question cost the user more than
"could you rephrase?": the user has to start again. So an intent of ``intents`` stands only when

- its confidence is at least ``threshold`` (above the FallbackClassifier's general threshold;
  chosen on the noisy held-out set, README "Costly mistakes"), and
- the message names no role or pay view exactly (the entity ruler; ``exact_evidence``), and,
  below ``sure``, no role, topic, skill, pay view, place or career word at all (``evidence``,
  exact or misspelt): a message about a data scientist's tools is not a goodbye, whatever its
  other words, and "and the top 10%?" is no out-of-scope question. A very sure classifier
  outweighs a topic word or a fuzzy match ("translate good night into German" is no question
  about translators, "how do I add a salary column in Excel" no pay question).

Thanks and goodbye never hold a question mark: "ok thanks. where is that coming from though?"
asks where the facts come from (``not_questions``).

Otherwise the costly intents drop out of the ranking and the next intent is taken, as the
``FallbackClassifier`` would with ``fallback_threshold``: "is there a human on the other end"
becomes ``bot_challenge`` rather than out-of-scope, "outlok" ``ask_outlook``, and below the
threshold ``nlu_fallback``, where ``action_rephrase`` answers a short message naming a topic as a
follow-up and asks to rephrase anything else.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

#: Extractors that only find names of the data (roles, topics, skills), never guesses.
DATA_EXTRACTORS = frozenset({"SpacyEntityExtractor", "RoleMentionExtractor"})
#: The one of them that finds names exactly as the data writes them.
EXACT_EXTRACTOR = "SpacyEntityExtractor"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class CostlyIntentGuard(GraphComponent):
    """Replaces a costly intent without enough confidence, or with career words, by the next
    intent or ``nlu_fallback``."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """``intents``: the costly intents; ``threshold``: the confidence (0–1) each needs;
        ``exact_evidence``: entity types whose exact presence vetoes them; ``evidence``: entity
        types whose presence (exact or misspelt) vetoes them below ``sure``;
        ``not_questions``: costly intents a message with a question mark never has ("thanks,
        and the tools?"); ``fallback_threshold``: the FallbackClassifier's threshold."""
        return {"intents": ["goodbye", "thank", "thank+goodbye", "out_of_scope"], "threshold": 0.5,
                "sure": 0.8,
                "evidence": ["role", "topic", "skill", "pay_view", "location", "career_word"],
                "exact_evidence": ["role", "pay_view"],
                "not_questions": ["goodbye", "thank", "thank+goodbye"],
                "fallback_threshold": 0.2}

    def __init__(self, config: Dict[Text, Any]) -> None:
        """Keep the config (the keys of :meth:`get_default_config`)."""
        self.config = {**self.get_default_config(), **config}

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "CostlyIntentGuard":
        """A guard with ``config`` (nothing to train or persist)."""
        return cls(config)

    def career_words(self, message: Message, extractors=DATA_EXTRACTORS,
                     types: str = "evidence") -> bool:
        """Whether the message names an entity of the types of the config key ``types``
        (``evidence`` or ``exact_evidence``) found by one of ``extractors``."""
        return any(entity.get("entity") in self.config[types]
                   and entity.get("extractor") in extractors
                   for entity in message.get(ENTITIES) or [])

    def vetoed(self, message: Message) -> bool:
        """Whether the message's intent is costly and not sure enough (see the module's
        docstring)."""
        intent = message.get(INTENT) or {}
        if intent.get("name") not in self.config["intents"]:
            return False
        confidence = intent.get("confidence") or 0.0
        if intent.get("name") in self.config["not_questions"] and "?" in (message.get(TEXT) or ""):
            return True  # "ok thanks. where is that coming from though?" asks something
        return (confidence < self.config["threshold"]
                or self.career_words(message, {EXACT_EXTRACTOR}, "exact_evidence")
                or (confidence < self.config["sure"] and self.career_words(message)))

    def process(self, messages: List[Message]) -> List[Message]:
        """Replace a vetoed costly intent with the next intent, or ``nlu_fallback`` below the
        fallback threshold (in place); other messages are left as they are. The other intents'
        confidences are divided by what the costly ones leave (the classifier's confidence
        given that the message is none of them)."""
        costly = set(self.config["intents"])
        for message in messages:
            if not self.vetoed(message):
                continue
            full = message.get(INTENT_RANKING_KEY) or []
            # the other intents' confidences given that the costly ones are ruled out
            rest = 1.0 - sum(r.get("confidence") or 0.0 for r in full if r.get("name") in costly)
            scale = 1.0 / rest if rest > 1e-6 else 1.0
            ranking = [{**r, "confidence": min(1.0, (r.get("confidence") or 0.0) * scale)}
                       for r in full if r.get("name") not in costly
                       and r.get("name") != DEFAULT_NLU_FALLBACK_INTENT_NAME]
            best = ranking[0] if ranking else {"name": None, "confidence": 0.0}
            if (best.get("confidence") or 0.0) >= self.config["fallback_threshold"]:
                chosen = {"name": best["name"], "confidence": best["confidence"]}
            else:
                chosen = {"name": DEFAULT_NLU_FALLBACK_INTENT_NAME,
                          "confidence": self.config["fallback_threshold"]}
                ranking = [chosen] + ranking
            message.set(INTENT, chosen, add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages
