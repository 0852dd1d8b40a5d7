"""Depth questions about occupations people name their own way (``tests/data/depth_heldout.yml``,
written by someone who had not read the training data): the share answered on the right
occupation and topic, per topic.

Each question is the first message of a new conversation, played over REST against a freshly
started stack (Rasa server and action server). An answer is right when its heading names a role
whose O*NET-SOC code (an article role: the code of its mapped occupation) is one the question
accepts, and the topic asked. A which-one question is counted apart ("asked which"), as is any
other reply ("missed"). Prints the figures and, with ``--json``, writes them to a file.

Usage: ``python scripts/eval_depth.py [--json results/depth.json] [--show-misses]``
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

DATA = PROJECT / "tests" / "data" / "depth_heldout.yml"
_HEADING = re.compile(r"^\*\*(?P<role>.+?) — (?P<topic>[^*]+?)(?:, [^*]*)?\*\*")


def read_questions(path: Path = DATA) -> List[Dict]:
    """``[{"text", "onet": [codes], "topic"}]`` of the held-out file."""
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]


def judge(reply: str, question: Dict, codes: Dict[str, Optional[str]]) -> str:
    """``right``, ``wrong occupation``, ``wrong topic``, ``asked which`` or ``missed`` for the
    reply text ``reply``; ``codes`` maps role names to O*NET-SOC codes."""
    from careerdata import topics

    match = _HEADING.match(reply)
    if match is None:
        return "asked which" if "Which one do you mean" in reply or "Did you mean" in reply \
            else "missed"
    role, title = match["role"], match["topic"].strip()
    if codes.get(role) not in question["onet"]:
        return "wrong occupation"
    return "right" if title == topics.title(question["topic"]) else "wrong topic"


def role_codes() -> Dict[str, Optional[str]]:
    """``{role name: O*NET-SOC code}`` of every role (an article role: its mapped occupation's)."""
    from sqlalchemy.orm import Session

    from careerdata import depth
    from careerdata.store import get_store

    store = get_store()
    with Session(store.engine, future=True) as session:
        return {name: depth.target(session, name).onet_code for name in store._all_roles}


def play(questions: List[Dict], judge_reply: Callable[[str, Dict], str], group: str,
         prefix: str) -> Tuple[Dict, List[Tuple[str, str, str]]]:
    """Play each question (its ``setup`` messages first, if any) as a new conversation on a
    freshly started stack and judge the reply to its ``text``: ``(figures, misses)``; figures
    hold the share ``right``, the count of each verdict, and the share right per ``group``
    (a key of the questions); misses are ``(text, verdict, first line of the reply)``."""
    from runtime.stack import running_stack

    verdicts: Counter = Counter()
    by_group: Dict[str, Counter] = {}
    misses = []
    with running_stack() as stack:
        for i, question in enumerate(questions):
            for earlier in question.get("setup") or ():
                stack.text(f"{prefix}-{i}", earlier)
            reply = stack.text(f"{prefix}-{i}", question["text"])
            verdict = judge_reply(reply, question)
            verdicts[verdict] += 1
            by_group.setdefault(question[group], Counter())[verdict] += 1
            if verdict != "right":
                misses.append((question["text"], verdict, reply.splitlines()[0] if reply else ""))
    total = len(questions)
    figures = {
        "questions": total,
        "right": verdicts["right"] / total if total else 0.0,
        "verdicts": dict(verdicts),
        f"by_{group}": {g: round(c["right"] / sum(c.values()), 3)
                        for g, c in sorted(by_group.items())},
    }
    return figures, misses


def evaluate(questions: List[Dict]) -> Tuple[Dict, List[Tuple[str, str, str]]]:
    """Play ``questions``; returns the figures and the misses ``(text, verdict, reply)``."""
    codes = role_codes()
    return play(questions, lambda reply, q: judge(reply, q, codes), "topic", "depth")


def main(argv=None) -> int:
    """Command line: the depth set's figures (``--show-misses``, ``--json FILE``)."""
    return command_line(argv, "depth", "by_topic", lambda: evaluate(read_questions()))


def command_line(argv, name: str, by: str,
                 run: Callable[[], Tuple[Dict, List[Tuple[str, str, str]]]]) -> int:
    """The command line of a held-out question set (this one, ``scripts/eval_advice.py``):
    print ``run()``'s share right and its shares per group ``by`` (``figures[by]``), the misses
    with ``--show-misses``, and write the figures to ``--json FILE``."""
    parser = argparse.ArgumentParser(description=f"Play the {name} held-out questions.")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args(argv)
    figures, misses = run()
    print(f"{name} questions: {figures['right']:.1%} right of {figures['questions']} "
          f"({figures['verdicts']})")
    for group, share in figures[by].items():
        print(f"  {group:17} {share:.0%}")
    if args.show_misses:
        for text, verdict, first in misses:
            print(f"  [{verdict}] {text!r} -> {first[:110]}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
