"""Names of the lookup tables typed wrong ("joob", "Seeeattle", "massachusets", "whatjob"), for
the domain gate: a misspelt role, topic, skill or place name is career evidence too."""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, List, Optional

from rapidfuzz import fuzz, process

from careerdata.english import is_common_word, is_english_word
from nlu_components.words import WORD

#: Shorter words are never read as misspelt names ("wrk").
MIN_TYPO_LENGTH = 4
#: A word of the English word list (which holds common misspellings: "massachusets") is read as
#: a misspelt name only from this length and this RapidFuzz ratio ("engineering" is no
#: "engineer": 84).
MIN_LONG_TYPO = 7
LONG_TYPO_CUTOFF = 92.0
#: The shortest piece of two words typed together.
MIN_PIECE = 3


class MisspeltNames:
    """Finds one-word names typed wrong in a message (:meth:`found`)."""

    def __init__(self, words: Iterable[str], places: Iterable[str], cutoff: float) -> None:
        """``words``: one-word names (lower case) of the role, topic, skill and career-word
        tables; ``places``: those of the place table; ``cutoff``: the least RapidFuzz ratio
        (0–100) of a misspelt name to the name."""
        self.names = {"words": frozenset(words), "places": frozenset(places)}
        self._choices = {kind: sorted(names) for kind, names in self.names.items()}
        self._cutoff = cutoff
        self._closest = lru_cache(maxsize=16384)(self._find_closest)

    def found(self, text: str, kind: str = "words") -> List[str]:
        """The words of ``text`` (lower case) that are names of ``kind`` ("words" or "places")
        misspelt: a word of at least :data:`MIN_TYPO_LENGTH` letters, no English word (or a
        long rare one very close: :data:`LONG_TYPO_CUTOFF`; a common word such as "raining" is
        no "training"), within the ratio ``cutoff`` of a name ("joob" → "job", "Seeeattle" →
        "seattle"), or a name and an English word typed together ("whatjob").

        Raises KeyError for another ``kind``."""
        names = self.names[kind]
        found = []
        for word in WORD.findall(text):
            word = word.lower()
            if len(word) < MIN_TYPO_LENGTH or not word.isalpha() or word in names:
                continue
            if not is_english_word(word):
                if (self._closest(word, self._cutoff, kind)
                        or (kind == "words" and self._joined(word))):
                    found.append(word)
            elif (len(word) >= MIN_LONG_TYPO and not is_common_word(word)
                  and self._closest(word, LONG_TYPO_CUTOFF, kind)):
                found.append(word)  # a common misspelling of a long name: "massachusets"
                # (not a common word one letter from a name: "raining" is no "training")
        return found

    def _joined(self, word: str) -> bool:
        """Whether ``word`` is an English word and a name typed together ("whatjob",
        "thatrole")."""
        words = self.names["words"]
        return any((word[:i] in words and is_english_word(word[i:]))
                   or (word[i:] in words and is_english_word(word[:i]))
                   for i in range(MIN_PIECE, len(word) - MIN_PIECE + 1))

    def _find_closest(self, word: str, cutoff: float, kind: str) -> Optional[str]:
        """The name of ``kind`` within a RapidFuzz ratio of ``cutoff`` of ``word`` (cached per
        word as ``_closest``)."""
        found = process.extractOne(word, self._choices[kind], scorer=fuzz.ratio,
                                   score_cutoff=cutoff)
        return found[0] if found else None
