"""Tables of every occupation in depth (O*NET 30.1 and 29.0, BLS Employment Projections 2024–34).

:mod:`careerdata.load_depth` fills them from ``opendata/`` (``make db``); they share
:data:`careerdata.models.Base`. O*NET rows are keyed by the O*NET-SOC code (``29-1141.00``), BLS
projection rows by the 2024 National Employment Matrix code (``29-1141``, a SOC code). Values are
as published: importance 1–5 and level 0–7 (skills, knowledge), occupational interest 1–7
(RIASEC), education shares in percent of respondents, employment in thousands.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Float, ForeignKey, Index, Integer, String, Text

from careerdata.models import Base

#: ``loaded_files`` row holding the SHA-256 of ``opendata/MANIFEST.yml`` as last loaded (the
#: releases it names are cited by the answers that use them, not listed as loaded datasets).
DIGEST_PATH = "opendata/MANIFEST.yml"


class OnetTask(Base):
    """A task statement of an occupation; ``kind`` is O*NET's task type, ``Core`` or
    ``Supplemental`` (None where O*NET gives none)."""

    __tablename__ = "onet_tasks"

    id = Column(Integer, primary_key=True)
    onet_code = Column(String(10), nullable=False, index=True)
    task_id = Column(Integer, nullable=False)
    text = Column(Text, nullable=False)
    kind = Column(String(12), nullable=True)


class OnetTechnology(Base):
    """Software (``tool`` False) or a tool (``tool`` True) an occupation uses, with its UNSPSC
    commodity; ``hot`` and ``in_demand`` are O*NET's Hot Technology and In Demand flags."""

    __tablename__ = "onet_technology"

    id = Column(Integer, primary_key=True)
    onet_code = Column(String(10), nullable=False, index=True)
    example = Column(String(300), nullable=False)
    commodity_code = Column(String(10), nullable=False)
    commodity_title = Column(String(200), nullable=False)
    tool = Column(Boolean, nullable=False)
    hot = Column(Boolean, nullable=False)
    in_demand = Column(Boolean, nullable=False)


class OnetRating(Base):
    """One rated element of an occupation: ``kind`` is ``skill``, ``knowledge`` (O*NET 29.0;
    scales IM importance 1–5, LV level 0–7), ``interest`` (OI 1–7, IH high-point codes),
    ``work_style`` or ``work_value``; ``suppress`` where O*NET recommends suppressing the value,
    ``not_relevant`` where it marks a level not relevant to the occupation."""

    __tablename__ = "onet_ratings"
    # reverse look-ups read one element across every occupation (careerdata.elements.needing)
    __table_args__ = (Index("ix_onet_ratings_kind_element", "kind", "element_name"),)

    id = Column(Integer, primary_key=True)
    onet_code = Column(String(10), nullable=False, index=True)
    kind = Column(String(12), nullable=False)
    element_id = Column(String(20), nullable=False)
    element_name = Column(String(150), nullable=False)
    scale = Column(String(4), nullable=False)
    value = Column(Float, nullable=False)
    suppress = Column(Boolean, nullable=False)
    not_relevant = Column(Boolean, nullable=False)


class OnetEducation(Base):
    """Share of respondents (percent) in one ``category`` of an education, training or
    experience scale (``RL`` required level of education, ``RW`` related work experience, ``PT``
    on-site training, ``OJ`` on-the-job training)."""

    __tablename__ = "onet_education"

    id = Column(Integer, primary_key=True)
    onet_code = Column(String(10), nullable=False, index=True)
    scale = Column(String(4), nullable=False)
    category = Column(Integer, nullable=False)
    percent = Column(Float, nullable=False)
    suppress = Column(Boolean, nullable=False)


class OnetEducationCategory(Base):
    """What a category of an education scale means (``RL`` 6: "Bachelor's Degree")."""

    __tablename__ = "onet_education_categories"

    scale = Column(String(4), primary_key=True)
    category = Column(Integer, primary_key=True)
    description = Column(String(300), nullable=False)


class OnetJobZone(Base):
    """An occupation's job zone (1–5: how much preparation it needs)."""

    __tablename__ = "onet_job_zones"

    onet_code = Column(String(10), primary_key=True)
    zone = Column(Integer, nullable=False)


class OnetJobZoneName(Base):
    """What a job zone is called (O*NET Job Zone Reference: 4 -> "Job Zone Four: Considerable
    Preparation Needed")."""

    __tablename__ = "onet_job_zone_names"

    zone = Column(Integer, primary_key=True)
    name = Column(String(100), nullable=False)


class OnetInterestKeyword(Base):
    """A word O*NET 30.1's RIASEC Keywords file gives an interest area ("Repair", "Work with
    Hands" for Realistic): ``area`` is the area's name, ``kind`` Action or Object."""

    __tablename__ = "onet_interest_keywords"

    id = Column(Integer, primary_key=True)
    element_id = Column(String(20), nullable=False)
    area = Column(String(30), nullable=False)
    keyword = Column(String(100), nullable=False)
    kind = Column(String(10), nullable=False)


class OnetRelated(Base):
    """A related occupation, by O*NET's tier (``Primary-Short`` closest) and rank."""

    __tablename__ = "onet_related"

    id = Column(Integer, primary_key=True)
    onet_code = Column(String(10), nullable=False, index=True)
    related_code = Column(String(10), nullable=False)
    tier = Column(String(30), nullable=False)
    rank = Column(Integer, nullable=False)


class OnetTitle(Base):
    """A job title people use for an occupation: O*NET's alternate titles (``reported`` False,
    with the short title where there is one) and the sample of reported titles (True)."""

    __tablename__ = "onet_titles"

    id = Column(Integer, primary_key=True)
    onet_code = Column(String(10), nullable=False, index=True)
    title = Column(String(300), nullable=False)
    short = Column(String(100), nullable=True)
    reported = Column(Boolean, nullable=False)


class Projection(Base):
    """BLS Employment Projections 2024–34 (Table 1.2) of one occupation or summary group:
    employment in thousands, change in thousands and percent, annual openings in thousands,
    median annual wage 2024 in USD (None where BLS gives none; ``wage_topcoded`` where BLS gives
    only a floor, "≥ $239,200"), and the typical entry education, work experience and on-the-job
    training (None for summary groups)."""

    __tablename__ = "projections"

    soc_code = Column(String(7), primary_key=True)
    title = Column(String(200), nullable=False)
    line_item = Column(Boolean, nullable=False)
    employment_2024 = Column(Float, nullable=False)
    employment_2034 = Column(Float, nullable=False)
    change = Column(Float, nullable=False)
    change_percent = Column(Float, nullable=False)
    openings = Column(Float, nullable=False)
    median_wage = Column(Integer, nullable=True)
    wage_topcoded = Column(Boolean, nullable=False)
    education = Column(String(100), nullable=True)
    experience = Column(String(100), nullable=True)
    training = Column(String(100), nullable=True)


class JobTitle(Base):
    """A job title people use (O*NET 30.1 Alternate Titles and Sample of Reported Titles, short
    titles and acronyms included) that is not already a role's name or alias, resolved to the
    role of its occupation. A title several occupations share (``shared``) has one row per
    role, ``rank`` 0 the likeliest; ``reported`` marks titles from the sample of reported
    titles and short titles. The actions resolve these titles (``RoleResolver``); the NLU's
    lookup tables keep to the roles' names and aliases, so its training data stays bounded."""

    __tablename__ = "job_titles"

    id = Column(Integer, primary_key=True)
    normalized = Column(String(200), nullable=False, index=True)
    title = Column(String(300), nullable=False)
    role_id = Column(ForeignKey("roles.id", ondelete="CASCADE"), nullable=False)
    rank = Column(Integer, nullable=False)
    shared = Column(Boolean, nullable=False)
    reported = Column(Boolean, nullable=False)
