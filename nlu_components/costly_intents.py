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
asks where the facts come from (``not_questions``). And they need the words that say them
(``cues``: "bye", "see you", "I'm done"; "thanks", "cheers"; typos of the longer ones too): "turn
off the lights" and "take lunch meeting off my calendar" are commands to another assistant, not
farewells. The cues decide between the three: "ty ttyl" thanks and says goodbye, "thanks,
that's exactly what I needed" only thanks.

Otherwise the costly intents drop out of the ranking and the next intent is taken, as the
``FallbackClassifier`` would with ``fallback_threshold``: "is there a human on the other end"
becomes ``bot_challenge`` rather than out-of-scope, "outlok" ``ask_outlook``, and below the
threshold ``nlu_fallback``, where ``action_rephrase`` answers a short message naming a topic as a
follow-up and asks to rephrase anything else.
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

from nlu_components.words import WORD, only_follow_up_words, says, typo_of

#: Extractors that only find names of the data (roles, topics, skills), never guesses.
DATA_EXTRACTORS = frozenset({"SpacyEntityExtractor", "RoleMentionExtractor"})
#: The one of them that finds names exactly as the data writes them.
EXACT_EXTRACTOR = "SpacyEntityExtractor"
#: What the messages of the ending intents say: a farewell, thanks, or both (a test checks that
#: every training example of these intents says what its intent needs).
FAREWELLS = ("bye", "byebye", "goodbye", "cya", "ttyl", "gtg", "g2g", "farewell", "adios", "ciao",
             "cheerio", "later", "laters", "goodnight", "night", "leaving", "done", "finished",
             "leave it", "signing off", "logging off", "log off", "sign off", "heading out",
             "heading off", "i'm off", "im off", "i'm out", "im out", "gotta go", "have to go",
             "got to go", "to go now", "me to go", "be going", "going now", "gotta run",
             "got to run", "need to run", "have to run", "see you", "see ya", "see u", "take care",
             "take it easy", "have a nice", "have a good", "have a great", "have a lovely",
             "talk soon", "talk later", "talk to you", "talk with you", "speak to you",
             "speak with you", "speak soon", "next time", "all set", "that's all", "thats all",
             "that's it", "thats it", "that'll be all", "that is all", "everything", "stop here",
             "chat", "chatting", "talking", "good talk", "great talk", "nice talk", "lovely talk",
             "our talk", "this talk", "speaking", "conversation", "converse", "conversing",
             "convo", "so long", "catch you", "catch ya", "heading to bed", "end chat", "peace",
             "regards")
THANKS = ("thanks", "thank", "thankyou", "thx", "thnx", "thanx", "ty", "tysm", "tyvm", "ta",
          "cheers", "appreciate", "appreciated", "obliged", "grateful", "indebted", "kudos")


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
        and the tools?"); ``cues``: for an intent, the lists of words or phrases a message says
        one of each of to have that intent (the first intent whose every list the message
        says, in this order, replaces another one of ``cues``); ``fallback_threshold``: the
        FallbackClassifier's threshold."""
        return {"intents": ["goodbye", "thank", "thank+goodbye", "out_of_scope"], "threshold": 0.5,
                "sure": 0.8,
                "evidence": ["role", "topic", "skill", "pay_view", "location", "career_word"],
                "exact_evidence": ["role", "pay_view"],
                "not_questions": ["goodbye", "thank", "thank+goodbye"],
                "cues": {"thank+goodbye": [list(THANKS), list(FAREWELLS)],
                         "goodbye": [list(FAREWELLS)], "thank": [list(THANKS)]},
                "fallback_threshold": 0.2}

    def __init__(self, config: Dict[Text, Any]) -> None:
        """Keep the config (the keys of :meth:`get_default_config`) and the cues as word
        tuples, longest first."""
        self.config = {**self.get_default_config(), **config}
        self._phrases = sorted({tuple(WORD.findall(cue.lower()))
                                for lists in self.config["cues"].values()
                                for cues in lists for cue in cues}, key=len, reverse=True)

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

    def said(self, message: Message, intent: str) -> bool:
        """Whether the message says one word or phrase of each list of ``cues[intent]`` (case
        aside; a one-word cue of :data:`nlu_components.words.MIN_FUZZY_WORD` letters or more also as a
        typo: :func:`nlu_components.words.typo_of`); True for an intent without cues."""
        words = tuple(w.lower() for w in WORD.findall(message.get(TEXT) or ""))
        return all(any(says(words, cue) for cue in cues)
                   for cues in self.config["cues"].get(intent, []))

    def cued_intent(self, message: Message) -> Optional[str]:
        """For a message whose intent has ``cues``: the first intent of ``cues`` whose cues
        the message says ("ty ttyl": thank+goodbye), or None when it says none of them."""
        return next((intent for intent in self.config["cues"] if self.said(message, intent)),
                    None)

    def vetoed(self, message: Message) -> bool:
        """Whether the message's intent is costly and not sure enough (see the module's
        docstring)."""
        intent = message.get(INTENT) or {}
        if intent.get("name") not in self.config["intents"]:
            return False
        confidence = intent.get("confidence") or 0.0
        if intent.get("name") in self.config["not_questions"] and "?" in (message.get(TEXT) or ""):
            return True  # "ok thanks. where is that coming from though?" asks something
        if intent.get("name") in self.config["cues"] and self.cued_intent(message) is None:
            return True  # "turn off the lights" says no farewell
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
                self._say_cued(message)
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

    def only_cues(self, message: Message) -> bool:
        """Whether the message says nothing but cues of ``cues`` and words that carry them
        (:func:`only_follow_up_words`, no typo: "ta", "ok thanks", "cheers for that, I'm off";
        no question mark)."""
        text = message.get(TEXT) or ""
        if "?" in text:
            return False
        words = [w.lower() for w in WORD.findall(text)]
        rest, i = [], 0
        while i < len(words):
            size = next((len(p) for p in self._phrases if tuple(words[i:i + len(p)]) == p
                         or (len(p) == 1 and typo_of(words[i], p[0]))), 0)
            if not size:
                rest.append(words[i])
            i += size or 1
        return len(rest) < len(words) and only_follow_up_words(rest, max_typo=0)

    def _say_cued(self, message: Message) -> None:
        """Set the intent of ``cues`` that the message says in place of another one ("ty ttyl"
        read as thank is thank+goodbye), at the same confidence; and in place of the fallback
        when the message says nothing else (:meth:`only_cues`: "tysm", "ta" are too short for
        the classifier to be sure of)."""
        intent = message.get(INTENT) or {}
        fallback = intent.get("name") == DEFAULT_NLU_FALLBACK_INTENT_NAME
        if intent.get("name") not in self.config["cues"] and not (
                fallback and self.only_cues(message)):
            return
        cued = self.cued_intent(message)
        if cued is None or cued == intent.get("name"):
            return
        chosen = {"name": cued, "confidence": intent.get("confidence") or 0.0}
        ranking = [r for r in message.get(INTENT_RANKING_KEY) or []
                   if r.get("name") not in (cued, DEFAULT_NLU_FALLBACK_INTENT_NAME)]
        message.set(INTENT, chosen, add_to_output=True)
        message.set(INTENT_RANKING_KEY, [chosen] + ranking, add_to_output=True)
