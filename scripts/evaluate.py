"""Answer-quality gate: held-out NLU scores and multi-turn conversations (``make eval``).

1. ``rasa test nlu`` on ``tests/data/nlu_heldout.yml`` -> reports, errors and confusion-matrix
   images under ``results/nlu/``;
2. intent macro-F1, role-entity F1 and location-entity F1 of the whole pipeline
   (``scripts/eval_nlu.py``) over every held-out NLU set (``tests/data/nlu_heldout*.yml``);
3. the conversations of ``tests/data/conversations*.yml`` played over REST against the action
   server and the Rasa server: a turn is right when every ``expect`` string is in the reply and no
   ``reject`` string is;
4. the fresh-eyes sets (``*_fresh.yml``) apart, and their noisy copy (``nlu_build.noise``,
   labels of the clean text), with their own gates (:data:`FRESH_THRESHOLDS`); the noisy copy
   of the older sets is reported;
5. other languages (``tests/data/languages_heldout.yml``);
6. off-domain messages and small talk (``scripts/eval_domain.py``): at most
   :data:`scripts.eval_domain.AT_MOST` of the off-domain set read as career questions or as
   goodbye/thanks, at least :data:`scripts.eval_domain.AT_LEAST` of small talk on its intent;
   per held-out source of other domains and languages, the gates of
   :data:`scripts.eval_domain.SOURCE_AT_MOST` and :data:`scripts.eval_domain.SOURCE_AT_LEAST`;
7. depth questions about occupations (``scripts/eval_depth.py``): at least
   :data:`DEPTH_THRESHOLDS` answered on the right occupation and topic;
8. advice questions across every occupation (``scripts/eval_advice.py``): at least
   :data:`ADVICE_THRESHOLDS` answered with the right kind of answer.

Prints the figures, writes ``results/eval.json`` and exits 1 when a figure is on the wrong side
of its threshold (see :data:`THRESHOLDS`).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Dict, Iterable, List, Optional

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

#: Files whose name holds this are the fresh-eyes sets of issue 11, gated apart.
FRESH = "_fresh"
#: Gates of the fresh-eyes sets, clean and noisy (README "Answer quality"): issue 11's targets.
FRESH_THRESHOLDS = {"fresh_intent_macro_f1": 0.95, "fresh_noisy_intent_macro_f1": 0.90,
                    "fresh_conversation_turns_right": 0.97}
#: tests/data/languages_heldout.yml: taking English for another language is the costly mistake.
LANGUAGE_THRESHOLDS = {"other_languages_recognised": 0.95, "english_kept_english": 0.99}
THRESHOLDS = {"intent_macro_f1": 0.95, "role_entity_f1": 0.97, "location_entity_f1": 0.95,
              "skill_entity_f1": 0.90, "conversation_turns_right": 0.95}
#: tests/data/depth_heldout.yml (issue 25): questions on every depth topic about ~40 occupations
#: named as people name them; 6 % passed before the depth answers.
DEPTH_THRESHOLDS = {"depth_questions_right": 0.80}
#: tests/data/advice_heldout.yml (issue 26): 124 advice questions of eight kinds, written by a
#: helper that read neither the code nor the training data; 45.2 % right when first played
#: (at 05eee2e), 60.5 % after fixing categories of misses, 84.7 % after a second round (at
#: 9a67900). The gate guards what was reached, with a margin for retraining's variation.
ADVICE_THRESHOLDS = {"advice_questions_right": 0.80}
DATA = PROJECT / "tests" / "data"


def play_conversations(paths: List[Path], db_url: Optional[str]) -> Dict:
    """Play every conversation of the files ``paths`` against a freshly started stack."""
    import yaml

    from runtime.stack import running_stack

    conversations = [c for path in paths
                     for c in yaml.safe_load(path.read_text(encoding="utf-8"))["conversations"]]
    turns = right = 0
    failures: List[Dict] = []
    with running_stack(db_url=db_url) as stack:
        for n, conversation in enumerate(conversations):
            sender = f"eval-{n}"
            for turn in conversation["turns"]:
                reply = stack.text(sender, turn["user"])
                missing = [e for e in turn.get("expect", []) if e not in reply]
                present = [r for r in turn.get("reject", []) if r in reply]
                turns += 1
                if missing or present:
                    failures.append({"conversation": conversation["name"], "user": turn["user"],
                                     "missing": missing, "rejected": present, "reply": reply})
                else:
                    right += 1
    return {"conversations": len(conversations), "turns": turns, "right": right,
            "conversation_turns_right": round(right / turns, 4) if turns else 0.0,
            "failures": failures}


def gated(paths: Iterable[Path]) -> List[Path]:
    """The held-out files the gates apply to: all but the fresh-eyes ones."""
    return sorted(path for path in paths if FRESH not in path.name)


def language_figures(model: Path) -> Dict:
    """Parse ``tests/data/languages_heldout.yml`` with the model: the share of its messages in
    other languages read as ``other_language`` and of its English messages read otherwise."""
    import asyncio

    import yaml
    from rasa.core.agent import Agent

    sets = yaml.safe_load((DATA / "languages_heldout.yml").read_text(encoding="utf-8"))
    agent = Agent.load(str(model))

    async def read(texts: List[str]) -> List[str]:
        return [(await agent.parse_message(text))["intent"]["name"] for text in texts]

    foreign = asyncio.run(read(sets["not_english"]))
    english = asyncio.run(read(sets["english"]))
    missed = [t for t, i in zip(sets["not_english"], foreign) if i != "other_language"]
    missed += [t for t, i in zip(sets["english"], english) if i == "other_language"]
    return {"figures": {
        "other_languages_recognised": round(foreign.count("other_language") / len(foreign), 4),
        "english_kept_english": round(1 - english.count("other_language") / len(english), 4)},
        "missed": missed}


def gate(figures: Dict[str, float], thresholds: Dict[str, float],
         at_most: bool = False) -> List[str]:
    """Print each figure of ``thresholds`` against its threshold (shares of turns or messages
    as %, scores with three decimals); return the names of those below (above, ``at_most``)."""
    failed = []
    for key, limit in thresholds.items():
        value = figures[key]
        ok = value <= limit if at_most else value >= limit
        failed += [] if ok else [key]
        shown = f"{value:.3f}" if key.endswith("f1") else f"{value:.1%}"
        word = "ABOVE" if at_most else "BELOW"
        print(f"{key:32s} {shown:>8s}  (threshold {'<=' if at_most else '>='} {limit})  "
              f"{'ok' if ok else word}")
    return failed


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=PROJECT / "models" / "careerbot.tar.gz")
    parser.add_argument("--out", type=Path, default=PROJECT / "results")
    args = parser.parse_args(argv)
    heldout = DATA / "nlu_heldout.yml"
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2", RASA_TELEMETRY_ENABLED="false")

    print("== rasa test nlu on the held-out set", flush=True)
    subprocess.run([str(PROJECT / ".venv" / "bin" / "rasa"), "test", "nlu", "--nlu",
                    str(heldout), "--model", str(args.model), "--out",
                    str(args.out / "nlu")], cwd=PROJECT, env=env, check=True,
                   stdout=subprocess.DEVNULL)

    from nlu_build.noise import HELDOUT_SEED
    from scripts.eval_domain import (AT_LEAST, AT_MOST, SOURCE_AT_LEAST, SOURCE_AT_MOST,
                                     domain_figures, print_sources, source_figures,
                                     source_gate_figures)
    from scripts.eval_nlu import score

    print("== held-out scores of the whole pipeline", flush=True)
    nlu = score(args.model, gated(DATA.glob("nlu_heldout*.yml")))
    print("== conversations over REST", flush=True)
    talk = play_conversations(gated(DATA.glob("conversations*.yml")),
                              os.environ.get("CAREERBOT_DB_URL"))
    print("== the fresh-eyes sets, clean and with typos", flush=True)
    fresh_files = sorted(DATA.glob(f"nlu_heldout*{FRESH}*.yml"))
    fresh_nlu = score(args.model, fresh_files)
    noisy_nlu = score(args.model, fresh_files, noise_seed=HELDOUT_SEED)
    older_noisy = score(args.model, gated(DATA.glob("nlu_heldout*.yml")), noise_seed=HELDOUT_SEED)
    fresh_talk = play_conversations(sorted(DATA.glob(f"conversations*{FRESH}*.yml")),
                                    os.environ.get("CAREERBOT_DB_URL"))
    languages = language_figures(args.model)
    print("== off-domain messages and small talk", flush=True)
    domain = domain_figures(args.model)
    sources = source_figures(args.model)
    print("== depth questions about occupations", flush=True)
    from scripts.eval_depth import evaluate as depth_evaluate, read_questions

    depth, depth_misses = depth_evaluate(read_questions())
    depth_figures = {"depth_questions_right": depth["right"]}
    print("== advice questions across every occupation", flush=True)
    from scripts.eval_advice import evaluate as advice_evaluate, read_questions as advice_questions

    advice, advice_misses = advice_evaluate(advice_questions())
    advice_figures = {"advice_questions_right": advice["right"]}
    figures = {key: nlu[key] for key in THRESHOLDS if key in nlu}
    figures["conversation_turns_right"] = talk["conversation_turns_right"]
    fresh_figures = {"fresh_intent_macro_f1": fresh_nlu["intent_macro_f1"],
                     "fresh_noisy_intent_macro_f1": noisy_nlu["intent_macro_f1"],
                     "fresh_conversation_turns_right": fresh_talk["conversation_turns_right"]}
    report = {"figures": figures, "thresholds": THRESHOLDS, "nlu": nlu, "conversations": talk,
              "fresh": {"figures": fresh_figures, "thresholds": FRESH_THRESHOLDS,
                        "nlu": fresh_nlu, "noisy_nlu": noisy_nlu, "conversations": fresh_talk},
              "older_noisy_nlu": older_noisy, "languages": languages,
              "domain": {**domain, "thresholds": {"at_most": AT_MOST, "at_least": AT_LEAST}},
              "domain_sources": {**sources, "thresholds": {"at_most": SOURCE_AT_MOST,
                                                           "at_least": SOURCE_AT_LEAST}},
              "depth": {**depth, "thresholds": DEPTH_THRESHOLDS,
                        "misses": [list(m) for m in depth_misses]},
              "advice": {**advice, "thresholds": ADVICE_THRESHOLDS,
                         "misses": [list(m) for m in advice_misses]}}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "eval.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))

    print(f"held-out messages: {nlu['messages']}, conversations: {talk['conversations']} "
          f"({talk['turns']} turns)")
    failed = gate(figures, THRESHOLDS)
    for failure in talk["failures"][:20]:
        print(f"  turn wrong: {failure['user']!r} missing {failure['missing']} "
              f"rejected {failure['rejected']}")
    for name, result in (("fresh-eyes set", fresh_nlu), ("fresh-eyes set, noisy", noisy_nlu),
                         ("older sets, noisy", older_noisy)):
        print(f"{name}: {result['messages']} messages, intent macro-F1 "
              f"{result['intent_macro_f1']:.3f}, role F1 {result['role_entity_f1']:.3f}, "
              f"location F1 {result['location_entity_f1']:.3f}, skill F1 "
              f"{result['skill_entity_f1']:.3f}")
    print(f"fresh-eyes conversations: {fresh_talk['conversations']}, turns right "
          f"{fresh_talk['conversation_turns_right']:.1%} ({fresh_talk['right']}/"
          f"{fresh_talk['turns']})")
    failed += gate(fresh_figures, FRESH_THRESHOLDS)
    for failure in fresh_talk["failures"][:10]:
        print(f"  fresh turn wrong: {failure['user']!r} missing {failure['missing']}")
    failed += gate(languages["figures"], LANGUAGE_THRESHOLDS)
    for text in languages["missed"][:10]:
        print(f"  language: {text!r}")
    reported = domain["reported"]
    print(f"off-domain: {reported['offdomain_messages']} messages (HWU64); social: "
          f"{reported['social_messages']}; near misses sharing career words: "
          f"{reported['near_miss_messages']}, read as career questions "
          f"{reported['near_miss_taken_for_career']:.1%}; own employment recognised "
          f"{reported['own_employment_right_intent']:.1%}; off-domain read as questions about "
          f"the assistant {reported['offdomain_about_the_assistant']:.1%}")
    failed += gate(domain["figures"], AT_MOST, at_most=True)
    failed += gate(domain["figures"], AT_LEAST)
    for where, label, got, text in domain["missed"][:15]:
        print(f"  {where}: {label} -> {got}: {text!r}")
    print_sources(sources)
    failed += gate(source_gate_figures(sources), SOURCE_AT_MOST, at_most=True)
    failed += gate(source_gate_figures(sources), SOURCE_AT_LEAST)
    print(f"depth questions (tests/data/depth_heldout.yml): {depth['questions']}, right "
          f"{depth['right']:.1%} {depth['verdicts']}; by topic {depth['by_topic']}")
    failed += gate(depth_figures, DEPTH_THRESHOLDS)
    for text, verdict, first in depth_misses[:10]:
        print(f"  depth [{verdict}] {text!r} -> {first[:90]}")
    print(f"advice questions (tests/data/advice_heldout.yml): {advice['questions']}, right "
          f"{advice['right']:.1%} {advice['verdicts']}; by kind {advice['by_kind']}")
    failed += gate(advice_figures, ADVICE_THRESHOLDS)
    for text, verdict, first in advice_misses[:10]:
        print(f"  advice [{verdict}] {text!r} -> {first[:90]}")
    print(f"reports: {args.out}/eval.json, {args.out}/nlu/ (confusion matrix: "
          f"{args.out}/nlu/intent_confusion_matrix.png)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
