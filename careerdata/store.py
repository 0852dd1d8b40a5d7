"""Read access to the role database: the only module the actions use to get facts.

The database URL comes from the environment variable ``CAREERBOT_DB_URL`` (any SQLAlchemy URL,
e.g. ``postgresql+psycopg2://user:pw@host/db``); without it, the SQLite file ``roles.db`` in the
project folder is used. Nothing connects at import time: :func:`get_store` builds one engine on
first use and keeps it for the process.

All methods are synchronous and return plain, immutable objects (no ORM rows escape a session),
so callers may run them in a thread pool and use the results anywhere.
"""

from __future__ import annotations

import os
import threading
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Dict, List, Optional, Sequence, Tuple

from sqlalchemy import create_engine, event, func, select
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session
from sqlalchemy.pool import QueuePool

from careerdata import models as m
from careerdata import depth, place_rankings, topics, wages
from careerdata.records import Comparison, Source, TopicFacts
from careerdata.role_facts import source_of
from careerdata.store_advice import AdviceData


if TYPE_CHECKING:  # pragma: no cover
    from careerdata.depth import Depth
    from careerdata.technology import TechnologyIndex
    from careerdata.place_names import PlaceResolver
    from careerdata.roles import RoleResolver
    from careerdata.skills import SkillIndex

#: Environment variable holding the SQLAlchemy URL of the role database.
DB_URL_ENV = "CAREERBOT_DB_URL"
DEFAULT_DB_PATH = Path(__file__).resolve().parent.parent / "roles.db"

#: Topics the store answers from its facts (``careerdata.topics`` declares them all).
TOPIC_TIPS = topics.TIPS
TOPIC_SALARY = topics.SALARY
TOPICS = (*m.FACT_TOPICS, TOPIC_TIPS, TOPIC_SALARY)
#: A topic answered from the official data only (BLS OEWS employment), for every role.
TOPIC_EMPLOYMENT = topics.EMPLOYMENT
#: How many answers of :meth:`RoleStore.topic_facts` (and of :meth:`RoleStore.pay`) a store
#: remembers: a few MB at most.
FACT_CACHE_SIZE = 4096


def database_url() -> str:
    """Return the role database URL: ``$CAREERBOT_DB_URL`` or the default SQLite file."""
    return os.environ.get(DB_URL_ENV) or f"sqlite:///{DEFAULT_DB_PATH}"


def make_engine(url: str) -> Engine:
    """Create a SQLAlchemy 2.0-style engine for ``url``; SQLite gets foreign keys switched on,
    and a file keeps its connections open in a pool (SQLAlchemy 1.4 would open and close the
    file for every session), shared by the action server's worker threads."""
    parsed = make_url(url)
    kwargs = {}
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        kwargs = {"poolclass": QueuePool, "connect_args": {"check_same_thread": False}}
    engine = create_engine(url, future=True, **kwargs)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _fk_on(dbapi_connection, _record):  # pragma: no cover - driver callback
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

    return engine


class StoreUnavailable(RuntimeError):
    """The role database cannot be read (missing file, not loaded, server down)."""




class RoleStore(AdviceData):
    """Queries over the role database behind ``engine`` (those across every occupation, for
    rankings, look-ups and fit: :class:`careerdata.store_advice.AdviceData`).

    Raises :class:`StoreUnavailable` from any method when the database cannot be read.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        # The database does not change under a running server (`make db` is followed by a
        # restart), so a role's facts and pay are read once; failures are not remembered.
        self._facts = lru_cache(maxsize=FACT_CACHE_SIZE)(self._read_topic_facts)
        self._pay = lru_cache(maxsize=FACT_CACHE_SIZE)(self._read_pay)
        self._depth = lru_cache(maxsize=FACT_CACHE_SIZE)(self._read_depth)
        self._init_advice()

    def _session(self) -> Session:
        return Session(self.engine, future=True)

    def _run(self, fn):
        try:
            with self._session() as session:
                return fn(session)
        except StoreUnavailable:
            raise
        except Exception as exc:  # driver errors differ per backend
            from sqlalchemy.exc import SQLAlchemyError

            if isinstance(exc, SQLAlchemyError):
                raise StoreUnavailable(str(exc).splitlines()[0]) from exc
            raise

    # -- names --------------------------------------------------------------------------------

    @cached_property
    def alias_index(self) -> Dict[str, str]:
        """``{normalised name or alias: canonical role name}`` for every role (cached)."""

        def query(session: Session) -> Dict[str, str]:
            rows = session.execute(
                select(m.Alias.normalized, m.Role.name).join(m.Role, m.Alias.role_id == m.Role.id)
            )
            return dict(rows.all())

        index = self._run(query)
        if not index:
            raise StoreUnavailable("the role database holds no roles; run `make db`")
        return index

    def role_names(self) -> List[str]:
        """Canonical names of the article roles (the ones described in depth), alphabetically.

        Menus list these; every official occupation is a role too (:meth:`has_role`)."""
        return list(self._featured)

    @cached_property
    def _featured(self) -> Tuple[str, ...]:
        self.alias_index  # raises StoreUnavailable for an empty database

        def query(session: Session) -> Tuple[str, ...]:
            stmt = select(m.Role.name).where(m.Role.kind == m.KIND_ARTICLE).order_by(m.Role.name)
            return tuple(session.scalars(stmt))

        return self._run(query)

    def is_article(self, role: Optional[str]) -> bool:
        """True for an article role (answered from its articles first); no database read."""
        return role in self._featured

    @cached_property
    def _all_roles(self) -> frozenset:
        return frozenset(self.alias_index.values())

    def has_role(self, name: Optional[str]) -> bool:
        """True when ``name`` is the canonical name of a role (article role or occupation)."""
        return name in self._all_roles

    @cached_property
    def occupation_count(self) -> int:
        """How many official occupations the database holds as roles (0 before ``make db``
        loaded the open data)."""
        return self._run(
            lambda s: s.scalar(
                select(func.count()).select_from(m.Role).where(m.Role.kind == m.KIND_OCCUPATION)
            )
        )

    @cached_property
    def resolver(self) -> "RoleResolver":
        """A :class:`careerdata.roles.RoleResolver` over this store's names and aliases, ranking
        article roles first and then occupations by national employment (cached). An alias's
        head noun is its last word before any comma ("Teachers, Except Special Education")."""
        from careerdata.roles import RoleResolver, read_heads, read_ranks

        return RoleResolver(self.alias_index, rank=self._run(read_ranks),
                            heads=self._run(read_heads),
                            titles=self.job_titles)

    @cached_property
    def technology(self) -> "TechnologyIndex":
        """Which occupations use a technology or tool: the
        :class:`careerdata.technology.TechnologyIndex` of O*NET 30.1 (cached)."""
        from careerdata.technology import TechnologyIndex, build_index

        try:
            return self._run(build_index)
        except StoreUnavailable:  # a database from before the depth tables: no technology
            return TechnologyIndex((), {})

    @cached_property
    def job_titles(self) -> Dict[str, Tuple[str, ...]]:
        """``{normalised job title: role names, likeliest first}`` of the titles people use
        (O*NET 30.1 Alternate and Reported Titles, table ``job_titles``; cached); empty before
        ``make db`` loaded them."""
        from careerdata.load_titles import read_titles

        try:
            return self._run(read_titles)
        except StoreUnavailable:  # a database from before the titles were loaded
            return {}

    @cached_property
    def places(self) -> "PlaceResolver":
        """A :class:`careerdata.place_names.PlaceResolver` over the OEWS areas (cached)."""
        from careerdata.place_names import PlaceResolver, read_places

        return PlaceResolver(*self._run(read_places))

    # -- official data (BLS OEWS, O*NET) -------------------------------------------------------

    @cached_property
    def citations(self) -> Dict[str, wages.Citation]:
        """``{dataset: Citation}`` of the loaded releases (``oews``, ``onet``; cached)."""
        return self._run(wages.citations)

    @cached_property
    def articles(self) -> Dict[str, Source]:
        """``{article id: Source}`` for every article (cached)."""
        return self._run(lambda s: {a.id: source_of(a) for a in s.scalars(select(m.Article))})

    def sources(self) -> Tuple[List[Tuple[Source, List[str]]], List[wages.Citation]]:
        """Every article as a :class:`Source` with the names of the roles it covers (oldest
        first, undated last), and every loaded dataset release (:class:`wages.Citation`)."""

        def query(session: Session) -> List[Tuple[Source, List[str]]]:
            rows = [(source_of(a), sorted(r.name for r in a.roles))
                    for a in session.scalars(select(m.Article))]
            return sorted(rows, key=lambda r: (r[0].published is None, r[0].published or "",
                                               r[0].title))

        return self._run(query), sorted(self.citations.values(), key=lambda c: c.dataset)

    def occupation(self, role: str) -> wages.Occupation:
        """The official occupation behind ``role``. Raises ``KeyError`` for an unknown role."""
        return self._run(lambda s: wages.occupation(s, role))

    def pay(self, role: str, area_code: str = wages.NATIONAL) -> wages.Pay:
        """BLS pay and employment of ``role`` in an area (national by default).

        Raises ``KeyError`` for an unknown role or area, :class:`StoreUnavailable` when the
        wages were never loaded. Answers are remembered, as :meth:`topic_facts`'s are."""
        return self._pay(role, area_code)

    def _read_pay(self, role: str, area_code: str) -> wages.Pay:
        cite = self.citations.get(m.DATASET_OEWS)
        if cite is None:
            raise StoreUnavailable("the BLS wages are not loaded; run `make db`")
        return self._run(lambda s: wages.pay(s, role, area_code, cite))

    def rank_areas(self, soc_code: str, area_type: str, limit: int = 5):
        """``(top areas, how many have a median)`` by annual median; see
        :func:`careerdata.wages.rank_areas`."""
        return self._run(lambda s: wages.rank_areas(s, soc_code, area_type, limit))

    def rank_by_jobs(self, soc_code: str, area_type: str, basis: str, limit: int = 5):
        """Areas where ``soc_code`` employs most people or is most concentrated (location
        quotient); see :func:`careerdata.place_rankings.rank_by_jobs`."""
        return self._run(
            lambda s: place_rankings.rank_by_jobs(s, soc_code, area_type, basis, limit))

    def top_industries(self, soc_code: str, limit: int = 5) -> List[Tuple[str, int]]:
        """Industries employing most people in ``soc_code`` nationally (BLS OEWS)."""
        return self._run(lambda s: wages.top_industries(s, soc_code, limit))

    # -- facts --------------------------------------------------------------------------------

    def topic_facts(self, role: str, topic: str) -> TopicFacts:
        """Return what the database holds about ``role`` (canonical name) for ``topic``.

        ``topic`` is one of :data:`TOPICS`. Outlook combines the role's own notes with the outlook
        of every article that covers the role; tips are the covering articles' tips with
        duplicates (same title) merged; salary is the job listings whose title names the role.
        Raises ``KeyError`` for an unknown role or topic. Answers are remembered for the life
        of the store (:data:`FACT_CACHE_SIZE` of them).
        """
        if topic not in TOPICS:
            raise KeyError(f"unknown topic {topic!r}")
        return self._facts(role, topic)

    def _read_topic_facts(self, role: str, topic: str) -> TopicFacts:
        from careerdata import role_facts

        releases = {key: self.release_source(key) for key in (m.DATASET_ONET, depth.ONET_30)
                    if key in self.citations}
        return self._run(lambda s: role_facts.read(s, role, topic, releases))

    def depth(self, role: str, topic: str) -> "Depth":
        """What the open data (O*NET 30.1 and 29.0, BLS Employment Projections 2024–34) says
        about ``role``'s occupation on ``topic`` (a key of :data:`careerdata.depth.READERS`);
        an article role gets its mapped occupation's. Remembered like :meth:`topic_facts`.

        Raises:
            KeyError: unknown role or a topic the open data does not answer.
        """
        return self._depth(role, topic)

    def _read_depth(self, role: str, topic: str) -> "Depth":
        from careerdata import depth

        return self._run(lambda s: depth.read(s, role, topic))

    def release_source(self, key: str) -> Source:
        """The :class:`Source` a footer shows for release ``key`` (``onet-30.1``): "O*NET 30.1,
        Dec 2025, CC BY 4.0"; ``oews``: "BLS OEWS, May 2025". Raises ``KeyError`` when that release was never loaded."""
        cite = self.citations[key]
        label = f"{cite.short}, {cite.licence}" if cite.licence and "CC" in cite.licence \
            else cite.short
        return Source(key, cite.title, None, citation=label)

    def compare(self, first: str, second: str, topic: str) -> Comparison:
        """Put two roles side by side on ``topic``: see :func:`careerdata.role_facts.compare`."""
        from careerdata import role_facts

        return role_facts.compare(topic, self.topic_facts(first, topic),
                                  self.topic_facts(second, topic))

    def warm_up(self) -> None:
        """Read now what the first questions would otherwise read: the names and aliases of
        every role and place and their resolvers, the skill index, the releases cited, and
        the English word list the name matchers consult, the index of O*NET technology, the
        catalogue of every occupation, the word lists of rankings and interests, and each
        state's medians (about 1.2 s in all). The action server calls it at start-up (``rasa_sdk_plugins``).

        Raises:
            StoreUnavailable: the database cannot be read or holds no roles.
        """
        from careerdata.english import is_english_word
        from careerdata.interests import read_areas
        from careerdata.rankings import filters_of

        for name in ("alias_index", "resolver", "places", "citations", "articles",
                     "occupation_count", "skills", "_featured", "technology", "catalog",
                     "interests", "elements"):
            getattr(self, name)
        is_english_word("career")
        filters_of("a bachelor's")  # the word lists of data/fields.yml and bls_education.yml
        read_areas()
        for place in self.places.places.values():  # pay ranked by state: ~0.1 s, ~4 MB
            if place.type == "S":
                self.area_pay(place.code)

    @cached_property
    def skills(self) -> "SkillIndex":
        """The :class:`careerdata.skills.SkillIndex` of the article roles' skills and tools and
        the aliases of ``data/skills.yml`` (cached); see :func:`careerdata.skill_rows.skill_index`."""
        from careerdata.skill_rows import skill_index

        return self._run(skill_index)


_store_lock = threading.Lock()
_stores: Dict[str, RoleStore] = {}


def get_store(url: Optional[str] = None) -> RoleStore:
    """Return the process-wide :class:`RoleStore` for ``url`` (default :func:`database_url`).

    The engine is created on the first call, never at import time. A missing SQLite file raises
    :class:`StoreUnavailable` instead of silently creating an empty database.
    """
    url = url or database_url()
    with _store_lock:
        store = _stores.get(url)
        if store is None:
            if url.startswith("sqlite:///") and not url.endswith(":memory:"):
                path = Path(url[len("sqlite:///"):])
                if not path.is_file():
                    raise StoreUnavailable(f"no role database at {path}; run `make db`")
            store = RoleStore(make_engine(url))
            _stores[url] = store
        return store


def reset_stores(urls: Sequence[str] = ()) -> None:
    """Forget cached stores (all, or those for ``urls``) and dispose their engines. For tests."""
    with _store_lock:
        for url in list(urls or _stores):
            store = _stores.pop(url, None)
            if store is not None:
                store.engine.dispose()
