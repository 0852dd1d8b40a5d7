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

Nothing here opens a connection: engines are made by :func:`careerdata.store.make_engine`.
"""

from __future__ import annotations

from typing import List, Optional

from sqlalchemy import Column, Date, ForeignKey, Integer, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()

#: Topic keys stored in ``Fact.topic``.
TOPIC_DEFINITION = "definition"
TOPIC_RESPONSIBILITIES = "responsibilities"
TOPIC_SKILLS = "skills"
TOPIC_EDUCATION = "education"
TOPIC_TOOLS = "tools"
TOPIC_INDUSTRIES = "industries"
TOPIC_OUTLOOK = "outlook"
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


class Role(Base):
    """A career role. ``name`` is canonical; ``slug`` is the data file's stem."""

    __tablename__ = "roles"

    id = Column(Integer, primary_key=True)
    slug = Column(String(100), nullable=False, unique=True)
    name = Column(String(200), nullable=False, unique=True)

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
