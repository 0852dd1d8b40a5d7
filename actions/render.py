"""Every reply the actions send, as :class:`actions.reply.Reply` objects (a heading, bullets, a
source line, buttons): topic answers, comparisons, and the replies that guide the user (unknown
or ambiguous roles, which-role questions, capabilities, rephrase). BLS and O*NET answers are in
:mod:`actions.render_official`; how a reply looks on each channel is :mod:`actions.reply`.

User text quoted back is cleaned by :func:`careerdata.text.clean_user_text` first, so nothing a user
types is ever rendered as markup.
"""

from __future__ import annotations

import datetime as dt
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from actions.reply import Reply, payload
from careerdata.models import KIND_OCCUPATION
from careerdata.records import FactRow
from careerdata.store import TOPIC_SALARY, TOPIC_TIPS, Comparison, Source, TopicFacts
from careerdata.wages import Citation
from careerdata.text import clean_user_text
from careerdata import topics



def _date(iso: Optional[str]) -> str:
    if not iso:
        return "undated"
    day = dt.date.fromisoformat(iso)
    return f"{day.day} {day.strftime('%b %Y')}"


def source_line(sources: Iterable[Source]) -> str:
    """``Source: “Title” (30 Oct 2024)``, or ``Sources: …; …`` for several, sorted by id."""
    unique = {s.id: s for s in sources}
    parts = [
        s.citation or f"“{s.title}” ({_date(s.published)})" for _, s in sorted(unique.items())
    ]
    if not parts:
        return "Source: none on record"
    return ("Source: " if len(parts) == 1 else "Sources: ") + "; ".join(parts)


def article_for(role: str) -> str:
    """The indefinite article for a role name: ``an`` before a vowel, else ``a``."""
    return "an" if role[:1].lower() in "aeiou" else "a"


def _money(amount: int) -> str:
    return f"{amount:,}"


def _texts(facts: TopicFacts, shown: Sequence[FactRow]) -> List[str]:
    return [f.text or "" for f in shown]


def _grouped_tools(facts: TopicFacts, shown: Sequence[FactRow]) -> List[str]:
    groups: Dict[str, List[str]] = {}
    for fact in shown:
        groups.setdefault(fact.category or "Other", []).append(fact.name or "")
    return [f"{cat}: {', '.join(names)}" for cat, names in groups.items()]


def _names(facts: TopicFacts, shown: Sequence[FactRow]) -> List[str]:
    return [f.name or "" for f in shown]


def _named_texts(facts: TopicFacts, shown: Sequence[FactRow]) -> List[str]:
    return [f"{f.name}: {f.text}" if f.name else (f.text or "") for f in shown]


def _cited_texts(facts: TopicFacts, shown: Sequence[FactRow]) -> List[str]:
    return [f"{f.text} [{f.name}]" if f.name else (f.text or "") for f in shown]


def _listings(facts: TopicFacts, shown: Sequence[FactRow]) -> List[str]:
    return [f"{job.title} at {job.company} ({job.level or 'level not stated'}; {job.location}): "
            f"{job.currency} {_money(job.salary_min)}–{_money(job.salary_max)} a year"
            for job in facts.jobs]


#: ``{topic key: bullets of an article role's answer}`` (``(facts, facts shown) -> lines``);
#: other topics list the facts' texts. The open data's topics render in ``render_depth``.
ARTICLE_BULLETS = {
    topics.TOOLS: _grouped_tools,          # by category: "Languages: Python, SQL"
    topics.INDUSTRIES: _names,
    topics.SKILLS: _named_texts,
    TOPIC_TIPS: _named_texts,
    topics.OUTLOOK: _cited_texts,          # "… [31% projected growth, 2019-2029]"
    TOPIC_SALARY: _listings,
}


def topic_reply(facts: TopicFacts) -> Reply:
    """The answer to one topic about one role; says so plainly when nothing is on record."""
    role, topic = facts.role, facts.topic
    title = topics.title(topic)
    if facts.empty:
        if topic == TOPIC_SALARY:
            text = (
                f"None of the job listings in my sources is for {article_for(role)} {role}, "
                "so I have no salary figures for this role."
            )
        else:
            text = f"My sources say nothing about {title} for {article_for(role)} {role}."
        return Reply(heading=f"{role} — {title}", lines=[text], buttons=_next_buttons(facts))
    limit = topics.BY_KEY[topic].max_bullets
    shown = facts.facts if topic == topics.TOOLS else facts.facts[:limit]
    lines: List[str] = []
    notes: List[str] = []
    if topic == TOPIC_SALARY:
        lines.append(
            "From featured job listings published with my sources (offers, not a salary survey):"
        )
    bullets = ARTICLE_BULLETS.get(topic, _texts)(facts, shown)
    hidden = len(facts.facts) - len(shown)
    if hidden:
        notes.append(f"…and {hidden} more point{'s' if hidden > 1 else ''} in my sources.")
    used = {i for f in shown for i in f.sources} | {i for j in facts.jobs for i in j.sources}
    return Reply(
        heading=f"{role} — {title}",
        bullets=bullets,
        lines=lines,
        notes=notes,
        footer=source_line(s for i, s in facts.sources.items() if i in used),
        buttons=_next_buttons(facts),
    )


def _next_buttons(facts: TopicFacts) -> List[Tuple[str, str]]:
    if facts.kind == KIND_OCCUPATION:
        keys = [t for t in topics.OCCUPATION_NEXT if t != facts.topic]
    else:
        keys = list(topics.BY_KEY[facts.topic].next)
    return [(topics.title(t).capitalize(), payload(topics.BY_KEY[t].intent, role=facts.role))
            for t in keys]


def comparison_reply(comparison: Comparison) -> Reply:
    """Two roles side by side on one topic, with what they share and what only each has."""
    a, b, topic = comparison.first, comparison.second, comparison.topic
    title = topics.title(topic)
    heading = f"{a.role} vs {b.role} — {title}"
    bullets: List[str] = []
    lines: List[str] = []
    if topic in ("skills", "tools", "industries"):
        shared = {s.lower() for s in comparison.shared}

        def items(facts: TopicFacts) -> List[str]:
            if topic == "skills":
                seq = [t for f in facts.facts for t in f.terms]
            else:
                seq = [f.name or "" for f in facts.facts]
            return list(dict.fromkeys(i for i in seq if i.lower() not in shared))

        bullets.append(f"Both: {', '.join(comparison.shared) or 'nothing in common on record'}")
        for facts in (a, b):
            only = items(facts)
            bullets.append(f"Only {facts.role}: {', '.join(only) or 'nothing else on record'}")
        if topic == "skills":
            lines.append("(Skills compared by the technologies and abilities they name.)")
    elif topic == TOPIC_SALARY:
        for facts in (a, b):
            if facts.jobs:
                ranges = "; ".join(
                    f"{j.currency} {_money(j.salary_min)}–{_money(j.salary_max)} "
                    f"({j.level or 'level not stated'})"
                    for j in facts.jobs
                )
                bullets.append(f"{facts.role}: {ranges} — from featured job listings")
            else:
                bullets.append(f"{facts.role}: no job listing for this role in my sources")
    else:
        for facts in (a, b):
            texts = [f.text or f.name or "" for f in facts.facts][:3]
            if topic == TOPIC_TIPS:
                texts = [f.name or "" for f in facts.facts]
            summary = "; ".join(texts) if texts else "nothing on record"
            bullets.append(f"{facts.role}: {summary}")
    sources = list(a.sources.values()) + list(b.sources.values())
    return Reply(
        heading=heading,
        bullets=bullets,
        lines=lines,
        footer=source_line(sources),
        buttons=[
            (f"{t.capitalize()} compared", payload("compare_roles", topic=key))
            for key, t in ((k, topics.title(k)) for k in ("skills", "tools", TOPIC_SALARY))
            if key != topic
        ],
    )


def overview_reply(definitions: Comparison, tools: Comparison) -> Reply:
    """A first comparison of two roles: each definition, then shared and distinct tools."""
    a, b = definitions.first, definitions.second
    bullets = [
        f"{facts.role}: {facts.facts[0].text if facts.facts else 'no definition on record'}"
        for facts in (a, b)
    ]
    shared = {s.lower() for s in tools.shared}
    bullets.append(f"Tools both use: {', '.join(tools.shared) or 'none on record'}")
    for facts in (tools.first, tools.second):
        only = [f.name for f in facts.facts if f.name and f.name.lower() not in shared]
        bullets.append(f"Only {facts.role}: {', '.join(only[:6]) or 'none'}")
    sources = [*a.sources.values(), *b.sources.values(), *tools.first.sources.values()]
    sources += list(tools.second.sources.values())
    return Reply(
        heading=f"{a.role} vs {b.role} — overview",
        bullets=bullets,
        footer=source_line(sources),
        buttons=[
            (f"{topics.title(k).capitalize()} compared", payload("compare_roles", topic=k))
            for k in ("skills", "education", TOPIC_SALARY)
        ],
    )


def _occupations_line(count: int) -> str:
    return (
        f"I also know {count:,} official occupations (O*NET and BLS): what they do, their "
        "skills, education, software, outlook and similar jobs, and their pay by state and "
        "metro area."
        if count
        else ""
    )


def unknown_role_reply(
    mention: str,
    known: Sequence[str],
    occupations: int = 0,
    similar: Sequence[str] = (),
    more: int = 0,
) -> Reply:
    """Say plainly that a role is not in the database; offer the ``similar`` roles (same head
    noun, likeliest first, ``more`` left out) when there are any, else the article roles."""
    shown = clean_user_text(mention, 40) or "that role"
    heading = f"I don't have “{shown}” in my role database, so I can't tell you about it."
    if similar:
        head = clean_user_text(mention, 40).split()[-1]
        return Reply(
            heading=heading,
            lines=[f"Occupations I know with “{head}” in their name:"],
            bullets=list(similar),
            notes=[f"…and {more} more: name one more fully."] if more else [],
            buttons=[(name, payload("inform_role", role=name)) for name in similar],
        )
    return Reply(
        heading=heading,
        lines=[line for line in (_occupations_line(occupations),) if line]
        + ["I can answer in depth about these roles:"],
        bullets=list(known),
        buttons=[(name, payload("inform_role", role=name)) for name in known],
    )


def ambiguous_role_reply(mention: str, candidates: Sequence[str], more: int = 0) -> Reply:
    """Ask which of several roles a generic mention ("engineer") meant, with buttons; ``more``
    counts the less likely candidates left out."""
    shown = clean_user_text(mention, 40)
    if len(candidates) == 1:
        heading = f"I don't have “{shown}” as such. Did you mean the {candidates[0]}?"
    else:
        heading = f"“{shown}” could mean several roles. Which one do you mean?"
    notes = [f"…or {more} other role{'s' if more > 1 else ''}: name it more fully."] if more else []
    return Reply(
        heading=heading,
        bullets=list(candidates),
        notes=notes,
        buttons=[(name, payload("inform_role", role=name)) for name in candidates],
        needs_choice=True,
    )


#: The same words as the domain's ``utter_out_of_scope`` (a test checks).
OUT_OF_SCOPE = ("Sorry, that's outside what I can help with.",
                "I answer questions about careers: what a role is, its skills, education, tools, "
                "industries, outlook, pay by state and metro area, and comparisons. Type “what can "
                "you do” to see more.")


def out_of_scope_reply() -> Reply:
    """The out-of-scope reply, for a question that reached a career action without naming
    anything of a career and without a role in context."""
    return Reply(heading=OUT_OF_SCOPE[0], lines=[OUT_OF_SCOPE[1]])


def ask_role_reply(topic: Optional[str], known: Sequence[str], evidence: bool = True) -> Reply:
    """Ask which role a question is about when none was named or is in context; without
    ``evidence`` that the message is about careers at all (no topic, skill or career word:
    :func:`actions.context.names_career_words`), the out-of-scope reply instead: never a career
    question back to "how long does it take to get to Chicago by train"."""
    if not evidence:
        return out_of_scope_reply()
    about = f" about {topics.title(topic)}" if topic else ""
    return Reply(
        heading=f"Which role would you like to know{about}?",
        bullets=list(known),
        buttons=[(name, payload("inform_role", role=name)) for name in known],
        needs_choice=True,
    )


def compare_needs_two_reply(found: Sequence[str], known: Sequence[str]) -> Reply:
    """Ask for the second role of a comparison (``found`` holds zero or one role)."""
    if found:
        heading = f"Which role should I compare with the {found[0]}?"
        options = [n for n in known if n != found[0]]
        buttons = [(n, payload("compare_roles", role=n)) for n in options]
    else:
        heading = "Which two roles should I compare? For example: “data engineer vs data scientist”."
        options = list(known)
        buttons = []
    return Reply(heading=heading, bullets=options, buttons=buttons, needs_choice=bool(buttons))


def roles_list_reply(known: Sequence[str], occupations: int = 0) -> Reply:
    """List the article roles, and say how many official occupations there are besides."""
    return Reply(
        heading=f"I know {len(known)} roles in depth:",
        bullets=list(known),
        notes=["Ask me about any of them, or compare two."]
        + [line for line in (_occupations_line(occupations),) if line],
        buttons=[(name, payload("ask_definition", role=name)) for name in known],
    )


def capabilities_reply(known: Sequence[str], occupations: int = 0) -> Reply:
    """What the assistant can do, with example questions."""
    return Reply(
        heading="I answer questions about careers: data and machine-learning roles in depth, from "
        "the articles in my role database, and every official US occupation from open data:",
        bullets=[
            "what a role is, its responsibilities, skills, education, tools and industries",
            "job outlook, tips for getting started, and featured job listings",
            "any official occupation in depth: tasks, skills, knowledge, education, software, "
            "outlook, similar jobs, work styles (O*NET 30.1, BLS Employment Projections "
            "2024–34), e.g. “what does a dental hygienist need to study?”",
            "pay and employment of any official occupation, nationally, by state or metro area "
            "(BLS OEWS, May 2025), e.g. “what does a nurse earn in Ohio?”",
            "comparisons of any two roles, e.g. “ML engineer vs data scientist”",
            "follow-ups such as “and education?” or “what about data scientists?”",
        ],
        notes=[f"Roles I know in depth: {', '.join(known)}."]
        + [line for line in (_occupations_line(occupations),) if line],
        buttons=[("Which roles do you know?", "/list_roles")]
        + [(f"Skills of {article_for(r)} {r}", payload("ask_skills", role=r)) for r in known[:1]],
    )


def sources_reply(articles: Sequence[Tuple[Source, Sequence[str]]],
                  datasets: Sequence[Citation]) -> Reply:
    """Where the facts come from: each article (title, date, the roles it covers) and each
    dataset release (title, release, package, licence, address)."""
    bullets = [f"“{s.title}” ({_date(s.published)}): {', '.join(roles)}" for s, roles in articles]
    for c in datasets:
        details = "; ".join(x for x in (c.package and f"package {c.package}", c.licence, c.url) if x)
        bullets.append(f"{c.title}, {c.release} ({details})")
    return Reply(
        heading="Where my facts come from",
        lines=["Every answer ends with the sources of its facts."],
        bullets=bullets,
        notes=["Skills, tools, education, tips and outlook come from the articles, in my own words; "
               "pay and employment are BLS estimates (cross-industry, excluding the self-employed); "
               "occupation descriptions are O*NET's, used under CC BY 4.0."],
        buttons=[("What can you do?", "/ask_capabilities")],
    )


def rephrase_reply(role: str) -> Reply:
    """Low-confidence fallback: ask to rephrase, with example questions about ``role``."""
    return Reply(
        heading="Sorry, I didn't quite get that. Could you rephrase?",
        lines=["You could ask, for example:"],
        bullets=[
            f"What skills does {article_for(role)} {role} need?",
            f"How much does {article_for(role)} {role} earn?",
            "Which roles do you know?",
        ],
        buttons=[
            ("Skills", payload("ask_skills", role=role)),
            ("Salary", payload("ask_salary", role=role)),
            ("Which roles do you know?", "/list_roles"),
        ],
    )


def store_down_reply() -> Reply:
    """Said when the role database cannot be read."""
    return Reply(
        heading="Sorry, my role database is not available right now, so I can't look that up.",
        lines=["Please try again in a moment."],
    )
