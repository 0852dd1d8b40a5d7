"""Turn what a user typed into a role of the database: exact, fuzzy, ambiguous or unknown.

Names and aliases come from the role database (:attr:`careerdata.store.RoleStore.alias_index`);
nothing here knows any role by name. Matching order for a role mention:

1. exact match of the normalised text (or its singular) against names and aliases;
2. a generic word or phrase found in several roles' names ("engineer", "nurse") -> ambiguous,
   with the candidate roles ranked (article roles first, then by national employment) and cut to
   :data:`MAX_CANDIDATES`; a single word found in one role's names only ("plumber") -> that
   role; several words found in one role's names only ("software engineer") -> ambiguous with
   that one candidate, so the user confirms it;
3. a close spelling (:class:`careerdata.names.NameMatcher`, e.g. "machin learning enginer");
4. exactly one role written inside a longer mention ("lead ml enginer manage"), found by
   :meth:`RoleResolver.find_mentions` (also used by the NLU component
   :class:`nlu_components.role_extractor.RoleMentionExtractor`);
5. otherwise unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

from sqlalchemy import select

from careerdata.names import PHRASE_END, NameMatcher, phrase_words
from careerdata.text import normalize, singular_forms

__all__ = ["AMBIGUOUS", "KNOWN", "UNKNOWN", "PHRASE_END", "Mention", "Resolution", "RoleResolver"]

KNOWN = "known"
AMBIGUOUS = "ambiguous"
UNKNOWN = "unknown"

#: Mentions longer than this (characters, after normalising) are not role names.
MAX_MENTION = 80
#: Words that never identify a role on their own.
_STOPWORDS = frozenset({"a", "an", "the", "of", "for", "and", "or", "in", "to", "s", "role", "job"})


#: Most candidates offered for an ambiguous mention ("nurse"): the likeliest ones.
MAX_CANDIDATES = 5
#: A name length no name reaches: a matcher built with it matches exactly only (job titles).
EXACT_ONLY = 10**6
#: Words too general to be offered as an ambiguous role on their own ("worker", "other").
#: "what does an astronaut earn?", "how much do lion tamers make": the subject of a question
#: about what someone in a job does, earns, needs ... (1-5 words before the verb, cut at a
#: preposition: "teachers in ohio" -> "teachers"; at most 3 words kept).
_SUBJECT = re.compile(
    r"\b(?:does|do|did)\s+(?:(?:a|an)\s+)?((?:[a-z][a-z'-]*\s+){0,4}[a-z][a-z'-]*)\s+"
    r"(?:do|earn|make|need|use|study|learn|work|get paid)\b")
#: "how does a virtual card work", "does cash work?", "how long do antibiotics take to work": how
#: a thing works, not where people work.
_HOW_IT_WORKS = re.compile(r"(?:(?:^\W*|\bhow\s+)(?:does|do|did)\s+[^.?!]*?"
                           r"|\b(?:take|takes|took|taking)\s+(?:\w+\s+)?to\s+)\bwork\s*(?:[.?!]|$)")
#: Words that are never the subject's first or last word: pronouns, determiners, people in general.
_NOT_SUBJECT = frozenset(
    "i you we they he she it people someone somebody one ones most others these those this that"
    " the my your their his her our both each either all any some many such what which who"
    " u ya ur yall ppl not never".split())
#: A question word before "does X do": "what does an astronaut do all day" asks about a job.
_WH_WORD = re.compile(r"\b(?:what|how|which|who|where|why|when)\b")
_PREPOSITIONS = frozenset("in at near from for with of around across on".split())
_VAGUE = frozenset({"other", "all", "except", "worker", "workers", "occupation", "occupations"})


def job_question_subject(message: str) -> Optional[str]:
    """The subject of a question about what someone in a job does, earns, needs… ("what does an
    astronaut earn?" -> "astronaut", "how much do teachers in ohio make" -> "teachers"), in
    normalised words, or None when the message asks no such question ("how does a virtual
    card work?", "how long do antibiotics take to work?" ask how a thing works; "does arizona
    do daylight saving time?", "does pf changs do takeout" ask whether a place or a business
    offers a thing: "do" with an object and no question word before it)."""
    text = normalize(message)
    found = _SUBJECT.search(text)
    if found is None or _HOW_IT_WORKS.search(message.lower()):
        return None
    if (found.group(0).endswith(" do") and text[found.end():].strip()
            and not _WH_WORD.search(text[:found.start()])):
        return None  # "does arizona do daylight saving time": whether it offers a thing
    words = found.group(1).split()
    cut = next((i for i, w in enumerate(words) if w in _PREPOSITIONS), len(words))
    words = words[:cut]  # "teachers in ohio" -> "teachers"
    if not words or len(words) > 3 or words[0] in _NOT_SUBJECT or words[-1] in _NOT_SUBJECT:
        return None
    return " ".join(words)


@dataclass(frozen=True)
class Resolution:
    """The outcome of resolving one mention.

    ``kind`` is :data:`KNOWN` (``role`` set), :data:`AMBIGUOUS` (``candidates`` set: the likeliest
    canonical names, at most :data:`MAX_CANDIDATES`; ``more`` counts the others) or
    :data:`UNKNOWN` (``candidates`` may then hold roles with the same head noun: "Management
    Analysts" for "data analyst"). ``text`` is the mention as typed.
    """

    kind: str
    text: str
    role: Optional[str] = None
    candidates: Tuple[str, ...] = ()
    more: int = 0


#: The plural of a two-letter acronym as people write it ("RNs", "PAs").
_ACRONYM_PLURAL = re.compile(r"^[A-Z]{2}s$")


class RoleResolver:
    """Resolve role mentions against ``alias_index`` (``{normalised alias: canonical name}``).

    Args:
        alias_index: every normalised name and alias of every role.
        rank: ``{canonical name: weight}``; of several candidates the higher weights come first
            (the store gives article roles the highest, then national employment). Roles
            without a weight come last, alphabetically.
        heads: ``{normalised alias: head noun}`` where the head noun is not the alias's last
            word (the store gives the last word before a comma: "teachers" for "Elementary
            School Teachers, Except Special Education"); by default the last word.
    """

    def __init__(
        self,
        alias_index: Dict[str, str],
        rank: Optional[Dict[str, float]] = None,
        heads: Optional[Dict[str, str]] = None,
        titles: Optional[Dict[str, Sequence[str]]] = None,
    ) -> None:
        self.alias_index = dict(alias_index)
        self.matcher = NameMatcher(self.alias_index)
        # job titles people use: {normalised title: roles, likeliest first}; matched exactly
        # (and as plurals), never as misspellings, and never as generic head nouns
        self.titles: Dict[str, Tuple[str, ...]] = {
            t: tuple(roles) for t, roles in (titles or {}).items() if roles}
        self.title_matcher = NameMatcher(self.titles, min_length=EXACT_ONLY)
        rank = rank or {}
        names = sorted(set(self.alias_index.values()))
        self._order = {n: (-rank.get(n, -1.0), i) for i, n in enumerate(names)}
        # word -> roles whose name or alias contains it; role -> its aliases' word sets
        self._word_roles: Dict[str, set] = {}
        self._role_words: Dict[str, List[frozenset]] = {}
        # last word of an alias -> roles: head nouns such as "nurse", "engineer"
        self._head_roles: Dict[str, set] = {}
        for alias, role in self.alias_index.items():
            words = alias.split()
            for word in words:
                self._word_roles.setdefault(word, set()).add(role)
            self._role_words.setdefault(role, []).append(frozenset(words))
            head = (heads or {}).get(alias) or words[-1]
            self._head_roles.setdefault(head, set()).add(role)

    def ranked(self, roles) -> List[str]:
        """``roles`` (canonical names) from likeliest to least likely."""
        return sorted(roles, key=self._order.__getitem__)

    def resolve(self, mention: str) -> Resolution:
        """Resolve one mention (an entity value or a short phrase) to a :class:`Resolution`."""
        norm = normalize(mention)
        if not norm or len(norm) > MAX_MENTION:
            return Resolution(UNKNOWN, mention)
        forms = singular_forms(norm)
        if _ACRONYM_PLURAL.match(mention.strip()):  # "RNs": too short for singular_forms
            forms.append(norm[:-1])
            norm = norm if norm in self.alias_index else norm[:-1]
        name = self.matcher.exact(norm)  # also "brick masons" for "brickmasons"
        if name is not None:
            return Resolution(KNOWN, mention, role=self.alias_index[name])
        title = self.title_matcher.exact(norm)  # "forklift driver", "LCSW"
        if title is not None:
            roles = self.titles[title]
            if len(roles) == 1:
                return Resolution(KNOWN, mention, role=roles[0])
            return self._ambiguous(mention, roles)
        # "nurses" and "nurse": the roles of every form, so both spellings offer the same
        found = {role for form in forms for role in self._generic_candidates(form)}
        if found:
            candidates = self.ranked(found)
            if len(candidates) == 1 and " " not in norm:
                return Resolution(KNOWN, mention, role=candidates[0])
            return self._ambiguous(mention, candidates)
        if len(norm) >= 8:
            close = self.matcher.close(norm)
            if close is not None:
                return Resolution(KNOWN, mention, role=self.alias_index[close[0]])
        inside = self.scan(norm)  # a mention with extra words: "lead ml enginer manage"
        if len(inside) == 1:
            return Resolution(KNOWN, mention, role=inside[0])
        # "data analyst": unknown, but roles with the same head noun are worth offering
        head = norm.split()[-1]
        similar = {role for form in singular_forms(head) for role in self._head_roles.get(form, ())}
        if " " in norm and head not in _VAGUE and len(similar) >= 2:
            shown = self.ranked(similar)
            return Resolution(UNKNOWN, mention, candidates=tuple(shown[:MAX_CANDIDATES]),
                              more=max(0, len(shown) - MAX_CANDIDATES))
        return Resolution(UNKNOWN, mention)

    def _ambiguous(self, mention: str, candidates: Sequence[str]) -> Resolution:
        shown = tuple(candidates[:MAX_CANDIDATES])
        return Resolution(
            AMBIGUOUS, mention, candidates=shown, more=max(0, len(candidates) - len(shown))
        )

    def _generic_candidates(self, form: str) -> List[str]:
        """Roles one of whose aliases has every word of ``form``, likeliest first; [] when
        ``form`` has a word that no role name uses."""
        words = [w for w in form.split() if w not in _STOPWORDS]
        if not words:
            return []
        roles: Optional[set] = None
        for word in words:
            found = self._word_roles.get(word)
            if not found:
                return []
            roles = set(found) if roles is None else roles & found
        wanted = frozenset(words)
        return self.ranked(
            role for role in roles or () if any(wanted <= ws for ws in self._role_words[role])
        )

    def generic_mention(self, message: str) -> Optional[Resolution]:
        """An ambiguous head noun in a whole message ("what does a nurse earn?"), for when no
        role was found: a word (or its singular) that ends the names of several roles. None
        when there is none. Words of :data:`_VAGUE` and stopwords never count."""
        for found in self.title_matcher.find(phrase_words(message, normalize)):
            roles = self.titles[found.name]  # a title several occupations share: "line cook"
            if len(roles) > 1:
                return self._ambiguous(found.name, roles)
        for word in phrase_words(message, normalize):
            forms = [f for f in (singular_forms(word) if word else ())
                     if f not in _STOPWORDS and f not in _VAGUE]
            if any(len(self._head_roles.get(f, ())) >= 2 for f in forms):
                # "nurses" and "nurse" offer the same roles
                found = {role for f in forms for role in self._generic_candidates(f)}
                return self._ambiguous(word, self.ranked(found))
        return None

    def unknown_subject(self, message: str) -> Optional[Resolution]:
        """The subject of a question about a job that names no role the database knows ("what
        does an astronaut earn?" -> UNKNOWN "astronaut", with same-head-noun candidates as
        :meth:`resolve` gives), for when neither the NLU nor :meth:`scan` found a role. None when
        the message has no such subject, or its subject is a role after all."""
        subject = job_question_subject(message)
        if subject is None:
            return None
        result = self.resolve(subject)
        return result if result.kind == UNKNOWN else None

    def scan(self, message: str) -> List[str]:
        """Find role names written anywhere in a whole message, for when the NLU found none.

        Returns the canonical names of :meth:`find_mentions` over the words of the message (first
        400 characters; no name runs across ``.``, ``,``, ``;``, ``:``, ``!`` or ``?``), in order
        of appearance, each once.
        """
        roles: List[str] = []
        for mention in self.find_mentions(phrase_words(message, normalize)):
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
            Non-overlapping :class:`Mention` s in order of position, as found by
            :meth:`careerdata.names.NameMatcher.find`: names, aliases and their plurals, close
            misspellings ("sofware data engineer", "machin learning enginer") and words typed
            together ("datascientist"). Generic words ("engineer") are not reported.
        """
        found = [Mention(m.start, m.size, self.alias_index[m.name], m.score, m.name)
                 for m in self.matcher.find(words)]
        if not self.titles:
            return found
        titles = [Mention(m.start, m.size, self.titles[m.name][0], m.score, m.name)
                  for m in self.title_matcher.find(words) if len(self.titles[m.name]) == 1]
        # a longer title wins over the names inside it ("senior tax accountant"), a name over
        # a title of the same words
        chosen: List[Mention] = []
        for mention in sorted(found + titles, key=lambda x: (-x.size, x.start)):
            span = range(mention.start, mention.start + mention.size)
            if all(o.start + o.size <= span.start or o.start >= span.stop for o in chosen):
                chosen.append(mention)
        return sorted(chosen, key=lambda x: x.start)


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


def read_heads(session) -> Dict[str, str]:
    """``{normalised alias: its head noun}``: the last word before any comma ("Teachers,
    Except Special Education" -> "teachers")."""
    from careerdata import models as m

    rows = session.execute(select(m.Alias.normalized, m.Alias.alias))
    found = {norm: normalize(alias.split(",")[0]).split() for norm, alias in rows}
    return {norm: words[-1] for norm, words in found.items() if words}


def read_ranks(session) -> Dict[str, float]:
    """``{role name: rank}`` for the resolver: article roles first, then occupations by
    national employment; an O*NET sub-occupation ("Acute Care Nurses") shares its SOC
    occupation's count, so it ranks after the occupations BLS counts on their own."""
    from careerdata import models as m

    rows = session.execute(select(m.Role.name, m.Role.kind, m.Role.employment, m.Role.mapping))
    return {name: 1e12 if kind == m.KIND_ARTICLE
            else float(emp or 0) * (1e-4 if mapping == m.MAPPING_PART else 1.0)
            for name, kind, emp, mapping in rows}
