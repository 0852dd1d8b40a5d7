"""Off-domain and small-talk figures of a trained model (part of ``make eval``).

- ``tests/data/offdomain_heldout.yml``: messages to voice assistants of other domains (HWU64, CC
  BY 4.0; see the file). The share read as a career question (any intent outside
  :data:`NOT_CAREER`; questions about the assistant are reported apart), and the share read as
  goodbye or thanks, which would end a conversation the user had not ended.
- ``tests/data/social_heldout.yml``: small talk (the share on the right intent), questions about
  the user's own employment, and off-domain messages sharing career words (the share read as a
  career question), written by a helper who had not read the training data.

- Per source (:data:`SOURCES`, issue 27): every held-out set of other domains, the share read as a
  career question, sent to the user's HR team (``own_employment``) and read as goodbye or thanks,
  with the career share per kind of message; and every set of messages in other languages
  (:data:`LANGUAGE_SOURCES`), the share told the assistant works in English and the share misread
  (a career or small-talk intent). ``make eval`` gates them (:data:`SOURCE_AT_MOST`,
  :data:`SOURCE_AT_LEAST`).

Usage: ``python scripts/eval_domain.py [--model models/careerbot.tar.gz] [--corpus SHORT=FILE]``
prints the figures; ``--corpus`` adds a set kept outside the project (a public corpus that may not
be committed), in the ``kinds`` form, with an optional ``on_intent`` part.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Dict, List, Optional, Tuple

PROJECT = Path(__file__).resolve().parent.parent
if str(PROJECT) not in sys.path:
    sys.path.insert(0, str(PROJECT))

DATA = PROJECT / "tests" / "data"
OFFDOMAIN = DATA / "offdomain_heldout.yml"
SOCIAL = DATA / "social_heldout.yml"
#: Intents whose answer is no career answer.
SOCIAL_INTENTS = frozenset({"greet", "how_are_you", "goodbye", "thank", "thank+goodbye", "praise",
                            "bot_challenge"})
#: Questions about the assistant: their answers say what it covers and where its facts come from
#: ("help me make brownies" → what the assistant can do), no career answer.
ABOUT_ASSISTANT = frozenset({"ask_capabilities", "ask_sources"})
NOT_CAREER = SOCIAL_INTENTS | ABOUT_ASSISTANT | {"out_of_scope", "own_employment",
                                                 "other_language", "nlu_fallback"}
#: Held-out sets of other domains, by source: (short name for the gates, name, file). A file is
#: either Rasa NLU data (one kind) or ``kinds: {kind: [message, ...]}``; how each was made is in
#: its header.
SOURCES = [("hwu64", "HWU64 voice-assistant commands", OFFDOMAIN),
           ("support", "support-bot messages of other businesses",
            DATA / "offdomain_support.yml"),
           ("lookalike", "look-alikes: job words, places, skills in other senses",
            DATA / "offdomain_lookalike.yml")]
#: Sets of messages in other languages: (short name, name, file, key of its list of non-English
#: messages (``not_english``), or of its ``{language: [message, ...]}`` mapping
#: (``languages``)).
LANGUAGE_SOURCES = [("languages", "languages_heldout.yml", DATA / "languages_heldout.yml",
                     "not_english"),
                    ("languages_2", "languages_heldout_2.yml (14 languages)",
                     DATA / "languages_heldout_2.yml", "languages")]
#: make eval fails when a per-source figure (:func:`source_gate_figures`) is above its
#: threshold: set above the figures reached in issue 27, so that no source gets worse unseen
#: (the goals are 1 % read as career, 0.5 % sent to HR, 90 % told "English only").
SOURCE_AT_MOST = {"hwu64_taken_for_career": 0.01, "support_taken_for_career": 0.01,
                  "lookalike_taken_for_career": 0.01,
                  "hwu64_sent_to_hr": 0.005, "support_sent_to_hr": 0.005,
                  "lookalike_sent_to_hr": 0.005, "languages_2_misread": 0.005}
#: ... or below this one.
SOURCE_AT_LEAST = {"languages_2_told_english": 0.95}
#: Intents that end a conversation.
ENDING = frozenset({"goodbye", "thank", "thank+goodbye"})
#: make eval fails when a figure is above its threshold (shares of messages): issue 13's targets
#: (README, "Off-domain messages and small talk") ...
AT_MOST = {"offdomain_taken_for_career": 0.02, "offdomain_goodbye_or_thanks": 0.01}
#: ... or below this one.
AT_LEAST = {"social_right_intent": 0.95}


def read_labelled(path: Path) -> List[Tuple[str, str]]:
    """``[(intent, message), ...]`` of a Rasa NLU YAML file (:func:`scripts.eval_nlu.read_examples`
    without the annotations)."""
    from scripts.eval_nlu import read_examples

    return [(row["intent"], row["text"]) for row in read_examples(path)]


def parse_all(model: Path, texts: List[str]) -> List[str]:
    """The intent the model's NLU pipeline gives each of ``texts``."""
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))

    async def read() -> List[str]:
        return [(await agent.parse_message(text))["intent"]["name"] for text in texts]

    return asyncio.run(read())


def share(count: int, total: int) -> float:
    """``count / total`` rounded to 4 places (0.0 when ``total`` is 0)."""
    return round(count / total, 4) if total else 0.0


def domain_figures(model: Path, offdomain: Path = OFFDOMAIN, social: Path = SOCIAL) -> Dict:
    """Parse both sets with ``model``; returns ``{"figures": {...}, "reported": {...},
    "intents": {set: {intent: count}}, "missed": [(set, label, predicted, message), ...]}``.

    Figures are shares of messages (0–1): ``offdomain_taken_for_career``,
    ``offdomain_goodbye_or_thanks`` (gated at most) and ``social_right_intent`` (gated at
    least); reported: ``near_miss_taken_for_career``, ``own_employment_right_intent``."""
    off = read_labelled(offdomain)
    soc = read_labelled(social)
    predicted = parse_all(model, [t for _, t in off] + [t for _, t in soc])
    off_pred, soc_pred = predicted[:len(off)], predicted[len(off):]
    missed = [("offdomain", label, p, t) for (label, t), p in zip(off, off_pred)
              if p not in NOT_CAREER or p in ENDING]
    social_pairs = [(label, p, t) for (label, t), p in zip(soc, soc_pred)
                    if label in SOCIAL_INTENTS]
    near = [(label, p, t) for (label, t), p in zip(soc, soc_pred) if label == "out_of_scope"]
    own = [(label, p, t) for (label, t), p in zip(soc, soc_pred) if label == "own_employment"]
    missed += [("social", label, p, t) for label, p, t in social_pairs + near + own
               if p != label]
    figures = {
        "offdomain_taken_for_career": share(sum(p not in NOT_CAREER for p in off_pred), len(off)),
        "offdomain_goodbye_or_thanks": share(sum(p in ENDING for p in off_pred), len(off)),
        "social_right_intent": share(sum(label == p for label, p, _ in social_pairs),
                                     len(social_pairs)),
    }
    reported = {
        "offdomain_messages": len(off), "social_messages": len(social_pairs),
        "near_miss_messages": len(near), "own_employment_messages": len(own),
        "offdomain_about_the_assistant": share(sum(p in ABOUT_ASSISTANT for p in off_pred),
                                               len(off)),
        "near_miss_taken_for_career": share(sum(p not in NOT_CAREER for _, p, _ in near),
                                            len(near)),
        "own_employment_right_intent": share(sum(label == p for label, p, _ in own), len(own)),
    }
    return {"figures": figures, "reported": reported,
            "intents": {"offdomain": dict(Counter(off_pred).most_common()),
                        "social": dict(Counter(soc_pred).most_common())},
            "missed": missed}


def read_kinds(path: Path) -> List[Tuple[str, str]]:
    """``[(kind, message), ...]`` of a held-out file: ``kinds: {kind: [messages]}``, or Rasa NLU
    data (kind ``all``)."""
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if "kinds" in data:
        return [(kind, text) for kind, texts in data["kinds"].items() for text in texts]
    return [("all", text) for _, text in read_labelled(path)]


def read_languages(path: Path, key: str) -> List[Tuple[str, str]]:
    """``[(language, message), ...]`` of a language set (see :data:`LANGUAGE_SOURCES`)."""
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))[key]
    if isinstance(data, dict):
        return [(str(lang), text) for lang, texts in data.items() for text in texts]
    return [("all", text) for text in data]


def read_on_intent(path: Path) -> List[Tuple[str, str]]:
    """``[(intent, message), ...]`` of the ``on_intent: {intent: [messages]}`` part of a held-out
    file: messages of the source that have an intent of ours (a greeting, a pay-slip question);
    they are not counted as off-domain. ``intent`` may name alternatives, any of them right
    (``greet|how_are_you``: the source's greetings include "hi, how are you"). Empty when the
    file has none."""
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [(intent, text) for intent, texts in (data.get("on_intent") or {}).items()
            for text in texts]


def read_career(path: Path) -> List[str]:
    """The ``career`` part of a held-out file: messages of the source that are career questions
    by meaning (CLINC150's "what are the requirements of a lab technician"), measured apart as
    career questions, not as other subjects. Empty when the file has none."""
    import yaml

    return list(yaml.safe_load(path.read_text(encoding="utf-8")).get("career") or [])


def source_figures(model: Path, extra: Optional[List[Tuple[str, Path]]] = None) -> Dict:
    """Parse every set of :data:`SOURCES` and :data:`LANGUAGE_SOURCES` with ``model`` (one load).

    ``extra``: further sets ``[(short name, file), ...]`` in the ``kinds`` form, for corpora that
    may not be committed (measured locally, never gated); their ``on_intent`` messages give the
    share on the expected intent (``"on_intent"``: ``{intent: share}``), their ``career``
    messages the share read as a career question (``"career"``: ``{short: {"messages",
    "career"}}``).

    Returns ``{"offdomain": {name: {"short", "messages", "career", "hr", "ending", "by_kind":
    {kind: career}}}, "languages": {name: {"short", "messages", "told_english", "misread",
    "by_language": {language: told_english}}}, "missed": [(source, kind, intent, message),
    ...]}``; ``short`` is the source's short name, every figure a share of messages (0–1)."""
    sets = [(short, name, read_kinds(path)) for short, name, path in SOURCES if path.exists()]
    sets += [(short, f"{short} ({path.name})", read_kinds(path)) for short, path in extra or []]
    expected = [(short, read_on_intent(path)) for short, path in extra or []]
    asked = [(short, read_career(path)) for short, path in extra or []]
    langs = [(short, name, read_languages(path, key))
             for short, name, path, key in LANGUAGE_SOURCES if path.exists()]
    texts = [t for _, _, rows in sets + langs for _, t in rows]
    texts += [t for _, rows in expected for _, t in rows]
    texts += [t for _, rows in asked for t in rows]
    predicted = iter(parse_all(model, texts))
    result: Dict = {"offdomain": {}, "languages": {}, "on_intent": {}, "career": {},
                    "missed": []}
    for short, name, rows in sets:
        got = [(kind, next(predicted), text) for kind, text in rows]
        career = [(k, p, t) for k, p, t in got if p not in NOT_CAREER]
        hr = [(k, p, t) for k, p, t in got if p == "own_employment"]
        kinds = Counter(k for k, _, _ in got)
        result["offdomain"][name] = {
            "short": short, "messages": len(got), "career": share(len(career), len(got)),
            "hr": share(len(hr), len(got)),
            "ending": share(sum(p in ENDING for _, p, _ in got), len(got)),
            "by_kind": {k: share(sum(c == k for c, _, _ in career), n)
                        for k, n in kinds.items()}}
        result["missed"] += [(name, k, p, t) for k, p, t in career + hr]
    for short, name, rows in langs:
        got = [(lang, next(predicted), text) for lang, text in rows]
        misread = [(k, p, t) for k, p, t in got if p not in ("other_language", "out_of_scope",
                                                             "nlu_fallback")]
        languages = Counter(k for k, _, _ in got)
        result["languages"][name] = {
            "short": short, "messages": len(got),
            "told_english": share(sum(p == "other_language" for _, p, _ in got), len(got)),
            "misread": share(len(misread), len(got)),
            "by_language": {k: share(sum(c == k and p == "other_language" for c, p, _ in got),
                                     n) for k, n in languages.items()}}
        result["missed"] += [(name, k, p, t) for k, p, t in misread]
    for short, rows in expected:
        got = [(intent, next(predicted), text) for intent, text in rows]
        counts = Counter(intent for intent, _, _ in got)
        result["on_intent"][short] = {
            intent: share(sum(i == intent and p in i.split("|") for i, p, _ in got), n)
            for intent, n in counts.items()}
        result["missed"] += [(short, i, p, t) for i, p, t in got if p not in i.split("|")]
    for short, rows in asked:
        got = [(next(predicted), text) for text in rows]
        if got:
            result["career"][short] = {"messages": len(got), "career": share(
                sum(p not in NOT_CAREER for p, _ in got), len(got))}
        result["missed"] += [(short, "career", p, t) for p, t in got if p in NOT_CAREER]
    return result


def source_gate_figures(result: Dict) -> Dict[str, float]:
    """The figures of :func:`source_figures` under the names of :data:`SOURCE_AT_MOST` and
    :data:`SOURCE_AT_LEAST` (shares 0–1): ``<source>_taken_for_career``, ``<source>_sent_to_hr``,
    ``<language source>_told_english`` and ``<language source>_misread``."""
    figures: Dict[str, float] = {}
    for row in result["offdomain"].values():
        figures[f"{row['short']}_taken_for_career"] = row["career"]
        figures[f"{row['short']}_sent_to_hr"] = row["hr"]
    for row in result["languages"].values():
        figures[f"{row['short']}_told_english"] = row["told_english"]
        figures[f"{row['short']}_misread"] = row["misread"]
    return figures


def print_sources(result: Dict) -> None:
    """The per-source tables of :func:`source_figures`."""
    print("off-domain by source: read as a career question / sent to HR / ended the "
          "conversation (goals: at most 1% / 0.5% / –)")
    for name, row in result["offdomain"].items():
        worst = sorted(row["by_kind"].items(), key=lambda kv: -kv[1])[:3]
        print(f"  {name} ({row['messages']}): {row['career']:.1%} / {row['hr']:.1%} / "
              f"{row['ending']:.1%}; most career by kind: "
              + ", ".join(f"{k} {v:.0%}" for k, v in worst))
    print("other languages by source: told it works in English / misread (goals: at least "
          "90% / none)")
    for name, row in result["languages"].items():
        worst = sorted(row["by_language"].items(), key=lambda kv: kv[1])[:4]
        print(f"  {name} ({row['messages']}): {row['told_english']:.1%} / "
              f"{row['misread']:.1%}; fewest told: "
              + ", ".join(f"{k} {v:.0%}" for k, v in worst))
    for short, row in result.get("on_intent", {}).items():
        print(f"  {short}, on the expected intent: "
              + ", ".join(f"{k} {v:.0%}" for k, v in row.items()))
    for short, row in result.get("career", {}).items():
        print(f"  {short}, its career questions ({row['messages']}): {row['career']:.0%} read "
              "as a career question")


def main(argv: Optional[List[str]] = None) -> int:
    """Command line: print the figures as JSON (no gate; ``make eval`` gates them)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=PROJECT / "models" / "careerbot.tar.gz")
    parser.add_argument("--corpus", action="append", default=[], metavar="SHORT=FILE",
                        help="a further held-out set in the kinds form, measured and not gated "
                             "(a public corpus kept outside the project)")
    args = parser.parse_args(argv)
    extra = [(spec.split("=", 1)[0], Path(spec.split("=", 1)[1])) for spec in args.corpus]
    result = domain_figures(args.model)
    print(json.dumps({k: result[k] for k in ("figures", "reported", "intents")}, indent=2))
    for where, label, got, text in result["missed"]:
        print(f"{where}: {label} -> {got}: {text}")
    sources = source_figures(args.model, extra)
    print_sources(sources)
    for where, kind, got, text in sources["missed"]:
        print(f"{where} [{kind}] -> {got}: {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
