"""Generate the NLU's knowledge of role names and topic words from the role data.

Two outputs, both derived from ``data/roles/*.yml`` (names, aliases, their plurals) and
``data/topics.yml``:

* a blank English spaCy pipeline with an ``entity_ruler`` (phrase patterns matched on lower-cased
  tokens) labelling ``role`` and ``topic`` mentions, saved to ``build/spacy_roles`` and loaded by
  Rasa's ``SpacyNLP`` (see ``config.yml``); ``SpacyEntityExtractor`` turns its matches into
  entities;
* ``data/nlu/roles_generated.yml``: a ``role`` lookup table (for ``RegexFeaturizer``) and
  synonyms mapping every name, alias and topic word to its canonical value (for
  ``EntitySynonymMapper``).

It also writes ``build/nlu/noisy_generated.yml``: noisy copies (:mod:`nlu_build.noise`) of a share
of the hand-written examples of ``data/nlu/`` (the template examples get theirs in
:mod:`nlu_build.official`).

``python -m nlu_build.build`` writes them all; ``--check`` exits 1 when the committed generated file
is out of date. The spaCy pipeline is rebuilt only when its inputs changed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Dict, List, Optional, Sequence

import yaml

from careerdata import load_skills
from careerdata.role_files import DEFAULT_DATA_DIR, DataError, Dataset, read_dataset

PROJECT = Path(__file__).resolve().parent.parent
DEFAULT_SPACY_DIR = PROJECT / "build" / "spacy_roles"
GENERATED_NLU = Path("nlu") / "roles_generated.yml"
TOPICS_FILE = "topics.yml"
ROLE_LABEL = "role"
TOPIC_LABEL = "topic"
SKILL_LABEL = "skill"
_STAMP = "careerbot_inputs.sha256"
NOISY_NLU = PROJECT / "build" / "nlu" / "noisy_generated.yml"
#: Files of data/nlu/ whose examples get no noisy copies: other languages, generated names.
NO_NOISE = frozenset({"other_language.yml", GENERATED_NLU.name})


def read_topics(data_dir: Path = DEFAULT_DATA_DIR) -> Dict[str, List[str]]:
    """Return ``{topic key: [words...]}`` from ``data/topics.yml``.

    Raises :class:`careerdata.load_articles.DataError` when the file is missing or malformed.
    """
    path = Path(data_dir) / TOPICS_FILE
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(TOPICS_FILE, "(file)", str(exc).splitlines()[0]) from exc
    topics = (raw or {}).get("topics") if isinstance(raw, dict) else None
    if not isinstance(topics, dict):
        raise DataError(TOPICS_FILE, "topics", "expected a mapping of topic keys to word lists")
    result: Dict[str, List[str]] = {}
    for key, words in topics.items():
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
            raise DataError(TOPICS_FILE, f"topics.{key}", "expected a list of words")
        result[str(key)] = [w.strip().lower() for w in words]
    return result


#: Word groups of data/topics.yml besides ``topics``, and the entity each one labels.
WORD_GROUPS = {"pay_views": "pay_view", "place_kinds": "place_kind",
               "career_words": "career_word"}
#: The group whose words are only evidence for the domain gate: no synonyms (its key is no value).
CAREER_LABEL = "career_word"
#: The lookup table of words that make a profile statement career evidence for the domain gate
#: ("I like fixing things", "I have a GED"); no entity, and no intent feature (``config.yml``).
STATEMENT_LABEL = "statement"
#: The lookup table of interest words, career evidence in a profile statement unless owned ("my
#: account" is no "accounting"); no entity, and no intent feature.
INTEREST_LABEL = "interest"
#: The lookup table of words of the user's own employment (``employment_words`` of
#: data/negatives.yml): ``own_employment`` needs one (the domain gate); no intent feature.
EMPLOYMENT_LABEL = "employment"


def read_groups(data_dir: Path = DEFAULT_DATA_DIR) -> Dict[str, Dict[str, List[str]]]:
    """``{entity: {key: [words...]}}`` for the word groups of :data:`WORD_GROUPS`.

    Raises :class:`careerdata.load_articles.DataError` when a group is malformed."""
    raw = yaml.safe_load((Path(data_dir) / TOPICS_FILE).read_text(encoding="utf-8")) or {}
    groups: Dict[str, Dict[str, List[str]]] = {}
    for section, entity in WORD_GROUPS.items():
        keyed = raw.get(section) or {}
        if not isinstance(keyed, dict) or not all(isinstance(v, list) for v in keyed.values()):
            raise DataError(TOPICS_FILE, section, "expected a mapping of keys to word lists")
        groups[entity] = {str(k): [str(w).strip().lower() for w in v] for k, v in keyed.items()}
    return groups


def career_words(data_dir: Path = DEFAULT_DATA_DIR) -> List[str]:
    """The career words of ``data/topics.yml`` (lower case, in file order)."""
    return [w for words in read_groups(data_dir)[CAREER_LABEL].values() for w in words]


def interest_words(data_dir: Path = DEFAULT_DATA_DIR) -> List[str]:
    """The everyday interest words of ``data/interests.yml`` (lower case, each once, in file
    order): "fix things", "caring", "accounting"."""
    from careerdata.interests import read_everyday

    words = [w for _, w in read_everyday(Path(data_dir) / "interests.yml")]
    return list(dict.fromkeys(w.strip().lower() for w in words))


def statement_words(data_dir: Path = DEFAULT_DATA_DIR) -> List[str]:
    """The words of a profile statement besides interests (lower case, each once): the
    education words of ``data/bls_education.yml`` and the profile words of ``data/topics.yml``
    ("what i know", "start over")."""
    from careerdata.depth import education_terms

    data_dir = Path(data_dir)
    words = [w for level in education_terms(data_dir / "bls_education.yml").words.values()
             for w in level]
    raw = yaml.safe_load((data_dir / TOPICS_FILE).read_text(encoding="utf-8")) or {}
    words += [str(w) for w in raw.get("profile_words") or ()]
    return list(dict.fromkeys(w.strip().lower() for w in words))


#: How many places (the largest by employment) fill the negatives' ``{place}`` slot.
NEGATIVE_PLACES = 60


def employment_words(data_dir: Path = DEFAULT_DATA_DIR) -> List[str]:
    """The words of the user's own employment, ``employment_words`` of ``data/negatives.yml``
    (lower case, each once, in file order)."""
    raw = yaml.safe_load((Path(data_dir) / "negatives.yml").read_text(encoding="utf-8")) or {}
    return list(dict.fromkeys(str(w).strip().lower() for w in raw.get("employment_words") or ()))


def ruler_patterns(dataset: Dataset, topics: Dict[str, List[str]]) -> List[dict]:
    """spaCy entity-ruler phrase patterns: every role name/alias/plural and topic word.

    Each pattern is ``{"label": "role"|"topic", "pattern": <lower-cased text>, "id": <value>}``
    where ``id`` is the canonical role name or topic key.
    """
    patterns: List[dict] = []
    for canonical, names in dataset.role_names().items():
        for name in names:
            patterns.append({"label": ROLE_LABEL, "pattern": name.lower(), "id": canonical})
    for key, words in topics.items():
        for word in words:
            patterns.append({"label": TOPIC_LABEL, "pattern": word, "id": key})
    return patterns


def generated_nlu(dataset: Dataset, topics: Dict[str, List[str]],
                  skills: Optional[Dict[str, List[str]]] = None,
                  career_words: Sequence[str] = (), statements: Sequence[str] = (),
                  employment: Sequence[str] = (), interests: Sequence[str] = ()) -> str:
    """The text of ``data/nlu/roles_generated.yml`` for ``dataset``, ``topics``, ``skills``
    (``{canonical skill: [aliases...]}``, :meth:`careerdata.skills.SkillIndex.names`), the
    career words of ``data/topics.yml`` and the words of profile statements
    (:func:`statement_words`, :func:`interest_words`) and of the user's own employment
    (:func:`employment_words`), four lookup tables for the domain gate."""
    lines = [
        "# GENERATED by `python -m nlu_build.build` from data/roles/*.yml, data/topics.yml and",
        "# data/skills.yml.",
        "# Do not edit by hand: edit the role data and run `make db` (a test checks it is current).",
        'version: "3.1"',
        "nlu:",
        f"- lookup: {ROLE_LABEL}",
        "  examples: |",
    ]
    names = dataset.role_names()
    for canonical in sorted(names):
        lines += [f"    - {n}" for n in names[canonical]]
    for canonical in sorted(names):
        synonyms = [n for n in names[canonical] if n != canonical]
        if synonyms:
            lines += [f"- synonym: {canonical}", "  examples: |"]
            lines += [f"    - {n}" for n in synonyms]
    lines += [f"- lookup: {TOPIC_LABEL}", "  examples: |"]
    lines += [f"    - {w}" for key in sorted(topics) for w in dict.fromkeys([key, *topics[key]])]
    for key in sorted(topics):
        words = [w for w in topics[key] if w != key]
        if words:
            lines += [f"- synonym: {key}", "  examples: |"]
            lines += [f"    - {w}" for w in words]
    if career_words:
        lines += [f"- lookup: {CAREER_LABEL}", "  examples: |"]
        lines += [f"    - {w}" for w in career_words]
    if statements:
        lines += [f"- lookup: {STATEMENT_LABEL}", "  examples: |"]
        lines += [f"    - {w}" for w in statements]
    if interests:
        lines += [f"- lookup: {INTEREST_LABEL}", "  examples: |"]
        lines += [f"    - {w}" for w in interests]
    if employment:
        lines += [f"- lookup: {EMPLOYMENT_LABEL}", "  examples: |"]
        lines += [f"    - {w}" for w in employment]
    if skills:
        lines += [f"- lookup: {SKILL_LABEL}", "  examples: |"]
        lines += [f"    - {n}" for name in sorted(skills, key=str.lower) for n in [name, *skills[name]]]
        for name in sorted(skills, key=str.lower):
            if skills[name]:
                lines += [f"- synonym: {name}", "  examples: |"]
                lines += [f"    - {a}" for a in skills[name]]
    return "\n".join(lines) + "\n"


def noisy_hand_written(nlu_dir: Path, out: Path = NOISY_NLU) -> int:
    """Write noisy copies of a share of the hand-written examples of ``nlu_dir`` (``data/nlu``,
    but the files of :data:`NO_NOISE`) to ``out``; returns how many. The copies equal no
    held-out message (``tests/data/nlu_heldout*.yml``)."""
    from nlu_build import noise, official

    examples: Dict[str, List[str]] = {}
    for path in sorted(Path(nlu_dir).glob("*.yml")):
        if path.name in NO_NOISE:
            continue
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu") or []:
            if "intent" in block:
                examples.setdefault(block["intent"], []).extend(
                    line.strip()[2:] for line in str(block.get("examples") or "").splitlines()
                    if line.strip().startswith("- "))
    typed = noise.variants(examples, noise.TRAINING_SHARE, official.SEED,
                           official.heldout_messages(), official.plain)
    lines = ["# GENERATED by `python -m nlu_build.build`: noisy copies of data/nlu examples.",
             'version: "3.1"', "nlu:"]
    for intent in sorted(typed):
        lines += [f"- intent: {intent}", "  examples: |"]
        lines += [f"    - {t}" for t in typed[intent]]
    text = "\n".join(lines) + "\n"
    out.parent.mkdir(parents=True, exist_ok=True)
    if not out.is_file() or out.read_text(encoding="utf-8") != text:
        out.write_text(text, encoding="utf-8")
    return sum(len(t) for t in typed.values())


def _inputs_digest(patterns: List[dict]) -> str:
    import spacy

    blob = json.dumps({"patterns": patterns, "spacy": spacy.__version__}, sort_keys=True)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def build_spacy(patterns: List[dict], out_dir: Path = DEFAULT_SPACY_DIR) -> bool:
    """Save a blank ``en`` pipeline with an entity ruler holding ``patterns`` to ``out_dir``.

    Returns False (and writes nothing) when ``out_dir`` already holds a pipeline built from the
    same patterns with the same spaCy version.
    """
    import spacy

    out_dir = Path(out_dir)
    digest = _inputs_digest(patterns)
    stamp = out_dir / _STAMP
    if stamp.is_file() and stamp.read_text().strip() == digest and (out_dir / "meta.json").is_file():
        return False
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    ruler.add_patterns(patterns)
    nlp.meta["name"] = "careerbot_roles"
    nlp.meta["description"] = "Blank English pipeline with an entity ruler built from role data"
    out_dir.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out_dir)
    stamp.write_text(digest + "\n")
    return True


def main(argv: Optional[List[str]] = None) -> int:
    """Command line: write the generated NLU file and the spaCy pipeline (or ``--check``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--spacy-dir", type=Path, default=DEFAULT_SPACY_DIR)
    parser.add_argument("--check", action="store_true", help="fail if the NLU file is stale")
    parser.add_argument("--url", default=None, help="role database (default: $CAREERBOT_DB_URL)")
    args = parser.parse_args(argv)
    try:
        dataset = read_dataset(args.data)
        topics = read_topics(args.data)
        skills = load_skills.dataset_index(dataset, load_skills.read_aliases(args.data)).names()
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    text = generated_nlu(dataset, topics, skills, career_words(args.data),
                         statement_words(args.data), employment_words(args.data),
                         interest_words(args.data))
    target = args.data / GENERATED_NLU
    current = target.read_text(encoding="utf-8") if target.is_file() else None
    if args.check:
        if current != text:
            print(f"{target} is out of date: run `make db`", file=sys.stderr)
            return 1
        print(f"{target} is up to date")
        return 0
    if current != text:
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target}")
    patterns = ruler_patterns(dataset, topics)
    from sqlalchemy.orm import Session

    from careerdata.store import database_url, make_engine
    from nlu_build import negatives, official

    engine = make_engine(args.url or database_url())
    try:
        groups = read_groups(args.data)
        patterns += official.ruler_patterns(engine, groups)
        counts = official.generate(
            engine, {k: v for k, v in groups.items() if k != CAREER_LABEL})
        with Session(engine, future=True) as session:
            names, _, employment = official.place_names(session)
        # the places people name most: the largest states and metro areas, as they say them
        largest = sorted(names, key=lambda area: -employment.get(area, 0))[:NEGATIVE_PLACES]
        places = [name for area in largest for name in names[area]
                  if len(name) > 3 and name[0].isupper()]
    finally:
        engine.dispose()
    print(f"wrote {official.OUTPUT}: {counts['occupations']} occupations, {counts['places']} places")
    print(f"wrote {NOISY_NLU}: {noisy_hand_written(args.data / 'nlu')} noisy examples")
    words = [w for ws in topics.values() for w in ws]
    words += [w for keyed in groups.values() for ws in keyed.values() for w in ws]
    made = negatives.generate(words, places=places)
    print(f"wrote {negatives.OUTPUT}: " + ", ".join(f"{n} {i}" for i, n in made.items()))
    built = build_spacy(patterns, args.spacy_dir)
    state = "built" if built else "up to date"
    print(f"spaCy pipeline {state}: {args.spacy_dir} ({len(patterns)} patterns)")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
