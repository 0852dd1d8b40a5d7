"""Find names (of roles, of places) in what a user typed: exact, misspelt or typed together.

:class:`NameMatcher` holds a set of normalised names (``careerdata.text.normalize``) and finds
them in a sequence of words. It knows nothing about roles or places: :mod:`careerdata.roles` and
:mod:`careerdata.place_names` build on it, and so does the NLU component
:class:`nlu_components.role_extractor.RoleMentionExtractor`.

A window of words matches a name when

1. it is the name, or its last word is a plural of the name's ("data scientists"), or it is
   the name split into more words ("brick masons" for "brickmasons", "fire fighter");
2. it is at least 8 characters long, has as many words as a name at least 8 characters long,
   each of its words is close to the name's word in the same place (RapidFuzz ratio >=
   :data:`WORD_CUTOFF`, "sofware" ~ "software", or, for a word that is no English word, one
   edit away counting a swap of two letters as one edit, "dtaa" ~ "data" but not "read" ~
   "lead") and the whole is close (ratio >= :data:`FUZZY_CUTOFF`,
   or, as typed, :func:`max_edits` edits away): "machin learning enginer", "Chixago";
3. or it has fewer words than the name, one of them not a word of any name, and without spaces
   it is very close to the name without spaces (ratio >= :data:`JOINED_CUTOFF`): "datascientist".

Matching is indexed so that thousands of names cost little per message: words close to a word
are looked up once in the vocabulary of all names' words (and cached), and only names whose
first word is close to the window's first word are scored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, FrozenSet, Iterable, List, Optional, Sequence, Tuple

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from careerdata.english import is_english_word
from careerdata.text import singular_forms

#: Minimum RapidFuzz ratio (0-100) for a misspelt window to count as a name.
FUZZY_CUTOFF = 86.0
#: Minimum RapidFuzz ratio of each word of a misspelt name to the word of the name in the same
#: place ("sofware" ~ "software"), so that "need machine learning engineer" is not "lead ...".
WORD_CUTOFF = 80.0
#: Minimum RapidFuzz ratio, spaces removed, of words typed together to a name ("datascientist").
JOINED_CUTOFF = 94.0
#: Names and windows shorter than this (characters) are matched exactly only.
MIN_FUZZY_LENGTH = 8
#: Longest window looked at, in words.
MAX_WINDOW = 6
#: Words that never take part in a name split into pieces.
_GLUE = frozenset({"the", "and", "for", "are", "who", "was", "not", "you", "any", "all"})
#: Words at least this long (characters) match a name's word one edit away ("dtaa" ~ "data").
MIN_EDIT_WORD = 4


def max_edits(name: str) -> int:
    """Edits (insertions, deletions, substitutions, swaps of adjacent letters: optimal string
    alignment) a window may be from a name of this length and still be it: 1 below 10
    characters ("Chixago"), 2 from 10 ("daat sciientist")."""
    return 1 if len(name) < 10 else 2


#: Punctuation that ends a phrase: no name runs across it ("big data. Engineers ...").
PHRASE_END = re.compile(r"[.,;:!?]+(?:\s|$)")


@dataclass(frozen=True)
class Match:
    """A name found in a sequence of words by :meth:`NameMatcher.find`.

    ``start`` and ``size`` index the words (``words[start:start + size]``); ``name`` is the
    normalised name matched; ``score`` the RapidFuzz ratio (0-100; 101 for an exact match).
    """

    start: int
    size: int
    name: str
    score: float


class NameMatcher:
    """Find the names of ``names`` (normalised strings) in words, exact or misspelt.

    Args:
        names: normalised names (lower case, single spaces), e.g. ``["data scientist", ...]``.
        min_length: names and windows shorter than this (characters) match exactly only.
        english_words_exact: a window holding a word outside the names' vocabulary that is an
            English word (:func:`careerdata.english.is_english_word`) is never read as a
            misspelling: "trips" is not "tips".
    """

    def __init__(self, names: Iterable[str], min_length: int = MIN_FUZZY_LENGTH,
                 english_words_exact: bool = False) -> None:
        self.min_length = min_length
        self.english_words_exact = english_words_exact
        self.names: FrozenSet[str] = frozenset(n for n in names if n)
        self.vocabulary: FrozenSet[str] = frozenset(w for n in self.names for w in n.split())
        self._vocab_list = sorted(self.vocabulary)
        # (word count, first word) -> names, for misspelt windows
        self._by_head: Dict[Tuple[int, str], List[str]] = {}
        # length without spaces -> ([joined name], [name]), for words typed together
        self._joined: Dict[int, Tuple[List[str], List[str]]] = {}
        # name without spaces -> name, for a name split into more words
        self._solid: Dict[str, str] = {n.replace(" ", ""): n for n in sorted(self.names)}
        for name in sorted(self.names):
            if len(name) < min_length:
                continue
            words = name.split()
            self._by_head.setdefault((len(words), words[0]), []).append(name)
            if len(words) > 1:
                joined = name.replace(" ", "")
                keys, values = self._joined.setdefault(len(joined), ([], []))
                keys.append(joined)
                values.append(name)
        self.close_words = lru_cache(maxsize=8192)(self._close_words)
        # every window of every message that is not all names' words is looked up here: the
        # same few thousand ("whatdoes", "inohio") come back all day
        self._joined_name = lru_cache(maxsize=32768)(self._joined_name_uncached)

    def _close_words(self, word: str) -> FrozenSet[str]:
        """Words of the vocabulary within :data:`WORD_CUTOFF` of ``word`` (itself included)."""
        if word in self.vocabulary and len(word) < 4:
            return frozenset({word})
        found = process.extract(
            word, self._vocab_list, scorer=fuzz.ratio, score_cutoff=WORD_CUTOFF, limit=None
        )
        if len(word) >= MIN_EDIT_WORD and word not in self.vocabulary and not is_english_word(word):
            found += process.extract(word, self._vocab_list, scorer=OSA.distance, score_cutoff=1,
                                     limit=None)
        return frozenset(choice for choice, _, _ in found)

    def exact(self, window: str) -> Optional[str]:
        """The name ``window`` is, or is a plural of, or splits into more words ("brick
        masons" -> "brickmasons"); None otherwise."""
        forms = singular_forms(window)
        found = next((f for f in forms if f in self.names), None)
        if found is not None or " " not in window:
            return found
        for form in forms:
            if any(len(w) < 3 or w in _GLUE for w in form.split()):
                continue  # "for esters" are no foresters
            name = self._solid.get(form.replace(" ", ""))
            if name is not None and name.count(" ") < form.count(" "):
                return name
        return None

    def close(self, window: str) -> Optional[Tuple[str, float]]:
        """The name ``window`` misspells, as ``(name, RapidFuzz ratio)``, or None (rules 2-3 of
        the module docstring). ``window`` is normalised text of at least ``min_length`` characters."""
        best: Optional[Tuple[str, float]] = None
        for form in singular_forms(window):
            words = form.split()
            for head in self.close_words(words[0]):
                for name in self._by_head.get((len(words), head), ()):
                    name_words = name.split()
                    if not all(
                        b in self.close_words(a) for a, b in zip(words[1:], name_words[1:])
                    ):
                        continue
                    score = fuzz.ratio(form, name)
                    if (score < FUZZY_CUTOFF and form == window
                            and OSA.distance(form, name) <= max_edits(name)):
                        score = FUZZY_CUTOFF  # swapped letters: "Flordia", "dtaa scientist"
                    if score >= FUZZY_CUTOFF and (best is None or score > best[1]):
                        best = (name, score)
            if best is not None:
                return best
            if all(word in self.vocabulary for word in words):
                continue  # no words run together: "software engineer" is not a misspelling
            hit = self._joined_name(form.replace(" ", ""))
            if hit is not None and len(hit[0].split()) > len(words):
                return hit
        return None

    def _joined_name_uncached(self, joined: str) -> Optional[Tuple[str, float]]:
        """The name of several words whose letters ``joined`` (no spaces) are closest to, as
        ``(name, RapidFuzz ratio)`` at :data:`JOINED_CUTOFF` or more, or None. Only names of
        about the same length are compared (the ratio could not reach the cutoff otherwise);
        ties go to the shorter name, then alphabetically."""
        best: Optional[Tuple[str, float]] = None
        for size in range(int(len(joined) * 0.88), int(len(joined) / 0.88) + 2):
            keys, names = self._joined.get(size, ((), ()))
            hit = process.extractOne(joined, keys, scorer=fuzz.ratio,
                                     score_cutoff=best[1] + 1e-9 if best else JOINED_CUTOFF)
            if hit is not None:
                best = (names[hit[2]], hit[1])
                if hit[1] >= 100:
                    break
        return best

    def find(self, words: Sequence[str]) -> List[Match]:
        """Find names, exact or misspelt, in a sequence of normalised words.

        Args:
            words: lower-cased words of a message (e.g. ``normalize(text).split()`` or the
                normalised tokens of an NLU message); an empty string marks a boundary (such as
                punctuation) that no name runs across. At most the first 200 are looked at.

        Returns:
            Non-overlapping :class:`Match` es in order of position. Where windows overlap, the
            longer one wins ("sofware data engineer" over "data engineer"), then the closer one.
        """
        words = list(words[:200])
        candidates: List[Match] = []
        for size in range(1, MAX_WINDOW + 1):
            for start in range(0, len(words) - size + 1):
                part = words[start : start + size]
                if "" in part:
                    continue
                window = " ".join(part)
                exact = self.exact(window)
                if exact is not None:
                    candidates.append(Match(start, size, exact, 101.0))
                    continue
                if len(window) < self.min_length:
                    continue
                if self.english_words_exact and any(
                    w not in self.vocabulary and is_english_word(w) for w in part
                ):
                    continue  # a real word, not a typo: "trips" for "tips"
                close = self.close(window)
                if close is not None:
                    candidates.append(Match(start, size, close[0], close[1]))
        taken: set = set()
        found: List[Match] = []
        for match in sorted(candidates, key=lambda m: (-m.size, -m.score, m.start)):
            span = set(range(match.start, match.start + match.size))
            if not span & taken:
                taken |= span
                found.append(match)
        return sorted(found, key=lambda m: m.start)


def phrase_words(message: str, normalize) -> List[str]:
    """The normalised words of ``message`` (first 400 characters) with ``""`` at every phrase
    boundary (``.,;:!?``), ready for :meth:`NameMatcher.find`."""
    words: List[str] = []
    for part in PHRASE_END.split(message[:400]):
        words += normalize(part).split() + [""]
    return words
