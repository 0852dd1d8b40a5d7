"""Score a trained model on a held-out NLU file the way the assistant uses the NLU output.

Usage: ``python scripts/eval_nlu.py [--model models/careerbot.tar.gz] [--nlu tests/data/nlu_heldout.yml]
[--out results/heldout_scores.json]``

Prints intent accuracy and macro-F1 (sklearn, over the intents of the files) and the **role and
location entity F1** of the whole pipeline: per message, the set of roles (places) the actions
would read (:func:`actions.actions.read_mentions`: rule-based and learned entities merged as in ``actions.context``, each mention
resolved against the role database's aliases (the OEWS areas), unknown mentions kept as their
normalised text; places scanned from the text when no entity was found, as the actions do)
against the gold set built the same way from the annotations. Needs the role database
(``make db``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
from pathlib import Path
from typing import Dict, List, Optional

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

ANNOTATION = re.compile(r"\[([^\]]+)\]\((\w+)\)")


def read_examples(path: Path) -> List[Dict]:
    """``[{"intent", "text", "roles": [...], "places": [...], "skills": [...]}]`` (mentions as
    annotated) from a Rasa NLU YAML file."""
    import yaml

    rows = []
    for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
        if "intent" not in block:
            continue
        for line in block["examples"].splitlines():
            line = line.strip()
            if line.startswith("- "):
                example = line[2:].strip()
                found = [(m.group(2), m.group(1)) for m in ANNOTATION.finditer(example)]
                text = ANNOTATION.sub(lambda m: m.group(1), example)
                rows.append({"intent": block["intent"], "text": text,
                             "roles": [v for k, v in found if k == "role"],
                             "places": [v for k, v in found if k == "location"],
                             "skills": [v for k, v in found if k == "skill"]})
    return rows


def role_key(resolver, mention: str) -> str:
    """A comparable value for a mention: its canonical role, else its normalised text."""
    from careerdata.roles import KNOWN
    from careerdata.text import normalize

    result = resolver.resolve(mention)
    return result.role if result.kind == KNOWN else f"?{normalize(mention)}"


def skill_key(index, mention: str) -> str:
    """A comparable value for a skill mention: its canonical skill, else its normalised text."""
    from careerdata.text import normalize

    return index.resolve(mention) or f"?{normalize(mention)}"


def place_key(result) -> str:
    """A comparable value for a place resolution: its area code, else its normalised text."""
    from careerdata.roles import KNOWN
    from careerdata.text import normalize

    return result.place.code if result.kind == KNOWN else f"?{normalize(result.text)}"


def _f1(tp: int, fp: int, fn: int, name: str) -> Dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {f"{name}_precision": round(precision, 4), f"{name}_recall": round(recall, 4),
            f"{name}_f1": round(f1, 4)}


def _skills_found(tracker, index) -> set:
    """The skills the actions read from a parse (:func:`actions.guidance.read_skills`): known
    ones by canonical name, unknown ones by their normalised text."""
    from actions.guidance import read_skills
    from careerdata.text import normalize

    found = read_skills(tracker, index)
    return set(found.names) | {f"?{normalize(u)}" for u in found.unknown}


async def parse_all(model: Path, texts: List[str]) -> List[Dict]:
    """Parse ``texts`` with the model at ``model`` (loaded once); structured logs kept quiet."""
    import logging

    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)

    agent = Agent.load(str(model))
    return [await agent.parse_message(text) for text in texts]


def score(model: Path, nlu, noise_seed: Optional[int] = None) -> Dict:
    """Parse every example of ``nlu`` (a path or a list of paths) with ``model``; return the
    scores and the errors.

    With ``noise_seed``, each message is parsed with typos (:func:`nlu_build.noise.noisy`, that
    seed) and scored against the labels of its clean text: the noisy copy of a held-out set."""
    from rasa_sdk import Tracker
    from sklearn.metrics import accuracy_score, f1_score

    from actions.actions import read_mentions
    from actions.official import place_mentions
    from careerdata.store import get_store
    from careerdata.text import normalize
    from careerdata.wages import NATIONAL

    store = get_store()
    resolver, places = store.resolver, store.places
    paths = [nlu] if isinstance(nlu, (str, Path)) else list(nlu)
    rows = [row for path in paths for row in read_examples(Path(path))]
    if noise_seed is not None:
        from nlu_build.noise import noisy

        rows = [{**row, "text": noisy(row["text"], noise_seed)} for row in rows]
    parses = asyncio.run(parse_all(model, [r["text"] for r in rows]))

    gold_intents = [r["intent"] for r in rows]
    pred_intents = [(p.get("intent") or {}).get("name") for p in parses]
    labels = sorted(set(gold_intents))
    counts = {"role": [0, 0, 0], "location": [0, 0, 0], "skill": [0, 0, 0]}
    skills = store.skills
    errors = []
    for row, parse in zip(rows, parses):
        tracker = Tracker("eval", {}, parse, [], False, None, {}, "action_listen")
        found = place_mentions(tracker, store)
        mentions = read_mentions(tracker, resolver)
        predicted = set(mentions.known)
        if mentions.problem is not None:
            predicted.add(f"?{normalize(mentions.problem.text)}")
        pairs = {
            "role": ({role_key(resolver, m) for m in row["roles"]}, predicted),
            # no place and the whole country give the same answer
            "location": ({place_key(places.resolve(m)) for m in row["places"]} - {NATIONAL},
                         {place_key(r) for r in found} - {NATIONAL}),
            "skill": ({skill_key(skills, m) for m in row["skills"]}, _skills_found(tracker, skills)),
        }
        for name, (gold, pred) in pairs.items():
            counts[name][0] += len(gold & pred)
            counts[name][1] += len(pred - gold)
            counts[name][2] += len(gold - pred)
        intent = (parse.get("intent") or {}).get("name")
        if intent != row["intent"] or any(g != p for g, p in pairs.values()):
            errors.append({"text": row["text"], "intent": row["intent"], "predicted": intent,
                           "roles": sorted(pairs["role"][0]),
                           "predicted_roles": sorted(pairs["role"][1]),
                           "places": sorted(pairs["location"][0]),
                           "predicted_places": sorted(pairs["location"][1]),
                           "skills": sorted(pairs["skill"][0]),
                           "predicted_skills": sorted(pairs["skill"][1])})
    return {
        "messages": len(rows),
        "intent_accuracy": round(accuracy_score(gold_intents, pred_intents), 4),
        "intent_macro_f1": round(
            f1_score(gold_intents, pred_intents, labels=labels, average="macro", zero_division=0), 4
        ),
        **_f1(*counts["role"], "role_entity"),
        **_f1(*counts["location"], "location_entity"),
        **_f1(*counts["skill"], "skill_entity"),
        "errors": errors,
    }


def main(argv=None) -> int:
    """Command line: score a model on a held-out file and write the scores as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=PROJECT / "models" / "careerbot.tar.gz")
    parser.add_argument("--nlu", type=Path, nargs="+",
                        default=sorted((PROJECT / "tests" / "data").glob("nlu_heldout*.yml")))
    parser.add_argument("--out", type=Path, default=PROJECT / "results" / "heldout_scores.json")
    args = parser.parse_args(argv)
    scores = score(args.model, args.nlu)
    errors = scores["errors"]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(scores, indent=2, ensure_ascii=False))
    for key in ("messages", "intent_accuracy", "intent_macro_f1", "role_entity_precision",
                "role_entity_recall", "role_entity_f1", "location_entity_precision",
                "location_entity_recall", "location_entity_f1", "skill_entity_precision",
                "skill_entity_recall", "skill_entity_f1"):
        print(f"{key:24s} {scores[key]}")
    print(f"{len(errors)} messages with an error: see {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
