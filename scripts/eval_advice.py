"""Advice questions across every occupation (``tests/data/advice_heldout.yml``, written by
someone who had read neither the bot's code nor its training data): the share answered with the
right kind of answer, per kind.

Kinds and what counts as right (the reply's headings, any of the turn's replies):

- ``uses_technology``: "Occupations that use …" or the article roles' "Roles that use …";
- ``needs_skill``: "Occupations that need …"; ``entry_education``: "Occupations whose typical
  entry education is …"; ``ranking``: a ranking "Across all occupations: …";
- ``fit``: the best fits across all occupations, the article roles' fit, or "No occupation fits";
- ``profile``: the profile shown or a change to it confirmed;
- ``switch``: "From A to B" (or the article roles' "A → B — what to learn") with A and B the
  question's two O*NET-SOC codes (an article role counts by its mapped occupation);
- ``moves``: "Where A can move" (or that none pays more) with A the question's code.

A which-one question is counted apart ("asked which"); any other reply is "missed", a switch
or move about other occupations "wrong occupation". Each question (with its ``setup`` messages)
is a new conversation on a freshly started stack (:func:`scripts.eval_depth.play`).

Usage: ``python scripts/eval_advice.py [--json results/advice.json] [--show-misses]``
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Dict, List, Optional

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from scripts.eval_depth import command_line, play, role_codes  # noqa: E402

DATA = PROJECT / "tests" / "data" / "advice_heldout.yml"
#: The headings each kind is answered with (at the start of a reply, after "**").
HEADINGS = {
    "uses_technology": ("Occupations that use ", "Roles that use "),
    "needs_skill": ("Occupations that need ", "No occupation rates "),
    "entry_education": ("Occupations whose typical entry education is ",),
    "ranking": ("Across all occupations: fastest", "Across all occupations: most",
                "Across all occupations: best paid"),
    "fit": ("Across all occupations: best fits", "Roles that fit your skills",
            "No occupation fits"),
    "profile": ("Noted:", "What you've told me", "I know nothing about you", "Done:",
                "You hadn't told me"),
}
_FROM_TO = re.compile(r"^\*\*From (?P<a>.+?) to (?P<b>.+?)\*\*|^\*\*(?P<c>.+?) → (?P<d>.+?) — "
                      r"what to learn\*\*", re.MULTILINE)
_MOVES = re.compile(r"^\*\*(?:Where (?P<a>.+?) can move|No better-paid related occupation for "
                    r"(?P<b>.+?)(?:,|\*\*))", re.MULTILINE)


def read_questions(path: Path = DATA) -> List[Dict]:
    """``[{"text", "kind", "setup"?, "onet"?}]`` of the held-out file."""
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]


def judge(reply: str, question: Dict, codes: Dict[str, Optional[str]]) -> str:
    """``right``, ``wrong occupation``, ``asked which`` or ``missed`` for the turn's reply
    texts ``reply``; ``codes`` maps role names to O*NET-SOC codes."""
    kind = question["kind"]
    if kind in HEADINGS:
        starts = tuple("**" + h for h in HEADINGS[kind])
        if any(line.startswith(starts) for line in reply.splitlines()):
            return "right"
    elif kind == "switch":
        found = _FROM_TO.search(reply)
        if found:
            a, b = found["a"] or found["c"], found["b"] or found["d"]
            return "right" if [codes.get(a), codes.get(b)] == question["onet"] \
                else "wrong occupation"
    elif kind == "moves":
        found = _MOVES.search(reply)
        if found:
            return "right" if codes.get(found["a"] or found["b"]) in question["onet"] \
                else "wrong occupation"
    if "Which one do you mean" in reply or "Did you mean" in reply or "Which kind of" in reply:
        return "asked which"
    return "missed"


def evaluate(questions: List[Dict]):
    """Play ``questions``: ``(figures, misses)`` as :func:`scripts.eval_depth.play` gives."""
    codes = role_codes()
    return play(questions, lambda reply, q: judge(reply, q, codes), "kind", "advice")


def main(argv=None) -> int:
    """Command line: the advice set's figures (``--show-misses``, ``--json FILE``)."""
    return command_line(argv, "advice", "by_kind", lambda: evaluate(read_questions()))


if __name__ == "__main__":
    sys.exit(main())
