"""Is a word an ordinary English word? So that a typo matcher does not "correct" real words.

The fuzzy matching of topic words (``nlu_components.role_extractor``, ``entity: topic``) reads
"skils" as "skills" and "outlok" as "outlook", but must not read "trips" as "tips" or "still" as
"skill". The English word-frequency list of pyspellchecker (MIT licence; about 160,000 words
counted in subtitles, shipped inside the package as ``spellchecker/resources/en.json.gz``) tells
real words from typos: a word the list holds (counted at least :data:`MIN_FREQUENCY` times, the
list's floor) is a real word.
"""

from __future__ import annotations

from functools import lru_cache

#: Occurrences in pyspellchecker's English list (1.6 billion words counted) from which a word
#: counts as English. 50 is the list's floor: "trips" 9,488, "technologist" 50, while typos such
#: as "skils", "outlok" or "educaton" are not in it (0).
MIN_FREQUENCY = 50
#: From this count on, a word is common English ("raining": 12,768), never a misspelling that
#: made it into the list ("massachusets": 50).
COMMON_FREQUENCY = 1000


@lru_cache(maxsize=1)
def _frequencies():
    from spellchecker import SpellChecker  # about 0.3 s to load: only when first needed

    return SpellChecker(language="en", distance=1).word_frequency


@lru_cache(maxsize=16384)
def is_english_word(word: str) -> bool:
    """True when ``word`` (lower case, one word) occurs at least :data:`MIN_FREQUENCY` times in
    pyspellchecker's English word-frequency list; False for typos and rare strings.

    Raises:
        ImportError: pyspellchecker is not installed (``make setup`` installs it).
    """
    return _frequencies()[word] >= MIN_FREQUENCY


@lru_cache(maxsize=16384)
def is_common_word(word: str) -> bool:
    """True when ``word`` (lower case, one word) occurs at least :data:`COMMON_FREQUENCY` times
    in pyspellchecker's English word-frequency list: a word in its own right, not one of the
    common misspellings the list also holds.

    Raises:
        ImportError: pyspellchecker is not installed (``make setup`` installs it).
    """
    return _frequencies()[word] >= COMMON_FREQUENCY
