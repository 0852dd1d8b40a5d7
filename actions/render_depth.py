"""Replies built from the open data of one occupation (:mod:`careerdata.depth`): its tasks,
skills, knowledge, education, technology, outlook, similar jobs, work styles and interests.

:data:`RENDERERS` maps each topic to the function writing its bullets; :func:`depth_reply` adds
the heading, the occupation the facts describe (an article role's mapped occupation, a detailed
occupation's parent), the cut ("…and 21 more"), the source line naming each release, and the
buttons. Numbers: importance 1–5 and level 0–7 (O*NET), employment in people, change in %,
pay in USD a year.
"""

from __future__ import annotations

from typing import Callable, Dict, List, Mapping, Optional, Sequence, Tuple

from actions.render import article_for, source_line
from actions.reply import Reply, payload
from careerdata import topics
from careerdata.depth import Depth, Item
from careerdata.records import Source

#: O*NET level (0–7) in plain words: the upper bound of each band and its word.
LEVEL_WORDS = ((2.5, "basic"), (4.0, "intermediate"), (5.5, "advanced"), (7.01, "expert"))
#: Tools named after the software.
TOOLS_SHOWN = 6
#: How an occupation's growth compares with the all-occupation average (percentage points).
SAME_AS_AVERAGE = 1.0


def level_word(level: Optional[float]) -> Optional[str]:
    """``"advanced"`` for an O*NET level of 4.6 (scale 0–7); None for None."""
    if level is None:
        return None
    return next(word for bound, word in LEVEL_WORDS if level < bound)


def _rated(item: Item) -> str:
    word = level_word(item.level)
    level = f", {word} level ({item.level:.1f} of 7)" if word else ""
    return f"{item.label} — importance {item.value:.1f} of 5{level}"


def _flagged(item: Item) -> str:
    return item.label + (f" ({', '.join(item.flags)})" if item.flags else "")


def _people(value: float) -> str:
    return f"{round(value):,}"


def _growth_words(change: float, average: Optional[float]) -> str:
    if change < 0:
        return "a decline"
    if average is None:
        return "growth"
    if abs(change - average) <= SAME_AS_AVERAGE:
        return "about as fast as the average"
    return "faster than the average" if change > average else "slower than the average"


Rendered = Tuple[List[str], List[str], int]


def responsibilities(depth: Depth, limit: int) -> Rendered:
    """Core tasks first; ``(lines, bullets, how many left out)``."""
    shown = depth.items[:limit]
    core = sum(1 for i in depth.items if "Core" in i.flags)
    lines = [f"O*NET lists {len(depth.items)} tasks ({core} core). The main ones:"]
    return lines, [i.label for i in shown], len(depth.items) - len(shown)


def skills(depth: Depth, limit: int) -> Rendered:
    """Skills by importance with their level in words; the top knowledge areas as a line."""
    bullets = [_rated(i) for i in depth.items[:limit]]
    lines = ["The most important skills, by O*NET importance (1–5) and level needed (0–7):"]
    after = []
    if depth.extra:
        after = [f"Knowledge it draws on most: {', '.join(i.label for i in depth.extra)}."]
    return lines, bullets + after, max(0, len(depth.items) - limit)


def knowledge(depth: Depth, limit: int) -> Rendered:
    """Knowledge areas by importance with their level in words."""
    lines = ["The most important knowledge areas, by O*NET importance (1–5) and level (0–7):"]
    return lines, [_rated(i) for i in depth.items[:limit]], max(0, len(depth.items) - limit)


def education(depth: Depth, limit: int) -> Rendered:
    """BLS entry education, experience and training, the job zone, then O*NET's shares."""
    bullets = [f"{label}: {text}" for label, text in depth.facts]
    if depth.items:
        shares = "; ".join(f"{i.label} {i.value:.0f}%"
                           + (" (low precision)" if i.flags else "") for i in depth.items[:limit])
        bullets.append(f"Education workers in it report (O*NET, share of respondents): {shares}")
    return [], bullets, 0


def technology(depth: Depth, limit: int) -> Rendered:
    """Software, Hot Technology and In Demand first, then tools."""
    bullets = [_flagged(i) for i in depth.items[:limit]]
    hidden = len(depth.items) - min(limit, len(depth.items))
    lines = [f"Software ({len(depth.items)} examples; Hot Technology and In Demand first):"] \
        if depth.items else ["O*NET lists no software for this occupation."]
    if depth.extra:
        tools = ", ".join(i.label for i in depth.extra[:TOOLS_SHOWN])
        more = len(depth.extra) - min(TOOLS_SHOWN, len(depth.extra))
        bullets.append(f"Tools: {tools}" + (f" …and {more} more" if more else ""))
    return lines, bullets, hidden


def outlook(depth: Depth, limit: int) -> Rendered:
    """Employment 2024 → 2034, change against the all-occupation average, openings."""
    items = {i.label: i for i in depth.items}
    extra = {i.label: i for i in depth.extra}
    change = items["Change"]
    average = extra.get("All occupations")
    avg = average.value if average else None
    sign = "+" if change.value >= 0 else ""
    bullets = [
        f"Employment: {_people(items['Employment 2024'].value)} in 2024 → "
        f"{_people(items['Employment 2034 (projected)'].value)} projected for 2034",
        f"Change: {sign}{change.value:.1f}% ({sign}{_people(change.level or 0)} jobs), "
        f"{_growth_words(change.value, avg)}"
        + (f" of all occupations ({avg:+.1f}%)" if avg is not None
           else ""),
        f"Openings: about {_people(items['Openings a year (average)'].value)} a year "
        "(growth plus people leaving or retiring)",
    ]
    wage = extra.get("Median wage 2024")
    if wage is not None:
        bullets.append(f"Median wage 2024: ${wage.value:,.0f}{' or more' if wage.flags else ''}"
                       " a year (BLS)")
    return [], bullets, 0


def similar(depth: Depth, limit: int) -> Rendered:
    """Related occupations, closest first, each with its national median pay."""
    def pay(item: Item) -> str:
        if not item.value:
            return " — no national median published"
        whose = f", the {item.flags[1]}" if len(item.flags) > 1 else ""
        return f" — median ${item.value:,.0f} a year{whose}"

    bullets = [i.label + pay(i) for i in depth.items[:limit]]
    lines = ["Related occupations (O*NET), closest first:"]
    return lines, bullets, len(depth.items) - len(depth.items[:limit])


def work_styles(depth: Depth, limit: int) -> Rendered:
    """Work styles by impact; the RIASEC interests and work values as lines."""
    bullets = [i.label for i in depth.items[:limit]]
    lines = ["Work styles it asks for most (O*NET):"]
    interests = [i for i in depth.extra if "interest" in i.flags]
    values = [i for i in depth.extra if "value" in i.flags]
    code = dict(depth.facts).get("Interest code")
    if interests:
        bullets.append("Interests (RIASEC): "
                       + ", ".join(f"{i.label} {i.value:.1f} of 7" for i in interests)
                       + (f"; interest code {code}" if code else ""))
    if values:
        bullets.append("Work values: " + ", ".join(i.label for i in values))
    return lines, bullets, 0


#: ``{topic key: renderer}``; a renderer returns ``(lines, bullets, items left out)``.
RENDERERS: Dict[str, Callable[[Depth, int], Rendered]] = {
    topics.RESPONSIBILITIES: responsibilities,
    topics.SKILLS: skills,
    topics.KNOWLEDGE: knowledge,
    topics.EDUCATION: education,
    topics.TOOLS: technology,
    topics.OUTLOOK: outlook,
    topics.SIMILAR: similar,
    topics.WORK_STYLES: work_styles,
}
_NOUNS = {topics.RESPONSIBILITIES: "task", topics.SIMILAR: "occupation",
          topics.TOOLS: "software example", topics.SKILLS: "skill",
          topics.KNOWLEDGE: "knowledge area"}


def describes(depth: Depth) -> Optional[str]:
    """The line naming what the facts describe when it is not the role itself: an article
    role's mapped occupation, a detailed occupation's parent."""
    if depth.parent:
        return (f"No figures of its own for {depth.occupation}: these are for "
                f"{depth.parent}, the occupation it belongs to.")
    if mapped(depth):
        return (f"Official data for the occupation closest to {depth.role}: {depth.occupation} "
                f"({depth.code}).")
    return None


def mapped(depth: Depth) -> bool:
    """True when the facts are another occupation's than the role asked about (an article
    role's mapped occupation), so the heading names that occupation."""
    same = depth.occupation.lower().rstrip("s") == depth.role.lower().rstrip("s")
    return bool(depth.occupation) and not same and not depth.parent


def depth_reply(depth: Depth, sources: Mapping[str, Source],
                buttons: Sequence[str] = (), more: bool = False) -> Reply:
    """The answer to one topic about one occupation from the open data; says plainly what
    O*NET and BLS do not hold. ``sources`` maps release keys to :class:`Source`; ``buttons``
    are the topics suggested next (default: the topic's ``next``). With ``more``, the items
    after the first answer's (up to :data:`MORE_ITEMS` of them) instead."""
    title = topics.title(depth.topic)
    role = depth.role
    heading = f"{depth.occupation if mapped(depth) else role} — {title}"
    label = describes(depth)
    lines = [label] if label else []
    keys = list(buttons) or [k for k in topics.OCCUPATION_NEXT if k != depth.topic]
    buttons_ = [(topics.title(k).capitalize(), payload(topics.BY_KEY[k].intent, role=role))
                for k in keys[:4]]
    if depth.empty:
        lines.append(f"O*NET and BLS hold no {title} for {article_for(role)} {role}.")
        return Reply(heading=heading, lines=lines, buttons=buttons_)
    limit = topics.BY_KEY[depth.topic].max_bullets
    if more:
        return _more_reply(depth, limit, heading, lines, sources, buttons_)
    more_lines, bullets, hidden = RENDERERS[depth.topic](depth, limit)
    if hidden and depth.topic in LISTS:
        buttons_ = [("More", "more")] + buttons_[:3]
    notes = []
    if hidden:
        noun = _NOUNS.get(depth.topic, "item")
        link = f" (onetonline.org/link/summary/{depth.code})" if "." in depth.code else ""
        say = "say “more”, or see" if depth.topic in LISTS else "see"
        notes.append(f"…and {hidden} more {noun}{'s' if hidden > 1 else ''}: {say} O*NET OnLine"
                     f"{link}.")
    return Reply(heading=heading, lines=lines + more_lines, bullets=bullets, notes=notes,
                 footer=source_line(sources[k] for k in depth.releases if k in sources),
                 buttons=buttons_)


#: Topics whose main list "more" continues; how many items a "more" answer shows at most.
LISTS = (topics.RESPONSIBILITIES, topics.SKILLS, topics.KNOWLEDGE, topics.TOOLS, topics.SIMILAR,
         topics.WORK_STYLES)
MORE_ITEMS = 20


def _more_reply(depth: Depth, limit: int, heading: str, lines: List[str],
                sources: Mapping[str, Source], buttons: List[Tuple[str, str]]) -> Reply:
    """The items of ``depth``'s main list after the first ``limit``, at most :data:`MORE_ITEMS`."""
    total = len(depth.items)
    shown = depth.items[limit:limit + MORE_ITEMS]
    if depth.topic not in LISTS or not shown:
        lines.append("That was all of it." if total else "There is nothing more on record.")
        return Reply(heading=heading, lines=lines, buttons=buttons)
    rest = Depth(depth.role, depth.topic, depth.occupation, depth.code, shown,
                 releases=depth.releases, parent=depth.parent)
    _, bullets, _ = RENDERERS[depth.topic](rest, len(shown))
    if depth.topic == topics.WORK_STYLES:
        bullets = [i.label for i in shown]
    end = limit + len(shown)
    lines.append(f"Continued: {limit + 1}–{end} of {total}.")
    notes = [f"…and {total - end} more on O*NET OnLine."] if end < total else []
    return Reply(heading=heading, lines=lines, bullets=bullets, notes=notes,
                 footer=source_line(sources[k] for k in depth.releases if k in sources),
                 buttons=buttons)


#: Items each side shows in a comparison of lists (skills, software, similar jobs …).
COMPARED_ITEMS = 8


def _summary(depth: Depth) -> str:
    """One line about one occupation for a side-by-side comparison of facts."""
    if depth.empty:
        return "nothing on record"
    if depth.topic == topics.OUTLOOK:
        items = {i.label: i for i in depth.items}
        change, openings = items["Change"], items["Openings a year (average)"]
        return (f"{change.value:+.1f}% 2024–34, about "
                f"{_people(openings.value)} openings a year")
    if depth.topic == topics.EDUCATION:
        facts = dict(depth.facts)
        parts = [facts.get("Typical entry education"), facts.get("Typical on-the-job training")]
        zone = facts.get("O*NET job zone")
        return "; ".join(p for p in parts + [zone and f"job zone {zone}"] if p and p != "None")
    if depth.topic == topics.RESPONSIBILITIES:
        return "; ".join(i.label.rstrip(".") for i in depth.items[:3])
    return ", ".join(i.label for i in depth.items[:COMPARED_ITEMS])


def comparison_reply(first: Depth, second: Depth, sources: Mapping[str, Source]) -> Reply:
    """Two occupations side by side on one topic of the open data: what both have and what
    only each has for lists (skills, knowledge, software, similar jobs, work styles), one line
    each for the rest (outlook, education, tasks)."""
    title = topics.title(first.topic)
    names = [d.occupation if mapped(d) else d.role for d in (first, second)]
    bullets: List[str] = []
    lines: List[str] = []
    if first.topic in (topics.RESPONSIBILITIES, topics.OUTLOOK, topics.EDUCATION):
        bullets = [f"{name}: {_summary(d)}" for name, d in zip(names, (first, second))]
    else:
        shown = COMPARED_ITEMS if first.topic != topics.WORK_STYLES else 5
        a = [i.label for i in first.items[:shown]]
        b = [i.label for i in second.items[:shown]]
        both = [x for x in a if x in b]
        lines.append(f"The top {shown} of each, most important first (O*NET):")
        bullets.append(f"Both: {', '.join(both) or 'nothing in common among the top ones'}")
        for name, own, d in zip(names, (a, b), (first, second)):
            only = [x for x in own if x not in both]
            empty = f"O*NET holds no {title} for it"
            bullets.append(f"Only {name}: {', '.join(only) or ('nothing else' if own else empty)}")
        codes = [dict(d.facts).get("Interest code") for d in (first, second)]
        if first.topic == topics.WORK_STYLES and all(codes):
            bullets.append(f"Interest codes (RIASEC): {names[0]} {codes[0]}, "
                           f"{names[1]} {codes[1]}")
    if first.topic == topics.OUTLOOK:
        average = next((i.value for d in (first, second) for i in d.extra
                        if i.label == "All occupations"), None)
        if average is not None:
            lines.append(f"All occupations: {average:+.1f}% 2024–34.")
    notes = [line for line in (describes(first), describes(second)) if line]
    keys = [k for k in (topics.SKILLS, topics.EDUCATION, topics.OUTLOOK, topics.SALARY)
            if k != first.topic]
    used = [*first.releases, *second.releases]
    return Reply(
        heading=f"{names[0]} vs {names[1]} — {title}", lines=lines, bullets=bullets,
        notes=notes, footer=source_line(sources[k] for k in dict.fromkeys(used) if k in sources),
        buttons=[(f"{topics.title(k).capitalize()} compared", payload("compare_roles", topic=k))
                 for k in keys[:3]])
