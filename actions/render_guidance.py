"""Replies of the guidance actions (:mod:`actions.guidance`): roles by skill, the user's skills,
fit, what to learn, rankings across roles, yes/no about a skill and "is it a good career", as
:class:`actions.reply.Reply` objects that :mod:`actions.reply` formats for each channel.

User text quoted back is cleaned by :func:`careerdata.text.clean_user_text` first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, List, Optional, Sequence, Tuple

from actions.reply import Reply, payload
from actions.render import source_line
from careerdata.records import Source
from careerdata.skills import KIND_SKILL, SKILL_WEIGHT, TOOL_WEIGHT, Fit, Requirement, Usage
from careerdata.text import clean_user_text

if TYPE_CHECKING:  # pragma: no cover
    from careerdata.rankings import Filters, Row as RankedOccupation
    from careerdata.technology import Users

#: Most requirements listed in one bullet before "…".
_MAX_ITEMS = 6


def join_and(items: Sequence[str]) -> str:
    """``"a, b and c"``: items joined for a sentence ("" for none)."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def requirement_label(req: Requirement) -> str:
    """``SQL and databases (MySQL, PostgreSQL, SQL)`` for a skill, the name for a tool."""
    terms = [t for t in req.terms if t.lower() != req.name.lower()]
    if req.kind != KIND_SKILL or not terms or "(" in req.name:  # "Programming (Python, R)"
        return req.name
    return f"{req.name} ({', '.join(terms)})"


def _short(reqs: Sequence[Requirement], with_terms: bool = False) -> str:
    names = [requirement_label(r) if with_terms else r.name for r in reqs]
    extra = len(names) - _MAX_ITEMS
    return ", ".join(names[:_MAX_ITEMS]) + (f" and {extra} more" if extra > 0 else "")


def _where(reqs: Sequence[Requirement]) -> str:
    parts = [f"skill “{r.name}”" if r.kind == KIND_SKILL else "tools" for r in reqs]
    return ", ".join(dict.fromkeys(parts))


def learn_button(role: str) -> Tuple[str, str]:
    """A button asking what to learn for ``role``: its payload is the question itself, read by
    the NLU like a typed one (getting-started questions that ask what to learn)."""
    question = f"What should I learn for {role}?"
    return question, question


def unknown_skills_line(texts: Sequence[str]) -> str:
    """``“COBOL” is not in my sources: no role I know in depth lists it.``"""
    shown = join_and([f"“{clean_user_text(t, 30)}”" for t in texts])
    verb = "is" if len(texts) == 1 else "are"
    return f"{shown} {verb} not in my sources: no role I know in depth lists {'it' if len(texts) == 1 else 'them'}."


def unknown_skill_reply(texts: Sequence[str], examples: Sequence[str]) -> Reply:
    """An unknown skill or tool, said plainly, with skills the data does have."""
    return Reply(heading=unknown_skills_line(texts),
                 lines=[f"Skills and tools I know include {join_and(list(examples))}."])


def ask_skill_reply(examples: Sequence[str]) -> Reply:
    """A skill question that names no skill."""
    return Reply(heading="Which skill or tool do you mean?",
                 lines=[f"For example: “which roles need {examples[0]}?” or “who uses "
                        f"{examples[1]}?”"])


def _roles_reply(heading: str, rows: Sequence[Tuple[str, str]], sources: Sequence[Source],
                 topic: str, intent: str) -> Reply:
    """A list of roles, each with a detail, and buttons for ``topic`` of the first three."""
    return Reply(heading=heading, bullets=[f"{role} — {detail}" for role, detail in rows],
                 footer=source_line(sources),
                 buttons=[(f"{topic} of {role}", payload(intent, role=role)) for role, _ in rows[:3]])


def roles_with_reply(skill: str, rows: Sequence[Tuple[str, Sequence[Requirement]]],
                     sources: Sequence[Source]) -> Reply:
    """The roles that name ``skill``, each with where (a skill of theirs, or their tools)."""
    return _roles_reply(f"Roles that use {skill}", [(r, _where(reqs)) for r, reqs in rows],
                        sources, "Skills", "ask_skills")


def roles_in_industry_reply(words: Sequence[str], rows: Sequence[Tuple[str, Sequence[str]]],
                            sources: Sequence[Source]) -> Reply:
    """The roles whose industries name one of ``words`` ("healthcare")."""
    return _roles_reply(f"Roles in {join_and([w.capitalize() for w in words])}",
                        [(r, ", ".join(names)) for r, names in rows], sources, "Industries",
                        "ask_industries")


def recorded_reply(added: Sequence[str], removed: Sequence[str], profile: Sequence[str],
                   unknown: Sequence[str]) -> Reply:
    """Confirm what the profile recorded (``added``, ``removed``), its whole content and the
    skills not in the data; offer the next step."""
    said = []
    if added:
        said.append(f"you know {join_and(list(added))}")
    if removed:
        said.append(f"you don't know {join_and(list(removed))}")
    heading = f"Noted: {' and '.join(said)}." if said else "I couldn't record a skill from that."
    lines = [f"Your skills so far: {', '.join(profile)}." if profile else
             "I have no skills of yours on record yet."]
    if unknown:
        lines.append(unknown_skills_line(unknown) + " It doesn't count toward a role.")
    buttons = [("Which role fits me?", payload("ask_fit"))] if profile else []
    if added:
        buttons.append((f"Roles that use {added[0]}", payload("ask_roles_by_skill", skill=added[0])))
    return Reply(heading=heading, lines=lines, buttons=buttons)


def no_profile_reply(examples: Sequence[str]) -> Reply:
    """A fit question before the user said what they know."""
    return Reply(
        heading="Tell me what you know first.",
        lines=[f"For example: “I know {examples[0]} and {examples[1]}” or “I'm good at "
               f"{examples[2]}”. I then rank the roles I know in depth by how well they fit."],
    )


def fit_reply(fits: Sequence[Fit], profile: Sequence[str], sources: Sequence[Source]) -> Reply:
    """The best-fitting roles with what matches and what is missing; ties said; nothing
    invented when no role matches."""
    lines = [f"Your skills: {', '.join(profile)}."]
    if not fits:
        return Reply(heading="No role I know in depth lists your skills",
                     lines=lines + ["None of the roles of my articles names any of them, so I "
                                    "can't recommend one from them."])
    bullets = [
        f"{f.role} — {f.score}%: you have {_short(f.met) or 'none of its skills'}; missing "
        f"{_short(f.missing) or 'nothing'}"
        for f in fits
    ]
    notes = []
    top = [f.role for f in fits if f.score == fits[0].score]
    if len(top) > 1:
        notes.append(f"{join_and(top)} tie at {fits[0].score}%.")
    notes.append(f"Score: the share of a role's skills (weight {SKILL_WEIGHT}; one of its terms "
                 f"is enough) and tools (weight {TOOL_WEIGHT}) that you have.")
    return Reply(
        heading="Roles that fit your skills",
        lines=lines, bullets=bullets, notes=notes, footer=source_line(sources),
        buttons=[learn_button(fits[0].role)],
    )


def learning_reply(target: str, missing: Sequence[Requirement], met: Sequence[Requirement],
                   profile: Sequence[str], tips: Sequence[str], sources: Sequence[Source],
                   current: Optional[str] = None, education: Sequence[Tuple[str, str]] = (),
                   within: Sequence[Tuple[Requirement, Sequence[str]]] = ()) -> Reply:
    """What to learn for ``target``: its requirements not met (by the profile, or by
    ``current``'s skills for a move between roles), the terms of met skills still missing
    (``within``: "Programming: also Java, Scala"), what is shared, the education of both
    roles (``(role, text)`` pairs) and the target's getting-started tips."""
    heading = f"{current} → {target} — what to learn" if current else f"{target} — what to learn"
    lines: List[str] = []
    if current and profile:
        lines.append(f"Covered by {current}'s skills or yours: {_short(met) or 'none listed'}.")
    elif current:
        lines.append(f"Shared strengths: {_short(met) or 'none listed'}.")
    elif profile:
        lines.append(f"You already have: {_short(met) or 'none of its skills yet'}.")
    else:
        lines.append(f"The skills and tools my sources list for {target} (tell me what you know, "
                     "e.g. “I know Python”, and I'll leave those out):")
    skills = [r for r in missing if r.kind == KIND_SKILL]
    tools = [r.name for r in missing if r.kind != KIND_SKILL]
    bullets = [requirement_label(r) for r in skills]
    bullets += [f"{r.name}: you have part of it; also {', '.join(rest)}" for r, rest in within]
    if tools:
        bullets.append("Tools: " + ", ".join(tools))
    if not bullets:
        bullets = ["Nothing: you already cover every skill and tool my sources list for it."]
    notes = [f"Education ({role}): {text}" for role, text in education]
    if tips:
        notes.append("Getting started: " + "; ".join(tips) + ".")
    return Reply(heading=heading, lines=lines, bullets=bullets, notes=notes,
                 footer=source_line(sources),
                 buttons=[("Getting started", payload("ask_tips", role=target)),
                          ("Education", payload("ask_education", role=target))])


def uses_reply(usage: Usage, sources: Sequence[Source]) -> Reply:
    """"Yes — …" or "No — not in my sources for …", with the roles that do list the skill."""
    role, skill = usage.role, usage.skill
    if usage.found:
        heading = f"Yes — {role} lists {skill} ({_where(usage.where)})."
        lines: List[str] = []
    else:
        heading = f"No — {skill} is not in my sources for {role}."
        lines = ([f"{join_and(list(usage.others))} list{'s' if len(usage.others) == 1 else ''} it."]
                 if usage.others else [])
    return Reply(heading=heading, lines=lines, footer=source_line(sources),
                 buttons=[(f"Tools of {role}", payload("ask_tools", role=role)),
                          (f"Roles that use {skill}", payload("ask_roles_by_skill", skill=skill))])


def ranking_reply(title: str, rows: Sequence[Tuple[str, str]], lines: Sequence[str],
                  notes: Sequence[str], footer: str) -> Reply:
    """A ranking across roles: ``rows`` are ``(role, figure text)`` best first."""
    return Reply(heading=f"Roles ranked by {title}", lines=list(lines),
                 bullets=[f"{i}. {role}: {text}" for i, (role, text) in enumerate(rows, 1)],
                 notes=list(notes), footer=footer)


def good_career_reply(role: str, bullets: Sequence[str], notes: Sequence[str],
                      footer: str, article_role: bool) -> Reply:
    """Outlook and pay in short, for the user to judge."""
    buttons = [("Job outlook", payload("ask_outlook", role=role)),
               ("Salary", payload("ask_salary", role=role))]
    if article_role:
        buttons.append(learn_button(role))
    return Reply(heading=f"{role} — is it a good career?",
                 lines=["That depends on what you want from a career; here is what my sources say:"],
                 bullets=list(bullets), notes=list(notes), footer=footer, buttons=buttons)


#: Occupations a technology answer lists.
USERS_SHOWN = 8


def occupations_using_reply(users: "Users", footer: str) -> Reply:
    """Every occupation whose O*NET technology or tools name a term: how many, the examples
    matched, then those where it is In Demand, Hot Technology, most employed first."""
    count = len(users.occupations)
    examples = ", ".join(users.examples[:3]) + (" …" if len(users.examples) > 3 else "")
    bullets = []
    for i, (role, people, hot) in enumerate(users.occupations[:USERS_SHOWN]):
        flags = [f for f, on in (("In Demand", i < users.in_demand), ("Hot Technology", hot)) if on]
        employed = f", {people:,} employed" if people else ""
        bullets.append(f"{role}{employed}" + (f" ({', '.join(flags)})" if flags else ""))
    more = count - len(bullets)
    return Reply(
        heading=f"Occupations that use {users.term}: {count} in O*NET",
        lines=[f"O*NET examples matched: {examples}. In Demand (employers ask for it) for "
               f"{users.in_demand}, a Hot Technology for {users.hot}. Those first, then by "
               "national employment:"],
        bullets=bullets,
        notes=[f"…and {more} more occupation{'s' if more > 1 else ''}."] if more > 0 else [],
        footer=footer,
        buttons=[(f"Tools of {role}", payload("ask_tools", role=role))
                 for role, _, _ in users.occupations[:3]],
    )


def filters_said(filters: "Filters", groups: Dict[str, str]) -> List[str]:
    """What a ranking or fit was limited to, in words ("in healthcare support occupations",
    "with typical entry education up to “Associate's degree”"); ``groups`` the SOC major
    groups' titles by code."""
    said = [f"in {groups.get(g, g).lower()}" for g in sorted(filters.groups)]
    if filters.education:
        said.append(f"with typical entry education up to “{filters.education}”")
    if filters.zone:
        said.append(f"in O*NET job zone {filters.zone} or below")
    if filters.min_pay:
        said.append(f"paying at least ${filters.min_pay:,} a year")
    return said


def occupations_ranked_reply(basis: str, rows: Sequence["RankedOccupation"], total: int,
                             within: Sequence[str], place: Optional[str], footer: str) -> Reply:
    """Every occupation ranked on ``basis`` (``growth``, ``openings``, ``pay``), within the
    filters the question set (``within``: "in healthcare …", said as they are) and with pay in
    ``place`` (a state or metro area's name; None: national); each row with its three
    figures; honest when nothing qualifies."""
    where = f"median in {place}" if place else "national median"
    what = {"growth": "fastest growing 2024–34", "openings": "most openings a year",
            "pay": f"best paid ({where})"}[basis]
    heading = f"Across all occupations: {what}"
    lines = [f"Only occupations {join_and(list(within))}."] if within else []
    if place and basis != "pay":
        lines.append(f"Growth and openings are national (BLS projects them for the US); pay is "
                     f"the median in {place}.")
    if not rows:
        return Reply(heading=heading, lines=lines + ["No occupation qualifies: my data has none "
                                                     "within those limits."], footer=footer)
    bullets = []
    for r in rows:
        pay = f"median ${r.median:,} a year" if r.median else f"no {where}"
        if place and r.median:
            pay += f" in {place}"
        openings = f"{r.openings:,} openings a year" if r.openings >= 100 else "under 100 openings a year"
        bullets.append(f"{r.role}: {r.change_percent:+.1f}%, "
                       f"{openings}, {pay}")
    return Reply(
        heading=heading,
        lines=lines + [f"{total} occupations qualify; the top {len(rows)}:"],
        bullets=bullets, footer=footer + (f" — {place}" if place else ""),
        buttons=[(f"Education of {rows[0].role}", payload("ask_education", role=rows[0].role))],
    )
