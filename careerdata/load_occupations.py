"""Make a role of every official occupation (O*NET and OEWS), with the names users type for it.

Run by ``make db`` after the articles, OEWS and O*NET are loaded
(run by ``make db``, :mod:`careerdata.load`). :func:`sync`:

* makes a role (kind ``occupation``) of every O*NET occupation (slug ``onet-29-1141-01``,
  ``soc_code`` = its ``wage_soc``; mapping ``same`` for a ``.00`` code that OEWS covers on its
  own, ``part`` for a sub-occupation or one inside an OEWS aggregate) and of every detailed OEWS
  occupation that no O*NET occupation has (slug ``soc-13-1020``, mapping ``same``); an OEWS-only
  title equal to an O*NET title gives one role;
* merges an occupation into the article role mapped to its SOC with mapping ``same``
  (article "Data Scientist" -> 15-2051 "Data Scientists"): no occupation role is made, the
  article role gets the occupation's ``onet_code``, employment and the title's aliases where free.
  Article roles mapped ``closest`` stay separate;
* gives aliases from :func:`careerdata.titles.title_aliases`. Article roles' own aliases always
  win. An alias that two occupations would both get goes to neither, except each occupation's
  title and its singular: when those collide the occupation with more employment keeps it
  (reported). A derived alias that ends another role's alias ("detective" / "private detective",
  "cook" / "head cook") is dropped too, so the resolver treats the word as generic.
* sets ``Role.employment`` to national employment (OEWS, area ``0000000``) or None.

Idempotent: a digest of the inputs (OEWS and O*NET release hashes, the occupations, national
employment, the article roles and their own aliases, this code) is kept in ``LoadedFile``
``occupation-roles``; unchanged inputs write nothing. Otherwise all occupation roles and aliases
are rebuilt in one transaction (bulk deletes and inserts). ``LoadedFile`` rows
``occupation-roles/alias/<alias>`` remember the aliases added to article roles, so that a rebuild
can take them back; a run also rebuilds when what the last one wrote is gone (occupation roles
deleted, an article role re-created without its merged ``onet_code``, employment or aliases).
For article roles mapped ``same``, ``onet_code`` and ``employment`` belong to this module.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Set, Tuple

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from careerdata import models as m
from careerdata.text import normalize
from careerdata.titles import singular_title, title_aliases

#: Bump when the alias rules change in a way the source hash would not show.
RULES_VERSION = "1"
DIGEST_PATH = "occupation-roles"
#: ``LoadedFile`` path prefix of an alias added to an article role (``sha256`` = its slug hash).
ALIAS_MARK = "occupation-roles/alias/"
NATIONAL = "0000000"
_SOURCES = ("load_occupations.py", "titles.py", "text.py")
#: Common names of occupations ("RN", "lineman"), keyed by exact title: see the file's header.
COMMON_NAMES_FILE = Path(__file__).resolve().parent.parent / "data" / "occupation_names.yml"


def read_common_names(path: Path = COMMON_NAMES_FILE) -> Dict[str, List[str]]:
    """``{exact occupation title: [common name, ...]}`` from ``data/occupation_names.yml``
    (empty when the file is missing). Raises ``ValueError`` for a malformed file."""
    import yaml

    if not Path(path).is_file():
        return {}
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    if not isinstance(raw, dict) or not all(
        isinstance(v, list) and all(isinstance(n, str) and n.strip() for n in v)
        for v in raw.values()
    ):
        raise ValueError(f"{path}: expected a mapping of titles to lists of names")
    return {str(k): [n.strip() for n in v] for k, v in raw.items()}
_MAX_ALIAS = 200


@dataclass
class OccupationRolesReport:
    """What :func:`sync` did; counts are of what the database holds afterwards."""

    changed: bool = False
    onet_roles: int = 0
    soc_roles: int = 0
    aliases: int = 0  # aliases of occupation roles plus those added to article roles
    added_to_articles: int = 0
    shared_dropped: int = 0  # aliases two or more occupations would get, given to none
    generic_dropped: int = 0  # derived aliases that end another role's alias
    merged: List[str] = field(default_factory=list)
    title_collisions: List[str] = field(default_factory=list)
    skipped: List[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def roles(self) -> int:
        return self.onet_roles + self.soc_roles

    def summary(self) -> str:
        """A short human-readable report."""
        state = "rebuilt" if self.changed else "unchanged"
        lines = [
            f"occupation roles {state} in {self.seconds:.2f}s: {self.roles} "
            f"({self.onet_roles} O*NET, {self.soc_roles} OEWS only), {self.aliases} aliases "
            f"({self.added_to_articles} on article roles)"
        ]
        if self.changed:
            lines.append(
                f"aliases dropped: {self.shared_dropped} shared by occupations, "
                f"{self.generic_dropped} generic"
            )
        for label, items in (
            ("merged into article roles", self.merged),
            ("title collisions", self.title_collisions),
            ("skipped", self.skipped),
        ):
            if items:
                lines.append(f"{label} ({len(items)}): " + "; ".join(items))
        return "\n".join(lines)


@dataclass
class _Planned:
    """An occupation to give aliases to: a new role, or an article role it is merged into."""

    key: str  # slug of the role that will hold it
    name: str  # official title
    soc_code: Optional[str]
    employment: Optional[int]
    onet_code: Optional[str] = None
    mapping: Optional[str] = None
    article: bool = False


def _digest(parts: list) -> str:
    here = Path(__file__).resolve().parent
    source = hashlib.sha256()
    for name in _SOURCES:
        source.update((here / name).read_bytes())
    payload = json.dumps([RULES_VERSION, source.hexdigest(), parts], sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


def _slug_mark(slug: str) -> str:
    return hashlib.sha256(slug.encode()).hexdigest()


def _plan_roles(onet, oews, employment, articles, report) -> List[_Planned]:
    """Decide the occupation roles and the article roles that occupations merge into."""
    same = {}
    for a in sorted(articles, key=lambda a: a.name):
        if a.mapping == m.MAPPING_SAME and a.soc_code:
            same.setdefault(a.soc_code, a)
    taken = {normalize(a.name) for a in articles}
    planned: List[_Planned] = []
    by_title: Dict[str, _Planned] = {}

    def merge(article, title, soc, onet_code):
        report.merged.append(f"{article.name} = {title} ({onet_code or soc})")
        item = _Planned(article.slug, title, soc, employment.get(soc), onet_code, article=True)
        planned.append(item)
        del same[soc]

    onet_socs = {row.soc_code for row in onet}
    for row in sorted(onet, key=lambda r: r.onet_code):
        if row.onet_code.endswith(".00") and row.soc_code in same:
            merge(same[row.soc_code], row.title, row.soc_code, row.onet_code)
            continue
        if normalize(row.title) in taken:
            report.skipped.append(f"{row.onet_code} {row.title}: an article role has the name")
            continue
        whole = row.onet_code.endswith(".00") and row.wage_soc == row.soc_code
        mapping = None if row.wage_soc is None else m.MAPPING_SAME if whole else m.MAPPING_PART
        item = _Planned(
            "onet-" + row.onet_code.replace(".", "-"), row.title,
            row.wage_soc, employment.get(row.wage_soc), row.onet_code, mapping,
        )
        planned.append(item)
        taken.add(normalize(row.title))
        by_title[normalize(row.title)] = item
    for soc, title in sorted(oews):
        if soc in onet_socs:
            continue
        if soc in same:
            merge(same[soc], title, soc, None)
            continue
        twin = by_title.get(normalize(title))
        if twin is not None:  # the same occupation under both codes: keep the O*NET role
            if twin.soc_code is None:
                twin.soc_code, twin.employment = soc, employment.get(soc)
                twin.mapping = m.MAPPING_SAME if twin.onet_code.endswith(".00") else m.MAPPING_PART
            report.skipped.append(f"{soc} {title}: same title as O*NET {twin.onet_code}")
            continue
        if normalize(title) in taken:
            report.skipped.append(f"{soc} {title}: an article role has the name")
            continue
        planned.append(
            _Planned(f"soc-{soc}", title, soc, employment.get(soc), None, m.MAPPING_SAME)
        )
        taken.add(normalize(title))
    return planned


def _plan_aliases(
    planned: List[_Planned], article_aliases: Dict[str, str], report: OccupationRolesReport,
    common: Optional[Dict[str, List[str]]] = None,
) -> Dict[str, Tuple[str, str]]:
    """Return ``{normalized: (alias, owner slug)}`` of the aliases to add; ``common`` names
    (:func:`read_common_names`) are kept like the titles themselves."""
    forms: Dict[str, Dict[str, str]] = {}  # owner -> {normalized: alias}
    protected: Dict[str, Set[str]] = {}
    rank = {p.key: (-(p.employment or 0), p.name) for p in planned}
    names = {p.key: p.name for p in planned}
    for p in planned:
        own = forms.setdefault(p.key, {})
        full = {normalize(p.name), normalize(singular_title(p.name))}
        for alias in title_aliases(p.name):
            key = normalize(alias)
            if len(alias) <= _MAX_ALIAS and key not in own:
                own[key] = alias
                if key in full:
                    protected.setdefault(key, set()).add(p.key)
        for alias in (common or {}).get(p.name, ()):
            own[normalize(alias)] = alias
            protected.setdefault(normalize(alias), set()).add(p.key)
    owners: Dict[str, Set[str]] = {}
    suffix_owners: Dict[str, Set[str]] = {}
    everything = [(k, o, a) for o, table in forms.items() for k, a in table.items()]
    everything += [(k, o, k) for k, o in article_aliases.items()]
    for key, owner, alias in everything:
        owners.setdefault(key, set()).add(owner)
        if any(mark in alias for mark in (",", " of ", "--")):
            continue  # its last word need not be its head noun ("..., Except Brickmasons")
        words = alias.lower().split()  # "non-retail sales supervisor" keeps "non-retail"
        for i in range(1, len(words)):
            suffix_owners.setdefault(normalize(" ".join(words[i:])), set()).add(owner)
    result: Dict[str, Tuple[str, str]] = {}
    generic: List[str] = []
    for key, candidates in owners.items():
        if key in article_aliases:
            continue
        keepers = protected.get(key)
        if keepers:
            winner = min(keepers, key=rank.__getitem__)
            if len(keepers) > 1:
                losers = ", ".join(sorted(names[k] for k in keepers - {winner}))
                report.title_collisions.append(
                    f"'{forms[winner][key]}' kept by {names[winner]}, not {losers}"
                )
            result[key] = (forms[winner][key], winner)
        elif len(candidates) > 1:
            report.shared_dropped += 1
        elif suffix_owners.get(key, set()) - candidates:
            generic.append(key)
        else:
            (owner,) = candidates
            result[key] = (forms[owner][key], owner)
    # A generic alias stays when its role would otherwise have none of its words left, so
    # that the resolver still counts the role among the candidates of the word.
    words: Dict[str, Set[str]] = {}
    for key, (_, owner) in result.items():
        words.setdefault(owner, set()).update(key.split())
    for key in generic:
        (owner,) = owners[key]
        if set(key.split()) <= words.get(owner, set()):
            report.generic_dropped += 1
        else:
            result[key] = (forms[owner][key], owner)
    return result


def sync(engine: Engine) -> OccupationRolesReport:
    """Make the occupation roles and their aliases match the loaded OEWS and O*NET data."""
    started = time.perf_counter()
    m.Base.metadata.create_all(engine)
    report = OccupationRolesReport()
    common = read_common_names()
    with Session(engine, future=True) as session, session.begin():
        releases = dict(session.execute(  # the releases the roles are made from
            select(m.Release.dataset, m.Release.sha256)
            .where(m.Release.dataset.in_((m.DATASET_OEWS, m.DATASET_ONET)))).all())
        onet = session.execute(
            select(
                m.OnetOccupation.onet_code, m.OnetOccupation.soc_code,
                m.OnetOccupation.title, m.OnetOccupation.wage_soc,
            )
        ).all()
        oews = session.execute(
            select(m.Occupation.soc_code, m.Occupation.title).where(m.Occupation.level == 3)
        ).all()
        employment = dict(
            session.execute(
                select(m.Wage.soc_code, m.Wage.employment).where(m.Wage.area_code == NATIONAL)
            ).all()
        )
        articles = session.execute(
            select(m.Role.id, m.Role.slug, m.Role.name, m.Role.soc_code, m.Role.mapping)
            .where(m.Role.kind == m.KIND_ARTICLE)
        ).all()
        merged_state = {  # what this module sets on article roles
            slug: (onet_code, people) for slug, onet_code, people in session.execute(
                select(m.Role.slug, m.Role.onet_code, m.Role.employment)
                .where(m.Role.kind == m.KIND_ARTICLE)
            )
        }
        slug_of = {a.id: a.slug for a in articles}
        marks = {
            path[len(ALIAS_MARK):]: digest
            for path, digest in session.execute(
                select(m.LoadedFile.path, m.LoadedFile.sha256)
                .where(m.LoadedFile.path.startswith(ALIAS_MARK))
            )
        }
        added_before: List[int] = []
        article_aliases: Dict[str, str] = {}  # normalized -> owner slug (own aliases only)
        for alias_id, role_id, key in session.execute(
            select(m.Alias.id, m.Alias.role_id, m.Alias.normalized)
            .where(m.Alias.role_id.in_(list(slug_of)))
        ):
            if marks.get(key) == _slug_mark(slug_of[role_id]):
                added_before.append(alias_id)
            else:
                article_aliases[key] = slug_of[role_id]
        digest = _digest([
            sorted(releases.items()), sorted(map(tuple, onet)), sorted(map(tuple, oews)),
            sorted(employment.items()), sorted(map(tuple, articles)),
            sorted(article_aliases.items()), sorted((k, tuple(v)) for k, v in common.items()),
        ])
        stored = session.get(m.LoadedFile, DIGEST_PATH)
        planned = _plan_roles(onet, oews, employment, articles, report)
        new_roles = [p for p in planned if not p.article]
        existing = session.scalar(
            select(func.count()).select_from(m.Role).where(m.Role.kind == m.KIND_OCCUPATION)
        )
        intact = (  # nobody removed what the last run wrote (e.g. re-created an article role)
            existing == len(new_roles)
            and len(added_before) == len(marks)
            and all(
                merged_state[p.key] == (p.onet_code, p.employment) for p in planned if p.article
            )
        )
        if stored is not None and stored.sha256 == digest and intact:
            return _counts(session, report, started)

        report.changed = True

        def run(statement):
            return session.execute(statement.execution_options(synchronize_session=False))

        occupation_ids = select(m.Role.id).where(m.Role.kind == m.KIND_OCCUPATION)
        run(delete(m.Alias).where(m.Alias.role_id.in_(occupation_ids)))
        run(delete(m.Role).where(m.Role.kind == m.KIND_OCCUPATION))
        if added_before:
            run(delete(m.Alias).where(m.Alias.id.in_(added_before)))
        run(delete(m.LoadedFile).where(m.LoadedFile.path.startswith(DIGEST_PATH)))
        run(  # onet_code and employment of roles mapped "same" are set here
            update(m.Role).where(m.Role.kind == m.KIND_ARTICLE)
            .where(m.Role.mapping == m.MAPPING_SAME).values(onet_code=None, employment=None)
        )
        if new_roles:
            session.execute(insert(m.Role), [
                dict(slug=p.key, name=p.name, kind=m.KIND_OCCUPATION, onet_code=p.onet_code,
                     soc_code=p.soc_code, mapping=p.mapping, employment=p.employment)
                for p in new_roles
            ])
        for p in planned:
            if p.article:
                run(
                    update(m.Role).where(m.Role.slug == p.key)
                    .values(onet_code=p.onet_code, employment=p.employment)
                )
        ids = dict(session.execute(select(m.Role.slug, m.Role.id)).all())
        aliases = _plan_aliases(planned, article_aliases, report, common)
        if aliases:
            session.execute(insert(m.Alias), [
                dict(role_id=ids[owner], alias=alias, normalized=key)
                for key, (alias, owner) in aliases.items()
            ])
        article_slugs = {p.key for p in planned if p.article}
        session.execute(insert(m.LoadedFile), [dict(path=DIGEST_PATH, sha256=digest)] + [
            dict(path=ALIAS_MARK + key, sha256=_slug_mark(owner))
            for key, (_, owner) in aliases.items() if owner in article_slugs
        ])
        return _counts(session, report, started)


def _counts(session: Session, report: OccupationRolesReport, started: float):
    session.flush()
    rows = session.execute(
        select(m.Role.slug, func.count(m.Alias.id))
        .outerjoin(m.Alias, m.Alias.role_id == m.Role.id)
        .where(m.Role.kind == m.KIND_OCCUPATION).group_by(m.Role.slug)
    ).all()
    report.onet_roles = sum(1 for slug, _ in rows if slug.startswith("onet-"))
    report.soc_roles = len(rows) - report.onet_roles
    report.added_to_articles = session.scalar(
        select(func.count()).select_from(m.LoadedFile)
        .where(m.LoadedFile.path.startswith(ALIAS_MARK))
    )
    report.aliases = sum(n for _, n in rows) + report.added_to_articles
    report.seconds = time.perf_counter() - started
    return report
