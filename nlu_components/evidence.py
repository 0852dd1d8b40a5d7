"""How the domain gate reads a message's career evidence (``EvidenceReader``, a base of
:class:`nlu_components.domain_gate.DomainGate`, whose docstring gives the rules and whose
``get_default_config`` the keys of ``self.config``): entities in their career sense, profile
phrases, references, places in follow-ups, misspelt names, employment words."""

from __future__ import annotations

from typing import Any, Dict, Iterable, List, Optional, Text

from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from spacy.lang.en.stop_words import STOP_WORDS

from careerdata.english import is_english_word
from careerdata.roles import job_question_subject
from nlu_components.misspelt import MisspeltNames
from nlu_components.phrases import PhraseFinder
from nlu_components.words import (CONTENT_STOP_WORDS, WORD, only_follow_up_words,
                                   said_of_a_thing, says)


#: The words after which "it" is the dummy subject of a phrase, no reference.
DUMMY_IT_BEFORE = frozenset({"take", "takes", "took", "taking"})
#: Words after "take" that leave "it" a reference ("how long would it take me?").
DUMMY_IT_OBJECTS = frozenset({"me", "us", "you", "them", "him", "her", "someone", "people"})
#: Words of the weather: "it" right before them (or before "is" and them) is the dummy subject
#: of the weather ("is it raining in boston", "does it snow", "it is cold"), no reference.
WEATHER_WORDS = frozenset({
    "rain", "rains", "raining", "rained", "rainy", "snow", "snows", "snowing", "snowed", "snowy",
    "sunny", "cloudy", "windy", "foggy", "stormy", "humid", "freezing", "pouring", "drizzling",
    "hailing", "cold", "hot", "warm", "chilly"})
#: Words of the clock and calendar: "it" after them and "is" ("what time is it", "what day is
#: it today") or right after them before "is" ("what time it is") asks the time, no reference.
CLOCK_WORDS = frozenset({"time", "day", "date"})
#: Words of time after which "this", "that" are determiners of the time, no reference ("how
#: much do I have to pay this month").
TIME_NOUNS = frozenset({"morning", "afternoon", "evening", "night", "day", "days", "week",
                        "weekend", "month", "year", "time", "season", "semester", "quarter"})
#: Words of the user as the one who told something ("what have I told you").
TELLERS = frozenset({"i", "i've", "ive", "we", "we've"})
#: Verbs of being before a weather word: "it is raining", "it was cold".
BEING = frozenset({"is", "was", "will", "be", "gets", "get", "s"})
#: Words that refer to the conversation's context unless they determine a time.
DETERMINER_REFERENCES = frozenset({"this", "that", "these", "those"})


def no_reference(words: List[str], i: int) -> bool:
    """Whether ``words[i]`` (lower case) is a word of the references that refers to nothing of
    the conversation: "it" as the dummy subject of a phrase, of the time taken by something
    else ("how long does it take for a refund"; not "how long would it take me?"), the weather
    ("is it raining") or the clock ("what time is it"); "this", "that"… determining a time
    ("this month")."""
    if words[i] != "it" and words[i] not in DETERMINER_REFERENCES:
        return False
    after, before = words[i + 1:], words[max(0, i - 2):i]
    if words[i] in DETERMINER_REFERENCES:
        return bool(after) and after[0] in TIME_NOUNS
    weather = bool(after) and (after[0] in WEATHER_WORDS or (
        after[0] in BEING and after[1:2] != [] and after[1] in WEATHER_WORDS))
    clock = (before[-1:] == ["is"] and before[-2:-1] != [] and before[-2] in CLOCK_WORDS) or (
        before[-1:] != [] and before[-1] in CLOCK_WORDS and after[:1] == ["is"])
    return ((bool(after) and after[0] in DUMMY_IT_BEFORE
             and bool([x for x in after[1:] if x not in DUMMY_IT_OBJECTS]))
            or weather or clock)


class EvidenceReader:
    """Reads career evidence in messages; ``self.config`` holds the domain gate's keys."""

    config: Dict[Text, Any]

    def _use(self, words: Iterable[str], places: Iterable[str],
             statements: Iterable[str] = (), employment: Iterable[str] = (),
             interests: Iterable[str] = (), vocabulary: Iterable[str] = (),
             career_words: Iterable[str] = ()) -> None:
        self.vocabulary = frozenset(vocabulary)
        self.career_words = frozenset(career_words)
        self._weak = frozenset(" ".join(WORD.findall(w.lower())) for w in self.config["weak_words"])
        self.employment = sorted(set(employment))
        self.words = frozenset(words)
        self.places = frozenset(places)
        self.statements = sorted(set(statements))
        self.interests = sorted(set(interests))
        self._statement_phrases = PhraseFinder(self.statements)
        self._interest_phrases = PhraseFinder(self.interests, owned_is_no_match=True,
                                              liking_words=self.config["liking_words"])
        self._misspelt = MisspeltNames(self.words, self.places, self.config["typo_cutoff"])
        # the config's word lists as sets, made once (not per message)
        self._sets = {key: frozenset(self.config[key]) for key in (
            "trouble_words", "money_words", "first_person", "profile_words", "function_cues",
            "function_prepositions", "function_end_cues", "phrasal_particles", "telling_words")}
        self._person_phrases = [phrase.split() for phrase in self.config["person_phrases"]]
        self._not_unknown = frozenset(self.config["follow_up_words"]) | {
            w for r in self.config["references"] for w in r.split()}

    def misspelt_names(self, message: Message, kind: str = "words") -> bool:
        """Whether a word of ``message`` is a one-word name of the lookup tables (``kind``:
        "words", or "places" of the place table) misspelt (:meth:`misspelt_words`)."""
        return bool(self.misspelt_words(message, kind))

    def misspelt_words(self, message: Message, kind: str = "words") -> List[str]:
        """The words of ``message`` (lower case) that are one-word names of the lookup tables
        (``kind``: "words", or "places" of the place table) misspelt
        (:meth:`nlu_components.misspelt.MisspeltNames.found`)."""
        return self._misspelt.found(message.get(TEXT) or "", kind)

    def has_evidence(self, message: Message) -> bool:
        """Whether ``message`` names a role, topic, skill, pay view, kind of place or career
        word, or is a short message naming a place (see the module's docstring)."""
        found = message.get(ENTITIES) or []
        if job_question_subject(message.get(TEXT) or "") is not None:
            return True  # "what does an astronaut do?": the action says it is unknown
        words = [w.lower() for w in WORD.findall(message.get(TEXT) or "")]
        if any(says(words, phrase, typos=False) for phrase in self.config["job_phrases"]):
            return True  # "who uses photoshop?": the action says the tool is unknown
        weak = set(self.config["weak_topics"])
        short = len(WORD.findall(message.get(TEXT) or "")) <= self.config["max_short_words"]
        named = [e for e in found if e.get("entity") in self.config["evidence"]
                 and (short or e.get("extractor") not in self.config["guess_extractors"])
                 and not (e.get("entity") == "topic" and e.get("value") in weak)]
        named = [e for e in named if not self.personal(message, e)
                 and not self.compound(message, e)]
        strong = [e for e in named if not self.weak_word(message, e)]
        if strong or (named and any(e.get("entity") == self.config["place"] for e in found)
                      and len(self.unknown_words(message)) <= self.config["max_unknown_words"]):
            return True  # a weak word beside a place, in a message of no other subject
        if named and self._only_follow_up_words(self._rest(message, named), max_typo=0,
                                                exclude=CONTENT_STOP_WORDS):
            return True  # "worth it?", "any tips for getting started": a follow-up
        if self.misspelt_names(message):
            return True
        places = [(e["start"], e["end"]) for e in found
                  if e.get("entity") == self.config["place"] and e.get("start") is not None]
        text = message.get(TEXT) or ""
        if not places:  # a misspelt place ("what about massachusets") in a short message
            words = WORD.findall(text)
            misspelt = self.misspelt_words(message, "places") if len(words) <= (
                self.config["max_place_words"] + 1) else []
            return bool(misspelt) and self._only_follow_up_words(
                [w for w in words if w.lower() not in misspelt], exclude=CONTENT_STOP_WORDS)
        rest = self._rest(message, [e for e in found if e.get("entity") == self.config["place"]])
        return len(rest) <= self.config["max_place_words"] and self._only_follow_up_words(
            rest, exclude=CONTENT_STOP_WORDS)  # "keep reading" asks nothing of Reading, PA

    @staticmethod
    def _rest(message: Message, entities: List[Dict[Text, Any]]) -> List[str]:
        """The words of ``message`` outside the spans of ``entities``."""
        return WORD.findall(EvidenceReader._outside_entities(message, entities))

    @staticmethod
    def _outside_entities(message: Message,
                          entities: Optional[List[Dict[Text, Any]]] = None) -> str:
        """The text of ``message`` with the spans of ``entities`` (all of its entities when
        None) blanked."""
        found = (message.get(ENTITIES) or []) if entities is None else entities
        spans = [(e["start"], e["end"]) for e in found if e.get("start") is not None]
        return "".join(" " if any(s <= i < e for s, e in spans) else c
                       for i, c in enumerate(message.get(TEXT) or ""))

    def personal(self, message: Message, entity: Dict[Text, Any], topics: bool = False) -> bool:
        """Whether ``entity`` is a role right after a word of ``personal_words`` ("my
        pharmacist gave me the wrong pills", "our lawyer said"): a person in the user's life,
        not the occupation; with ``topics``, a topic too ("my salary"). Or a role right after a
        phrase of ``person_phrases`` that asks who someone is ("who is the singer of that
        song", "name the singer"): a person, not the occupation."""
        start = entity.get("start")
        if entity.get("entity") not in (("role", "topic") if topics else ("role",)) \
                or start is None:
            return False
        before = WORD.findall((message.get(TEXT) or "")[:start].lower())
        if bool(before) and before[-1] in self.config["personal_words"]:
            return True
        return entity.get("entity") == "role" and any(
            before[-len(phrase):] == phrase for phrase in self._person_phrases)

    def own_money(self, message: Message, entity: Dict[Text, Any]) -> bool:
        """Whether ``entity`` is the user's own salary in a message of money moving ("my
        salary" beside a word of ``money_words``: "can I get my salary paid into this
        account"): money, not the pay of an occupation."""
        words = {w.lower() for w in WORD.findall(message.get(TEXT) or "")}
        return (entity.get("value") == "salary" and self.personal(message, entity, topics=True)
                and bool(words & self._sets["money_words"]))

    def compound(self, message: Message, entity: Dict[Text, Any]) -> bool:
        """Whether ``entity`` is a role word in the name of something else, or said as a verb:
        right before an English word (after "'s" too) that no career training example uses
        ("carpenter ant", "baker street", "chef's knife", "teacher's pet", "to cook steaks";
        not "carpenters earn"); a word of the career-word table only after "'s" ("job offer"
        and "career coach" are careers). False without a vocabulary."""
        end = entity.get("end")
        if entity.get("entity") not in ("role", "career_word") or end is None \
                or not self.vocabulary:
            return False
        after = WORD.findall((message.get(TEXT) or "")[end:].lower())
        possessive = bool(after) and after[0] in ("s", "'s")
        written = (message.get(TEXT) or "")[entity.get("start") or 0:end].lower()
        if (entity.get("entity") == "career_word" and written in self.career_words
                and not possessive):
            return False
        if possessive:
            after = after[1:]
        following = after[0] if after else ""
        return (following.isalpha() and following not in STOP_WORDS
                and following not in self.vocabulary and is_english_word(following))

    def weak_word(self, message: Message, entity: Dict[Text, Any]) -> bool:
        """Whether ``entity`` of ``message`` is written as a word of ``weak_words`` (case aside):
        "tips", "money", "worth" are evidence only beside other evidence; or is a skill in a
        message of a tool's trouble (``trouble_words``: "excel keeps crashing") or of a subject
        of its own (more than ``max_unknown_words`` words no career training example uses,
        :meth:`unknown_words`: "excel formula to split names for my wedding guest list"; "I
        know python and SQL" has none), or pay in a
        message of the user's money moving (``money_words`` and ``personal_words``: "can I get
        my salary into this account?", "what does my checking account earn in interest"; not
        "what is the salary of a bank teller"), or "work" said of a thing (``function_verbs``:
        "how long do antibiotics take to work") or in a phrasal verb (``phrasal_particles``:
        "work out")."""
        start, end = entity.get("start"), entity.get("end")
        if start is None or end is None:
            return False
        written = " ".join(WORD.findall((message.get(TEXT) or "")[start:end].lower()))
        words = {w.lower() for w in WORD.findall(message.get(TEXT) or "")}
        if entity.get("entity") == "skill" and (
                words & self._sets["trouble_words"]
                or len(self.unknown_words(message)) > self.config["max_unknown_words"]):
            return True  # "excel keeps crashing", "excel formula for my wedding guest list"
        if self.own_money(message, entity) or (
                entity.get("value") == "salary" and words & self._sets["money_words"]
                and words & set(self.config["personal_words"])):
            return True  # "what does my checking account earn": money, not pay
        following = WORD.findall((message.get(TEXT) or "")[end:].lower())[:1]
        return written in self._weak or (
            written in self.config["function_verbs"]
            and (bool(following) and following[0] in self._sets["phrasal_particles"]
                 or self._of_a_thing(message.get(TEXT) or "", start, end)))

    def states(self, message: Message) -> bool:
        """Whether ``message`` holds a phrase of the ``statement_lookup`` or ``interest_lookup``
        table (:class:`nlu_components.phrases.PhraseFinder`: "I'm into fixing stuff", "I have
        a GED"; not "a fraudulent charge on my account")."""
        text = message.get(TEXT) or ""
        return self._statement_phrases.found(text) or self._interest_phrases.found(text)

    def _only_follow_up_words(self, words: List[str], max_typo: Optional[int] = None,
                              exclude: Iterable[str] = ()) -> bool:
        """Whether ``words`` (the words of a short message besides its place) only ask for
        the place ("and in", "what about", "same for … please": :func:`only_follow_up_words`
        with ``follow_up_words``, typos of at most ``max_typo`` letters, no word of
        ``exclude``); "new york time", "route to melbourne" ask something else."""
        return only_follow_up_words(words, self.config["follow_up_words"], max_typo=max_typo,
                                    exclude=exclude)

    def refers_back(self, message: Message) -> bool:
        """Whether ``message`` has at most ``max_short_words`` words, or at most
        ``max_reference_words`` and a word or phrase of ``references`` (case aside), or an
        evidence entity of ``guess_extractors`` only: a follow-up whose role, topic or place the
        context holds, or a guess the classifier has to be sure of. A dummy "it"
        (:func:`no_reference`: "how long does it take for a refund", "is it raining", "what
        time is it") or "this month" refers to nothing; alone "it" refers ("and how long does
        it take?")."""
        words = [w.lower() for w in WORD.findall(message.get(TEXT) or "")]
        said = [w for i, w in enumerate(words) if not no_reference(words, i)]
        guessed = any(e.get("entity") in self.config["evidence"]
                      and e.get("extractor") in self.config["guess_extractors"]
                      for e in message.get(ENTITIES) or [])
        return (len(words) <= self.config["max_short_words"] or guessed
                or (len(words) <= self.config["max_reference_words"]
                    and any(says(said, r, typos=False) for r in self.config["references"])))

    def unknown_words(self, message: Message) -> List[str]:
        """The words of ``message`` (lower case) that no career training example uses, outside
        its entities (but those only ``guess_extractors`` found), stop words, follow-up words
        and references, English words only (a typo is no subject: "wat do thay mak"; [] without
        a vocabulary): "transfer", "china" in "how long does it take for a transfer from
        china"."""
        if not self.vocabulary:
            return []
        found = [e for e in message.get(ENTITIES) or []
                 if e.get("extractor") not in self.config["guess_extractors"]]
        return [w.lower() for w in WORD.findall(self._outside_entities(message, found))
                if w.isalpha() and len(w) > 1 and is_english_word(w.lower())
                and w.lower() not in self.vocabulary
                and w.lower() not in STOP_WORDS and w.lower() not in self._not_unknown]

    def asks_profile(self, message: Message) -> bool:
        """Whether ``message`` asks what the assistant knows of the user: "myself", or a word
        of ``first_person`` and one of ``profile_words`` ("what have I told you", "show my
        profile"; not "what do you know about mary"). A word of ``telling_words`` counts only
        told by the user, "i" or "i've" among the three words before it ("what have I already
        told you"): "nobody told me about this fee" tells nothing to the assistant."""
        said = [w.lower() for w in WORD.findall(message.get(TEXT) or "")]
        words = set(said)
        told = {w for i, w in enumerate(said) if w in self._sets["telling_words"]
                and not set(said[max(0, i - 3):i]) & TELLERS}
        return "myself" in words or bool(words & self._sets["first_person"]
                                         and (words - told) & self._sets["profile_words"])

    def about_employment(self, message: Message) -> bool:
        """Whether ``message`` holds a phrase of the ``employment_lookup`` table (exactly, case
        aside): a question about the user's own employment, not their bank card or parcel. A
        word of ``function_verbs`` said of a thing is none ("did my top-up work?", "it has
        worked last time"; not "the hours I worked")."""
        text = message.get(TEXT) or ""
        words = [w.lower() for w in WORD.findall(text)]
        return any(says(words, phrase, typos=False) and not (
            phrase in self.config["function_verbs"] and self._only_of_things(text, phrase))
            for phrase in self.employment)

    def _only_of_things(self, text: str, verb: str) -> bool:
        """Whether every ``verb`` of ``text`` (a word of ``function_verbs``) is said of a thing
        (:func:`nlu_components.words.said_of_a_thing`)."""
        spans = [m.span() for m in WORD.finditer(text) if m.group().lower() == verb]
        return bool(spans) and all(self._of_a_thing(text, start, end) for start, end in spans)

    def _of_a_thing(self, text: str, start: int, end: int) -> bool:
        """:func:`nlu_components.words.said_of_a_thing` with the config's cue words."""
        return said_of_a_thing(text, start, end, self._sets["function_cues"],
                               self._sets["function_prepositions"],
                               self._sets["function_end_cues"])
