"""Public corpora of other domains as held-out sets for ``scripts/eval_domain.py --corpus``.

The corpora themselves may not be committed: get them yourself and point this script at them.

- CLINC150 (S. Larson et al., "An Evaluation Dataset for Intent Classification and Out-of-Scope
  Prediction", 2019; github.com/clinc/oos-eval, CC BY 3.0): ``data/data_full.json``. Its test
  split of 8 domains (banking, credit cards, kitchen and dining, home, auto and commute, travel,
  utility, small talk) and its out-of-scope test messages are the off-domain set (4,600). The
  "meta" domain (yes, no, cancel, repeat…) is left out like HWU64's dialogue acts. Its small talk
  that has an intent of ours, and its "work" messages about the user's own pay and leave, are
  measured on that intent (``on_intent``), not as off-domain. Its out-of-scope messages that
  are career questions by meaning (``tests/data/clinc150_career.yml``: "what are the
  requirements of a lab technician") are measured as career questions (``career``).
- Banking77 (I. Casanueva et al., "Efficient Intent Detection with Dual Sentence Encoders",
  2020; github.com/PolyAI-LDN/task-specific-datasets, CC BY 4.0): ``banking_data/test.csv``
  (3,080 messages of 77 kinds).

Usage::

    python scripts/public_corpora.py --clinc PATH/data_full.json --banking PATH/test.csv \\
        --out /tmp/corpora
    python scripts/eval_domain.py --corpus clinc150=/tmp/corpora/clinc150.yml \\
        --corpus banking77=/tmp/corpora/banking77.yml
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Dict, List, Optional

import yaml

#: CLINC150's domains and their intents (its ``data/domains.json``) that are off-domain here.
CLINC_OFF_DOMAIN = ("banking", "credit_cards", "kitchen_and_dining", "home", "auto_and_commute",
                    "travel", "utility", "small_talk")
#: CLINC150's small-talk intents that have one of ours; "|" names intents that are all right (its
#: greetings include "hi, how are you").
CLINC_SMALL_TALK = {"greeting": "greet|how_are_you", "goodbye": "goodbye|thank+goodbye",
                    "thank_you": "thank|thank+goodbye", "are_you_a_bot": "bot_challenge",
                    "what_can_i_ask_you": "ask_capabilities"}
#: CLINC150's "work" intents about the user's own employment (pay, leave, pay slips, 401(k)).
CLINC_OWN_EMPLOYMENT = ("payday", "w2", "direct_deposit", "pto_balance", "pto_request",
                        "pto_used", "pto_request_status", "rollover_401k", "income")
#: CLINC150's domains: {domain: [intent, ...]} (from its ``data/domains.json``).
CLINC_DOMAINS_FILE = "domains.json"
#: Its out-of-scope test messages that are career questions: ``career: {position in oos_test:
#: first 12 hex digits of the SHA-256 of the text}`` (how they were chosen: the file's header).
CLINC_CAREER = Path(__file__).resolve().parent.parent / "tests" / "data" / "clinc150_career.yml"


def career_positions(path: Path = CLINC_CAREER) -> Dict[int, str]:
    """``{position in CLINC150's oos_test: SHA-256 prefix of its text}`` of ``path``."""
    return {int(k): str(v) for k, v in
            (yaml.safe_load(path.read_text(encoding="utf-8"))["career"] or {}).items()}


def digest(text: str) -> str:
    """The first 12 hex digits of the SHA-256 of ``text`` (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def clinc150(data_full: Path, career: Optional[Dict[int, str]] = None) -> Dict:
    """The held-out set of CLINC150's ``data_full.json`` (``domains.json`` beside it): ``{"source",
    "kinds": {domain or "oos": [message, ...]}, "on_intent": {intent: [message, ...]},
    "career": [message, ...]}``. ``career``: the positions in ``oos_test`` of career questions
    with their digests (:func:`career_positions` by default).

    Raises FileNotFoundError, KeyError or ValueError for files not of CLINC150's layout, and
    ValueError when a career position's text has another digest (another copy of the corpus)."""
    full = json.loads(data_full.read_text(encoding="utf-8"))
    domains = json.loads((data_full.parent / CLINC_DOMAINS_FILE).read_text(encoding="utf-8"))
    domain_of = {intent: domain for domain, intents in domains.items() for intent in intents}
    career = career_positions() if career is None else career
    kinds: Dict[str, List[str]] = defaultdict(list)
    on_intent: Dict[str, List[str]] = defaultdict(list)
    asked: List[str] = []
    for position, (text, _) in enumerate(full["oos_test"]):
        if position in career:
            if digest(text) != career[position]:
                raise ValueError(f"CLINC150 oos_test[{position}] is not the message labelled "
                                 "career: another copy of the corpus?")
            asked.append(text)
    oos = [row for position, row in enumerate(full["oos_test"]) if position not in career]
    for text, intent in full["test"] + oos:
        domain = domain_of.get(intent, "oos")
        if domain in CLINC_OFF_DOMAIN or domain == "oos":
            kinds[domain].append(text)
        if intent in CLINC_SMALL_TALK:
            on_intent[CLINC_SMALL_TALK[intent]].append(text)
        elif intent in CLINC_OWN_EMPLOYMENT:
            on_intent["own_employment"].append(text)
    return {"source": "CLINC150 data_full.json, test and oos_test (clinc/oos-eval, CC BY 3.0)",
            "kinds": dict(kinds), "on_intent": dict(on_intent), "career": asked}


def banking77(test_csv: Path) -> Dict:
    """The held-out set of Banking77's ``test.csv``: ``{"source", "kinds": {category: [message,
    ...]}}``. Raises FileNotFoundError or KeyError for a file without its columns."""
    kinds: Dict[str, List[str]] = defaultdict(list)
    with test_csv.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            kinds[row["category"]].append(row["text"])
    return {"source": "Banking77 test.csv (PolyAI-LDN/task-specific-datasets, CC BY 4.0)",
            "kinds": dict(kinds)}


def main(argv: Optional[List[str]] = None) -> int:
    """Command line: write ``clinc150.yml`` and ``banking77.yml`` into ``--out``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clinc", type=Path, help="CLINC150's data/data_full.json")
    parser.add_argument("--banking", type=Path, help="Banking77's banking_data/test.csv")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    made = {"clinc150.yml": clinc150(args.clinc) if args.clinc else None,
            "banking77.yml": banking77(args.banking) if args.banking else None}
    for name, data in made.items():
        if data is not None:
            (args.out / name).write_text(yaml.safe_dump(data, allow_unicode=True),
                                         encoding="utf-8")
            print(f"wrote {args.out / name}: {sum(map(len, data['kinds'].values()))} messages "
                  f"of other subjects")
    return 0


if __name__ == "__main__":
    sys.exit(main())
