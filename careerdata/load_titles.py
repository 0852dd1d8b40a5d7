"""``make db``: the job titles people use, from O*NET 30.1 Alternate Titles and Sample of
Reported Titles (table ``onet_titles``), resolved to roles (table ``job_titles``).

Run after the occupation roles and the depth tables. For every title row, the title without its
parenthesised part ("Chief Executive Officer (CEO)" -> "chief executive officer") and O*NET's
short title ("CEO") are normalised; a form is kept when it is

* not already a role's name or alias (those are the roles' own and win), nor a state's postal
  abbreviation ("PA", "DC": the place wins),
* at most :data:`MAX_WORDS` words and :data:`MAX_LENGTH` characters, not ending with a
  particle ("Pick Up": :data:`NOT_LAST`),
* not one English word ("Supervisor", "Associate": too generic to name one occupation), except
  O*NET's short titles written in capitals ("PM", "LCSW"; not "IT" or "US", nor a longer English
  word: "CAT").

A form of one occupation resolves to its role; a form several occupations share keeps one row
per role, ranked: occupations whose own title shares more of the form's words first ("UX
designer" -> Web and Digital Interface Designers before Software Quality Assurance Analysts;
"project manager" -> Information Technology Project Managers before Managers, All Other), then
by national employment (a detailed O*NET occupation after those BLS counts on their own). When
the first is plainly the one meant (:func:`_clear_winner`) the title is its alone. Idempotent: the ``loaded_files`` row :data:`DIGEST_PATH` holds a digest of the
inputs (the open data's manifest, the occupation roles, this code); unchanged inputs write
nothing.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Set, Tuple

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Engine

from careerdata import models as m
from careerdata import models_depth as d
from careerdata.english import is_english_word
from careerdata.text import normalize, singular_forms

DIGEST_PATH = "job-titles"
#: Bump when the rules above change.
RULES_VERSION = "6"
MAX_WORDS = 6
MAX_LENGTH = 60
_PARENS = re.compile(r"\s*\([^)]*\)")
#: Short words that are never a job title, even in capitals ("IT", "US").
FUNCTION_WORDS = frozenset("a am an as at be by do go he i if in is it me my no of on or so to "
                           "up us we".split())
#: Words a job title never ends with: "Pick Up" reads as a verb in "skills to pick up".
NOT_LAST = FUNCTION_WORDS | frozenset("out off down over away back around".split())


@dataclass
class TitlesReport:
    """What :func:`sync` did: ``loaded`` False when nothing changed."""

    loaded: bool
    unique: int = 0
    shared: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        """One line for ``make db``."""
        if not self.loaded:
            return f"job titles unchanged ({self.seconds:.1f} s)"
        return (f"{self.unique:,} titles of one occupation, {self.shared:,} shared by several "
                f"({self.seconds:.1f} s)")


def title_forms(title: str, short: str = "") -> Set[str]:
    """The normalised forms a title row gives: the title without parentheses, and the short
    title. ``title_forms("Registered Nurse (RN)", "RN") == {"registered nurse", "rn"}``."""
    forms = {f for f in [normalize(_PARENS.sub("", title))]
             if f and len(f) <= MAX_LENGTH and len(f.split()) <= MAX_WORDS
             and not (" " not in f and (len(f) < 2 or is_english_word(f)))
             and f.split()[-1] not in NOT_LAST}
    acronym = normalize(short or "")
    english = is_english_word(acronym)
    if short and short.isupper() and 2 <= len(acronym) <= 6 and acronym not in FUNCTION_WORDS \
            and (len(acronym) == 2 or not english):
        forms.add(acronym)  # "PM", "LCSW": O*NET's short titles in capitals
    elif acronym and acronym not in forms and len(acronym.split()) <= MAX_WORDS \
            and not (" " not in acronym and is_english_word(acronym)):
        forms.add(acronym)
    return forms


def _digest(conn) -> str:
    rows = conn.execute(select(m.LoadedFile.path, m.LoadedFile.sha256).where(
        m.LoadedFile.path.in_((d.DIGEST_PATH, "occupation-roles")))).all()
    roles = conn.execute(select(m.Role.id, m.Role.name)).all()
    code = Path(__file__).read_bytes()
    text = repr((sorted(rows), len(roles), max((r.id for r in roles), default=0), RULES_VERSION))
    return hashlib.sha256(text.encode("utf-8") + code).hexdigest()


def _head_words(name: str) -> Set[str]:
    """The words of an occupation's title before any comma, with their singular forms."""
    return {f for w in normalize(name.split(",")[0]).split() for f in singular_forms(w)}


def _clear_winner(form: str, ranked: List[str]) -> bool:
    """Whether the first of ``ranked`` (occupation titles, likeliest first) is plainly the one
    a shared title means: its own title has the title's head noun and shares more of its words
    than any other ("UX designer": Web and Digital Interface Designers, not Software Quality
    Assurance Analysts and Testers; "social worker" stays a question)."""
    wanted = {f for w in form.split() for f in singular_forms(w)}
    head = set(singular_forms(form.split()[-1]))
    first, second = (len(wanted & _head_words(name)) for name in ranked[:2])
    return bool(head & _head_words(ranked[0])) and first > second


def sync(engine: Engine) -> TitlesReport:
    """Rebuild ``job_titles`` when its inputs changed (one transaction)."""
    started = time.perf_counter()
    m.Base.metadata.create_all(engine)
    with engine.begin() as conn:
        digest = _digest(conn)
        current = conn.execute(
            select(m.LoadedFile.sha256).where(m.LoadedFile.path == DIGEST_PATH)).scalar()
        if current == digest:
            return TitlesReport(False, seconds=time.perf_counter() - started)
        taken = set(conn.execute(select(m.Alias.normalized)).scalars())
        # a title that is also a place's abbreviation ("PA", "DC") would take the place
        taken |= set(conn.execute(select(m.AreaAlias.normalized)
                                  .where(m.AreaAlias.kind == "usps")).scalars())
        # a detailed O*NET occupation shares its SOC occupation's employment: ranked after
        # the occupations BLS counts on their own, as the resolver does
        roles = {code: (rid, name, (emp or 0) * (1e-4 if mapping == m.MAPPING_PART else 1.0))
                 for rid, code, name, emp, mapping in conn.execute(
                     select(m.Role.id, m.Role.onet_code, m.Role.name, m.Role.employment,
                            m.Role.mapping).where(m.Role.onet_code.is_not(None)))}
        found: Dict[str, Dict[int, Tuple[str, bool]]] = defaultdict(dict)
        for code, title, short, reported in conn.execute(select(
                d.OnetTitle.onet_code, d.OnetTitle.title, d.OnetTitle.short, d.OnetTitle.reported)):
            if code not in roles:
                continue
            role_id = roles[code][0]
            for form in title_forms(title, short or "") - taken:
                shown = short if short and normalize(short) == form else title
                was = found[form].get(role_id)
                found[form][role_id] = (shown, bool(reported or short) or bool(was and was[1]))
        names = {rid: (name, emp) for rid, name, emp in roles.values()}
        rows: List[dict] = []
        for form, by_role in found.items():
            wanted = {f for w in form.split() for f in singular_forms(w)}

            def likelihood(role_id: int) -> Tuple[int, float]:
                name, emp = names[role_id]
                return (-len(wanted & _head_words(name)), -emp)

            ranked = sorted(by_role, key=likelihood)
            if len(ranked) > 1 and _clear_winner(form, [names[r][0] for r in ranked]):
                ranked = ranked[:1]
            for rank, role_id in enumerate(ranked):
                title, reported = by_role[role_id]
                rows.append({"normalized": form, "title": title[:300], "role_id": role_id,
                             "rank": rank, "shared": len(ranked) > 1, "reported": reported})
        conn.execute(delete(d.JobTitle.__table__))
        for start in range(0, len(rows), 5000):
            conn.execute(insert(d.JobTitle.__table__), rows[start:start + 5000])
        conn.execute(delete(m.LoadedFile.__table__).where(m.LoadedFile.path == DIGEST_PATH))
        conn.execute(insert(m.LoadedFile.__table__), [{"path": DIGEST_PATH, "sha256": digest}])
    shared = sum(1 for by_role in found.values() if len(by_role) > 1)
    return TitlesReport(True, len(found) - shared, shared, time.perf_counter() - started)


def read_titles(session) -> Dict[str, Tuple[str, ...]]:
    """``{normalised job title: role names, likeliest first}`` from ``job_titles`` (what
    :class:`careerdata.roles.RoleResolver` matches)."""
    rows = session.execute(
        select(d.JobTitle.normalized, m.Role.name).join(m.Role, d.JobTitle.role_id == m.Role.id)
        .order_by(d.JobTitle.normalized, d.JobTitle.rank))
    found: Dict[str, List[str]] = {}
    for title, name in rows:
        found.setdefault(title, []).append(name)
    return {t: tuple(names) for t, names in found.items()}
