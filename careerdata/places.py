"""Names users type for OEWS areas: pure functions that turn area names into ``AreaAlias`` rows.

Nothing here touches a database; :mod:`careerdata.load_oews` calls :func:`area_aliases` with the
areas it loads. Every alias is normalised with :func:`careerdata.text.normalize`, and one area
never gets the same normalised alias twice. Different areas may share one (``Portland`` is a
principal city of ``Portland-South Portland, ME`` and of ``Portland-Vancouver-Hillsboro, OR-WA``;
``DC`` is the District's postal code and a short name of the Washington metro area), so whoever
resolves a place must be ready for several candidates (``Area.employment`` ranks them).

Kinds (``AreaAlias.kind``):

* ``name`` - the area's name as BLS writes it (``Texas``, ``Seattle-Tacoma-Bellevue, WA``) and,
  for metro areas, the name without its state part (``Seattle-Tacoma-Bellevue``);
* ``usps`` - a state's postal abbreviation (``TX``), from :data:`FIPS_TO_USPS`;
* ``city`` - a principal city of a metro area (``Seattle``, ``Tacoma``, ``Bellevue``), alone and
  with each state of the area (``Seattle, WA``); see :func:`principal_cities`;
* ``short`` - a common short name from ``data/places.yml`` (``NYC``, ``Bay Area``, ``USA``).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

import yaml

from careerdata.text import normalize

#: ``data/places.yml``: common short names of areas (see the file's header).
DEFAULT_PLACES_FILE = Path(__file__).resolve().parent.parent / "data" / "places.yml"

KIND_NAME = "name"
KIND_USPS = "usps"
KIND_CITY = "city"
KIND_SHORT = "short"

#: State FIPS code (OEWS ``state_code``) -> USPS abbreviation, for the 50 states, the District
#: of Columbia and the territories OEWS publishes (Guam, Puerto Rico, U.S. Virgin Islands).
FIPS_TO_USPS: Dict[str, str] = {
    "01": "AL", "02": "AK", "04": "AZ", "05": "AR", "06": "CA", "08": "CO", "09": "CT",
    "10": "DE", "11": "DC", "12": "FL", "13": "GA", "15": "HI", "16": "ID", "17": "IL",
    "18": "IN", "19": "IA", "20": "KS", "21": "KY", "22": "LA", "23": "ME", "24": "MD",
    "25": "MA", "26": "MI", "27": "MN", "28": "MS", "29": "MO", "30": "MT", "31": "NE",
    "32": "NV", "33": "NH", "34": "NJ", "35": "NM", "36": "NY", "37": "NC", "38": "ND",
    "39": "OH", "40": "OK", "41": "OR", "42": "PA", "44": "RI", "45": "SC", "46": "SD",
    "47": "TN", "48": "TX", "49": "UT", "50": "VT", "51": "VA", "53": "WA", "54": "WV",
    "55": "WI", "56": "WY", "60": "AS", "66": "GU", "69": "MP", "72": "PR", "78": "VI",
}  # fmt: skip

#: Single cities whose own name has a hyphen. BLS separates the principal cities of a metro
#: area with ``-``, and with ``--`` when one of them is hyphenated
#: ("Scranton--Wilkes-Barre, PA"); a metro area named after one hyphenated city alone has no
#: ``--`` ("Winston-Salem, NC"), so those names must be known to keep them whole.
HYPHENATED_CITIES = frozenset({"Winston-Salem", "Wilkes-Barre"})

#: Consolidated city-county governments, as OEWS writes them, and the city name users type.
#: The whole name is kept as well.
CONSOLIDATED_CITIES: Dict[str, str] = {
    "Athens-Clarke County": "Athens",
    "Augusta-Richmond County": "Augusta",
    "Lexington-Fayette": "Lexington",
    "Macon-Bibb County": "Macon",
    "Nashville-Davidson": "Nashville",
}


class PlacesError(ValueError):
    """``data/places.yml`` is malformed; ``path``, ``field`` and ``reason`` say where and why."""

    def __init__(self, path: str, field: str, reason: str) -> None:
        self.path, self.field, self.reason = path, field, reason
        super().__init__(f"{path}: {field}: {reason}")


@dataclass(frozen=True)
class AreaName:
    """What alias generation needs of an area: OEWS ``code``, ``type`` (``N``/``S``/``M``),
    ``name`` and, for states, the ``usps`` abbreviation."""

    code: str
    type: str
    name: str
    usps: Optional[str] = None


def split_area_name(name: str) -> Tuple[str, List[str]]:
    """Split a metro area name into its city part and its state abbreviations.

    ``"Portland-Vancouver-Hillsboro, OR-WA"`` -> ``("Portland-Vancouver-Hillsboro", ["OR",
    "WA"])``. Names without a ``", XX[-YY...]"`` suffix (nonmetropolitan areas such as
    ``"Capital/Northern New York nonmetropolitan area"``) return ``(name, [])``.
    """
    head, sep, tail = name.rpartition(", ")
    states = tail.split("-") if sep else []
    valid = all(len(s) == 2 and s.isalpha() and s.isupper() for s in states)
    if not head or not states or not valid:
        return name, []
    return head, states


def principal_cities(city_part: str) -> List[str]:
    """Return the principal cities named in a metro area's city part, in order.

    Cities are separated by ``--`` when the part contains it, else by ``-`` except inside the
    names of :data:`HYPHENATED_CITIES`. A consolidated city-county name also yields its city
    (``"Nashville-Davidson"`` -> ``"Nashville-Davidson"``, ``"Nashville"``) and a name with a
    slash its first part (``"Louisville/Jefferson County"`` -> also ``"Louisville"``).

    >>> principal_cities("Nashville-Davidson--Murfreesboro--Franklin")
    ['Nashville-Davidson', 'Nashville', 'Murfreesboro', 'Franklin']
    >>> principal_cities("Winston-Salem")
    ['Winston-Salem']
    """
    if "--" in city_part:
        pieces = [p.strip() for p in city_part.split("--")]
    else:
        pieces = []
        words = [p.strip() for p in city_part.split("-")]
        i = 0
        while i < len(words):
            # Longest known hyphenated name starting here, else the single piece.
            for j in range(len(words), i + 1, -1):
                joined = "-".join(words[i:j])
                if joined in HYPHENATED_CITIES or joined in CONSOLIDATED_CITIES:
                    pieces.append(joined)
                    i = j
                    break
            else:
                pieces.append(words[i])
                i += 1
    cities: List[str] = []
    for piece in pieces:
        if not piece:
            continue
        found = [piece]
        if piece in CONSOLIDATED_CITIES:
            found.append(CONSOLIDATED_CITIES[piece])
        if "/" in piece:
            found.append(piece.split("/")[0].strip())
        for city in found:
            if city and city not in cities:
                cities.append(city)
    return cities


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def aliases_for_area(area: AreaName, short: Sequence[str] = ()) -> List[Tuple[str, str, str]]:
    """Return ``[(alias, normalized, kind), ...]`` for one area, without duplicate
    ``normalized`` values (the first kind wins, in the order name, usps, short, city).

    ``short`` holds the area's short names from ``data/places.yml``. An alias with accents also
    gets its accent-free form (``Bayamón`` -> ``bayamon``). A metro area's name does not say
    which of its states each principal city is in, so each city is paired with every state of
    the name (``Vancouver, WA`` and ``Vancouver, OR`` for Portland-Vancouver-Hillsboro, OR-WA):
    the right pair is always there, the others are names nobody types.
    """
    candidates: List[Tuple[str, str]] = [(area.name, KIND_NAME)]
    cities: List[str] = []
    states: List[str] = []
    if area.type == "M":
        city_part, states = split_area_name(area.name)
        if states:
            candidates.append((city_part, KIND_NAME))
            cities = principal_cities(city_part)
    if area.usps:
        candidates.append((area.usps, KIND_USPS))
    candidates.extend((name, KIND_SHORT) for name in short)
    for city in cities:
        candidates.append((city, KIND_CITY))
        candidates.extend((f"{city}, {state}", KIND_CITY) for state in states)

    rows: List[Tuple[str, str, str]] = []
    seen = set()
    for alias, kind in candidates:
        key = normalize(alias)
        for form in dict.fromkeys((key, _ascii(key))):
            if form and form not in seen:
                seen.add(form)
                rows.append((alias, form, kind))
    return rows


def area_aliases(
    areas: Iterable[AreaName], short_names: Optional[Mapping[str, Sequence[str]]] = None
) -> List[Dict[str, str]]:
    """Return ``AreaAlias`` rows (dicts with ``area_code``, ``alias``, ``normalized``, ``kind``)
    for ``areas``. ``short_names`` maps exact area names to their short names (as read by
    :func:`read_short_names`); entries naming no area of ``areas`` are ignored here and listed by
    :func:`unresolved_short_names`."""
    short_names = short_names or {}
    rows: List[Dict[str, str]] = []
    for area in areas:
        for alias, normalized, kind in aliases_for_area(area, short_names.get(area.name, ())):
            rows.append(
                {"area_code": area.code, "alias": alias, "normalized": normalized, "kind": kind}
            )
    return rows


def unresolved_short_names(
    areas: Iterable[AreaName], short_names: Mapping[str, Sequence[str]]
) -> List[str]:
    """Area names of ``short_names`` that no area of ``areas`` has (sorted)."""
    names = {area.name for area in areas}
    return sorted(name for name in short_names if name not in names)


def read_short_names(path: Path = DEFAULT_PLACES_FILE) -> Dict[str, List[str]]:
    """Read ``data/places.yml``: ``{exact OEWS area name: [short name, ...]}``.

    Raises :class:`PlacesError` naming the file, the entry and the reason when the file is not
    YAML, is not a mapping of names to non-empty lists of strings, or has an empty name.
    """
    path = Path(path)
    rel = path.name
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise PlacesError(rel, "(file)", f"missing at {path}") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "(file)"
        raise PlacesError(rel, where, f"not valid YAML: {getattr(exc, 'problem', exc)}") from exc
    if not isinstance(raw, dict):
        raise PlacesError(rel, "(file)", "expected a mapping of area names to lists of names")
    result: Dict[str, List[str]] = {}
    for area, names in raw.items():
        if not isinstance(area, str) or not area.strip():
            raise PlacesError(rel, repr(area), "an area name must be a non-empty string")
        if not isinstance(names, list) or not names:
            raise PlacesError(rel, area, "expected a non-empty list of short names")
        clean = []
        for i, name in enumerate(names):
            if not isinstance(name, str) or not normalize(name):
                raise PlacesError(rel, f"{area}[{i}]", "a short name must be a non-empty string")
            clean.append(name.strip())
        result[area.strip()] = clean
    return result
