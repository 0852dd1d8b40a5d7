"""Which occupations use a technology or tool (O*NET 30.1 Technology Skills and Tools Used).

:class:`TechnologyIndex` is built once from ``onet_technology`` (about 74,000 rows) into an
inverted index of example words, so a question costs a few set intersections, not a pass over
the rows. A term matches an example that has all of its words ("Excel" -> "Microsoft Excel",
"SQL" -> "Microsoft SQL Server"; "MySQL" is another word); an example equal to the term wins
over longer ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, FrozenSet, List, Optional, Set, Tuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from careerdata import models as m
from careerdata import models_depth as d
from careerdata.text import normalize


@dataclass(frozen=True)
class Users:
    """The occupations whose O*NET technology or tools name ``term``.

    Attributes:
        term: as asked.
        examples: the O*NET examples matched, most used first.
        occupations: ``(role name, national employment or 0, Hot Technology)``: those where
            O*NET marks it In Demand first (employers ask for it in job postings), then Hot
            Technology, each most employed first; a detailed O*NET occupation (which shares its
            SOC occupation's employment) has 0 and comes after those BLS counts on their own.
        in_demand: how many of them O*NET marks In Demand for it.
    """

    term: str
    examples: Tuple[str, ...]
    occupations: Tuple[Tuple[str, int, bool], ...]
    in_demand: int = 0

    @property
    def hot(self) -> int:
        """How many of the occupations list it as a Hot Technology."""
        return sum(1 for _, _, hot in self.occupations if hot)


class TechnologyIndex:
    """Example words -> examples -> occupations (see the module docstring)."""

    def __init__(self, rows, roles: Dict[str, Tuple[str, int]]) -> None:
        """``rows``: ``(onet_code, example, hot, in_demand)``; ``roles``: ``{onet_code: (role
        name, national employment, or 0 for a detailed O*NET occupation)}`` (occupations
        without a role are left out)."""
        self._by_word: Dict[str, Set[str]] = {}
        self._users: Dict[str, Dict[str, Tuple[bool, bool]]] = {}  # example -> {role: flags}
        self._employment: Dict[str, int] = {}
        self._hot: Dict[str, List[str]] = {}  # role -> its Hot Technology examples
        for code, example, hot, in_demand in rows:
            if code not in roles:
                continue
            role, people = roles[code]
            self._employment[role] = people or 0
            users = self._users.setdefault(example, {})
            was = users.get(role, (False, False))
            users[role] = (was[0] or bool(hot), was[1] or bool(in_demand))
            if hot and example not in self._hot.setdefault(role, []):
                self._hot[role].append(example)
            for word in normalize(example).split():
                self._by_word.setdefault(word, set()).add(example)

    def examples(self, term: str) -> List[str]:
        """The examples naming every word of ``term``, an example equal to it alone if any,
        most used first."""
        words = normalize(term).split()
        if not words:
            return []
        found: FrozenSet[str] = frozenset(self._by_word.get(words[0], ()))
        for word in words[1:]:
            found &= self._by_word.get(word, set())
        exact = [e for e in found if normalize(e) == " ".join(words)]
        chosen = exact or list(found)
        return sorted(chosen, key=lambda e: (-len(self._users[e]), e))

    def product(self, term: str) -> Optional[str]:
        """The O*NET example ``term`` names as one product: exactly, by the product's short
        name without its maker ("Access" -> "Microsoft Access", "Dentrix" -> "Henry Schein
        Dentrix"), with "software" or "systems"
        after it ("SAP" -> "SAP software"), or as the acronym an example ends with ("COBOL" ->
        "Common business oriented language COBOL"); the most used when several. A lower-case
        English word matches exactly only ("time" is no "isolved Time"). None when there is
        none ("data" names no one product)."""
        from careerdata.english import is_english_word

        words = normalize(term).split()
        strict = term.islower() and len(words) == 1 and is_english_word(words[0])
        found = [e for e in self.examples(term)
                 if normalize(e).split() == words or (not strict and _same_product(e, words))]
        return found[0] if found else None

    def find_products(self, text: str, longest: int = 3) -> List[str]:
        """The O*NET examples a message names as products (:meth:`product` of its runs of
        1–``longest`` words, longer runs first, none starting or ending with a function word; a
        first word capitalised only as the sentence's first counts as written in lower case):
        "who uses QuickBooks at work?" -> ["Intuit QuickBooks"]."""
        words = re.findall(r"[\w+#.-]+", text)
        found: List[Tuple[int, str]] = []
        taken: Set[int] = set()
        for size in range(longest, 0, -1):
            for i in range(len(words) - size + 1):
                run = words[i:i + size]
                if taken & set(range(i, i + size)) or run[0].lower() in _FUNCTION_WORDS \
                        or run[-1].lower() in _FUNCTION_WORDS:
                    continue
                phrase = " ".join(run)
                name = self.product(phrase.lower() if i == 0 and size == 1 else phrase)
                if name and name not in [n for _, n in found]:
                    found.append((i, name))
                    taken |= set(range(i, i + size))
        return [name for _, name in sorted(found)]

    def hot(self, role: str) -> List[str]:
        """``role``'s Hot Technology examples (O*NET 30.1): those employers ask for in its job
        postings (In Demand) first, then the most particular to it (fewest occupations)."""
        return sorted(self._hot.get(role, ()),
                      key=lambda e: (not self._users[e][role][1], len(self._users[e]), e))

    def uses(self, role: str, example: str) -> bool:
        """True when O*NET lists the example (exactly as it writes it) for ``role``."""
        return role in self._users.get(example, {})

    def examples_of(self, term: str, role: str) -> List[str]:
        """The examples naming ``term`` that ``role`` uses ("excel", Accountants and Auditors
        -> ["Microsoft Excel"]), most used first."""
        return [e for e in self.examples(term) if role in self._users[e]]

    def users(self, term: str) -> Users:
        """The occupations using ``term`` (see :class:`Users`); none when nothing matches."""
        examples = self.examples(term)
        flags: Dict[str, Tuple[bool, bool]] = {}
        for example in examples:
            for role, (hot, wanted) in self._users[example].items():
                was = flags.get(role, (False, False))
                flags[role] = (was[0] or hot, was[1] or wanted)
        ranked = sorted(flags, key=lambda r: (not flags[r][1], not flags[r][0],
                                              -self._employment.get(r, 0), r))
        return Users(term, tuple(examples),
                     tuple((r, self._employment.get(r, 0), flags[r][0]) for r in ranked),
                     in_demand=sum(1 for r in ranked if flags[r][1]))


#: What may follow a product's name in an example: "SAP software", "Trimble SketchUp Pro".
_PRODUCT_TAILS = frozenset({"software", "systems", "system", "pro", "professional"})
#: Words a product name never starts or ends with in a question ("which", "use", "jobs").
_FUNCTION_WORDS = frozenset("""a an the and or of in on at for to with by from as is are do does
did can could would should will who what which where when how why whose i me my you your we
our they their it its this that these those use uses used using job jobs work works career careers
occupation occupations role roles people professionally like other any some""".split())


def _same_product(example: str, words: List[str]) -> bool:
    """True when ``example`` names the product of ``words`` (see :meth:`TechnologyIndex.product`):
    ``words`` with at most its maker's name before ("Microsoft Access", "Henry Schein Dentrix")
    and one word of :data:`_PRODUCT_TAILS` after ("SAP software", "Trimble SketchUp Pro")."""
    mine, size = normalize(example).split(), len(words)
    if not words or words[0].isdigit():
        return mine == words
    for start in range(len(mine) - size + 1):
        rest = mine[start + size:]
        if mine[start:start + size] == words and (not rest or (len(rest) == 1
                                                               and rest[0] in _PRODUCT_TAILS)):
            return True
    return False


def build_index(session: Session) -> TechnologyIndex:
    """The :class:`TechnologyIndex` of the loaded O*NET technology and tools (empty before
    ``make db`` loaded them)."""
    roles = {code: (name, 0 if mapping == m.MAPPING_PART else (people or 0))
             for code, name, people, mapping in session.execute(
                 select(m.Role.onet_code, m.Role.name, m.Role.employment, m.Role.mapping)
                 .where(m.Role.onet_code.is_not(None)))}
    rows = session.execute(select(d.OnetTechnology.onet_code, d.OnetTechnology.example,
                                  d.OnetTechnology.hot, d.OnetTechnology.in_demand))
    return TechnologyIndex(rows, roles)
