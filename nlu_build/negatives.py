"""Training examples of messages that are not career questions (``make db``).

Writes ``build/nlu/negatives_generated.yml`` from ``data/negatives.yml``:

- ``out_of_scope`` examples from public corpora of other domains: the first message of each
  conversation of the chosen categories of the English ChatterBot corpus (PyPI package
  ``chatterbot-corpus``, BSD 3-Clause; installed as data only by ``make setup``), and commands
  to voice assistants of the Snips NLU benchmark (CC0, stored in ``data/``). A message with
  a topic or career word of ``data/topics.yml`` is left out: whether "what is money" is a pay
  question is for the curated near misses to teach, not an uncurated corpus; so is one with a
  name after a preposition (:data:`_PLACE`), which would teach the CRF that places are none.
- near misses: frames filled from word lists, ``out_of_scope`` ("how do I add a salary column in
  Excel") and ``own_employment`` ("how many vacation days do I have left").

No example equals a held-out message (:func:`nlu_build.official.heldout_messages`).
"""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Dict, Iterable, List

import yaml

from careerdata.sources import package_dir
from nlu_build.official import heldout_messages, plain

PROJECT = Path(__file__).resolve().parent.parent
SOURCE = PROJECT / "data" / "negatives.yml"
OUTPUT = PROJECT / "build" / "nlu" / "negatives_generated.yml"
OUT_OF_SCOPE = "out_of_scope"
SEED = 13
#: The frames' slot filled with place names of the role database (:func:`generate`).
PLACE_SLOT = "place"
_SLOT = re.compile(r"\{(\w+)\}")
#: A name after a preposition ("a table in Antigua", "weather at Gunnison"): unannotated, such a
#: message would teach the CRF that a place after "in" is no place ("electricians in narnia").
_PLACE = re.compile(r"\b(?:in|at|near|to|from|around|for)\s+(?:the\s+)?[A-Z]")
#: Characters that Rasa's training-data format would read as annotations or YAML.
_MARKUP = re.compile(r"[\[\]{}()\"`|#]")


def corpus_messages(spec: dict) -> List[str]:
    """The first messages of the conversations of ``spec["categories"]`` (file names without
    ``.yml``) in ``spec["folder"]`` of the installed package ``spec["package"]``, once each,
    markup characters removed; at most ``spec["per_category"]`` of a category (drawn seeded).

    Raises :class:`careerdata.sources.DataFileMissing` when the package is not installed and
    ``FileNotFoundError`` when a category file is missing."""
    folder = package_dir(spec["package"]) / spec["folder"]
    cap = spec.get("per_category")
    found: List[str] = []
    for category in spec["categories"]:
        raw = yaml.safe_load((folder / f"{category}.yml").read_text(encoding="utf-8")) or {}
        firsts = [" ".join(_MARKUP.sub(" ", str(c[0])).split())
                  for c in raw.get("conversations") or [] if c]
        firsts = list(dict.fromkeys(t for t in firsts if t))
        if cap and len(firsts) > cap:
            firsts = random.Random(f"{SEED}-{category}").sample(firsts, cap)
        found += firsts
    return found


def stored_messages(names: Iterable[str], folder: Path = SOURCE.parent) -> List[str]:
    """The messages of the files ``names`` of ``folder``: one a line, ``#`` comments and blank
    lines left out, markup characters removed."""
    found: List[str] = []
    for name in names:
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            text = " ".join(_MARKUP.sub(" ", line).split())
            if text and not line.lstrip().startswith("#"):
                found.append(text)
    return found


def names_words(text: str, words: Iterable[str]) -> bool:
    """Whether ``text`` holds one of ``words`` (lower-case words or phrases) as whole words."""
    padded = f" {plain(text)} "
    return any(f" {w} " in padded for w in words)


def fill(frames: Dict[str, List[str]], fillers: Dict[str, List[str]], per_frame: int,
         seed: int = SEED) -> Dict[str, List[str]]:
    """``{intent: [message, ...]}``: each frame filled ``per_frame`` times (once without a
    slot) with words of ``fillers`` drawn by a generator seeded with ``seed``; duplicates once.

    Raises ``KeyError`` for a slot without a word list."""
    rng = random.Random(seed)
    filled: Dict[str, List[str]] = {}
    for intent, templates in frames.items():
        out: List[str] = []
        for template in templates:
            times = per_frame if _SLOT.search(template) else 1
            for _ in range(times):
                out.append(_SLOT.sub(lambda m: str(rng.choice(fillers[m.group(1)])), template))
        filled[intent] = list(dict.fromkeys(out))
    return filled


def generate(topic_words: Iterable[str], source: Path = SOURCE,
             out: Path = OUTPUT, places: Iterable[str] = ()) -> Dict[str, int]:
    """Write the negatives file; returns ``{intent: number of examples}``.

    ``topic_words``: the topic and career words of ``data/topics.yml`` (lower case); corpus
    messages naming one are left out. ``places``: place names of the role database, the word
    list of the frames' ``{place}`` slot ("is it raining in {place}"), annotated as locations
    so that the CRF still learns them as places."""
    spec = yaml.safe_load(source.read_text(encoding="utf-8"))
    words = list(topic_words)
    avoid = heldout_messages()
    fillers = dict(spec["fillers"])
    fillers[PLACE_SLOT] = [f"[{p}](location)" for p in sorted(set(places))
                           if not _MARKUP.search(p)]
    examples = fill(spec["frames"], fillers, int(spec.get("per_frame", 1)))
    corpus = corpus_messages(spec["corpus"]) + stored_messages(spec.get("stored") or [])
    corpus = [m for m in corpus if not names_words(m, words) and not _PLACE.search(m)]
    examples[OUT_OF_SCOPE] = list(dict.fromkeys(examples.get(OUT_OF_SCOPE, []) + corpus))
    lines = ["# GENERATED by `python -m nlu_build.build` from data/negatives.yml (make db).",
             'version: "3.1"', "nlu:"]
    counts: Dict[str, int] = {}
    for intent, messages in examples.items():
        kept = [m for m in messages if plain(m) not in avoid and plain(m)]
        counts[intent] = len(kept)
        lines += [f"- intent: {intent}", "  examples: |"]
        lines += [f"    - {m}" for m in kept]
    text = "\n".join(lines) + "\n"
    if not out.is_file() or out.read_text(encoding="utf-8") != text:  # `make train` compares times
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    return counts
