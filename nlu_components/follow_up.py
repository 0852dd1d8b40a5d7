"""Whether the words of a short message do no more than carry a name: "and in Ohio?", "let's say
RN", "the second one, registered nurses".

Used by the domain gate (a place is career evidence in such a follow-up, not in "new york time
please") and by ``MentionIntent`` (an unsure message of a role or place and such words names
that role or place).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Optional, Sequence

from rapidfuzz import fuzz
from spacy.lang.en.stop_words import STOP_WORDS

from careerdata.english import is_english_word

#: Words besides spaCy's English stop words that a follow-up holds: courtesy, agreement, which
#: one, comparison.
FOLLOW_UP_WORDS = ("ok", "okay", "great", "cool", "nice", "thanks", "sure", "yeah", "yes",
                   "alright", "right", "hmm", "pls", "plz", "near", "instead", "like", "compared",
                   "versus", "vs", "let", "lets", "mean", "meant", "first", "second", "third",
                   "last", "one")
#: Short English words within this RapidFuzz ratio of a stop word are read as its typos.
MAX_STOP_TYPO = 3
STOP_TYPO_CUTOFF = 80.0


def only_follow_up_words(words: Sequence[str], extra: Iterable[str] = FOLLOW_UP_WORDS,
                         max_typo: Optional[int] = None,
                         exclude: Iterable[str] = ()) -> bool:
    """Whether each of ``words`` (any case; the words of a message besides its names) is a stop
    word of spaCy's English list or a word of ``extra`` ("what's" and "let's" by their first
    part), or a typo: no
    English word ("abotu", "MENA"; at most ``max_typo`` letters long if given: "SAKRY" may be
    "salary"), or a short one close to a stop word ("ad" for "and"); but no word of
    ``exclude``."""
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
