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
  ("open this file", "a painting");
- with ``liking_words``, an interest said as a thing, not in the form of an activity ("a car",
  "olive garden"; not "fixing cars"), counts only in a message of liking or of the user being
  something ("I like cars", "I'm into gardening", "I am creative"): "I need to rent a car",
  "a purchase from olive garden" say no interest. "Like" after "I'd" or "would" is a want.
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
#: Words before "like" that make it a want ("I'd like a car", "would like"; ``words_of`` splits
#: "I'd" into "i", "d").
WANTING = frozenset({"d", "id", "would"})
#: Words after which the form of an activity ("filing", "painting") is a thing: "this file",
#: "a painting".
DETERMINERS = frozenset("a an the this that these those my your our his her their its some any"
                        " every each".split())


class PhraseFinder:
    """Finds phrases in messages (:meth:`found`), each word in any form."""

    def __init__(self, phrases: Iterable[str], owned_is_no_match: bool = False,
                 personal_words: Sequence[str] = PERSONAL_WORDS,
                 liking_words: Iterable[str] = ()) -> None:
        """``phrases``: the phrases (any case); ``owned_is_no_match``: whether a word right after
        a word of ``personal_words`` ("my account"), or a form of an activity right after a
        determiner ("this file"), does not count (interest words); ``liking_words``: words of
        liking or being (lower case: "like", "into", "i'm"), one of which a phrase said as a
        thing needs (none: any message)."""
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
        self._liking = frozenset(liking_words)

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
        if not self._liking or self.likes(words):
            return any(phrase <= usable for phrase in self._loose)
        # no word of liking: only an activity said as one ("fixing cars")
        doing = {s for i, s in enumerate(stems) if s in usable and words[i].endswith("ing")}
        return any(phrase <= usable and phrase & doing for phrase in self._loose)

    def likes(self, words: Sequence[str]) -> bool:
        """Whether ``words`` (lower case) hold a word of liking or being, "like" not after
        "I'd" or "would" (a want: "I'd like a mercedes")."""
        return any(w in self._liking and not (w == "like" and i > 0 and words[i - 1] in WANTING)
                   for i, w in enumerate(words))
