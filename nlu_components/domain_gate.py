"""A Rasa NLU component that gives a career answer only to a message with career evidence.

Listed in ``config.yml`` as ``nlu_components.domain_gate.DomainGate``, after the
``FallbackClassifier``, ``CostlyIntentGuard`` and ``MentionIntent``. A public website gets every
kind of message, and an intent classifier trained on career questions reads "how long does it
take to get to Chicago by train" as a request for tips and "what is a trebuchet" as a request for
a definition. So a career intent (any intent but those of ``free_intents``) stands only when the
message holds career evidence:

- a role, skill or tool, topic (but ``weak_topics``: "the definition of inchoate"), pay view
  (``top 10%``), kind of place (``which state``) or career word (``job``, ``career``,
  ``field``… of ``data/topics.yml``), found by any entity extractor, or a one-word name of the
  lookup tables misspelt ("joob", "Texss"); a word of ``weak_words`` counts only beside other
  evidence or a place, or in a follow-up of nothing but stop words ("worth it?", "any tips for
  getting started"): everyday messages say them too ("tips for my first 5k", "is the new game
  worth buying", "I sent money to the wrong person", "chess openings for beginners"); a role
  right after "my" or "our" is a person of the user's life, no evidence ("my pharmacist gave
  me the wrong pills"), and then no reference either ("my accountant says I owe taxes, what
  does that mean": "that" is the taxes); a word of ``function_verbs`` ("work") said of a thing
  that functions or not is weak too ("my card won't work", "how does a transfer work?"); a
  role word in the name of something else is no evidence ("carpenter ant", "chef's knife":
  :meth:`DomainGate.compound`), nor a weak word beside a place in a message of another subject
  ("easy hiking trails near Boulder for beginners": :meth:`DomainGate.unknown_words`), or
- a place in a short follow-up ("and in Ohio?": at most ``max_place_words`` other words, and
  only words that ask for the place: "new york time please" asks the time), or
- a question about what someone in a job does, earns or needs ("what does an astronaut do?":
  :func:`careerdata.roles.job_question_subject`; the answer says the role is unknown), or about
  who uses or needs something (``job_phrases``: "who uses photoshop?"; the answer says the tool
  is unknown), or
- a word that refers to what was said before (``references``: "what do they earn", "is it
  growing") in a message of at most ``max_reference_words`` words (follow-ups are short: "how
  long does it take to get to Chicago by train" refers to nothing said), a short message
  ("worth it?", "and edu?": typos hide its evidence), or a longer message with a role only a
  statistical extractor guessed (``guess_extractors``: "how many lists are open"), when the
  classifier gives the intent at least ``reference_confidence``: the conversation's context,
  which NLU cannot see, supplies the role; but not when the message has more than
  ``max_unknown_words`` words that no career training example uses (stop words, follow-up
  words and entities aside): it names a subject of its own ("how long does it take for a
  transfer from China", "i can't use my card because it's broken"), or
- for a profile statement (``statement_intents``), a phrase of the ``statement`` lookup table
  (education and profile words: "I have a GED", "add SQL to what I know",
  :func:`nlu_build.build.statement_words`) or of the ``interest`` one ("I'm into fixing stuff",
  :func:`nlu_build.build.interest_words`), in any form but as written when it has function
  words, and an interest not as a thing the user owns ("my account" is no "accounting"):
  :class:`nlu_components.phrases.PhraseFinder`, or
- nothing, when the classifier gives the intent at least ``sure``.

A question about what the assistant knows of the user (``profile_intents``) needs a word of the
user and of what they said ("what have I told you", "show my profile"): "what do you know about
the statue of liberty" is out of scope.

Without evidence the intent becomes ``out_of_scope`` ("Sorry, that's outside what I can help
with", and what the assistant covers). The same holds for ``nlu_fallback`` (with
``unsure_out_of_scope``): a long message the classifier is unsure of, without career evidence, is
out of scope rather than a request to rephrase with career examples. A question read as one
about the user's own employment (``employment_intents``: "ask your HR or payroll team") keeps
that intent only with a word of the ``employment`` lookup table ("payslip", "my boss", "PTO";
``employment_words`` of data/negatives.yml); "my card was stolen" or "my direct debit bounced"
is out of scope.
"""

from __future__ import annotations

from typing import Any, Dict, Iterable, List, Optional, Text

import rasa.shared.utils.io
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu_components.evidence import EvidenceReader
from nlu_components.words import FOLLOW_UP_WORDS, WORD

OUT_OF_SCOPE = "out_of_scope"
VOCABULARY_FILE = "evidence_words.json"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class DomainGate(GraphComponent, EvidenceReader):
    """Replaces a career intent of a message without career evidence by ``out_of_scope``."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """``free_intents``: intents that need no career evidence (small talk, questions about
        the assistant); ``evidence``: entity types that are career evidence; ``weak_topics``:
        topic values that are not; ``weak_words``: words (lower case, as written in the
        message) of evidence entities that count only beside another evidence entity or a
        place; ``function_verbs``: words that are weak too when said of a thing that
        functions (:func:`nlu_components.words.said_of_a_thing`: a word of ``function_cues``
        among the two words before it, or the end of its sentence without a word of
        ``function_prepositions`` right before it, or after a cue or a word of
        ``function_end_cues`` in the sentence: "how long do antibiotics take to work") or right
        before a word of ``phrasal_particles`` ("work out");
        ``personal_words``: words that make the role right after them a person of the user's
        life, no evidence ("my lawyer said"), as do phrases of ``person_phrases`` ("who is
        the singer of that song"); ``trouble_words``: words of a tool's trouble that
        make a skill weak ("excel keeps crashing"); ``money_words``: words of money moving that
        make pay weak ("can I get my salary into this account", "what does my checking
        account earn in interest"), and "my salary" no reference;
        ``place``: the entity type that is
        evidence in a short message; ``max_place_words``: how many other words a short
        message has at most, each a stop word, a word of ``follow_up_words`` or a typo
        (:func:`nlu_components.words.only_follow_up_words`);
        ``references``: words or phrases ("which one": "one" alone is a number) that refer to
        the conversation's context in a message of at most ``max_reference_words`` words, as
        does any message of at most ``max_short_words`` words; ``guess_extractors``:
        extractors whose entities count as a reference, not as evidence, in a message longer
        than that; ``job_phrases``: phrases that ask which occupations use or need
        something, whatever it is ("who uses photoshop?");
        ``reference_confidence``: the intent confidence (0–1) a message with only a reference
        needs; ``max_unknown_words``: how many words unknown to the career training examples
        such a message holds at most (:meth:`unknown_words`); ``sure``: the one a message
        without any evidence needs (1.0: none stands);
        ``lookups``: the lookup tables whose one-word names are evidence when misspelt;
        ``unsure_out_of_scope``: whether ``nlu_fallback`` without evidence, reference or
        shortness is out of scope too; ``typo_cutoff``: the least RapidFuzz ratio (0–100) of a
        misspelt name to the name; ``statement_intents``: intents of profile statements, for
        which a phrase of the ``statement_lookup`` or ``interest_lookup`` table is evidence
        (:class:`nlu_components.phrases.PhraseFinder`; an interest said as a thing, "a car",
        only beside a word of ``liking_words``); ``employment_intents``: intents about
        the user's own employment, which stand only with a phrase of the
        ``employment_lookup`` table ("my payslip is wrong"; not "my card was stolen");
        ``profile_intents``: questions about what the assistant knows of the user, which stand
        only with career evidence or a word of ``first_person`` and one of ``profile_words``
        (:meth:`asks_profile`; one of ``telling_words`` only after "i": "what have I told
        you", not "nobody told me"); ``career_word_lookup``: the lookup table of the career
        words of the data ("job", "career"), which stay evidence before another word
        (:meth:`compound`)."""
        return {"free_intents": ["greet", "goodbye", "thank", "thank+goodbye", "bot_challenge",
                                 "ask_capabilities", "ask_sources", OUT_OF_SCOPE,
                                 "other_language", "how_are_you", "praise", "own_employment",
                                 "ask_profile", DEFAULT_NLU_FALLBACK_INTENT_NAME],
                "evidence": ["role", "topic", "skill", "pay_view", "place_kind", "career_word"],
                "weak_topics": ["definition"], "weak_words": [],
                "function_verbs": ["work", "works", "worked", "working"],
                "function_cues": ["not", "never", "stopped", "stops", "keeps", "won't", "wont",
                                  "don't", "dont", "doesn't", "doesnt", "didn't", "didnt",
                                  "can't", "cant", "cannot", "couldn't", "couldnt", "wouldn't",
                                  "wouldnt", "isn't", "isnt", "wasn't", "wasnt", "aren't",
                                  "weren't"],
                "function_end_cues": ["take", "takes", "took", "taking"],
                "phrasal_particles": ["out"],
                "function_prepositions": ["at", "for", "from", "of", "to", "into", "find",
                                          "hard", "more", "less", "much", "any", "some", "the",
                                          "kind", "type", "sort"],
                "personal_words": ["my", "our", "his", "her"],
                "person_phrases": ["who is the", "who's the", "who was the", "who are the",
                                   "who were the", "name the", "name of the"],
                "trouble_words": ["crash", "crashes", "crashed", "crashing", "error", "errors",
                                  "bug", "bugs", "glitch", "freezes", "froze", "frozen",
                                  "broken", "broke", "corrupted", "reinstall", "uninstall"],
                "money_words": ["account", "deposit", "deposited", "currency", "transfer",
                                "transferred", "received", "receive", "bank", "card", "gbp",
                                "eur", "usd", "refund", "interest"],
                "place": "location", "max_place_words": 4,
                "follow_up_words": list(FOLLOW_UP_WORDS),
                "references": ["they", "them", "their", "it", "its", "ones", "this", "that",
                               "these", "those", "he", "she", "which one", "that one",
                               "this one", "the one", "each one", "either one"],
                "max_reference_words": 10,
                "job_phrases": ["who uses", "who use", "who needs", "who need", "who works with",
                                "who work with"], "guess_extractors": ["CRFEntityExtractor"],
                "max_short_words": 4, "reference_confidence": 0.5, "sure": 1.0,
                "max_unknown_words": 1,
                "lookups": ["role", "location", "topic", "skill", "career_word"],
                "unsure_out_of_scope": True, "typo_cutoff": 80.0,
                "profile_intents": ["ask_profile"],
                "profile_words": ["profile", "know", "knows", "told", "said", "remember",
                                  "record", "records", "info", "information", "background",
                                  "mentioned", "saved"],
                "first_person": ["me", "my", "i", "i've", "mine"],
                "telling_words": ["told", "said", "mentioned"],
                "statement_intents": ["inform_skills"], "statement_lookup": "statement",
                "interest_lookup": "interest", "career_word_lookup": "career_word",
                # an interest said as a thing needs one ("I like cars"; not "rent a car");
                # words as careerdata.interests.words_of splits them ("i'm": "i", "m")
                "liking_words": ["like", "likes", "liked", "love", "loves", "loved", "enjoy",
                                 "enjoys", "enjoyed", "into", "interested", "passion",
                                 "passionate", "fan", "fascinated", "fond", "prefer", "keen",
                                 "m", "im", "am"],
                "employment_intents": ["own_employment"], "employment_lookup": "employment"}

    def __init__(self, config: Dict[Text, Any], model_storage: Optional[ModelStorage] = None,
                 resource: Optional[Resource] = None, words: Iterable[str] = (),
                 places: Iterable[str] = (), statements: Iterable[str] = (),
                 employment: Iterable[str] = (), interests: Iterable[str] = (),
                 vocabulary: Iterable[str] = (), career_words: Iterable[str] = ()) -> None:
        """Keep the config (the keys of :meth:`get_default_config`), ``words``: the one-word
        entries of the lookup tables ``lookups`` but the place table, ``places``: those of
        the place table (lower case), ``statements``: the entries of the
        ``statement_lookup`` table, ``employment``: those of the ``employment_lookup``
        table, ``interests``: those of the ``interest_lookup`` table, ``vocabulary``: the
        words (lower case) of the career training examples (:meth:`unknown_words`), and
        ``career_words``: those of the ``career_word_lookup`` table ("job", "career": no name
        of an occupation, :meth:`compound`)."""
        self.config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self._use(words, places, statements, employment, interests, vocabulary, career_words)

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "DomainGate":
        """A new gate, without lookup words until :meth:`train`."""
        return cls(config, model_storage, resource)

    def _one_words(self, training_data: TrainingData, places: bool) -> List[str]:
        return sorted({str(element).strip().lower() for table in training_data.lookup_tables
                       if table.get("name") in self.config["lookups"]
                       and (table.get("name") == self.config["place"]) == places
                       for element in table.get("elements") or []
                       if isinstance(element, str) and len(element.split()) == 1})

    @staticmethod
    def _table(training_data: TrainingData, name: str) -> List[str]:
        """The entries of the lookup table ``name`` (lower case, sorted)."""
        return sorted({str(e).strip().lower() for table in training_data.lookup_tables
                       if table.get("name") == name for e in table.get("elements") or []
                       if isinstance(e, str)})

    def train(self, training_data: TrainingData) -> Resource:
        """Keep the one-word entries of the lookup tables of ``lookups`` (role, place, topic,
        skill and career-word names), places apart."""
        found = {"words": self._one_words(training_data, False),
                 "places": self._one_words(training_data, True),
                 "statements": self._table(training_data, self.config["statement_lookup"]),
                 "interests": self._table(training_data, self.config["interest_lookup"]),
                 "career_words": self._table(training_data, self.config["career_word_lookup"]),
                 "vocabulary": sorted({w.lower() for m in training_data.intent_examples
                                       if m.get(INTENT) not in self.config["free_intents"]
                                       for w in WORD.findall(m.get(TEXT) or "")}),
                 "employment": self._table(training_data, self.config["employment_lookup"])}
        self._use(found["words"], found["places"], found["statements"], found["employment"],
                  found["interests"], found["vocabulary"], found["career_words"])
        with self._model_storage.write_to(self._resource) as directory:
            rasa.shared.utils.io.dump_obj_as_json_to_file(directory / VOCABULARY_FILE, found)
        return self._resource

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "DomainGate":
        """The gate with the lookup words persisted by :meth:`train`.

        Raises:
            ValueError, FileNotFoundError, KeyError: the model has no lookup words for this
            component.
        """
        with model_storage.read_from(resource) as directory:
            found = rasa.shared.utils.io.read_json_file(directory / VOCABULARY_FILE)
        return cls(config, model_storage, resource, found["words"], found["places"],
                   found.get("statements", ()), found.get("employment", ()),
                   found.get("interests", ()), found.get("vocabulary", ()),
                   found.get("career_words", ()))

    def gated(self, message: Message) -> bool:
        """Whether the message's intent is a career intent without evidence, or one about the
        user's own employment without an employment word (see the module's docstring)."""
        intent = message.get(INTENT) or {}
        if intent.get("name") in self.config["employment_intents"] and self.employment:
            return not self.about_employment(message)
        if intent.get("name") == DEFAULT_NLU_FALLBACK_INTENT_NAME:
            return (self.config["unsure_out_of_scope"] and not self.refers_back(message)
                    and not self.has_evidence(message))
        if intent.get("name") in self.config["profile_intents"]:
            return not (self.asks_profile(message) or self.has_evidence(message))
        if intent.get("name") in self.config["free_intents"] or not intent.get("name"):
            return False
        if self.has_evidence(message):
            return False
        if intent.get("name") in self.config["statement_intents"] and self.states(message):
            return False
        personal = any(self.personal(message, e) or self.own_money(message, e)
                       for e in message.get(ENTITIES) or [])
        # "my accountant says I owe taxes, what does that mean": "that" is the taxes; "can I
        # get my salary paid into this account": "this" is the account
        refers = (self.refers_back(message) and not personal
                  and len(self.unknown_words(message)) <= self.config["max_unknown_words"])
        bar = self.config["reference_confidence" if refers else "sure"]
        return (intent.get("confidence") or 0.0) < bar

    def process(self, messages: List[Message]) -> List[Message]:
        """Set ``out_of_scope`` as the intent of each gated message (in place), at the confidence
        of the intent it replaces, first in the ranking."""
        for message in messages:
            if not self.gated(message):
                continue
            confidence = (message.get(INTENT) or {}).get("confidence") or 0.0
            intent = {"name": OUT_OF_SCOPE, "confidence": confidence}
            ranking = [r for r in message.get(INTENT_RANKING_KEY) or []
                       if r.get("name") != OUT_OF_SCOPE]
            message.set(INTENT, intent, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [intent] + ranking, add_to_output=True)
        return messages
