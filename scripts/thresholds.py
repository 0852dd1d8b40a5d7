"""Choose the fallback, ambiguity and costly-intent thresholds on the noisy held-out set.

Usage: ``python scripts/thresholds.py [--model models/careerbot.tar.gz]`` (``make thresholds``).

Parses the noisy copy of the fresh-eyes held-out set (``tests/data/nlu_heldout_fresh.yml``
through :func:`nlu_build.noise.noisy`, the seed of ``make eval``) once, with the
``FallbackClassifier``, the ``CostlyIntentGuard`` and ``MentionIntent`` switched off, then runs
those three components themselves on each parse for every combination of thresholds (the
fallback's ``threshold`` and ``ambiguity``, the guard's ``costly`` threshold; their other
settings as in ``config.yml``). The language gate, last, is not replayed.

Then the same for the domain gate (``DomainGate``: :data:`GATES`), on the career sets, the
off-domain set and small talk (:func:`domain_table`).

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
GATE = "nlu_components.domain_gate.DomainGate"
#: The domain gate's settings tried: (reference_confidence, sure); None: no gate.
GATES = (None, (0.4, 1.0), (0.5, 1.0), (0.6, 0.8), (0.6, 0.9), (0.6, 1.0), (0.7, 1.0))
#: The lookup words of the loaded model's DomainGate: {"words": [...], "places": [...],
#: "statements", "employment", "interests", "vocabulary"} (set by :func:`_parse`).
_GATE_WORDS: Dict[str, List[str]] = {}


@lru_cache(maxsize=None)
def _pipeline() -> tuple:
    import yaml

    return tuple(yaml.safe_load((PROJECT / "config.yml").read_text(encoding="utf-8"))["pipeline"])


def pipeline_config(name: str) -> Dict:
    """The config.yml settings of the pipeline component ``name`` (its ``name`` key left out)."""
    return {k: v for k, v in next(c for c in _pipeline() if c["name"] == name).items()
            if k != "name"}


def replay(parse: Dict, threshold: float, ambiguity: float, costly: float,
           gate: Optional[tuple] = ("config",)) -> str:
    """The intent the pipeline gives a message parsed with the four components off (``parse``,
    from :func:`_parse`) when they run again, as in config.yml but with these thresholds; the
    domain gate as in config.yml, with ``gate`` = (reference_confidence, sure), or not at all
    (None)."""
    from rasa.nlu.classifiers.fallback_classifier import FallbackClassifier
    from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
    from rasa.shared.nlu.training_data.message import Message

    from nlu_components.costly_intents import CostlyIntentGuard
    from nlu_components.domain_gate import DomainGate
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
    if gate is not None:
        settings = pipeline_config(GATE)
        if gate != ("config",):
            settings = {**settings, "reference_confidence": gate[0], "sure": gate[1]}
        DomainGate(settings, **_GATE_WORDS).process([message])
    return message.get(INTENT)["name"]


def _identity(self, messages):
    return messages


def _keep_words(self, messages):
    """DomainGate.process while parsing: keep the model's lookup words, change nothing."""
    _GATE_WORDS.update(words=sorted(self.words), places=sorted(self.places),
                       statements=self.statements, employment=self.employment,
                       interests=self.interests, vocabulary=sorted(self.vocabulary))
    return messages


async def _parse(model: Path, texts: List[str]) -> List[Dict]:
    """Parse ``texts`` with the model, its FallbackClassifier, CostlyIntentGuard,
    MentionIntent and DomainGate switched off (for :func:`replay`)."""
    import logging
    from unittest.mock import patch

    from rasa.core.agent import Agent
    from rasa.nlu.classifiers.fallback_classifier import FallbackClassifier
    from rasa.utils.log_utils import configure_structlog

    from nlu_components.costly_intents import CostlyIntentGuard
    from nlu_components.domain_gate import DomainGate
    from nlu_components.mention_intent import MentionIntent

    configure_structlog(logging.WARNING)
    with patch.object(FallbackClassifier, "process", _identity), \
            patch.object(CostlyIntentGuard, "process", _identity), \
            patch.object(MentionIntent, "process", _identity), \
            patch.object(DomainGate, "process", _keep_words):
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


def domain_table(model: Path) -> List[Dict]:
    """One row per setting of the domain gate (:data:`GATES`, other thresholds as in config.yml):
    intent macro-F1 of the fresh-eyes set clean and noisy and of the older sets, and the shares
    of the off-domain set read as career questions or goodbye/thanks and of small talk on its
    intent (:mod:`scripts.eval_domain`)."""
    from sklearn.metrics import f1_score

    from nlu_build.noise import HELDOUT_SEED, noisy
    from scripts import eval_domain
    from scripts.eval_nlu import read_examples

    data = PROJECT / "tests" / "data"
    fresh = [(r["intent"], r["text"]) for r in read_examples(data / "nlu_heldout_fresh.yml")]
    sets = {"fresh": fresh, "noisy": [(i, noisy(t, HELDOUT_SEED)) for i, t in fresh],
            "older": [(r["intent"], r["text"]) for p in sorted(data.glob("nlu_heldout*.yml"))
                      if "_fresh" not in p.name for r in read_examples(p)],
            "off": eval_domain.read_labelled(eval_domain.OFFDOMAIN),
            "social": [(i, t) for i, t in eval_domain.read_labelled(eval_domain.SOCIAL)
                       if i in eval_domain.SOCIAL_INTENTS]}
    parses = {k: asyncio.run(_parse(model, [t for _, t in v])) for k, v in sets.items()}
    rows = []
    for gate in GATES:
        got = {k: [replay(p, *_configured(), gate=gate) for p in parses[k]] for k in sets}
        row = {"gate": gate}
        for k in ("fresh", "noisy", "older"):
            gold = [i for i, _ in sets[k]]
            row[k] = f1_score(gold, got[k], labels=sorted(set(gold)), average="macro",
                              zero_division=0)
        off = got["off"]
        row["off_career"] = sum(p not in eval_domain.NOT_CAREER for p in off) / len(off)
        row["off_ending"] = sum(p in eval_domain.ENDING for p in got["off"]) / len(got["off"])
        row["social"] = sum(i == p for (i, _), p in zip(sets["social"], got["social"])) / len(
            got["social"])
        rows.append(row)
    return rows


def _configured() -> tuple:
    """(fallback threshold, ambiguity, costly threshold) as in config.yml."""
    fallback = pipeline_config(FALLBACK_CLASSIFIER)
    return (fallback["threshold"], fallback["ambiguity_threshold"],
            pipeline_config(GUARD)["threshold"])


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
    print()
    print("| domain gate (reference, sure) | fresh clean | fresh noisy | older sets | off-domain "
          "read as career | off-domain read as goodbye/thanks | small talk right |")
    print("|---|---|---|---|---|---|---|")
    for row in domain_table(args.model):
        gate = "none" if row["gate"] is None else f"{row['gate'][0]}, {row['gate'][1]}"
        print(f"| {gate} | {row['fresh']:.3f} | {row['noisy']:.3f} | {row['older']:.3f} | "
              f"{row['off_career']:.1%} | {row['off_ending']:.1%} | {row['social']:.1%} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
