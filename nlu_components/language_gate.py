"""A Rasa NLU component that tells a message in another language from an unsure English one.

Listed in ``config.yml`` as ``nlu_components.language_gate.LanguageGate``, after the
``FallbackClassifier``. A message written mostly in another script than Latin (Cyrillic, Greek,
Arabic, Devanagari, Chinese…) is in another language. A message in Latin letters is in another
language when the intent classifiers are unsure of it (an intent of ``unsure_intents``:
``nlu_fallback`` or ``out_of_scope``, however sure; or a top intent below
``max_intent_confidence``, ``max_intent_confidence_no_entity`` when no entity was found in it;
their own ``other_language`` counts for nothing by itself), and either of these holds (when
they are sure, only the first, with English at most ``max_english``):

- **Stop words.** At least ``min_stop_word_share`` of its words are stop words of one of the
  three languages lingua ranks first (spaCy's stop-word list of that language, shipped inside
  spaCy: ``stop_word_lists``, completed by :meth:`LanguageGate.train` with the language's
  most frequent words that are clearly rarer in English, from wordfreq: ``common_words``,
  :mod:`nlu_components.language_words`), and lingua ranks another language than English
  first: "hasta luego", "nee dank je", "ja tak", "was kannst du" (greetings and fragments too
  short for lingua to be sure of). English stop words in other languages' lists ("a", "me",
  "no") never count, and one of the words must have ``stop_word_min_letters`` letters or more
  and be no common English word: chat forms ("r u a robot", "ty ttyl") and English words of
  other lists ("ai toss the dice") are not enough.
- **A phrase of stop words** (the classifiers unsure): more than ``min_stop_word_share`` of
  its words are stop words of one language of ``stop_word_lists``, whatever lingua ranks first,
  at least ``phrase_min_stop_words`` different ones of two letters or more, one of them not in
  the English training examples: "er du en robot?", "tu es un robot ?" (too short for lingua,
  whose low-accuracy models then rank languages almost evenly).
- **No English word** (the classifiers unsure): a message of at most ``no_english_max_words``
  words, none in the English training examples or the English word list
  (:func:`careerdata.english.is_english_word`), one a stop word of a language of
  ``stop_word_lists`` of two letters or more: "hej hej", "hei på deg" (short words of no
  English: chat forms such as "brb" are English words of the list).
- **lingua is sure.** Fewer than ``max_known_share`` of its words occur in the English training
  examples (the vocabulary is kept at training time): typos, jargon and short forms ("JOB
  OUTLOK DATA SCIENTIST", "RN pay TX") look foreign to a language detector, but their words
  are known. And lingua (``lingua-language-detector``: its language models ship inside the
  package, nothing is downloaded) finds another of ``languages`` first, the languages other
  than English together with at least ``min_confidence`` and English with at most
  ``max_english`` (close languages, Danish and Norwegian say, share the confidence between
  them).

A message of fewer than ``min_words`` words ("merci beaucoup", "hola", "tusind tak") is judged
more strictly. No entity may be found in it (a role, place or skill: "RN", "NYC?"), but those of
``guess_extractors``: a statistical tagger finds a "role" in any string ("çok teşekkürler"),
and those of ``foreign_word_entities`` found only in stop or common words of another language,
none English (a typo matcher reads the Italian "certo" as a topic).
Unless its stop words tell the language, it also needs: none of its words of
``short_min_letters`` letters or more in the English training examples, even with two
neighbouring letters swapped ("thnaks"; the shorter ones are words of many languages: "non
merci", "ne hvala", "do widzenia"; the share of known words is not asked), not all of them
English words ("delete item"), one of at least ``short_min_letters`` letters (chat shorthand:
"brb", "gm"), and English at most ``short_max_english``.

Then the intent becomes ``other_language``, and a rule answers that the assistant understands
English, with example questions. A message the classifiers are sure of is another language only
when its stop words say so and lingua gives English at most ``max_english`` ("quelles
compétences faut il pour etre développeur web": an answer in English would read as a
misunderstanding); else a foreign question the classifiers are sure of ("salario medio data
scientist", if they are) is answered in English: still the best answer there is.
"""

from __future__ import annotations

from typing import Any, Dict, Iterable, List, Optional, Text, Tuple

import rasa.shared.utils.io
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.exceptions import InvalidConfigException
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from careerdata.english import is_common_word, is_english_word
from nlu_components.language_words import (common_word_lists, other_script, stop_word_lists,
                                           swapped, without_spans, words_of)

OTHER_LANGUAGE = "other_language"
VOCABULARY_FILE = "vocabulary.json"
COMMON_WORDS_FILE = "common_words.json"


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True
)
class LanguageGate(GraphComponent):
    """Sets the intent ``other_language`` on messages written in another language (see the
    module's docstring: the classifiers unsure, or stop words of another language)."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """Defaults of the ``config.yml`` keys (README, "Other languages")."""
        return {
            # lingua language names; English must be one of them
            "languages": ["ENGLISH", "SPANISH", "FRENCH", "GERMAN", "PORTUGUESE", "ITALIAN",
                          "DUTCH", "POLISH", "TURKISH", "RUSSIAN", "UKRAINIAN", "CHINESE",
                          "JAPANESE", "KOREAN", "ARABIC", "HINDI", "VIETNAMESE", "INDONESIAN",
                          "SWEDISH", "ROMANIAN", "DANISH", "BOKMAL", "NYNORSK", "TAGALOG",
                          "CROATIAN", "BOSNIAN"],
            # Chosen on tests/data/languages_heldout.yml (README, "Other languages"): taking an
            # English message for another language is the costly mistake.
            "min_confidence": 0.8,
            "max_english": 0.05,
            "min_words": 3,
            # a shorter message needs lingua surer that it is not English (README)
            "short_max_english": 0.05,
            "max_intent_confidence": 0.6,
            # ... and of a message in which no entity was found (no role, place or topic name;
            # the guesses of ``guess_extractors`` aside)
            "max_intent_confidence_no_entity": 0.8,
            # a short message needs a word this long: chat shorthand ("brb", "gm") is no language
            "short_min_letters": 4,
            # a message with at least this share of words from the English training examples is
            # English, whatever lingua says ("what apps and software are common for it"), unless
            # its stop words tell another language
            "max_known_share": 0.5,
            # the FallbackClassifier's threshold: below it, a vetoed message is nlu_fallback
            "fallback_threshold": 0.3,
            # intents that say the classifiers did not understand, however sure they are
            "unsure_intents": [DEFAULT_NLU_FALLBACK_INTENT_NAME, "out_of_scope"],
            # extractors whose entities are guesses: a statistical tagger finds a "role" in any
            # string ("çok teşekkürler"), so its entities alone make no message English
            "guess_extractors": ["CRFEntityExtractor"],
            # a message this much made of another language's stop words is in that language
            "min_stop_word_share": 0.5,
            "stop_word_min_letters": 3,
            # ... or more than that share of one language's stop words, this many different
            # ones, when the classifiers are unsure ("er du en robot?")
            "phrase_min_stop_words": 2,
            # ... or a message of at most this many words, none English, one a stop word of
            # another language ("hej hej")
            "no_english_max_words": 4,
            # spaCy language codes (spacy.lang.<code>.stop_words) of the lingua languages
            "stop_word_lists": {"SPANISH": "es", "FRENCH": "fr", "GERMAN": "de",
                                "PORTUGUESE": "pt", "ITALIAN": "it", "DUTCH": "nl",
                                "POLISH": "pl", "TURKISH": "tr", "INDONESIAN": "id",
                                "SWEDISH": "sv", "ROMANIAN": "ro", "DANISH": "da",
                                "BOKMAL": "nb", "NYNORSK": "nb", "TAGALOG": "tl",
                                "CROATIAN": "hr", "BOSNIAN": "hr", "VIETNAMESE": "vi"},
            # ... completed with the most frequent words of each language (wordfreq's small
            # lists; ``wordfreq_codes``: its codes where they are not spaCy's) at least
            # ``common_word_margin`` Zipf more frequent than in English ("är", "ya", "morgen"),
            # and further down its list, such words that are no English word ("alsjeblieft";
            # not "hallo"): README, "Other languages"
            "common_words": 1000,
            "common_words_not_english": 3000,
            "common_word_margin": 1.5,
            # entities of these kinds found only in words of another language, none English, are
            # no sign of English: a typo matcher reads "certo" as a topic; roles, skills and
            # places are names ("Scala", "Tableau")
            "foreign_word_entities": ["topic"],
            # entities that are names, whose words are no words of any language ("Terre Haute")
            "name_entities": ["role", "location", "skill"],
            "wordfreq_codes": {"tl": "fil", "hr": "sh"},
        }

    def __init__(self, config: Dict[Text, Any], model_storage: Optional[ModelStorage] = None,
                 resource: Optional[Resource] = None,
                 vocabulary: Optional[Iterable[str]] = None,
                 common_words: Optional[Dict[str, Iterable[str]]] = None) -> None:
        """Build the detector (lingua's low-accuracy models of ``languages``, about 60 MB) and
        read spaCy's stop-word lists of ``stop_word_lists``.

        Args:
            config: the keys of :meth:`get_default_config`.
            model_storage, resource: where :meth:`train` persists the vocabulary.
            vocabulary: the lower-cased words of the English training examples.
            common_words: lingua language name -> its common words that count as stop words
                (:func:`~nlu_components.language_words.common_word_lists`, computed by
                :meth:`train`); none before training.

        Raises:
            InvalidConfigException: a language lingua does not know, or no English, or a
                language code spaCy has no stop words for.
        """
        from lingua import Language, LanguageDetectorBuilder

        self.config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self.vocabulary = frozenset(vocabulary or ())
        try:
            languages = [getattr(Language, name.upper()) for name in self.config["languages"]]
        except AttributeError as error:
            raise InvalidConfigException(f"LanguageGate: unknown language {error}") from error
        if Language.ENGLISH not in languages:
            raise InvalidConfigException("LanguageGate: `languages` must include ENGLISH")
        self._english = Language.ENGLISH
        self._detector = (LanguageDetectorBuilder.from_languages(*languages)
                          .with_low_accuracy_mode().build())
        self._spacy_stop_words = stop_word_lists(self.config["stop_word_lists"])
        self._use_common_words(common_words or {})

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "LanguageGate":
        """A new gate, without vocabulary until :meth:`train`."""
        return cls(config, model_storage, resource)

    def _use_common_words(self, common_words: Dict[str, Iterable[str]]) -> None:
        """Take ``common_words`` (lingua language name -> words) as each language's stop words
        besides spaCy's."""
        self.common_words = {name: frozenset(words) for name, words in common_words.items()}
        self._stop_words = {name: words | self.common_words.get(name, frozenset())
                            for name, words in self._spacy_stop_words.items()}
        self._any_stop_word = frozenset().union(*self._stop_words.values())

    def train(self, training_data: TrainingData) -> Resource:
        """Keep the words of the training examples of every intent but ``other_language``, and
        each language's common words (wordfreq's lists, read here only).

        Raises:
            FileNotFoundError: wordfreq's data is not installed (``make setup``).
        """
        words = {word for example in training_data.intent_examples
                 if example.get(INTENT) != OTHER_LANGUAGE
                 for word in words_of(example.get(TEXT) or "")}
        self.vocabulary = frozenset(words)
        codes = {name: self.config["wordfreq_codes"].get(code, code)
                 for name, code in self.config["stop_word_lists"].items()}
        common = common_word_lists(codes, self.config["common_words"],
                                   self.config["common_word_margin"],
                                   self.config["common_words_not_english"], is_english_word)
        self._use_common_words(common)
        with self._model_storage.write_to(self._resource) as directory:
            rasa.shared.utils.io.dump_obj_as_json_to_file(directory / VOCABULARY_FILE,
                                                          sorted(words))
            rasa.shared.utils.io.dump_obj_as_json_to_file(directory / COMMON_WORDS_FILE, common)
        return self._resource

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "LanguageGate":
        """The gate with the vocabulary and common words persisted by :meth:`train`.

        Raises:
            ValueError, FileNotFoundError: the model has no vocabulary or common words for this
                component (a model trained before them: ``make train``).
        """
        with model_storage.read_from(resource) as directory:
            vocabulary = rasa.shared.utils.io.read_json_file(directory / VOCABULARY_FILE)
            common = rasa.shared.utils.io.read_json_file(directory / COMMON_WORDS_FILE)
        return cls(config, model_storage, resource, vocabulary, common)

    def known_share(self, text: str) -> float:
        """The share of the words of ``text`` found in the English training examples (0–1)."""
        words = words_of(text)
        return sum(word in self.vocabulary for word in words) / len(words) if words else 1.0

    def language_of(self, text: str, classifiers_sure: bool = False,
                    names: Iterable[Tuple[int, int]] = ()) -> Optional[str]:
        """The lingua name of the language ``text`` is written in, when it is not English and
        its stop words or the detector tell it (the module's docstring: mostly stop words of
        that language; a phrase of one language's stop words; a short message of no English
        word but another language's stop word; or less than ``max_known_share`` of known
        words and lingua sure enough, a message of fewer than ``min_words`` words needing
        English at most ``short_max_english``, no word of ``short_min_letters`` letters or
        more of the training examples, not only English words); else None. With
        ``classifiers_sure`` (they understood the message), only its stop words tell it, and
        lingua must give English at most ``max_english``. The words of ``names`` (start and end
        offsets of the names found in ``text``: places, roles, skills) are no words of any
        language: "Terre Haute", "Los Angeles"."""
        short = len(text.split()) < self.config["min_words"]
        words = words_of(without_spans(text, names))
        if classifiers_sure and not self._could_be_stop_words(words):
            return None  # no need to ask lingua
        values = self._detector.compute_language_confidence_values(text)
        if not values:
            return None
        top = values[0]
        english = next((v.value for v in values if v.language == self._english), 0.0)
        if top.language != self._english and self._mostly_stop_words(words, values[:3]):
            if not classifiers_sure or english <= self.config["max_english"]:
                return top.language.name
        if classifiers_sure:
            return None
        phrase = self._stop_word_phrase(words) or self._no_english_word(words)
        if phrase is not None:
            return phrase
        if not short and self.known_share(text) >= self.config["max_known_share"]:
            return None
        if short and (any(word in self.vocabulary or swapped(word) & self.vocabulary
                          for word in words if len(word) >= self.config["short_min_letters"])
                      or all(is_english_word(word) for word in words)
                      or all(len(word) < self.config["short_min_letters"] for word in words)):
            return None
        most = self.config["short_max_english" if short else "max_english"]
        # Close languages (Danish and Norwegian, Croatian and Bosnian) share the confidence:
        # what counts is how sure lingua is that the message is not English.
        if (top.language != self._english and 1.0 - english >= self.config["min_confidence"]
                and english <= most):
            return top.language.name
        return None

    def _could_be_stop_words(self, words: List[str]) -> bool:
        """Whether enough of ``words`` are stop words of any language of ``stop_word_lists``
        for :meth:`_mostly_stop_words` (a check without lingua)."""
        return bool(words) and sum(w in self._any_stop_word for w in words) >= self.config[
            "min_stop_word_share"] * len(words)

    def _stop_word_phrase(self, words: List[str]) -> Optional[str]:
        """The language of ``stop_word_lists`` of which more than ``min_stop_word_share`` of
        ``words`` are stop words, ``phrase_min_stop_words`` different ones of two letters or
        more, one of them not in the English training examples; else None."""
        for language, stop_words in self._stop_words.items():
            found = {w for w in words if len(w) >= 2 and w in stop_words}
            if (len(found) >= self.config["phrase_min_stop_words"]
                    and not found <= self.vocabulary
                    and sum(w in found for w in words) > self.config[
                        "min_stop_word_share"] * len(words)):
                return language
        return None

    def _no_english_word(self, words: List[str]) -> Optional[str]:
        """The language of ``stop_word_lists`` one of ``words`` (at most
        ``no_english_max_words``, none in the English training examples or an English word) is
        a stop word of (two letters or more); else None."""
        if not words or len(words) > self.config["no_english_max_words"] or any(
                w in self.vocabulary or is_english_word(w) for w in words):
            return None
        return next((language for language, stop_words in self._stop_words.items()
                     if any(len(w) >= 2 and w in stop_words for w in words)), None)

    def _mostly_stop_words(self, words: List[str], values: Iterable[Any]) -> bool:
        """Whether at least ``min_stop_word_share`` of ``words`` are stop words of one of the
        languages of ``values`` (lingua's confidence values), not English stop words, one of
        them of ``stop_word_min_letters`` letters or more and no common English word ("ai toss
        the dice": "dice" is Spanish and Italian too)."""
        for value in values:
            stop_words = self._stop_words.get(value.language.name, frozenset())
            found = [w for w in words if w in stop_words]
            if (words and len(found) >= self.config["min_stop_word_share"] * len(words)
                    and any(len(w) >= self.config["stop_word_min_letters"]
                            and not is_common_word(w) for w in found)):
                return True
        return False

    def _foreign_words(self, text: str) -> bool:
        """Whether ``text`` (an entity's words) is only stop or common words of other
        languages and no English word: "certo", which a typo matcher may read as a topic."""
        words = words_of(text)
        return bool(words) and all(w in self._any_stop_word and not is_english_word(w)
                                   for w in words)

    def process(self, messages: List[Message]) -> List[Message]:
        """Decide ``other_language`` for each message (see the module's docstring).

        - Mostly letters of another script than Latin (Cyrillic, Greek, Arabic, Devanagari,
          Chinese…): another language, whatever the classifiers said.
        - Latin letters: another language when its stop words tell the language, or when
          the classifiers are unsure and lingua tells it (a short message: no entity but
          guesses; unless its stop words tell it, no known word and lingua surer). When the
          classifiers alone said ``other_language``, their next intent is taken instead.
        """
        for message in messages:
            text = message.get(TEXT) or ""
            intent = message.get(INTENT) or {}
            ranking = [r for r in message.get(INTENT_RANKING_KEY) or []
                       if r.get("name") != OTHER_LANGUAGE]
            if intent.get("name") == OTHER_LANGUAGE:  # the classifiers' view is not enough
                intent = _next_intent(ranking, self.config["fallback_threshold"])
            if other_script(text):
                foreign = True
            else:
                named = [e for e in message.get(ENTITIES) or []
                         if e.get("extractor") not in self.config["guess_extractors"]
                         and not (e.get("entity") in self.config["foreign_word_entities"]
                                  and self._foreign_words(text[e.get("start", 0):e.get("end", 0)]))]
                unsure = (intent.get("name") in self.config["unsure_intents"]
                          or (intent.get("confidence") or 0.0) < self.config[
                              "max_intent_confidence" if named
                              else "max_intent_confidence_no_entity"])
                short = len(text.split()) < self.config["min_words"]
                names = [(e.get("start", 0), e.get("end", 0)) for e in named
                         if e.get("entity") in self.config["name_entities"]]
                foreign = (not (short and named)
                           and self.language_of(text, not unsure, names) is not None)
            if foreign:
                chosen = {"name": OTHER_LANGUAGE, "confidence": 1.0}
                ranking = [chosen] + ranking
            elif (message.get(INTENT) or {}).get("name") == OTHER_LANGUAGE:
                chosen = intent
            else:
                continue
            message.set(INTENT, chosen, add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages


def _next_intent(ranking: List[Dict[str, Any]], threshold: float) -> Dict[str, Any]:
    """The best intent of ``ranking`` (``other_language`` removed), or ``nlu_fallback`` when it
    is below the FallbackClassifier's ``threshold``."""
    best = ranking[0] if ranking else None
    if best is None or (best.get("confidence") or 0.0) < threshold:
        return {"name": DEFAULT_NLU_FALLBACK_INTENT_NAME, "confidence": threshold}
    return {"name": best["name"], "confidence": best["confidence"]}
