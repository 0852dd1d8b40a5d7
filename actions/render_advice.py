"""Replies of the advice across every occupation (:mod:`actions.advice`): the profile recorded
and shown, fit, moving from one occupation to another and the related occupations worth moving
to, as :class:`actions.reply.Reply` objects that :mod:`actions.reply` formats for each channel.
"""

from __future__ import annotations

from typing import List, Optional, Sequence, Tuple

from actions.render_guidance import join_and
from actions.reply import Reply, payload
from careerdata.advice import Fit, Match, Profile
from careerdata.interests import read_areas
from careerdata.rankings import NO_DEGREE_LEVEL
from careerdata.switching import Move, Switch

FIT_SCORE = ("Score: the average of the interest match (how strongly O*NET rates the occupation "
             "in the areas you like, 1–7 as 0–100%) and the skill match (the share of your "
             "skills and tools O*NET lists for it), whichever you gave me.")


def _money(value: Optional[int]) -> str:
    return f"${value:,}" if value else "no published median"


def _change(percent: float) -> str:
    return f"{percent:+.1f}% 2024–34"


def interest_buttons(chosen: Sequence[str] = ()) -> List[Tuple[str, str]]:
    """One button per RIASEC area not yet ``chosen``: its payload records the area."""
    return [(area.button, payload("inform_skills", interest=area.name))
            for area in read_areas().values() if area.name not in chosen]


def _education(level: str) -> str:
    """A level the user has: "Some college, no degree" is an upper bound ("no degree")."""
    return level + (" at most" if level == NO_DEGREE_LEVEL else "")


def _gained(before: Sequence[str], after: Sequence[str]) -> Tuple[List[str], List[str]]:
    """``(items new in after, items gone from before)``."""
    return [a for a in after if a not in before], [b for b in before if b not in after]


def profile_lines(profile: Profile, place: Optional[str] = None) -> List[str]:
    """The profile in bullets (nothing for an empty one)."""
    lines = []
    if profile.current:
        lines.append(f"Works as: {profile.current}")
    if profile.skills:
        lines.append(f"Skills and tools: {', '.join(profile.skills)}")
    if profile.interests:
        lines.append("Interests: " + "; ".join(f"{a} ({read_areas()[a].about})" for a in profile.interests))
    if profile.education:
        lines.append(f"Education: {_education(profile.education)}")
    if profile.min_pay:
        lines.append(f"Pay wanted: at least ${profile.min_pay:,} a year")
    if place:
        lines.append(f"Place for pay: {place}")
    return lines


def recorded_reply(before: Profile, after: Profile, usage: Sequence[str],
                   unknown: Sequence[str], not_held: Sequence[str] = (),
                   forgot_all: bool = False, denied: Sequence[str] = (),
                   places: Tuple[Optional[str], Optional[str]] = (None, None)) -> Reply:
    """Confirm what a statement changed in the profile, which roles use the skills just named
    (``usage``, one line each), skills asked to be forgotten that were never recorded
    (``not_held``), skills said not to be known (``denied``), the place for pay before and
    after (``places``: names, None for national), the whole profile and the next steps."""
    said: List[str] = []
    if places[1] and places[1] != places[0]:
        said.append(f"you're in {places[1]}")
    added, removed = _gained(before.skills, after.skills)
    if added:
        said.append(f"you know {join_and(added)}")
    if removed:
        said.append(f"I've forgotten {join_and(removed)}")
    unknown_now = [s for s in denied if s not in removed]
    if unknown_now:
        said.append(f"you don't know {join_and(unknown_now)}")
    liked, dropped = _gained(before.interests, after.interests)
    if liked:
        said.append(f"you like {join_and([f'{a} work ({read_areas()[a].about})' for a in liked])}")
    if dropped:
        said.append(f"{join_and(dropped)} is no longer among your interests")
    if after.education != before.education and after.education:
        said.append(f"your education: {_education(after.education)}")
    if after.min_pay != before.min_pay and after.min_pay:
        said.append(f"you want at least ${after.min_pay:,} a year")
    if after.current != before.current and after.current:
        said.append(f"you work as {after.current}")
    gone = [what for what, had, has in (
        ("your education", before.education, after.education),
        ("your lowest pay", before.min_pay, after.min_pay),
        ("your current job", before.current, after.current)) if had and not has]
    if gone and not forgot_all:
        said.append(f"I've forgotten {join_and(gone)}")
    if forgot_all:
        heading = "Done: I've forgotten everything you told me."
    elif not said and not_held:
        heading = f"You hadn't told me you know {join_and(list(not_held))}, so there's nothing to forget."
    elif not said:
        heading = "I couldn't record anything about you from that."
    else:
        heading = f"Noted: {'; '.join(said)}."
    lines = list(usage)
    if unknown:
        lines.append(f"I don't know {join_and([f'“{u}”' for u in unknown])} as a skill or tool, "
                     "so it doesn't count.")
    mine = profile_lines(after, places[1])
    notes = [] if not mine else ["Your profile: " + " · ".join(mine) + "."]
    if not mine:
        notes.append("Tell me skills (“I know Excel”), what you like (“I like helping people”), "
                     "your education (“I don't have a degree”) or a lowest pay (“at least $50k”).")
    buttons = [("Which jobs fit me?", payload("ask_fit"))] if after else []
    buttons.append(("What do you know about me?", payload("ask_profile")))
    return Reply(heading=heading, lines=lines, notes=notes, buttons=buttons)


def which_job_reply(text: str, candidates: Sequence[str]) -> Reply:
    """"I'm a teacher": which of the occupations is the user's job (buttons record it)."""
    return Reply(heading=f"Which kind of {text} are you?",
                 lines=["Pick your occupation and I'll keep it for advice on where to move."],
                 buttons=[(c, payload("inform_skills", role=c)) for c in candidates[:8]],
                 needs_choice=True)


def profile_reply(profile: Profile, place: Optional[str]) -> Reply:
    """The whole profile, how to change it and what it is used for."""
    mine = profile_lines(profile, place)
    if not mine:
        return Reply(heading="I know nothing about you yet.",
                     lines=["Tell me your skills (“I know Excel and SQL”), what you like doing "
                            "(pick below, or “I like working with my hands”), your education "
                            "(“I don't have a degree”) or the pay you want (“at least $50k”), and "
                            "I'll find the occupations that fit."],
                     buttons=interest_buttons())
    return Reply(heading="What you've told me", bullets=mine,
                 notes=["It lives only in this conversation. Change it by saying so "
                        "(“forget Java”, “I have a bachelor's”), or say “forget everything”."],
                 buttons=[("Which jobs fit me?", payload("ask_fit"))])


def no_profile_reply(examples: Sequence[str], answered: bool = False) -> Reply:
    """A fit question before the user said anything about themselves: ask for skills or
    interests, with the interest buttons; ``answered``: the question was answered another way
    first (the occupations of the education it names), so this asks for more."""
    heading = "For a fit, tell me more about yourself." if answered else \
        "Tell me about yourself first."
    return Reply(heading=heading,
                 lines=[f"Your skills or tools (“I know {examples[0]} and {examples[1]}”), or "
                        "what you like doing: pick one or more below, or say it (“I like "
                        "working with my hands”). I then rank every occupation by fit."],
                 buttons=interest_buttons())


def _match_line(match: Match) -> str:
    row = match.row
    parts = []
    if match.interests:
        parts.append("you like " + join_and([f"{a} ({v:.1f}/7 here)" for a, v in match.interests]))
    if match.skills:
        parts.append(f"uses {join_and(list(match.skills))}")
    missing = []
    if match.weak:
        missing.append(join_and([f"{a} rates {v:.1f}/7" for a, v in match.weak]))
    if match.unused:
        missing.append(f"not {join_and(list(match.unused))}")
    if match.learn:
        missing.append(f"to learn: {', '.join(match.learn)}")
    text = f"{row.role} — {match.score}%: {'; '.join(parts) or 'a partial match'}"
    if missing:
        text += f"; {'; '.join(missing)}"
    return (f"{text}. Median {_money(row.median)} a year, {_change(row.change_percent)}, "
            f"entry: {row.education}")


def fit_reply(result: Fit, profile: Profile, where: str, within: Sequence[str],
              footer: str) -> Reply:
    """The occupations that fit best across all of them, each explained in one line; honest
    when none does."""
    basis = profile_lines(profile)
    lines = [f"From what you told me ({' · '.join(basis)}); pay {where}."] if basis else []
    if within:
        lines.append(f"Only occupations {join_and(list(within))}.")
    notes = []
    if result.uncounted:
        notes.append(f"O*NET names no software or tool called {join_and(result.uncounted)}, "
                     "so it isn't counted.")
    if not result.matches:
        return Reply(heading="No occupation fits all of that",
                     lines=lines + ["None of the occupations within those limits matches your "
                                    "skills or interests. Loosen a limit (“forget my pay "
                                    "limit”) or tell me more."],
                     notes=notes, footer=footer)
    notes.append(FIT_SCORE)
    top = result.matches[0].row.role
    return Reply(heading="Across all occupations: best fits for you",
                 lines=lines + [f"{result.total} occupations match in part; the top "
                                f"{len(result.matches)}:"],
                 bullets=[_match_line(m) for m in result.matches], notes=notes, footer=footer,
                 buttons=[(f"How do I get into {top}?", payload("ask_education", role=top)),
                          ("What do you know about me?", payload("ask_profile"))])


def switch_reply(move: Switch, where: str, footer: str, shown: int = 6) -> Reply:
    """Moving from one occupation to another: gaps, technology, education and pay."""
    bullets = [f"{g.label} ({'knowledge' if g.kind == 'knowledge' else 'skill'}): level "
               f"{g.have:.1f} → {g.need:.1f} of 7, importance {g.importance:.1f}/5"
               for g in move.gaps[:shown]]
    lines = [f"What {move.target} needs at a higher level than {move.source} (O*NET levels):"
             if bullets else f"{move.target} needs no skill or knowledge area at a clearly "
             f"higher level than {move.source} (O*NET levels)."]
    notes = []
    if len(move.gaps) > shown:
        notes.append(f"…and {len(move.gaps) - shown} more smaller gaps.")
    if move.learn:
        notes.append(f"Software to learn (Hot Technology for {move.target}, not listed for "
                     f"{move.source}): {', '.join(move.learn)}.")
    have, need = move.education
    if have and need:
        step = ("the same level or lower" if move.education_step == 0
                else f"{move.education_step} level{'s' if move.education_step > 1 else ''} up")
        notes.append(f"Typical entry education: {have} → {need} ({step}).")
    low, high = move.pay
    if low and high:
        diff = high - low
        notes.append(f"Pay {where}: median {_money(low)} → {_money(high)} a year "
                     f"({'+' if diff >= 0 else '−'}${abs(diff):,}).")
    return Reply(heading=f"From {move.source} to {move.target}", lines=lines, bullets=bullets,
                 notes=notes, footer=footer,
                 buttons=[(f"Education of {move.target}",
                           payload("ask_education", role=move.target))])


def moves_reply(current: str, moves: Sequence[Move], total: int, where: str,
                education: Optional[str], footer: str) -> Reply:
    """Related occupations of ``current`` that pay more (or grow faster), best paid first."""
    within = f", with entry education up to “{education}”" if education else ""
    if not moves:
        return Reply(heading=f"No better-paid related occupation for {current}{within}",
                     lines=[f"Of the occupations O*NET relates to {current}, none pays more "
                            f"{where} within that education. Ask for the similar jobs of "
                            f"{current} to see them all."], footer=footer)
    bullets = [f"{mv.row.role}: median {_money(mv.row.median)} a year, "
               f"{_change(mv.row.change_percent)}, entry: {mv.row.education}" for mv in moves]
    return Reply(heading=f"Where {current} can move: related occupations that pay more",
                 lines=[f"{total} of O*NET's related occupations pay more {where}{within}; "
                        "the best paid:"],
                 bullets=bullets, footer=footer,
                 buttons=[(f"From {current} to {moves[0].row.role}",
                           payload("ask_tips", role=moves[0].row.role))])


#: Occupations a reverse look-up lists.
LOOKUP_SHOWN = 8


def needing_reply(kind: str, name: str, found: Sequence, by_pay: bool, footer: str) -> Reply:
    """The occupations that need an O*NET skill or knowledge area (``found``:
    :class:`careerdata.elements.Needed`), each with importance, level and national median."""
    what = "knowledge area" if kind == "knowledge" else "skill"
    if not found:
        return Reply(heading=f"No occupation rates {name} highly",
                     lines=[f"O*NET rates the {what} {name} below 3.5 of 5 in importance for "
                            "every occupation."], footer=footer)
    order = "best paid first" if by_pay else "most important first, then most openings"
    bullets = [f"{n.row.role}: importance {n.importance:.1f}/5"
               + (f", level {n.level:.1f}/7" if n.level is not None else "")
               + f", median {_money(n.row.median)} a year" for n in found[:LOOKUP_SHOWN]]
    more = len(found) - len(bullets)
    return Reply(heading=f"Occupations that need {name}: {len(found)}",
                 lines=[f"O*NET rates the {what} {name} 3.5 or more of 5 in importance for "
                        f"{len(found)} occupations; {order}:"],
                 bullets=bullets,
                 notes=[f"…and {more} more."] if more > 0 else [], footer=footer,
                 buttons=[(f"Skills of {n.row.role}", payload("ask_skills", role=n.row.role))
                          for n in found[:2]])


def entry_education_reply(level: str, rows: Sequence, by_pay: bool, footer: str) -> Reply:
    """The occupations whose typical entry education is ``level`` (catalog rows)."""
    if not rows:
        return Reply(heading=f"No occupation has “{level}” as its typical entry education",
                     lines=["BLS gives no occupation of my data that typical entry education."],
                     footer=footer)
    order = "best paid first" if by_pay else "most openings first"
    bullets = [f"{r.role}: {r.openings:,} openings a year, median {_money(r.median)} a year, "
               f"{_change(r.change_percent)}" for r in rows[:LOOKUP_SHOWN]]
    more = len(rows) - len(bullets)
    return Reply(heading=f"Occupations whose typical entry education is “{level}”: {len(rows)}",
                 lines=[f"BLS Employment Projections give “{level}” as the typical entry "
                        f"education of {len(rows)} occupations; {order}:"],
                 bullets=bullets, notes=[f"…and {more} more."] if more > 0 else [],
                 footer=footer,
                 buttons=[(f"Education of {rows[0].role}",
                           payload("ask_education", role=rows[0].role))])
