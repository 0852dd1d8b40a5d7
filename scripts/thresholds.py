"""Choose the fallback, ambiguity and costly-intent thresholds on the noisy held-out set.

Usage: ``python scripts/thresholds.py [--model models/careerbot.tar.gz]`` (``make thresholds``).

Parses the noisy copy of the fresh-eyes held-out set (``tests/data/nlu_heldout_fresh.yml``
through :func:`nlu_build.noise.noisy`, the seed of ``make eval``) once, with the
``FallbackClassifier``, the ``CostlyIntentGuard`` and ``MentionIntent`` switched off, and replays
their decisions for each combination of thresholds on the classifier's intent ranking (the
language gate, last, is not replayed):

- ``nlu_fallback`` when the top intent's confidence is below ``threshold`` or within
  ``ambiguity`` of the second's;
- a costly intent (goodbye, thanks, out-of-scope) below ``costly``, or when the message names a
  role, topic, skill or pay view (exactly, or misspelt below ``sure``), gives way to the next
  intent (or ``nlu_fallback`` below ``threshold``).

Prints a Markdown table: intent macro-F1 (``nlu_fallback`` counts as wrong), the share of
messages sent to "rephrase", and the costly mistakes (a message of another intent read as
goodbye, thanks or out-of-scope). README "Costly mistakes" holds the table of the chosen model.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from itertools import product
from pathlib import Path
from typing import Dict, List, Optional, Sequence

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

FALLBACK = "nlu_fallback"
#: ``decide()``'s ``evidence`` when a career word was found exactly (else True or False).
EXACT = "exact"
THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4)
AMBIGUITIES = (0.0, 0.02, 0.05)
COSTLY = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7)


def decide(ranking: Sequence[Dict], evidence, threshold: float, ambiguity: float,
           costly_threshold: float, costly: frozenset, sure: float) -> str:
    """The intent the pipeline would give for a classifier ``ranking`` (``[{"name",
    "confidence"}]``, best first) with these thresholds; ``evidence``: the message names a role,
    topic, skill or pay view (:data:`EXACT` when exactly); ``sure``: the guard's ``sure``."""
    if not ranking:
        return FALLBACK
    top = ranking[0]
    second = ranking[1]["confidence"] if len(ranking) > 1 else 0.0
    if top["confidence"] < threshold or top["confidence"] - second < ambiguity:
        return FALLBACK
    if top["name"] in costly and (top["confidence"] < costly_threshold or evidence == EXACT
                                  or (evidence and top["confidence"] < sure)):
        rest = [r for r in ranking if r["name"] not in costly]
        return rest[0]["name"] if rest and rest[0]["confidence"] >= threshold else FALLBACK
    return top["name"]


async def _parse(model: Path, texts: List[str]) -> List[Dict]:
    import logging

    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog
    from rasa.nlu.classifiers.fallback_classifier import FallbackClassifier

    from nlu_components.costly_intents import CostlyIntentGuard
    from nlu_components.mention_intent import MentionIntent

    FallbackClassifier.process = lambda self, messages: messages  # replayed by decide()
    CostlyIntentGuard.process = lambda self, messages: messages
    MentionIntent.process = lambda self, messages: messages  # replayed after decide()
    configure_structlog(logging.WARNING)
    agent = Agent.load(str(model))
    return [await agent.parse_message(text) for text in texts]


def _mentions(component, parse: Dict, intent: str) -> str:
    """The intent after ``MentionIntent`` (``component``) on a parse whose intent is ``intent``."""
    from rasa.shared.nlu.training_data.message import Message

    message = Message(data={"text": parse.get("text") or "", "entities": parse.get("entities"),
                            "intent": {"name": intent, "confidence": 1.0},
                            "intent_ranking": []})
    from nlu_components.mention_intent import INFORM_ROLE

    # not component.process(): switched off for the parse
    chosen = component.topic_intent(message)
    if chosen is None and component.only_role_names(message):
        chosen = INFORM_ROLE
    return chosen or intent


def table(model: Path, seed: Optional[int], paths: Sequence[Path]) -> List[Dict]:
    """One row per combination of thresholds: ``{threshold, ambiguity, costly, macro_f1,
    rephrase, costly_mistakes}`` on the held-out files ``paths`` (noisy with ``seed``, clean
    with None)."""
    from sklearn.metrics import f1_score

    from nlu_build.noise import noisy
    from nlu_components.costly_intents import DATA_EXTRACTORS, EXACT_EXTRACTOR, CostlyIntentGuard
    from nlu_components.mention_intent import MentionIntent
    from scripts.eval_nlu import read_examples

    rows = [row for path in paths for row in read_examples(path)]
    texts = [r["text"] if seed is None else noisy(r["text"], seed) for r in rows]
    parses = asyncio.run(_parse(model, texts))
    config = CostlyIntentGuard.get_default_config()
    mention = MentionIntent({})
    costly = frozenset(config["intents"])
    gold = [r["intent"] for r in rows]
    labels = sorted(set(gold))
    results = []
    for threshold, ambiguity, costly_threshold in product(THRESHOLDS, AMBIGUITIES, COSTLY):
        predicted = []
        for parse in parses:
            if (parse.get("intent") or {}).get("name") == "other_language":
                predicted.append("other_language")  # the language gate, after both
                continue
            ranking = [r for r in parse.get("intent_ranking") or [] if r["name"] != FALLBACK]
            found = {e.get("extractor") for e in parse.get("entities") or []
                     if e.get("entity") in config["evidence"]}
            evidence = (EXACT if EXACT_EXTRACTOR in found
                        else bool(found & DATA_EXTRACTORS))
            decided = decide(ranking, evidence, threshold, ambiguity, costly_threshold, costly,
                             config["sure"])
            predicted.append(_mentions(mention, parse, decided))
        results.append({
            "threshold": threshold, "ambiguity": ambiguity, "costly": costly_threshold,
            "macro_f1": round(f1_score(gold, predicted, labels=labels, average="macro",
                                       zero_division=0), 4),
            "rephrase": round(predicted.count(FALLBACK) / len(predicted), 4),
            "costly_mistakes": sum(p in costly and g != p for g, p in zip(gold, predicted)),
        })
    return results


def main(argv: Optional[List[str]] = None) -> int:
    """Command line: print the table for the noisy and the clean copy."""
    from nlu_build.noise import HELDOUT_SEED

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=PROJECT / "models" / "careerbot.tar.gz")
    args = parser.parse_args(argv)
    data = PROJECT / "tests" / "data"
    fresh = [data / "nlu_heldout_fresh.yml"]
    noisy_rows = table(args.model, HELDOUT_SEED, fresh)
    clean_rows = table(args.model, None, fresh)
    older = table(args.model, None, [p for p in sorted(data.glob("nlu_heldout*.yml"))
                                     if "_fresh" not in p.name])
    print("| fallback | ambiguity | costly | fresh noisy: macro-F1 | rephrase | costly mistakes "
          "| fresh clean: macro-F1 | older sets: macro-F1 |")
    print("|---|---|---|---|---|---|---|---|")
    for noisy_row, clean_row, old_row in zip(noisy_rows, clean_rows, older):
        print(f"| {noisy_row['threshold']} | {noisy_row['ambiguity']} | {noisy_row['costly']} | "
              f"{noisy_row['macro_f1']:.3f} | {noisy_row['rephrase']:.1%} | "
              f"{noisy_row['costly_mistakes']} | {clean_row['macro_f1']:.3f} | "
              f"{old_row['macro_f1']:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
