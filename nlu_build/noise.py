"""A noise model of how people really type: typos, joined and split words, all capitals.

Used twice, with different seeds, never on the same messages:

- :func:`variants` adds noisy copies of a share of the generated and hand-written training
  examples (``make db`` → ``build/nlu/``), noise outside the entity annotations only (role
  names already get typos from ``official._vary``; the NLU reads misspelt names and topic words
  with RapidFuzz);
- :func:`noisy` makes the noisy copy of the fresh-eyes held-out set that ``make eval`` scores
  (``scripts/evaluate.py``), noise anywhere in the message, the gold labels of the clean text
  kept.

Each noisy message gets one or two of these word edits (words of at least 3 letters): a letter
replaced by a neighbour on a QWERTY keyboard, a letter dropped, a letter doubled, two adjacent
letters swapped, two words joined, a word split in two; and now and then the whole message in
capitals. Everything is drawn from a ``random.Random`` seeded per message, so the same input
always gives the same output.
"""

from __future__ import annotations

import hashlib
import random
import re
from typing import Callable, Dict, Iterable, List, Tuple

#: Letters next to each letter on a QWERTY keyboard.
KEYBOARD_NEIGHBOURS = {
    "q": "wa", "w": "qes", "e": "wrd", "r": "etf", "t": "ryg", "y": "tuh", "u": "yij",
    "i": "uok", "o": "ipl", "p": "ol", "a": "qsz", "s": "awdz", "d": "sefx", "f": "drgc",
    "g": "fthv", "h": "gyjb", "j": "hukn", "k": "jilm", "l": "kop", "z": "asx", "x": "zdc",
    "c": "xfv", "v": "cgb", "b": "vhn", "n": "bjm", "m": "nk",
}
#: Share of the training examples of each intent that get a noisy copy.
TRAINING_SHARE = 0.5
#: Seed of the noisy copy of the held-out set (training copies use the generator's seed).
HELDOUT_SEED = 2026
#: Chance that a noisy message is also written in capitals.
CAPS_SHARE = 0.12
#: Chance that a noisy message gets a second word edit.
SECOND_EDIT_SHARE = 0.3
#: An entity annotation of Rasa's training format: ``[text](label)`` or ``[text]{...}``.
ANNOTATION = re.compile(r"\[([^\]]+)\](\([^)]*\)|\{[^}]*\})")
_WORD = re.compile(r"[A-Za-z]{3,}")


def _replace(word: str, rng: random.Random) -> str:
    i = rng.randrange(len(word))
    near = KEYBOARD_NEIGHBOURS.get(word[i].lower())
    if not near:
        return word
    letter = rng.choice(near)
    return word[:i] + (letter.upper() if word[i].isupper() else letter) + word[i + 1:]


def _drop(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word))
    return word[:i] + word[i + 1:]


def _double(word: str, rng: random.Random) -> str:
    i = rng.randrange(len(word))
    return word[:i + 1] + word[i] + word[i + 1:]


def _swap(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1] + word[i] + word[i + 2:]


def _split(word: str, rng: random.Random) -> str:
    if len(word) < 6:
        return _swap(word, rng)
    i = rng.randrange(3, len(word) - 2)
    return word[:i] + " " + word[i:]


#: The word edits, by name (``join`` works on two words and is handled apart).
WORD_EDITS: Dict[str, Callable[[str, random.Random], str]] = {
    "neighbour": _replace, "drop": _drop, "double": _double, "swap": _swap, "split": _split,
}
EDITS = tuple(WORD_EDITS) + ("join",)


def _seeded(text: str, seed: int) -> random.Random:
    digest = hashlib.sha256(f"{seed}:{text}".encode("utf-8")).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def _spans(text: str, protect: bool) -> List[Tuple[int, int]]:
    """Character spans of the words that may be edited: words of 3+ letters, outside entity
    annotations when ``protect``."""
    guarded = [m.span() for m in ANNOTATION.finditer(text)] if protect else []
    return [m.span() for m in _WORD.finditer(text)
            if not any(s <= m.start() < e for s, e in guarded)]


def _capitals(text: str) -> str:
    """``text`` in capitals, the labels of its annotations ("(role)") kept as they are."""
    out, last = [], 0
    for match in ANNOTATION.finditer(text):
        out.append(text[last:match.start()].upper())
        out.append(f"[{match.group(1).upper()}]{match.group(2)}")
        last = match.end()
    out.append(text[last:].upper())
    return "".join(out)


def noisy(text: str, seed: int, protect_annotations: bool = False) -> str:
    """``text`` with one or two word edits (see the module docstring), sometimes in capitals.

    Args:
        text: a message, plain or in Rasa's annotated training format.
        seed: the noise's seed; with the same seed the same text gets the same noise.
        protect_annotations: leave the text of ``[...](label)`` annotations as it is (and its
            label always).

    Returns:
        The noisy message; ``text`` itself when it has no word of 3+ letters to edit.
    """
    rng = _seeded(text, seed)
    edits = 2 if rng.random() < SECOND_EDIT_SHARE else 1
    for _ in range(edits):
        spans = _spans(text, protect_annotations)
        if not spans:
            break
        index = rng.randrange(len(spans))
        start, end = spans[index]
        edit = rng.choice(EDITS)
        if edit == "join":
            between = text[end:spans[index + 1][0]] if index + 1 < len(spans) else ""
            if between and not between.strip():
                text = text[:end] + text[end + len(between):]
                continue
            edit = "swap"  # the last word, or punctuation after it: nothing to join
        word = text[start:end]
        edited = WORD_EDITS[edit](word, rng)
        if edited == word:  # "tell" with its two l's swapped
            edited = _drop(word, rng)
        text = text[:start] + edited + text[end:]
    if rng.random() < CAPS_SHARE:
        text = _capitals(text)
    return text


def variants(examples: Dict[str, List[str]], share: float, seed: int,
             avoid: Iterable[str] = (), plain: Callable[[str], str] = lambda t: t
             ) -> Dict[str, List[str]]:
    """Noisy copies of a share of the training examples, for training.

    Args:
        examples: ``{intent: [example in Rasa's annotated format, ...]}``.
        share: the share (0–1) of each intent's examples that get a noisy copy, picked by the
            seeded draw of each example.
        seed: the noise's seed.
        avoid: plain forms (:func:`plain`) of held-out messages that no copy may equal.
        plain: the function that turns an example into its plain, comparable form.

    Returns:
        ``{intent: [noisy example, ...]}``, annotations and their labels untouched, without
        copies equal to their source, to another example or to a held-out message.
    """
    blocked = set(avoid)
    taken = {text for texts in examples.values() for text in texts}
    result: Dict[str, List[str]] = {}
    for intent, texts in examples.items():
        for text in texts:
            if _seeded(text, seed + 1).random() >= share:  # not the noise's own draws
                continue
            copy = noisy(text, seed, protect_annotations=True)
            if copy in taken or plain(copy) in blocked:
                continue
            taken.add(copy)
            result.setdefault(intent, []).append(copy)
    return result
