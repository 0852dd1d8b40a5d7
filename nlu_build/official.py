"""Generate the NLU's knowledge of official occupations and places from the role database.

``make db`` loads the BLS OEWS and O*NET data; this module then writes
``build/nlu/official_generated.yml`` (git-ignored, trained with ``--data data build/nlu``):

* lookup tables ``role`` (every occupation's names and aliases) and ``location`` (state and
  metro names, principal cities, short names such as "NYC");
* synonyms mapping each alias to its canonical role name or area name (postal abbreviations and
  names shared by several areas are left to :class:`careerdata.place_names.PlaceResolver`);
* training examples, made by filling the templates of ``data/templates/*.yml`` with role and
  place names drawn from the database (deterministic: a seeded random generator). No role,
  occupation or place is typed by hand in the training data. Each template file says how often
  a ``{role}`` is an article role rather than an official occupation (``article_share``) and how
  many examples each template gives (``per_template``); names are written as users write them:
  lower case mostly, sometimes capitalised, now and then with one typo. A few slots take a
  made-up name instead (:func:`made_up_name`, :data:`MADE_UP_SHARE`), so that the learned
  extractor tags a role or place it has never seen ("what does an astronaut do?", "pay in
  narnia") and the actions can say it is unknown rather than answer something else.

It also returns the entity-ruler patterns for occupations, places, pay views and place kinds,
which :mod:`nlu_build.build` adds to the spaCy pipeline.
"""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

import yaml
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from careerdata import models as m
from careerdata.skill_rows import skill_index
from nlu_build import noise

PROJECT = Path(__file__).resolve().parent.parent
TEMPLATES = PROJECT / "data" / "templates"
OUTPUT = PROJECT / "build" / "nlu" / "official_generated.yml"
SEED = 42
#: The entity label of words that end several occupations' names (career evidence).
GENERIC_LABEL = "career_word"
#: Held-out evaluation sets: a generated example that happens to equal one of their messages is
#: filled again, so that training never contains an evaluation message.
HELDOUT = sorted((PROJECT / "tests" / "data").glob("nlu_heldout*.yml")) + [
    PROJECT / "tests" / "data" / "offdomain_heldout.yml",
    PROJECT / "tests" / "data" / "social_heldout.yml"]
LANGUAGE_SET = PROJECT / "tests" / "data" / "languages_heldout.yml"
_ANNOTATED = re.compile(r"\[([^\]]+)\]\(\w+\)")


def plain(example: str) -> str:
    """An example without annotations, lower case, letters, digits and spaces only (for
    comparing messages)."""
    text = _ANNOTATED.sub(lambda mt: mt.group(1), example)
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def heldout_messages(paths=HELDOUT, language_sets=(LANGUAGE_SET,)) -> set:
    """The :func:`plain` forms of every message of the held-out NLU sets (Rasa NLU YAML) and of
    the language sets (lists of messages under ``not_english`` and ``english``)."""
    found = set()
    for path in paths:
        for block in (yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}).get("nlu", []):
            for line in str(block.get("examples", "")).splitlines():
                if line.strip().startswith("- "):
                    found.add(plain(line.strip()[2:]))
    for path in language_sets:
        sets = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        found |= {plain(str(m)) for key in ("not_english", "english") for m in sets.get(key, [])}
    return found
_SLOT = re.compile(r"\{(role|roles|role2|place|generic|skill|skill2|industry)\}(s?)")


def occupation_names(session: Session, kind: str = m.KIND_OCCUPATION) -> Dict[str, List[str]]:
    """``{canonical role name: [alias as written, ...]}`` for every role of ``kind`` (official
    occupations by default; :data:`careerdata.models.KIND_ARTICLE` for the article roles)."""
    rows = session.execute(
        select(m.Role.name, m.Alias.alias)
        .join(m.Alias, m.Alias.role_id == m.Role.id)
        .where(m.Role.kind == kind)
        .order_by(m.Alias.id)
    )
    names: Dict[str, List[str]] = {}
    for role, alias in rows:
        names.setdefault(role, []).append(alias)
    return names


def place_names(session: Session) -> Tuple[Dict[str, List[str]], List[str], Dict[str, int]]:
    """``({area name: [aliases that name only it]}, [postal abbreviations], {area: employment})``.

    National is named "United States"; aliases several areas share are left out."""
    owners: Dict[str, set] = {}
    display: Dict[str, str] = {}
    usps: List[str] = []
    for alias in session.scalars(select(m.AreaAlias)):
        if alias.kind == "usps":
            usps.append(alias.alias.upper())
            continue
        owners.setdefault(alias.normalized, set()).add(alias.area_code)
        display.setdefault(alias.normalized, alias.alias)
    areas = {a.code: a for a in session.scalars(select(m.Area))}
    name = {c: ("United States" if a.type == m.AREA_NATIONAL else a.name) for c, a in areas.items()}
    places: Dict[str, List[str]] = {}
    for key, codes in owners.items():
        # a name several areas share ("New York", "Portland") is listed under itself: the
        # resolver decides (state name over city; else it asks)
        owner = name[next(iter(codes))] if len(codes) == 1 else display[key]
        places.setdefault(owner, []).append(display[key])
    employment = {name[c]: a.employment or 0 for c, a in areas.items()}
    return places, sorted(set(usps)), employment


#: Share of ``{role}``/``{roles}``/``{role2}`` and of ``{place}`` slots filled with a made-up name.
MADE_UP_SHARE = {"role": 0.03, "place": 0.12, "skill": 0.08}
_SYLLABLES = ("zor", "bla", "quen", "vex", "tril", "mor", "dax", "plin", "sku", "fen", "gar",
              "lo", "ni", "ta", "rek", "ul", "bro", "kai", "sel", "vo")
#: Endings of English occupation and place nouns.
_ROLE_ENDINGS = ("ist", "er", "or", "ian", "ant", "ent", "eer", "ier", "man", "smith", "wright",
                 "ographer", "ologist", "ician", "keeper", "monger", "herd")
_PLACE_ENDINGS = ("ia", "ville", "ton", " city", " falls", "land", "stan", "burg", "shire",
                  "opolis", "ford", "field", "port", "wood", "dale", "mouth", "haven", "")


def made_up_name(kind: str, rng: random.Random, plural: bool = False) -> str:
    """A word that names no role or place in any data ("vexmorologist", "daxtrilville",
    "quenlovo"): two or three syllables of :data:`_SYLLABLES`, half the time with an ending
    typical of ``kind`` (``role`` or ``place``), so that the extractor learns the context of a
    name, not only its ending. A role's name is plural when ``plural``. :func:`is_made_up`
    recognises every such name."""
    stem = "".join(rng.choice(_SYLLABLES) for _ in range(rng.choice((2, 2, 3))))
    endings = _PLACE_ENDINGS if kind == "place" else _ROLE_ENDINGS
    name = stem + (rng.choice(endings) if rng.random() < 0.5 else "")
    return name + "s" if plural and kind != "place" else name


_MADE_UP = re.compile("(?:%s){2,3}(?:%s)?s?" % (
    "|".join(_SYLLABLES),
    "|".join(re.escape(e) for e in sorted({*_ROLE_ENDINGS, *_PLACE_ENDINGS} - {""}, key=len,
                                           reverse=True))))


def is_made_up(name: str) -> bool:
    """True when ``name`` (any case) is one :func:`made_up_name` can make."""
    return _MADE_UP.fullmatch(name.lower()) is not None


def _forms(alias: str) -> str:
    return alias.replace("[", "").replace("]", "").replace("(", "").replace(")", "")


def _fill(template: str, pick) -> str:
    """Fill each slot; a slot followed by "s" (``{role2}s``) takes a plural name, annotated
    whole so that the entity ends on a token boundary. "a"/"an" before a name agree with it."""
    text = _SLOT.sub(lambda mt: pick(mt.group(1), bool(mt.group(2))), template)
    return _ARTICLE.sub(lambda mt: _article(mt.group(1), mt.group(2)) + " [" + mt.group(2), text)


_ARTICLE = re.compile(r"\b([Aa]n?) \[(\w)")


def _article(written: str, letter: str) -> str:
    word = "an" if letter.lower() in "aeiou" else "a"
    return word.capitalize() if written[0].isupper() else word


def _vary(name: str, rng: random.Random) -> str:
    """A name as users type it: as written or lower case, sometimes capitalised or in capitals,
    now and then with one typo (a letter dropped or two swapped) in a word of 5+ letters."""
    roll = rng.random()
    if roll < 0.08:
        words = name.lower().split()
        long = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
        if long:
            i = rng.choice(long)
            w = words[i]
            j = rng.randrange(1, len(w) - 2)
            words[i] = w[:j] + w[j + 1:] if rng.random() < 0.5 else w[:j] + w[j + 1] + w[j] + w[j + 2:]
        return " ".join(words)
    if roll < 0.18:
        return name.title()
    if roll < 0.2:
        return name.upper()
    return name if roll < 0.6 else name.lower()


def read_templates(folder: Path = TEMPLATES) -> List[dict]:
    """The template files of ``folder``: ``[{"templates": {intent: [template, ...]},
    "article_share": 0..1, "per_template": n}, ...]`` in file-name order."""
    files = []
    for path in sorted(Path(folder).glob("*.yml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        files.append({"templates": raw.get("templates") or {},
                      "article_share": float(raw.get("article_share", 0.0)),
                      "per_template": int(raw.get("per_template", 1))})
    return files


def examples(template_files: List[dict], occupations: Dict[str, List[str]],
             articles: Dict[str, List[str]], places: Dict[str, List[str]], usps: List[str],
             generic: List[str], avoid: frozenset = frozenset(),
             skills: Sequence[str] = (), industries: Sequence[str] = ()) -> Dict[str, List[str]]:
    """``{intent: [annotated example, ...]}``: each template of each file filled
    ``per_template`` times (once when it has no slot); an example whose :func:`plain` form is
    in ``avoid`` (held-out messages) is filled again (up to 20 tries, then left out).

    ``{role}``/``{roles}``/``{role2}`` take a role alias (singular, plural, any): an article
    role's with the file's ``article_share`` probability, else an occupation's; ``{place}`` an
    area alias or a postal abbreviation, ``{generic}`` a word several roles' names end with
    ("nurse"), ``{skill}``/``{skill2}`` a skill or tool name or alias of ``skills`` (a made-up
    word now and then, :data:`MADE_UP_SHARE`), ``{industry}`` a word of ``industries``
    (not annotated: the action matches industry names itself)."""
    rng = random.Random(SEED)
    skill_pool = sorted(set(skills))
    areas = sorted(places)
    share = 0.0

    picked: List[str] = []  # roles already in the example being filled

    def role_text(plural: bool) -> str:
        if rng.random() < MADE_UP_SHARE["role"]:
            return f"[{made_up_name('role', rng, plural)}](role)"
        pool = articles if articles and rng.random() < share else occupations
        role = rng.choice([r for r in sorted(pool) if r not in picked])
        picked.append(role)
        # people type short names, not "Installation, Maintenance, and Repair Workers, All Other"
        aliases = [a for a in pool[role] if "," not in a] or pool[role]
        ending = [a for a in aliases if a.lower().endswith("s") == plural] or aliases
        return f"[{_vary(_forms(rng.choice(ending)), rng)}](role)"

    def pick(kind: str, plural: bool = False) -> str:
        if kind in ("role", "role2"):
            return role_text(plural)
        if kind == "roles":
            return role_text(True)
        if kind == "industry":
            return rng.choice(sorted(industries)) if industries else "healthcare"
        if kind in ("skill", "skill2"):
            if not skill_pool or rng.random() < MADE_UP_SHARE["skill"]:
                return f"[{made_up_name('skill', rng)}](skill)"
            name = rng.choice([n for n in skill_pool if n not in picked] or skill_pool)
            picked.append(name)
            return f"[{_vary(name, rng)}](skill)"
        if kind == "generic":
            return f"[{rng.choice(generic)}{'s' if plural else ''}](role)"
        if rng.random() < MADE_UP_SHARE["place"]:
            name = made_up_name("place", rng)  # no typo: it must stay recognisable
            return f"[{name.title() if rng.random() < 0.3 else name}](location)"
        if rng.random() < 0.15:
            return f"[{rng.choice(usps)}](location)"
        alias = rng.choice(places[rng.choice(areas)])
        return f"[{_forms(alias) if rng.random() < 0.5 else _forms(alias).lower()}](location)"

    result: Dict[str, List[str]] = {}
    for spec in template_files:
        share = spec["article_share"]
        for intent, lines in spec["templates"].items():
            seen = result.setdefault(intent, [])
            for template in lines:
                count = spec["per_template"] if _SLOT.search(template) else 1
                for _ in range(count):
                    for _ in range(20):
                        picked.clear()
                        text = _fill(template, pick)
                        if plain(text) not in avoid:
                            break
                    else:
                        continue
                    if text not in seen:
                        seen.append(text)
    return result


def generate(
    engine: Engine,
    groups: Dict[str, Dict[str, List[str]]],
    out: Path = OUTPUT,
    templates_path: Path = TEMPLATES,
) -> Dict[str, int]:
    """Write the generated NLU file from the database; returns counts. Writes an empty but valid
    file when the database holds no official data. ``groups`` are the word groups of
    ``data/topics.yml`` besides topics (``{"pay_view": {"entry": [words...]}}``): their words get
    synonyms to their keys."""
    templates = read_templates(templates_path)
    with Session(engine, future=True) as session:
        occupations = occupation_names(session)
        articles = occupation_names(session, m.KIND_ARTICLE)
        places, usps, _ = place_names(session)
        generic = generic_words(session)
        skills = [n for name, aliases in skill_index(session).names().items() for n in (name, *aliases)]
        industries = industry_words(session)
    lines = ["# GENERATED by `python -m nlu_build.build` from the role database (make db).",
             'version: "3.1"', "nlu:"]
    if occupations and places:
        lines += ["- lookup: role", "  examples: |"]
        lines += [f"    - {_forms(a)}" for r in sorted(occupations) for a in occupations[r]]
        lines += ["- lookup: location", "  examples: |"]
        lines += [f"    - {_forms(a)}" for p in sorted(places) for a in places[p]]
        for canonical, aliases in sorted({**occupations, **places}.items()):
            others = sorted({_forms(a) for a in aliases if a.lower() != canonical.lower()})
            if others:
                lines += [f"- synonym: {_forms(canonical)}", "  examples: |"]
                lines += [f"    - {a}" for a in others]
        for keyed in groups.values():
            for key, words in sorted(keyed.items()):
                lines += [f"- synonym: {key}", "  examples: |"]
                lines += [f"    - {w}" for w in words if w != key]
        avoid = frozenset(heldout_messages())
        filled = examples(templates, occupations, articles, places, usps, generic, avoid,
                          skills, industries)
        typed = noise.variants(filled, noise.TRAINING_SHARE, SEED, avoid, plain)
        for intent, texts in filled.items():
            texts = texts + typed.get(intent, [])
            lines += [f"- intent: {intent}", "  examples: |"] + [f"    - {t}" for t in texts]
    out.parent.mkdir(parents=True, exist_ok=True)
    text = "\n".join(lines) + "\n"
    if not out.is_file() or out.read_text(encoding="utf-8") != text:
        out.write_text(text, encoding="utf-8")
    return {"occupations": len(occupations), "places": len(places)}


def industry_words(session: Session) -> List[str]:
    """How people name the article roles' industries: each industry name's part before "and"
    or a parenthesis, lower case ("healthcare" of "Healthcare and life sciences")."""
    names = session.scalars(select(m.Fact.name).where(m.Fact.topic == m.TOPIC_INDUSTRIES))
    return sorted({re.split(r" and |\(", name.lower())[0].strip() for name in names if name})


def generic_words(session: Session, minimum: int = 3) -> List[str]:
    """Words that end the names of at least ``minimum`` occupations ("nurse", "engineer"), but
    words that only qualify an O*NET title after a comma ("general" of "Maintenance and Repair
    Workers, General", "school" of "Teachers, Middle School")."""
    ends: Dict[str, set] = {}
    for role, alias in session.execute(select(m.Role.name, m.Alias.normalized).join(m.Alias)):
        words = alias.split()
        if len(words) > 1 and not words[-1].endswith("s"):
            ends.setdefault(words[-1], set()).add(role)
    titles = [name.lower() for name in session.scalars(select(m.Role.name)) if name]
    heads = {title.split(",")[0].split()[-1] for title in titles if title.split(",")[0].split()}
    qualifiers = {part.split()[-1] for title in titles for part in title.split(",")[1:]
                  if part.split()}

    def forms(word: str) -> set:
        return {word, word + "s", word + "es", word[:-1] + "ies"}

    skip = {"other", "all", "worker", "occupation", "and"}
    return sorted(w for w, roles in ends.items() if len(roles) >= minimum and w not in skip
                  and not (forms(w) & qualifiers and not forms(w) & heads))


def ruler_patterns(engine: Engine, groups: Dict[str, Dict[str, List[str]]]) -> List[dict]:
    """Entity-ruler patterns for occupations (``role``), places (``location``; postal
    abbreviations only in capitals), the words several occupations' names end with
    (``career_word``: :func:`generic_words`) and the word groups of ``data/topics.yml`` other than
    topics (``pay_view``, ``place_kind``, ``career_word``)."""
    with Session(engine, future=True) as session:
        occupations = occupation_names(session)
        places, usps, _ = place_names(session)
        generic = generic_words(session)
    patterns: List[dict] = []
    names = {a.lower() for aliases in occupations.values() for a in aliases}
    # Words that end several occupations' names ("nurse", "architects") are career words for the
    # domain gate (config.yml, DomainGate), unless they name a role themselves.
    patterns += [{"label": GENERIC_LABEL, "pattern": w, "id": "career"}
                 for g in generic for w in (g, g + "s") if w not in names]
    for canonical, aliases in occupations.items():
        patterns += [{"label": "role", "pattern": a.lower(), "id": canonical} for a in aliases]
        # the plural of a short form the data gives in the singular only: "RNs", "HVAC techs"
        patterns += [{"label": "role", "pattern": a.lower() + "s", "id": canonical}
                     for a in aliases if len(a.split()[-1]) <= 4 and not a.lower().endswith("s")
                     and a.lower() + "s" not in names]
    for canonical, aliases in places.items():
        patterns += [{"label": "location", "pattern": a.lower(), "id": canonical} for a in aliases]
    patterns += [{"label": "location", "pattern": [{"ORTH": code}], "id": code} for code in usps]
    for label, keyed in groups.items():
        for key, words in keyed.items():
            patterns += [{"label": label, "pattern": w, "id": key} for w in words]
    return patterns
