"""Turn what a user typed into a role of the database: exact, fuzzy, ambiguous or unknown.

Names and aliases come from the role database (:attr:`actions.store.RoleStore.alias_index`);
nothing here knows any role by name. Matching order for a role mention:

1. exact match of the normalised text (or its singular) against names and aliases;
2. a generic word or phrase found in several roles' names ("engineer", "data") -> ambiguous,
   with the candidate roles; a single word found in one role's names only ("specialist") -> that
   role; several words found in one role's names only ("software engineer") -> ambiguous with
   that one candidate, so the user confirms it;
3. a close spelling (RapidFuzz ratio >= :data:`FUZZY_CUTOFF`, e.g. "machin learning enginer");
4. exactly one role written inside a longer mention ("lead ml enginer manage");
5. otherwise unknown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from rapidfuzz import fuzz, process

from actions.text import normalize, singular_forms

KNOWN = "known"
AMBIGUOUS = "ambiguous"
UNKNOWN = "unknown"

#: Minimum RapidFuzz ratio (0-100) for a misspelt mention to count as a role.
FUZZY_CUTOFF = 86.0
#: Mentions longer than this (characters, after normalising) are not role names.
MAX_MENTION = 80
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
        best = process.extractOne(norm, self._choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if best is not None:
            return Resolution(KNOWN, mention, role=self.alias_index[best[0]])
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

        Looks at word windows of the message (first 400 characters) and returns canonical names
        in order of appearance, matching exact aliases and close misspellings of aliases at least
        eight characters long. Generic words are not reported (they are not evidence of a role).
        """
        words = normalize(message[:400]).split()
        candidates: List[Tuple[float, int, int, str]] = []  # (score, size, start, role)
        for size in range(1, 6):
            for start in range(0, len(words) - size + 1):
                window = " ".join(words[start : start + size])
                exact = next(
                    (self.alias_index[f] for f in singular_forms(window) if f in self.alias_index),
                    None,
                )
                if exact is not None:
                    candidates.append((101.0, size, start, exact))
                elif len(window) >= 8:
                    best = process.extractOne(
                        window, self._choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
                    )
                    if best is not None and len(best[0]) >= 8:
                        candidates.append((best[1], size, start, self.alias_index[best[0]]))
        # best score first (exact beats fuzzy), then longer windows; keep non-overlapping ones
        taken: set = set()
        found: List[Tuple[int, str]] = []
        for score, size, start, role in sorted(candidates, key=lambda c: (-c[0], -c[1], c[2])):
            span = set(range(start, start + size))
            if not span & taken:
                taken |= span
                found.append((start, role))
        roles: List[str] = []
        for _, role in sorted(found):
            if role not in roles:
                roles.append(role)
        return roles
