"""Words of a message, for the NLU components that read messages by their words.

- :data:`WORD` splits a message into words ("what's" is one);
- :func:`says`: whether a message says a word or phrase, a longer word also misspelt ("thnaks"):
  the farewell and thanks words of ``CostlyIntentGuard``, the domain gate's references;
- :func:`said_of_a_thing`: whether a verb ("work") is said of a thing that functions or not
  ("my card won't work"), for the domain gate;
- :func:`only_follow_up_words`: whether the words of a short message do no more than carry a
  name ("and in Ohio?", "let's say RN", "the second one, registered nurses"): the domain gate
  (a place is career evidence in such a follow-up, not in "new york time please") and
  ``MentionIntent`` (an unsure message of a role or place and such words names that role or
  place).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import AbstractSet, Iterable, Optional, Sequence

from rapidfuzz import fuzz
from spacy.lang.en.stop_words import STOP_WORDS

from careerdata.english import is_english_word

WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
#: A one-word phrase of at least this many letters also matches its typos ("thnaks",
#: "goodbey"): within these RapidFuzz ratios, the second for typos that are English words
#: ("TANKS").
MIN_FUZZY_WORD = 5
FUZZY_WORD_CUTOFF = 80.0
ENGLISH_WORD_CUTOFF = 90.0
#: Words besides spaCy's English stop words that a follow-up holds: courtesy, agreement, which
#: one, comparison.
FOLLOW_UP_WORDS = ("ok", "okay", "great", "cool", "nice", "thanks", "sure", "yeah", "yes",
                   "alright", "right", "hmm", "pls", "plz", "near", "instead", "like", "compared",
                   "versus", "vs", "let", "lets", "mean", "meant", "first", "second", "third",
                   "last", "one")
#: Stop words of spaCy's list that carry a content of their own ("can I move some money around",
#: "what is money used for"): no follow-up holds them beside a word that is weak evidence.
CONTENT_STOP_WORDS = frozenset({
    "amount", "back", "become", "became", "becomes", "becoming", "bottom", "call", "empty",
    "fill", "find", "front", "full", "give", "keep", "made", "make", "move", "name", "part",
    "put", "see", "seem", "seemed", "seems", "serious", "show", "side", "take", "top", "used",
    "using", "various", "whole"})
#: Short English words within this RapidFuzz ratio of a stop word are read as its typos.
MAX_STOP_TYPO = 3
STOP_TYPO_CUTOFF = 80.0


def only_follow_up_words(words: Sequence[str], extra: Iterable[str] = FOLLOW_UP_WORDS,
                         max_typo: Optional[int] = None,
                         exclude: Iterable[str] = ()) -> bool:
    """Whether each of ``words`` (any case; the words of a message besides its names) is a stop
    word of spaCy's English list or a word of ``extra`` ("what's" and "let's" by their first
    part), or a typo: no English word ("abotu", "MENA"; at most ``max_typo`` letters long if
    given: "SAKRY" may be "salary"), or a short one close to a stop word ("ad" for "and"); but
    no word of ``exclude``."""
    allowed, excluded = frozenset(extra), frozenset(exclude)

    def carries(word: str) -> bool:
        base = word.lower().split("'")[0]
        if base in excluded:
            return False
        typo = not is_english_word(word.lower()) and (max_typo is None or len(word) <= max_typo)
        return base in STOP_WORDS or base in allowed or typo or _stop_word_typo(word.lower())

    return all(carries(w) for w in words)


@lru_cache(maxsize=4096)
def _stop_word_typo(word: str) -> bool:
    """Whether ``word``, of at most :data:`MAX_STOP_TYPO` letters, is within
    :data:`STOP_TYPO_CUTOFF` of a stop word ("ad" of "and", "fr" of "for")."""
    return len(word) <= MAX_STOP_TYPO and any(
        abs(len(stop) - len(word)) <= 1 and fuzz.ratio(word, stop) >= STOP_TYPO_CUTOFF
        for stop in STOP_WORDS)


def says(words: Sequence[str], phrase: str, typos: bool = True) -> bool:
    """Whether the word sequence ``words`` (lower case) holds ``phrase`` (one word or several),
    or, with ``typos``, for a one word of :data:`MIN_FUZZY_WORD` letters or more, a typo of it
    (:func:`typo_of`)."""
    parts = tuple(WORD.findall(phrase.lower()))
    words = tuple(words)
    if len(parts) == 1:
        return any(word == parts[0] or (typos and typo_of(word, parts[0])) for word in words)
    return any(words[i:i + len(parts)] == parts for i in range(len(words) - len(parts) + 1))


@lru_cache(maxsize=8192)
def typo_of(word: str, cue: str) -> bool:
    """Whether ``word`` is a typo of the one-word ``cue`` ("thnaks" of "thanks"): within a
    RapidFuzz ratio of :data:`FUZZY_WORD_CUTOFF`, or of :data:`ENGLISH_WORD_CUTOFF` for an English
    word ("tanks")."""
    if len(cue) < MIN_FUZZY_WORD or len(word) < MIN_FUZZY_WORD - 1:
        return False
    ratio = fuzz.ratio(word, cue)
    return ratio >= ENGLISH_WORD_CUTOFF or (ratio >= FUZZY_WORD_CUTOFF
                                           and not is_english_word(word))


#: Auxiliary verbs between "it" and a verb: "it has worked", "it will work".
AUXILIARIES = frozenset("has had have will would does did should might can could may must".split())


def said_of_a_thing(text: str, start: int, end: int, cues: AbstractSet[str],
                    prepositions: AbstractSet[str],
                    end_cues: AbstractSet[str] = frozenset()) -> bool:
    """Whether the verb at ``text[start:end]`` is said of a thing that functions or not: a word
    of ``cues`` among the two words before it ("my card won't work", "it stopped working"), "it"
    right before it or before an auxiliary ("it works", "it has worked last time"), or
    it ends its sentence after a cue, or after "to" with one of ``end_cues`` among the two words
    before ("I can't get my card to work.", "how long do antibiotics take to work?"; not "what
    does it take to work at a bank", "I take the bus to work") or after a word not of
    ``prepositions`` ("how does a transfer work?", "does cash work?"; not
    "a suit for work", "I use Excel every day at work")."""
    sentence = re.split(r"[.!?;]", text[:start])[-1]
    before = [w.lower() for w in WORD.findall(sentence)]
    if any(w in cues for w in before[-2:]) or before[-1:] == ["it"] or (
            before[-2:-1] == ["it"] and before[-1] in AUXILIARIES):
        return True
    ends = re.match(r"\s*(?:$|[.!?;,])", text[end:]) is not None
    taking = before[-1:] == ["to"] and bool(set(before[-3:-1]) & end_cues)
    return ends and bool(before) and (any(w in cues for w in before) or taking
                                      or before[-1] not in prepositions)
