"""Replies built from the official data: BLS OEWS pay, employment and rankings, O*NET facts.

Each function returns :class:`actions.reply.Reply` objects; :func:`actions.reply.to_message`
formats them per channel. Every figure names its area and release ("BLS OEWS, May 2025");
a figure from a role's closest official occupation says so, with the reason from the role data.
Money: annual wages as ``$98,630`` (USD a year), hourly as ``$47.42`` (USD an hour).
"""

from __future__ import annotations

from typing import List, Optional, Sequence, Tuple

from actions.render import article_for, source_line
from actions.reply import Reply, payload
from careerdata.place_names import PlaceResolution
from careerdata.place_rankings import CONCENTRATION, EMPLOYMENT, JobsRanking
from careerdata.records import JobRow, Source
from careerdata.store import TOPIC_EMPLOYMENT
from careerdata.text import clean_user_text
from careerdata.wages import NATIONAL, Figures, Occupation, Pay, Place, Ranked

#: What a pay answer puts first: the median and range, entry-level pay, top earners, hourly.
VIEW_DEFAULT, VIEW_ENTRY, VIEW_TOP, VIEW_HOURLY = "default", "entry", "top", "hourly"
_OEWS_NOTE = "cross-industry; excludes the self-employed"


def _money(figures: Figures, key: str, hourly: bool = False) -> Optional[str]:
    """One BLS figure (``key``: "median", "p10", ...) as "$98,630" a year or "$47.42" an hour,
    "or more" when top-coded; None when BLS released none."""
    kind = "hourly" if hourly else "annual"
    value = (figures.hourly if hourly else figures.annual).get(key)
    if value is None:
        return None
    text = f"${value:,.2f}" if hourly else f"${value:,.0f}"
    return text + " or more" if f"{kind}_{key}" in figures.topcoded else text


def _span(figures: Figures, low: str, high: str, hourly: bool) -> Optional[str]:
    a, b = _money(figures, low, hourly), _money(figures, high, hourly)
    if a is None or b is None:
        return None
    return f"{a}–{b} {'an hour' if hourly else 'a year'}"


def _with_other(figures: Figures, key: str, hourly_first: bool) -> Optional[str]:
    """``$98,630 a year ($47.42 an hour)``, hourly first on request; what BLS published."""
    annual, hourly = _money(figures, key), _money(figures, key, hourly=True)
    parts = [(annual, "a year"), (hourly, "an hour")]
    if hourly_first:
        parts.reverse()
    shown = [f"{v} {unit}" for v, unit in parts if v is not None]
    if not shown:
        return None
    return shown[0] + (f" ({shown[1]})" if len(shown) > 1 else "")


def pay_bullets(figures: Figures, view: str = VIEW_DEFAULT) -> List[str]:
    """The pay lines of one OEWS cell, ordered for ``view`` (one of the ``VIEW_*`` keys)."""
    hourly = view == VIEW_HOURLY or (figures.hourly_only and not figures.annual_only)
    if figures.annual_only:
        hourly = False
    lines: List[Tuple[str, Optional[str]]] = [
        ("Median", _with_other(figures, "median", hourly)),
        ("Middle half (25th–75th percentile)", _span(figures, "p25", "p75", hourly)),
        ("Range (10th–90th percentile)", _span(figures, "p10", "p90", hourly)),
        ("Mean", _with_other(figures, "mean", hourly)),
    ]
    if view == VIEW_ENTRY:
        lines.insert(0, ("Entry level (10th–25th percentile)", _span(figures, "p10", "p25", hourly)))
    elif view == VIEW_TOP:
        top = _with_other(figures, "p90", hourly)
        lines.insert(0, ("Top earners (90th percentile)", top and f"{top}, the top 10% earn more"))
    bullets = [f"{label}: {value}" for label, value in lines if value]
    if figures.employment is not None:
        bullets.append(f"Employed: {figures.employment:,} people")
    if figures.hourly_only:
        bullets.append("BLS publishes only hourly wages for this occupation.")
    if figures.annual_only:
        bullets.append("BLS publishes only annual wages for this occupation (often not year-round).")
    return bullets


def mapping_line(occ: Occupation) -> Optional[str]:
    """What the figures are of, when not exactly the role: its closest or containing occupation."""
    if occ.mapping == "closest":
        return (
            f"BLS has no separate {occ.role} occupation: these are the figures for "
            f"{occ.title} (SOC {occ.soc_code}), the closest official one. {occ.note or ''}".strip()
        )
    if occ.mapping == "part" and occ.title and occ.title != occ.role:
        return f"Figures for {occ.title} (SOC {occ.soc_code}), the BLS occupation that includes {occ.role}."
    return None


def oews_source(pay: Pay) -> str:
    """``BLS OEWS, May 2025 — Ohio (cross-industry; excludes the self-employed)``."""
    return f"{pay.citation.short} — {pay.place.name} ({_OEWS_NOTE})"


def _footer(pay: Pay, jobs_sources: Sequence[Source] = ()) -> str:
    footer = f"Source: {oews_source(pay)}"
    if jobs_sources:
        footer += "; listings: " + source_line(jobs_sources).split(": ", 1)[1]
    return footer


def _buttons(role: str, place: Place, view: str = VIEW_DEFAULT) -> List[Tuple[str, str]]:
    """Next questions after a pay answer, about the same area; the view just shown is not
    offered again (after the hourly figures, "Annual" replaces "Hourly")."""
    here = {"location": place.name} if place.code != NATIONAL else {}  # the same area again
    first = (("Annual", payload("ask_salary", role=role, **here)) if view == VIEW_HOURLY
             else ("Hourly", payload("ask_salary", role=role, pay_view="hourly", **here)))
    buttons = [first]
    if view != VIEW_ENTRY:
        buttons.append(("Entry level", payload("ask_salary", role=role, pay_view="entry", **here)))
    buttons.append(("Best-paying states", payload("rank_places", role=role)))
    if place.code != NATIONAL:
        buttons.append(("Nationally", payload("ask_salary", role=role, location="United States")))
    return buttons


def pay_reply(
    pay: Pay,
    view: str = VIEW_DEFAULT,
    jobs: Sequence[JobRow] = (),
    job_sources: Sequence[Source] = (),
) -> Reply:
    """Pay of one role in one area from BLS OEWS; the article's job listings follow, labelled."""
    occ, where = pay.occupation, pay.place
    heading = f"{occ.role} — salary, {where.name}"
    lines = [line for line in [mapping_line(occ)] if line]
    bullets: List[str] = []
    if occ.soc_code is None:
        lines.append(f"BLS publishes no wage estimates for {occ.role}.")
    elif pay.figures is not None and pay.figures.has_wages:
        bullets = pay_bullets(pay.figures, view)
    else:
        lines.append(f"BLS released no wage estimate for {occ.title} in {where.name} (too few "
                     "responses, or confidential).")
        if pay.national is not None and pay.national.has_wages:
            lines.append("Nationally (United States):")
            bullets = pay_bullets(pay.national, view)
    notes: List[str] = []
    if jobs:
        notes.append("Featured job listings published with my articles (offers, not a survey):")
        notes += [
            f"• {j.title} at {j.company} ({j.level or 'level not stated'}; {j.location}): "
            f"{j.currency} {j.salary_min:,}–{j.salary_max:,} a year"
            for j in jobs
        ]
    return Reply(heading=heading, lines=lines, bullets=bullets, notes=notes,
                 footer=_footer(pay, job_sources), buttons=_buttons(occ.role, where, view))


def employment_reply(pay: Pay) -> Reply:
    """How many people work in the role's occupation in one area (BLS OEWS)."""
    occ, where = pay.occupation, pay.place
    lines = [line for line in [mapping_line(occ)] if line]
    bullets: List[str] = []
    figures = pay.figures
    if figures is not None and figures.employment is not None:
        bullets.append(f"Employed: {figures.employment:,} people in {where.name}")
        median = _money(figures, "median")
        if median:
            bullets.append(f"Median pay: {median} a year")
    else:
        lines.append(f"BLS released no employment estimate for {occ.title or occ.role} in {where.name}.")
        if pay.national is not None and pay.national.employment is not None:
            bullets.append(f"Nationally: {pay.national.employment:,} people")
    return Reply(heading=f"{occ.role} — employment, {where.name}", lines=lines, bullets=bullets,
                 footer=_footer(pay), buttons=_buttons(occ.role, where))


def ranking_reply(
    occ: Occupation, ranked: Sequence[Ranked], total: int, metro: bool, citation: str
) -> Reply:
    """The best-paying states (or metro areas) for a role by annual median."""
    kind = "metro areas" if metro else "states"
    heading = f"{occ.role} — best-paying {kind}"
    lines = [line for line in [mapping_line(occ)] if line]
    if not ranked:
        lines.append(f"BLS published no {kind[:-1]} medians for {occ.title or occ.role}.")
    bullets = [
        f"{r.place.name}: median ${r.annual_median:,}{' or more' if r.topcoded else ''} a year"
        + (f" ({r.employment:,} employed)" if r.employment else "")
        for r in ranked
    ]
    notes = [f"Ranked by annual median among the {total} {_counted(kind)} with a published "
             "figure."] if ranked else []
    other = "states" if metro else "metro areas"
    return Reply(
        heading=heading, lines=lines, bullets=bullets, notes=notes,
        footer=f"Source: {citation} ({_OEWS_NOTE})",
        buttons=[(f"Best-paying {other}", payload("rank_places", role=occ.role, place_kind=other.split()[0])),
                 ("Where the jobs are", payload("rank_places", role=occ.role,
                                                place_kind=kind.split()[0], rank_by="employment")),
                 ("Salary nationally", payload("ask_salary", role=occ.role, location="United States"))],
    )


def _counted(kind: str) -> str:
    """How a ranking counts its areas: the 54 "states" include DC, Guam, Puerto Rico and the
    Virgin Islands."""
    return "states and territories" if kind == "states" else kind


def jobs_ranking_reply(occ: Occupation, ranking: JobsRanking, metro: bool,
                       citation: str) -> Reply:
    """Where a role's jobs are: the states (or metro areas) employing most people in its
    occupation, or where it is most concentrated (location quotient), with each area's
    employment, share of the area's jobs (%) and the national figures, cited."""
    kind = "metro areas" if metro else "states"
    concentrated = ranking.basis == CONCENTRATION
    heading = (f"{occ.role} — {kind} where the jobs are most concentrated" if concentrated
               else f"{occ.role} — {kind} with the most jobs")
    lines = [line for line in [mapping_line(occ)] if line]
    if ranking.national_employment and ranking.national_share:
        lines.append(f"Nationally: {ranking.national_employment:,} employed, "
                     f"{ranking.national_share:.2f}% of all jobs.")
    if not ranking.areas:
        lines.append(f"BLS published no {kind[:-1]} employment estimates for "
                     f"{occ.title or occ.role}.")

    def bullet(r) -> str:
        if concentrated:
            return (f"{r.place.name}: {r.quotient:.2f}× the national share "
                    f"({r.share:.2f}% of its jobs, {r.employment:,} employed)")
        return f"{r.place.name}: {r.employment:,} employed ({r.share:.2f}% of its jobs)"

    notes = []
    counted = _counted(kind)
    if ranking.areas and concentrated:
        notes.append("Location quotient: the occupation's share of an area's jobs divided by "
                     "its share nationally (1.00 = as common as nationally), computed from the "
                     f"OEWS employment estimates; ranked among the {ranking.counted} {counted} "
                     "with an estimate. Small areas can rank high with few jobs.")
    elif ranking.areas:
        notes.append(f"Ranked by employment among the {ranking.counted} {counted} with an "
                     "estimate.")
    other_kind = "states" if metro else "metro areas"
    other_basis = EMPLOYMENT if concentrated else CONCENTRATION
    return Reply(
        heading=heading, lines=lines, bullets=[bullet(r) for r in ranking.areas], notes=notes,
        footer=f"Source: {citation} ({_OEWS_NOTE})",
        buttons=[
            ("Most jobs" if concentrated else "Most concentrated",
             payload("rank_places", role=occ.role, place_kind=kind.split()[0],
                     rank_by=other_basis)),
            (f"Same for {other_kind}", payload("rank_places", role=occ.role,
                                               place_kind=other_kind.split()[0],
                                               rank_by=ranking.basis)),
            (f"Best-paying {kind}", payload("rank_places", role=occ.role,
                                            place_kind=kind.split()[0], rank_by="pay")),
        ],
    )


def industries_lines(occ: Occupation, top: Sequence[Tuple[str, int]], citation: str) -> Reply:
    """The industries employing most people in the role's occupation, cited apart."""
    who = occ.title if occ.mapping == "closest" else occ.role
    heading = f"Industries employing the most {who} nationally"
    if occ.mapping == "closest":
        heading += f" (the closest official occupation to {occ.role})"
    return Reply(
        heading=heading,
        bullets=[f"{name.split(' - ', 1)[-1]}: {emp:,} people" for name, emp in top],
        footer=f"Source: {citation} ({_OEWS_NOTE})",
    )


def unknown_place_reply(mention: str, metro_areas: int, role: str, topic: str) -> Reply:
    """Say plainly that a place is unknown and offer ``role``'s national figures for ``topic``
    (``salary`` or ``employment``) as a button. ``metro_areas`` is how many metro areas the
    database holds."""
    shown = clean_user_text(mention, 40) or "that place"
    intent = "ask_employment" if topic == TOPIC_EMPLOYMENT else "ask_salary"
    return Reply(
        heading=f"I don't know the place “{shown}”.",
        lines=["I have BLS figures for the United States, each state and territory, and "
               f"{metro_areas:,} metro areas (e.g. “in Texas”, “in TX”, “in Seattle”). "
               "Name one of them, or see the national figures."],
        buttons=[(f"{role}: national figures",
                  payload(intent, role=role, location="United States"))],
    )


def ambiguous_place_reply(problem: PlaceResolution, role: Optional[str]) -> Reply:
    """Ask which of several areas a shared name ("Portland") meant, with buttons."""
    shown = clean_user_text(problem.text, 40)
    extra = {"role": role} if role else {}
    return Reply(
        heading=f"“{shown}” could be several places. Which one do you mean?",
        bullets=[p.name for p in problem.candidates],
        buttons=[(p.name, payload("inform_location", location=p.name, **extra))
                 for p in problem.candidates],
        needs_choice=True,
    )


def no_official_topic_reply(role: str, topic_title: str) -> Reply:
    """An official occupation asked about a topic only the articles have (skills, tools ...)."""
    return Reply(
        heading=f"{role} — {topic_title}",
        lines=[
            f"My data has no {topic_title} for {role}: it is an official occupation I know from "
            "O*NET and BLS, not from my articles.",
            "I can tell you what it is, its pay and employment by state and metro area, and the "
            "industries that employ it.",
        ],
        buttons=[
            ("What it is", payload("ask_definition", role=role)),
            ("Salary", payload("ask_salary", role=role)),
            ("Employment", payload("ask_employment", role=role)),
            ("Industries", payload("ask_industries", role=role)),
        ],
    )


def pay_comparison_reply(first: Pay, second: Pay) -> Reply:
    """Two roles' BLS medians side by side in one area."""
    bullets = []
    for pay in (first, second):
        median = _median(pay)
        name = pay.occupation.role
        if pay.occupation.mapping == "closest":
            name += f" (as {pay.occupation.title})"
        bullets.append(f"{name}: median {median}" if median else f"{name}: no BLS median here")
    where = first.place
    return Reply(
        heading=f"{first.occupation.role} vs {second.occupation.role} — salary, {where.name}",
        bullets=bullets,
        lines=[line for line in (mapping_line(first.occupation), mapping_line(second.occupation)) if line],
        footer=f"Source: {oews_source(first)}",
    )


def _median(pay: Pay) -> Optional[str]:
    """The annual median of ``pay`` with its hourly one ("$98,630 a year ($47.42 an hour)");
    None when BLS published no wages there."""
    figures = pay.figures
    if figures is None or not figures.has_wages:
        return None
    return _with_other(figures, "median", False)


def places_pay_reply(first: Pay, second: Pay) -> Reply:
    """One role's BLS pay in two places side by side: median and middle half of each."""
    bullets = []
    for pay in (first, second):
        median = _median(pay)
        middle = _span(pay.figures, "p25", "p75", False) if median else None
        bullets.append(f"{pay.place.name}: median {median}" + (f", middle half {middle}"
                                                               if middle else "")
                       if median else f"{pay.place.name}: no BLS median there")
    role = first.occupation.role
    return Reply(
        heading=f"{role} — salary, {first.place.name} vs {second.place.name}",
        bullets=bullets,
        lines=[line for line in [mapping_line(first.occupation)] if line],
        footer=f"Source: {first.citation.short} ({_OEWS_NOTE})",
        buttons=[(f"Salary in {p.place.name}", payload("ask_salary", role=role,
                                                        location=p.place.name))
                 for p in (first, second)],
    )


def article(role: str) -> str:
    """``a`` or ``an`` before ``role`` (re-exported for callers of this module)."""
    return article_for(role)
