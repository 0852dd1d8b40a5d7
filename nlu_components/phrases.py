"""Phrases of a profile statement found in a message, for the domain gate.

A statement about oneself is career evidence when it holds an interest, education or profile
phrase of the data ("I'm into fixing stuff", "I have a GED", "add SQL to what I know"). Each
word of a phrase may be said in any form (Snowball stems: :func:`careerdata.interests.stem`),
but not in any sense:

- a phrase with function words is found only as written, word after word ("in charge" is not
  "I was charged", "what I know" is not "I don't know what"); other phrases are found word by
  word anywhere ("fix things": "things I like to fix");
- an interest word right after "my", "our"… (up to two words between, none a stop word: "my
  bank account", "my car's tyres") is a thing the user owns, not an interest ("accounting",
  "cars"), and a form of an activity ("filing", "painting") right after a determiner is a thing
  ("open this file", "a painting").
"""

from __future__ import annotations

from typing import FrozenSet, Iterable, List, Sequence, Set, Tuple

from spacy.lang.en.stop_words import STOP_WORDS

from careerdata.interests import FUNCTION_WORDS, stem, words_of
#: Words that make the word after them a thing of the user's life.
PERSONAL_WORDS = ("my", "our", "your", "his", "her", "their")
#: How many words may stand between a personal word and the word it owns ("my wells fargo
#: account").
MAX_OWNED_GAP = 2
#: Words after which the form of an activity ("filing", "painting") is a thing: "this file",
#: "a painting".
DETERMINERS = frozenset("a an the this that these those my your our his her their its some any"
                        " every each".split())


class PhraseFinder:
    """Finds phrases in messages (:meth:`found`), each word in any form."""

    def __init__(self, phrases: Iterable[str], owned_is_no_match: bool = False,
                 personal_words: Sequence[str] = PERSONAL_WORDS) -> None:
        """``phrases``: the phrases (any case); ``owned_is_no_match``: whether a word right after
        a word of ``personal_words`` ("my account"), or a form of an activity right after a
        determiner ("this file"), does not count (interest words)."""
        self._exact: List[Tuple[str, ...]] = []
        self._loose: List[FrozenSet[str]] = []
        self._activities: Set[str] = set()
        for phrase in phrases:
            words = words_of(phrase)
            if not [w for w in words if w not in FUNCTION_WORDS]:
                continue
            if any(w in FUNCTION_WORDS for w in words):
                self._exact.append(tuple(stem(w) for w in words))
            else:
                self._loose.append(frozenset(stem(w) for w in words))
                self._activities |= {stem(w) for w in words if w.endswith("ing")}
        self._owned_is_no_match = owned_is_no_match
        self._personal = frozenset(personal_words)

    def owned(self, words: Sequence[str], index: int) -> bool:
        """Whether ``words[index]`` follows a personal word, with at most
        :data:`MAX_OWNED_GAP` words between, none a stop word ("my money market account")."""
        for before in range(index - 1, max(-1, index - MAX_OWNED_GAP - 2), -1):
            if words[before] in self._personal:
                return True
            if words[before] in STOP_WORDS:
                return False
        return False

    def thing(self, words: Sequence[str], stems: Sequence[str], index: int) -> bool:
        """Whether ``words[index]`` is a form of an activity of the phrases ("filing") right
        after a determiner: a thing ("this file"), not the activity."""
        return (stems[index] in self._activities and index > 0
                and words[index - 1] in DETERMINERS)

    def found(self, text: str) -> bool:
        """Whether ``text`` holds one of the phrases (see the module's docstring)."""
        words = words_of(text)
        stems = [stem(w) for w in words]
        if any(tuple(stems[i:i + len(p)]) == p for p in self._exact
               for i in range(len(stems) - len(p) + 1)):
            return True
        usable = {s for i, s in enumerate(stems) if words[i] not in FUNCTION_WORDS
                  and not (self._owned_is_no_match and (self.owned(words, i) or self.thing(
                      words, stems, i)))}
        return any(phrase <= usable for phrase in self._loose)
