"""Choose the fallback, ambiguity and costly-intent thresholds on the noisy held-out set.

Usage: ``python scripts/thresholds.py [--model models/careerbot.tar.gz]`` (``make thresholds``).

Parses the noisy copy of the fresh-eyes held-out set (``tests/data/nlu_heldout_fresh.yml``
through :func:`nlu_build.noise.noisy`, the seed of ``make eval``) once, with the
``FallbackClassifier``, the ``CostlyIntentGuard`` and ``MentionIntent`` switched off, then runs
those three components themselves on each parse for every combination of thresholds (the
fallback's ``threshold`` and ``ambiguity``, the guard's ``costly`` threshold; their other
settings as in ``config.yml``). The language gate, last, is not replayed.

Prints a Markdown table: intent macro-F1 (``nlu_fallback`` counts as wrong), the share of
messages sent to "rephrase", and the costly mistakes (a message of another intent read as
goodbye, thanks or out-of-scope). README "Costly mistakes" holds the table of the chosen model.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from functools import lru_cache
from itertools import product
from pathlib import Path
from typing import Dict, List, Optional, Sequence

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

FALLBACK = "nlu_fallback"
OTHER_LANGUAGE = "other_language"
THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4)
AMBIGUITIES = (0.0, 0.02, 0.05)
COSTLY = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7)
#: The pipeline components replayed, by their config.yml name.
FALLBACK_CLASSIFIER = "FallbackClassifier"
GUARD = "nlu_components.costly_intents.CostlyIntentGuard"
MENTIONS = "nlu_components.mention_intent.MentionIntent"


@lru_cache(maxsize=None)
def _pipeline() -> tuple:
    import yaml

    return tuple(yaml.safe_load((PROJECT / "config.yml").read_text(encoding="utf-8"))["pipeline"])


def pipeline_config(name: str) -> Dict:
    """The config.yml settings of the pipeline component ``name`` (its ``name`` key left out)."""
    return {k: v for k, v in next(c for c in _pipeline() if c["name"] == name).items()
            if k != "name"}


def replay(parse: Dict, threshold: float, ambiguity: float, costly: float) -> str:
    """The intent the pipeline gives a message parsed with the three components off (``parse``,
    from :func:`_parse`) when they run again, as in config.yml but with these thresholds."""
    from rasa.nlu.classifiers.fallback_classifier import FallbackClassifier
    from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
    from rasa.shared.nlu.training_data.message import Message

    from nlu_components.costly_intents import CostlyIntentGuard
    from nlu_components.mention_intent import MentionIntent

    if (parse.get("intent") or {}).get("name") == OTHER_LANGUAGE:
        return OTHER_LANGUAGE  # the language gate comes after the three
    ranking = [dict(r) for r in parse.get("intent_ranking") or []]
    message = Message(data={TEXT: parse.get("text") or "", ENTITIES: parse.get("entities") or [],
                            INTENT: dict(ranking[0]) if ranking else {"name": None,
                                                                      "confidence": 0.0},
                            INTENT_RANKING_KEY: ranking})
    FallbackClassifier({**pipeline_config(FALLBACK_CLASSIFIER), "threshold": threshold,
                        "ambiguity_threshold": ambiguity}).process([message])
    CostlyIntentGuard({**pipeline_config(GUARD), "threshold": costly,
                       "fallback_threshold": threshold}).process([message])
    MentionIntent(pipeline_config(MENTIONS)).process([message])
    return message.get(INTENT)["name"]


def _identity(self, messages):
    return messages


async def _parse(model: Path, texts: List[str]) -> List[Dict]:
    """Parse ``texts`` with the model, its FallbackClassifier, CostlyIntentGuard and
    MentionIntent switched off (for :func:`replay`)."""
    import logging
    from unittest.mock import patch

    from rasa.core.agent import Agent
    from rasa.nlu.classifiers.fallback_classifier import FallbackClassifier
    from rasa.utils.log_utils import configure_structlog

    from nlu_components.costly_intents import CostlyIntentGuard
    from nlu_components.mention_intent import MentionIntent

    configure_structlog(logging.WARNING)
    with patch.object(FallbackClassifier, "process", _identity), \
            patch.object(CostlyIntentGuard, "process", _identity), \
            patch.object(MentionIntent, "process", _identity):
        agent = Agent.load(str(model))
        return [await agent.parse_message(text) for text in texts]


def table(model: Path, seed: Optional[int], paths: Sequence[Path]) -> List[Dict]:
    """One row per combination of thresholds: ``{threshold, ambiguity, costly, macro_f1,
    rephrase, costly_mistakes}`` on the held-out files ``paths`` (noisy with ``seed``, clean
    with None)."""
    from sklearn.metrics import f1_score

    from nlu_build.noise import noisy
    from nlu_components.costly_intents import CostlyIntentGuard
    from scripts.eval_nlu import read_examples

    rows = [row for path in paths for row in read_examples(path)]
    texts = [r["text"] if seed is None else noisy(r["text"], seed) for r in rows]
    parses = asyncio.run(_parse(model, texts))
    costly_intents = set(CostlyIntentGuard.get_default_config()["intents"])
    gold = [r["intent"] for r in rows]
    labels = sorted(set(gold))
    results = []
    for threshold, ambiguity, costly_threshold in product(THRESHOLDS, AMBIGUITIES, COSTLY):
        predicted = [replay(parse, threshold, ambiguity, costly_threshold) for parse in parses]
        results.append({
            "threshold": threshold, "ambiguity": ambiguity, "costly": costly_threshold,
            "macro_f1": round(f1_score(gold, predicted, labels=labels, average="macro",
                                       zero_division=0), 4),
            "rephrase": round(predicted.count(FALLBACK) / len(predicted), 4),
            "costly_mistakes": sum(p in costly_intents and g != p
                                   for g, p in zip(gold, predicted)),
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
