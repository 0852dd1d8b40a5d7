"""Words of other languages for the language gate (``nlu_components/language_gate.py``).

Two kinds of word lists tell a short message's language where a character-based detector cannot
("är du en robot?", "kamu robot ya?"):

* **Stop words**: spaCy's stop-word list of each language (shipped inside spaCy:
  ``spacy/lang/<code>/stop_words.py``), English stop words aside.
* **Common words**: the most frequent words of each language in wordfreq's "small" word lists
  (``wordfreq/data/small_<code>.msgpack.gz``; wordfreq 3.1, code Apache 2.0, data CC BY-SA 4.0:
  Wikipedia, subtitles, news, books, web text and social media, README "Other languages"),
  kept only when they are clearly more frequent in that language than in English ("är",
  "ya", "morgen", "certo"; not "robot", "data", "ok"). spaCy's lists miss such words: its
  Swedish list has no "är", its Indonesian list no "ya".

wordfreq is installed as data only (``requirements-data.lock``, ``--no-deps``: its own
dependencies clash with Rasa's pins), so nothing here imports it: its files are read directly,
and only when the gate is trained (the lists are kept in the model).
"""

from __future__ import annotations

import gzip
import importlib.util
import re
import unicodedata
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Tuple

from rasa.shared.exceptions import InvalidConfigException
from spacy.lang.en.stop_words import STOP_WORDS as ENGLISH_STOP_WORDS

#: wordfreq's lists hold words from one occurrence per million on (Zipf 3.0): a word not in the
#: English list is counted as this frequent there.
ZIPF_FLOOR = 3.0


def stop_word_lists(codes: Dict[str, str]) -> Dict[str, frozenset]:
    """spaCy's stop words (lower case; they ship inside spaCy, nothing is downloaded) of each
    lingua language name of ``codes``, from its spaCy language code ("es"), English stop words
    aside ("a", "me", "no" are in other lists too).

    Raises:
        InvalidConfigException: spaCy has no stop words for a code.
    """
    # Each list is read from its file alone: importing ``spacy.lang.<code>`` would build the
    # whole language (tokenizer exceptions and all: 36 MB for 16 languages).
    folder = Path(importlib.util.find_spec("spacy.lang").submodule_search_locations[0])
    lists = {}
    for name, code in codes.items():
        path = folder / code / "stop_words.py"
        spec = importlib.util.spec_from_file_location(f"_stop_words_{code}", path)
        if spec is None or not path.is_file():
            raise InvalidConfigException(f"LanguageGate: no spaCy stop words for {code!r}")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        lists[name.upper()] = frozenset(w.lower() for w in module.STOP_WORDS) - ENGLISH_STOP_WORDS
    return lists


def wordfreq_file(code: str) -> Path:
    """The path of wordfreq's small word list of language ``code`` ("sv", "fil", "sh").

    Raises:
        FileNotFoundError: wordfreq is not installed (``make setup`` installs it from
            ``requirements-data.lock``) or has no small list for ``code``.
    """
    spec = importlib.util.find_spec("wordfreq")  # finds the package without running it
    folders = list(spec.submodule_search_locations or []) if spec else []
    path = Path(folders[0]) / "data" / f"small_{code}.msgpack.gz" if folders else None
    if path is None or not path.is_file():
        raise FileNotFoundError(f"no wordfreq word list for {code!r}: run `make setup` "
                                "(it installs requirements-data.lock with --no-deps)")
    return path


def zipf_frequencies(code: str, top: int = 0) -> Dict[str, float]:
    """Each word of wordfreq's small list of language ``code`` with its Zipf frequency
    (log10 of occurrences per billion words: "the" 7.7, "robot" 4.2; from 3.0 on), the ``top``
    most frequent words only when ``top`` is above 0.

    wordfreq's "cBpack" file is a msgpack list: a header, then one list of words per
    centibel of frequency, the most frequent first (list ``i`` holds the words of frequency
    ``10 ** (-i / 100)``, Zipf ``9 - i / 100``).

    Raises:
        FileNotFoundError: see :func:`wordfreq_file`.
        ValueError: the file is not in wordfreq's format.
    """
    import msgpack  # pinned in requirements.lock; needed only when training

    with gzip.open(wordfreq_file(code), "rb") as stream:
        data = msgpack.load(stream, raw=False)
    header = data[0] if data else None
    if not isinstance(header, dict) or header.get("format") != "cB":
        raise ValueError(f"wordfreq list {code!r}: unexpected header {header!r}")
    frequencies: Dict[str, float] = {}
    for centibels, words in enumerate(data[1:]):
        for word in words:
            frequencies.setdefault(word, 9.0 - centibels / 100)
        if top and len(frequencies) >= top:
            break
    return frequencies


def common_word_lists(codes: Dict[str, str], top: int, margin: float, top_foreign: int = 0,
                      english: Callable[[str], bool] = lambda word: False
                      ) -> Dict[str, List[str]]:
    """For each lingua language name of ``codes`` (its wordfreq code: "sv", "fil"), the words
    (letters only) among its ``top`` most frequent that are at least ``margin`` Zipf more
    frequent in it than in English (a word missing from wordfreq's English list counting as
    :data:`ZIPF_FLOOR`), sorted: "är" (Swedish 7.5, English 2.1), never "robot" (4.2 in both).
    Down to its ``top_foreign`` most frequent, also such words for which ``english`` (a word,
    lower case -> whether it is an English word) is False: further down a language's list,
    more words are borrowings, names and variants that English writers use too ("hallo",
    "scala" are English words of the list; "alsjeblieft" is not).

    Raises:
        FileNotFoundError, ValueError: see :func:`zipf_frequencies`.
    """
    english_zipf = zipf_frequencies("en")
    lists = {}
    for name, code in codes.items():
        ranked = zipf_frequencies(code, max(top, top_foreign))
        lists[name.upper()] = sorted(
            word for rank, (word, zipf) in enumerate(ranked.items())
            if word.isalpha() and zipf - max(english_zipf.get(word, 0.0), ZIPF_FLOOR) >= margin
            and (rank < top or not english(word)))
    return lists


def swapped(word: str) -> set:
    """The forms of ``word`` with two neighbouring letters swapped back: the commonest typo
    ("thnaks" -> "thanks"), which turns an English word into no word of any language."""
    return {word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1)}


def words_of(text: str) -> List[str]:
    """The lower-cased words of ``text`` (runs of letters, digits and apostrophes)."""
    return re.findall(r"[\w']+", text.lower())


def without_spans(text: str, spans: Iterable[Tuple[int, int]]) -> str:
    """``text`` with each ``(start, end)`` character span of ``spans`` blanked out."""
    chars = list(text)
    for start, end in spans:
        chars[max(start, 0):max(end, 0)] = " " * len(chars[max(start, 0):max(end, 0)])
    return "".join(chars)


def other_script(text: str) -> bool:
    """Whether most letters of ``text`` belong to a script other than Latin (English is never
    written in Cyrillic, Greek, Arabic, Devanagari, Chinese…); False without letters."""
    letters = [char for char in text if char.isalpha()]
    if not letters:
        return False
    latin = sum(1 for char in letters if "LATIN" in unicodedata.name(char, ""))
    return latin * 2 < len(letters)
