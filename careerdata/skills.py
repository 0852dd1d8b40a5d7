"""Skills and tools of the article roles: vocabulary, matching, fit scores and gaps.

Everything here is built from plain data (the skills and tools of ``data/roles/*.yml``, as the
role database holds them, and the aliases of ``data/skills.yml``); nothing names a skill in code.

**What a role asks for** (:func:`requirements`): each of its skills is one requirement of weight
:data:`SKILL_WEIGHT`, met when the user knows one of the skill's terms ("SQL" for "SQL and
databases"), a part of its name split at "and" ("statistics" for "Statistics and data mining") or
words its name begins with ("machine learning" for "Machine learning algorithms"); each tool
that none of its skills already names is one requirement of weight :data:`TOOL_WEIGHT`, met when
the user knows that tool. A skill weighs more than a tool because the articles present skills as
what the job needs and tools as the software commonly used for it.

**Fit** (:meth:`SkillIndex.fit`): a role's score is the weight of its met requirements over the
weight of all of them, in percent; roles are ranked by score, then by the number of requirements
met, then by name, and a role that meets nothing is never listed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from careerdata.names import NameMatcher, phrase_words
from careerdata.text import normalize, singular_forms

#: Weight of a skill and of a tool in a fit score (see the module docstring).
SKILL_WEIGHT = 2
TOOL_WEIGHT = 1
#: Misspelt skills are recognised from this length on ("tablaeu"); shorter ones only exactly.
MIN_FUZZY_LENGTH = 6
KIND_SKILL = "skill"
KIND_TOOL = "tool"
_AND = re.compile(r"\s+and\s+|\s*,\s*")
_PARENS = re.compile(r"\s*\([^)]*\)")


@dataclass(frozen=True)
class Requirement:
    """One thing a role asks for: a skill (``kind`` "skill": its ``name`` and ``terms`` as
    written in the role file) or a tool (``kind`` "tool": ``terms`` is ``(name,)``);
    ``sources`` are the ids of the articles it comes from."""

    kind: str
    name: str
    terms: Tuple[str, ...]
    sources: Tuple[str, ...] = ()

    @property
    def weight(self) -> int:
        """:data:`SKILL_WEIGHT` or :data:`TOOL_WEIGHT`."""
        return SKILL_WEIGHT if self.kind == KIND_SKILL else TOOL_WEIGHT

    @property
    def parts(self) -> Tuple[str, ...]:
        """A skill's name split at "and" and commas, without parentheses, lower case unless
        written in capitals ("ETL"): ``("statistics", "data mining")``; () for a tool."""
        if self.kind != KIND_SKILL:
            return ()
        parts = _AND.split(_PARENS.sub("", self.name))
        return tuple(p if p.isupper() else p.lower() for p in parts if p.strip())

    def keys(self) -> Tuple[str, ...]:
        """Normalised forms a known skill is compared with: terms, then name parts."""
        return self._keys

    @cached_property
    def _keys(self) -> Tuple[str, ...]:  # computed once: fit compares every requirement
        return tuple(dict.fromkeys(normalize(k) for k in (*self.terms, *self.parts)))

    @cached_property
    def _plain_name(self) -> str:
        return normalize(_PARENS.sub("", self.name))

    def met_by(self, skill: str) -> bool:
        """True when the user's ``skill`` (normalised canonical form) meets this requirement:
        it is one of :meth:`keys`, or (two words or more) the skill's name begins with it."""
        if skill in self._keys:
            return True
        return self.kind == KIND_SKILL and " " in skill and self._plain_name.startswith(skill + " ")


def requirements(skills: Iterable[Tuple[str, Sequence[str]]], tools: Iterable[str],
                 sources: Optional[Dict[str, Sequence[str]]] = None) -> List[Requirement]:
    """A role's requirements: one per skill (``(name, terms)``, in order), then one per tool
    that no skill names among its terms. ``sources`` maps a skill or tool name to its article
    ids."""
    cited = {k: tuple(v) for k, v in (sources or {}).items()}
    found = [Requirement(KIND_SKILL, name, tuple(terms), cited.get(name, ()))
             for name, terms in skills]
    named = {normalize(t) for r in found for t in r.terms}
    found += [Requirement(KIND_TOOL, t, (t,), cited.get(t, ()))
              for t in tools if normalize(t) not in named]
    return found


def _transpositions(text: str) -> List[str]:
    """``text`` with each pair of neighbouring letters swapped (texts of 4+ characters)."""
    if len(text) < 4:
        return []
    return [text[:i] + text[i + 1] + text[i] + text[i + 2:] for i in range(len(text) - 1)
            if text[i] != text[i + 1] and text[i].isalpha() and text[i + 1].isalpha()]


@dataclass(frozen=True)
class Fit:
    """How well a set of known skills fits one role: ``score`` in percent (0-100), the
    requirements ``met`` and ``missing`` (in the role's order)."""

    role: str
    score: int
    met: Tuple[Requirement, ...]
    missing: Tuple[Requirement, ...]


@dataclass(frozen=True)
class Usage:
    """Where a role names a skill: ``found`` is False when it does not; ``where`` holds the
    matching requirements; ``others`` the roles that do name it (when this one does not)."""

    role: str
    skill: str
    found: bool
    where: Tuple[Requirement, ...]
    others: Tuple[str, ...] = ()


class SkillIndex:
    """The skills and tools of the article roles, and the ways people write them.

    Args:
        roles: ``{canonical role name: [Requirement, ...]}`` (see :func:`requirements`).
        aliases: ``{alias as written: skill or tool as written in a role file}``.

    Raises:
        ValueError: an alias names a skill no role has (:meth:`unknown_aliases` lists them).
    """

    def __init__(self, roles: Dict[str, List[Requirement]], aliases: Dict[str, str]) -> None:
        self.roles = {role: list(reqs) for role, reqs in roles.items()}
        #: normalised form -> canonical display form, for every skill term, tool and name part
        self.vocabulary: Dict[str, str] = {}
        for reqs in self.roles.values():
            for req in reqs:
                for term in (*req.terms, *req.parts):
                    self.vocabulary.setdefault(normalize(term), term)
        for target in aliases.values():  # "machine learning": words a skill's name begins with
            key = normalize(target)
            if key not in self.vocabulary and self._known(key):
                self.vocabulary[key] = target
        self.unknown_aliases = sorted({t for t in aliases.values() if normalize(t) not in self.vocabulary})
        if self.unknown_aliases:
            raise ValueError(f"aliases of skills no role has: {', '.join(self.unknown_aliases)}")
        self.index: Dict[str, str] = dict(self.vocabulary)
        for alias, target in aliases.items():
            self.index.setdefault(normalize(alias), self.vocabulary[normalize(target)])
        self.matcher = NameMatcher(self.index, min_length=MIN_FUZZY_LENGTH)

    def _known(self, key: str) -> bool:
        return any(req.met_by(key) for reqs in self.roles.values() for req in reqs)

    # -- names ---------------------------------------------------------------------------------

    def names(self) -> Dict[str, List[str]]:
        """``{canonical skill: [aliases...]}`` (normalised aliases other than the name itself)."""
        found: Dict[str, List[str]] = {name: [] for name in self.vocabulary.values()}
        for key, name in self.index.items():
            if key != normalize(name):
                found[name].append(key)
        return found

    def resolve(self, text: str) -> Optional[str]:
        """The canonical skill or tool ``text`` names, or None when it is none the roles have:
        exact, an alias ("postgres" -> "PostgreSQL"), a close spelling of 6+ letters
        ("kubernets"), or two neighbouring letters swapped in 4+ letters ("tablaeu")."""
        norm = normalize(text)
        for form in singular_forms(norm) if norm else ():
            if form in self.index:
                return self.index[form]
        exact = self.matcher.exact(norm) if norm else None
        if exact is not None:
            return self.index[exact]
        close = self.matcher.close(norm) if len(norm) >= MIN_FUZZY_LENGTH else None
        if close:
            return self.index[close[0]]
        for swapped in _transpositions(norm):  # "tablaeu": a ratio of 85.7, under the cutoff
            if swapped in self.index:
                return self.index[swapped]
        return None

    def scan(self, message: str) -> List[str]:
        """Canonical skills written anywhere in ``message``, in order, each once."""
        found: List[str] = []
        for match in self.matcher.find(phrase_words(message, normalize)):
            name = self.index[match.name]
            if name not in found:
                found.append(name)
        return found

    # -- questions -----------------------------------------------------------------------------

    def roles_with(self, skill: str) -> List[Tuple[str, Tuple[Requirement, ...]]]:
        """``[(role, requirements the skill meets), ...]`` for the roles that name ``skill`` (a
        canonical name), alphabetically."""
        key = normalize(skill)
        found = []
        for role in sorted(self.roles):
            where = tuple(r for r in self.roles[role] if r.met_by(key))
            if where:
                found.append((role, where))
        return found

    def uses(self, role: str, skill: str) -> Usage:
        """Whether ``role`` names ``skill`` (canonical names). Raises ``KeyError`` for a role
        without skill data (an official occupation)."""
        key = normalize(skill)
        where = tuple(r for r in self.roles[role] if r.met_by(key))
        others = () if where else tuple(r for r, _ in self.roles_with(skill))
        return Usage(role, skill, bool(where), where, others)

    def fit_one(self, role: str, known: Sequence[str]) -> Fit:
        """The :class:`Fit` of ``known`` (canonical skills) for ``role``. Raises ``KeyError`` for a
        role without skill data."""
        keys = [normalize(k) for k in known]
        reqs = self.roles[role]
        met = tuple(r for r in reqs if any(r.met_by(k) for k in keys))
        total = sum(r.weight for r in reqs) or 1
        score = round(100 * sum(r.weight for r in met) / total)
        return Fit(role, score, met, tuple(r for r in reqs if r not in met))

    def fit(self, known: Sequence[str], limit: int = 3) -> List[Fit]:
        """The roles ``known`` fits best (score, then requirements met, then name), at most
        ``limit`` and only roles that meet at least one requirement. Ties with the last one
        shown are shown too, so that no equal role is hidden."""
        fits = [self.fit_one(role, known) for role in self.roles]
        fits = sorted((f for f in fits if f.met), key=lambda f: (-f.score, -len(f.met), f.role))
        if len(fits) <= limit:
            return fits
        cut = fits[limit - 1].score
        return [f for i, f in enumerate(fits) if i < limit or f.score == cut]

    def gap(self, target: str, have: Sequence[str]) -> Tuple[Tuple[Requirement, ...], Tuple[Requirement, ...]]:
        """``(missing, met)``: the requirements of ``target`` that the canonical skills ``have``
        do not meet, and those they meet. Raises ``KeyError`` for a role without skill data."""
        fit = self.fit_one(target, have)
        return fit.missing, fit.met

    @staticmethod
    def within(met: Sequence[Requirement], have: Sequence[str]
               ) -> List[Tuple[Requirement, Tuple[str, ...]]]:
        """For the skills of ``met``, the terms that ``have`` (canonical skills) does not name:
        a "Programming" met through Python alone still lists Java and Scala. Skills whose every
        term is had, and tools, are left out."""
        keys = {normalize(h) for h in have}
        found = []
        for req in met:
            rest = tuple(t for t in req.terms if normalize(t) not in keys)
            if req.kind == KIND_SKILL and rest and len(rest) < len(req.terms):
                found.append((req, rest))
        return found

    def role_skills(self, role: str) -> List[str]:
        """Every canonical skill and tool ``role`` names (terms and name parts), in order."""
        return list(dict.fromkeys(self.vocabulary[normalize(t)]
                                  for r in self.roles[role] for t in (*r.terms, *r.parts)))
