"""Names users type for an official occupation, derived from its O*NET / OEWS title.

:func:`title_aliases` returns the title itself, its singular and the separate occupations the
title names, each in singular and plural form (plurals are the title's own words, so
"Waitresses" and "Secretaries" are right). Rules, in order:

* Titles naming no one in particular keep only the title and its singular: any title with
  "All Other" ("Computer Occupations, All Other") or starting "Miscellaneous".
* ", Except ..." clauses are dropped; ", Including X, Y, and Z" adds the occupations X, Y, Z
  ("Fine Artists, Including Painters, Sculptors, and Illustrators" -> sculptor, illustrator, ...).
* A title is a list of conjuncts split at commas, "and" and "or", followed by inverted
  qualifiers. The list ends at the last segment after a comma that holds "and"/"or" and ends in
  a person noun; later segments are qualifiers ("Farmworkers and Laborers, Crop, Nursery, and
  Greenhouse" -> farmworker, laborer). A conjunct is *complete* when its last word is a plural
  person noun (not "Products", "Services", "Animals", ...; "Police" only after another word).
* A partial conjunct (a modifier) takes the head noun of the next complete one ("Licensed
  Practical and Licensed Vocational Nurses" -> licensed practical nurse, licensed vocational
  nurse), with the word before it when that word makes a compound head ("Computer and Information
  Systems Managers" -> computer systems manager; but "Police and Sheriff's Patrol Officers" ->
  police officer, sheriff's patrol officer).
* A one-word complete conjunct after a longer one shares its modifiers ("Private Detectives and
  Investigators" -> private investigator; "Elevator and Escalator Installers and Repairers" ->
  elevator/escalator installer/repairer). "Other X" and "Related X" give X only if X has two or
  more words ("Farmers, Ranchers, and Other Agricultural Managers" -> agricultural manager).
* "A/B" as the head ("Computer Systems Engineers/Architects") names two occupations.
* Inverted qualifiers: the head part stays ("Secondary School Teachers, Except ..." ->
  secondary school teacher; "Cooks, Fast Food" -> cook) and, for one qualifier of at most three
  words, the qualifier is put in front ("fast food cook", "school bus driver", "general dentist";
  one with "and" only before a single occupation: "oil and gas derrick operator").
  A single person noun as qualifier is the occupation ("Physicians, Pathologists" -> pathologist).
* "X of Y": "x of Y" for each conjunct x, "supervisor of Y" for "First-Line Supervisors of Y",
  and "Y x" when Y is one phrase: "First-Line Supervisors of Retail Sales Workers" -> retail
  sales supervisor (a final "Workers" is dropped), "Captains, Mates, and Pilots of Water
  Vessels" -> water vessel captain.
* "Helpers--X": "x helper" for each occupation x ("Helpers--Pipelayers, Plumbers, ..." ->
  plumber helper; "Helpers--Production Workers" -> production helper).

Aliases are never empty, one letter or stopwords only; no modifier stands alone. Generic words
("cook") may still come out: :mod:`careerdata.load_occupations` decides across titles.
"""

from __future__ import annotations

import re
from typing import List, Optional, Tuple

from careerdata.text import normalize

Pair = Tuple[str, str]  # (plural form, singular form)

#: Plural-looking words that do not name people (modifiers or things in titles).
_NON_PERSON = frozenset(
    "activities animals benefits biofuels claims commodities customs engines fibers gas materials"
    " news occupations operations products programs sales securities services sports surfaces"
    " tiles trades utilities vehicles vessels".split()
)
#: Collective person nouns with no -s plural; a head only after another word.
_COLLECTIVE = frozenset({"police", "clergy", "personnel", "staff", "forces"})
#: Words that, before the head noun, form a compound head shared by a partial conjunct.
_COMPOUND = frozenset(
    "engine equipment laboratory machine research sales science sciences service services social"
    " station studies system systems tool truck crew".split()
)
_INVARIANT = frozenset({"news", "sales", "gas", "customs", "series", "species", "athletics"})
_STOPWORDS = frozenset({"a", "an", "the", "of", "for", "and", "or", "in", "to", "as", "s"})
_CONJ = re.compile(r",\s+(?:and|or)\s+|,\s+|\s+(?:and|or)\s+")


def singular_noun(word: str) -> str:
    """The singular of one plural noun: "Nurses" -> "Nurse", "Secretaries" -> "Secretary",
    "Waitresses" -> "Waitress", "Coaches" -> "Coach", "Midwives" -> "Midwife"."""
    lower = word.lower()
    if lower in _COLLECTIVE or lower in _INVARIANT or not lower.endswith("s"):
        if lower.endswith("men"):
            return word[:-2] + "an"
        return word
    if lower.endswith(("ss", "us", "is")):
        return word
    if lower.endswith("wives"):
        return word[:-3] + "fe"
    if lower.endswith("ies") and len(lower) > 4:
        return word[:-3] + "y"
    if lower.endswith(("sses", "ches", "shes", "xes", "zes")):
        return word[:-2]
    return word[:-1]


def _is_person(words: List[str]) -> bool:
    """True when ``words`` end in a plural person noun (``Engineers/Architects`` too)."""
    last = words[-1].lower()
    if last in _COLLECTIVE:
        return len(words) > 1
    parts = last.split("/")
    return all(p not in _NON_PERSON and singular_noun(p) != p for p in parts)


def _is_occupation(qualifier: str) -> bool:
    """True for an inverted qualifier that is itself one occupation ("..., Pathologists")."""
    return _is_person(qualifier.split()) and not re.search(r" (and|or) ", qualifier)


def _pair(words: List[str]) -> Pair:
    return " ".join(words), " ".join(words[:-1] + [singular_noun(words[-1])])


def _split_qualifiers(text: str) -> Tuple[str, List[str]]:
    """Split ``text`` into its list of occupations and the inverted qualifiers after it."""
    segments = text.split(", ")
    end = 0
    for j in range(1, len(segments)):
        seg = segments[j]
        if re.match(r"(and|or) ", seg) or re.search(r" (and|or) ", seg):
            if _is_person(seg.split()):
                end = j
    return ", ".join(segments[: end + 1]), segments[end + 1:]


def _conjunct_aliases(text: str) -> List[Pair]:
    """The occupations named by a list such as "Heating, Air Conditioning, and Refrigeration
    Mechanics and Installers" (no qualifiers), as (plural, singular) pairs."""
    result: List[Pair] = []
    partials: List[List[str]] = []
    last_group: Optional[Tuple[List[List[str]], List[str]]] = None  # (prefixes, tail)
    first = True
    for raw in _CONJ.split(text.strip()):
        words = raw.split()
        stripped = bool(words) and words[0] in ("Other", "Related")
        words = words[1:] if stripped else words
        if not words:
            continue
        heads = words[-1].split("/") if "/" in words[-1] and _is_person(words) else [words[-1]]
        if not _is_person(words):
            partials.append(words)
            last_group = None
            continue
        if len(words) == 1 and last_group is not None and not partials and not stripped:
            prefixes, tail = last_group  # "Private Detectives and Investigators"
            for prefix in prefixes:
                result.append(_pair(prefix + tail[:-1] + words))
            continue
        size = 1  # words of the head shared with partial conjuncts: "Machine Tool Setters"
        while (
            not stripped and size + 1 < len(words) and words[-size - 1].lower() in _COMPOUND
            and (size == 1 or words[-size].lower() == "tool")
        ):
            size += 1
        own, tail = words[: len(words) - size], words[len(words) - size:]
        prefixes = partials + ([own] if own or not stripped else [])
        for head in heads:
            for prefix in prefixes:
                alias = prefix + tail[:-1] + [head]
                if len(alias) > 1 or not stripped:
                    result.append(_pair(alias))
        # only the list's first occupation lends its modifiers to the one-word ones after it
        last_group = (prefixes, tail[:-1] + [heads[-1]]) if len(words) > 1 and first else None
        partials, first = [], False
    return result


def _of_aliases(head: str, obj: str) -> List[Pair]:
    """Aliases of "X of Y" titles ("First-Line Supervisors of Retail Sales Workers")."""
    result: List[Pair] = []
    for plural_form, singular_form in _conjunct_aliases(head):
        forms = [(plural_form, singular_form)]
        if plural_form.startswith("First-Line "):
            forms.append((plural_form[11:], singular_form[11:]))
        result += [(f"{p} of {obj}", f"{s} of {obj}") for p, s in forms]
        short_p, short_s = forms[-1]
        words = obj.split()
        if "," in obj or "/" in obj:
            continue
        if words[-1] == "Workers" and len(words) > 1:
            front = " ".join(words[:-1])
        elif re.search(r" (and|or) ", obj):
            continue
        else:
            front = " ".join(words[:-1] + [singular_noun(words[-1])])
        result.append((f"{front} {short_p}", f"{front} {short_s}"))
    return result


def _body_aliases(text: str) -> List[Pair]:
    """Aliases of a title without "Except"/"Including"/"All Other" parts."""
    if text.startswith("Helpers--"):
        result = []
        for plural_form, singular_form in _conjunct_aliases(text[len("Helpers--"):]):
            words = singular_form.split()
            if words[-1] == "Worker" and len(words) > 1:
                words = words[:-1]  # "Helpers--Production Workers" -> production helper
            result.append((" ".join(words) + " Helpers", " ".join(words) + " Helper"))
        return result
    if " of " in text:
        head, _, obj = text.partition(" of ")
        return _of_aliases(head, obj)
    head, qualifiers = _split_qualifiers(text)
    result = _conjunct_aliases(head)
    if len(qualifiers) == 1:
        qualifier = qualifiers[0]
        if _is_occupation(qualifier):
            return result + _conjunct_aliases(qualifier)  # "Physicians, Pathologists"
        if len(qualifier.split()) <= 3 and (" and " not in qualifier or len(result) == 1):
            result += [(f"{qualifier} {p}", f"{qualifier} {s}") for p, s in list(result)]
    return result


def _head_region(title: str) -> str:
    """The part of ``title`` whose nouns its singular inflects."""
    text = re.split(r", (?:Except|Including|All Other)\b", title)[0]
    if text.startswith("Helpers--"):
        return "Helpers"
    if " of " in text:
        return text.partition(" of ")[0]
    head, qualifiers = _split_qualifiers(text)
    return text if len(qualifiers) == 1 and _is_occupation(qualifiers[0]) else head


def singular_title(title: str) -> str:
    """The title with each occupation noun singular: "Registered Nurses" -> "Registered Nurse",
    "Waiters and Waitresses" -> "Waiter and Waitress", "Cooks, Fast Food" -> "Cook, Fast Food"."""
    title = " ".join(title.split())
    region = _head_region(title)
    tokens = region.split(" ")
    for i, token in enumerate(tokens):
        core = token.rstrip(",")
        at_end = token != core or i == len(tokens) - 1 or tokens[i + 1] in ("and", "or")
        if at_end and _is_person(tokens[: i] + [core]):
            parts = [singular_noun(p) for p in core.split("/")]
            tokens[i] = "/".join(parts) + token[len(core):]
    return " ".join(tokens) + title[len(region):]


def title_aliases(title: str) -> List[str]:
    """Names users type for the occupation ``title``: the title, its singular, and the singular
    and plural of every occupation it names (see the module docstring). Order: title, singular,
    then the rest in title order; one entry per normalised form."""
    title = " ".join(title.split())
    pairs: List[Pair] = [(title, singular_title(title))]
    lower = title.lower()
    if "all other" not in lower and not lower.startswith("miscellaneous "):
        text, _, included = title.partition(", Including ")
        text = text.partition(", Except ")[0]
        pairs += _body_aliases(text)
        if included:
            pairs += _conjunct_aliases(included.partition(", Except ")[0])
    result: List[str] = []
    seen = set()
    for pair in pairs:
        for form in (pair[1], pair[0]) if pair[0] != title else pair:
            key = normalize(form)
            if key not in seen and len(key) > 1 and set(key.split()) - _STOPWORDS:
                seen.add(key)
                result.append(form)
    return result
