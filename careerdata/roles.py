"""Turn what a user typed into a role of the database: exact, fuzzy, ambiguous or unknown.

Names and aliases come from the role database (:attr:`careerdata.store.RoleStore.alias_index`);
nothing here knows any role by name. Matching order for a role mention:

1. exact match of the normalised text (or its singular) against names and aliases;
2. a generic word or phrase found in several roles' names ("engineer", "data") -> ambiguous,
   with the candidate roles; a single word found in one role's names only ("specialist") -> that
   role; several words found in one role's names only ("software engineer") -> ambiguous with
   that one candidate, so the user confirms it;
3. a close spelling (RapidFuzz ratio >= :data:`FUZZY_CUTOFF`, e.g. "machin learning enginer");
4. exactly one role written inside a longer mention ("lead ml enginer manage"), found by
   :meth:`RoleResolver.find_mentions` (also used by the NLU component
   :class:`nlu_components.role_extractor.RoleMentionExtractor`);
5. otherwise unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

from rapidfuzz import fuzz, process

from careerdata.text import normalize, singular_forms

KNOWN = "known"
AMBIGUOUS = "ambiguous"
UNKNOWN = "unknown"

#: Minimum RapidFuzz ratio (0-100) for a misspelt mention to count as a role.
FUZZY_CUTOFF = 86.0
#: Minimum RapidFuzz ratio of each word of a misspelt name to the word of the alias in the same
#: place ("sofware" ~ "software"), so that "need machine learning engineer" is not "lead ...".
WORD_CUTOFF = 80.0
#: Minimum RapidFuzz ratio, spaces removed, of words typed together to an alias ("datascientist").
JOINED_CUTOFF = 94.0
#: Mentions longer than this (characters, after normalising) are not role names.
MAX_MENTION = 80
#: Punctuation that ends a phrase: no role name runs across it ("big data. Engineers ...").
#: Also used by :class:`nlu_components.role_extractor.RoleMentionExtractor` on tokens.
PHRASE_END = re.compile(r"[.,;:!?]+(?:\s|$)")
#: Words that never identify a role on their own.
_STOPWORDS = frozenset({"a", "an", "the", "of", "for", "and", "or", "in", "to", "s", "role", "job"})


@dataclass(frozen=True)
class Resolution:
    """The outcome of resolving one mention.

    ``kind`` is :data:`KNOWN` (``role`` set), :data:`AMBIGUOUS` (``candidates`` set, two or more
    canonical names) or :data:`UNKNOWN`. ``text`` is the mention as typed.
    """

    kind: str
    text: str
    role: Optional[str] = None
    candidates: Tuple[str, ...] = ()


class RoleResolver:
    """Resolve role mentions against ``alias_index`` (``{normalised alias: canonical name}``)."""

    def __init__(self, alias_index: Dict[str, str]) -> None:
        self.alias_index = dict(alias_index)
        self._choices = list(self.alias_index)
        # aliases written without spaces, for words typed together ("datascientist")
        self._joined = {alias.replace(" ", ""): alias for alias in self._choices}
        self._joined_choices = list(self._joined)
        self._order = {name: i for i, name in enumerate(sorted(set(self.alias_index.values())))}
        # word -> roles whose name or alias contains it
        self._word_roles: Dict[str, set] = {}
        for alias, role in self.alias_index.items():
            for word in alias.split():
                self._word_roles.setdefault(word, set()).add(role)

    def resolve(self, mention: str) -> Resolution:
        """Resolve one mention (an entity value or a short phrase) to a :class:`Resolution`."""
        norm = normalize(mention)
        if not norm or len(norm) > MAX_MENTION:
            return Resolution(UNKNOWN, mention)
        forms = singular_forms(norm)
        for form in forms:
            if form in self.alias_index:
                return Resolution(KNOWN, mention, role=self.alias_index[form])
        for form in forms:
            candidates = self._generic_candidates(form)
            if len(candidates) == 1 and " " not in form:
                return Resolution(KNOWN, mention, role=candidates[0])
            if candidates:
                return Resolution(AMBIGUOUS, mention, candidates=tuple(candidates))
        close = self._close_alias(norm)
        if close is not None:
            return Resolution(KNOWN, mention, role=self.alias_index[close[0]])
        inside = self.scan(norm)  # a mention with extra words: "lead ml enginer manage"
        if len(inside) == 1:
            return Resolution(KNOWN, mention, role=inside[0])
        return Resolution(UNKNOWN, mention)

    def _generic_candidates(self, form: str) -> List[str]:
        """Roles all of whose aliases' words include every word of ``form``, if that is several
        or exactly one; [] when ``form`` has a word that no role name uses."""
        words = [w for w in form.split() if w not in _STOPWORDS]
        if not words:
            return []
        roles: Optional[set] = None
        for word in words:
            found = self._word_roles.get(word)
            if not found:
                return []
            roles = set(found) if roles is None else roles & found
        if not roles:
            return []
        # all words must occur together in one alias of the role
        result = [
            role
            for role in roles
            if any(
                all(w in alias.split() for w in words)
                for alias, owner in self.alias_index.items()
                if owner == role
            )
        ]
        return sorted(result, key=self._order.__getitem__)

    def scan(self, message: str) -> List[str]:
        """Find role names written anywhere in a whole message, for when the NLU found none.

        Returns the canonical names of :meth:`find_mentions` over the words of the message (first
        400 characters; no name runs across ``.``, ``,``, ``;``, ``:``, ``!`` or ``?``), in order
        of appearance, each once.
        """
        words: List[str] = []
        for part in PHRASE_END.split(message[:400]):
            words += normalize(part).split() + [""]  # "" keeps names within one phrase
        roles: List[str] = []
        for mention in self.find_mentions(words):
            if mention.role not in roles:
                roles.append(mention.role)
        return roles

    def find_mentions(self, words: Sequence[str]) -> List["Mention"]:
        """Find role names, exact or misspelt, in a sequence of normalised words.

        Args:
            words: lower-cased words of a message (e.g. ``normalize(text).split()`` or the
                normalised tokens of an NLU message); an empty string marks a boundary (such as
                punctuation) that no name runs across. At most the first 200 are looked at.

        Returns:
            Non-overlapping :class:`Mention` s in order of position. A window of one to five
            words counts when it is a name or alias (or its plural), or when it is at least eight
            characters long and close to an alias at least eight characters long (see
            :meth:`_close_alias`): "sofware data engineer", "machin learning enginer",
            "datascientist". Generic words ("engineer") are not reported. Where windows
            overlap, the longer one wins ("sofware data engineer" over "data engineer"), then the
            closer one.
        """
        words = list(words[:200])
        candidates: List[Mention] = []
        for size in range(1, 6):
            for start in range(0, len(words) - size + 1):
                if "" in words[start : start + size]:
                    continue
                window = " ".join(words[start : start + size])
                exact = next((f for f in singular_forms(window) if f in self.alias_index), None)
                if exact is not None:
                    candidates.append(Mention(start, size, self.alias_index[exact], 101.0, exact))
                    continue
                if len(window) < 8:
                    continue
                close = self._close_alias(window)
                if close is not None:
                    alias, score = close
                    candidates.append(Mention(start, size, self.alias_index[alias], score, alias))
        taken: set = set()
        found: List[Mention] = []
        for mention in sorted(candidates, key=lambda m: (-m.size, -m.score, m.start)):
            span = set(range(mention.start, mention.start + mention.size))
            if not span & taken:
                taken |= span
                found.append(mention)
        return sorted(found, key=lambda m: m.start)

    def _close_alias(self, window: str) -> Optional[Tuple[str, float]]:
        """The alias (at least 8 characters long) that ``window`` or its singular misspells, as
        ``(alias, RapidFuzz ratio)``; None when there is none.

        Either the alias has as many words as ``window``, the whole ratio is >=
        :data:`FUZZY_CUTOFF` and each word's ratio to the alias's word in the same place is >=
        :data:`WORD_CUTOFF` ("sofware data engineer"; not "need machine learning engineer" for
        "lead ..."); or ``window`` has fewer words than the alias, one of them not a word of
        any alias, and the ratio without spaces is >= :data:`JOINED_CUTOFF` ("datascientist",
        "machine learningengineer").
        """
        for form in singular_forms(window):
            words = form.split()
            for alias, score, _ in process.extract(
                form, self._choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=5
            ):
                alias_words = alias.split()
                if len(alias) >= 8 and len(alias_words) == len(words) and all(
                    fuzz.ratio(a, b) >= WORD_CUTOFF for a, b in zip(words, alias_words)
                ):
                    return alias, score
            if all(word in self._word_roles for word in words):
                continue  # no words run together: "software engineer" is not a misspelling
            joined = process.extractOne(
                form.replace(" ", ""), self._joined_choices, scorer=fuzz.ratio,
                score_cutoff=JOINED_CUTOFF,
            )
            if joined is not None:
                alias = self._joined[joined[0]]
                if len(alias) >= 8 and len(alias.split()) > len(words):
                    return alias, joined[1]
        return None


@dataclass(frozen=True)
class Mention:
    """A role name found in a sequence of words by :meth:`RoleResolver.find_mentions`.

    ``start`` and ``size`` index the words (``words[start:start + size]``); ``role`` is the
    canonical name, ``alias`` the normalised name or alias matched, ``score`` the RapidFuzz ratio
    (0-100; 101 for an exact match).
    """

    start: int
    size: int
    role: str
    score: float
    alias: str
