"""Place suggestions for the entry form: what a monitor types, in either script, to gazetteer
places with their parent chain ("جاسم — ازرع، درعا").

Two searches are merged: the gazetteer's own matcher (whole names, spelling variants, sound
keys: "al-Bukamal" finds Abu Kamal) and a prefix search over every name and alias, so that the
list starts filling after two letters ("جا" already offers جاسم).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from marsad.engines.gazetteer import LEVELS, Place, default_gazetteer
from marsad.engines.gazetteer_text import clean_tokens, tokens

MIN_QUERY = 2
LIMIT = 10
GOOD_MATCH = 0.8  # gazetteer scores below this are noise for a suggestion list
_CENTRE_WORDS = ("مركز", "center", "centre", "markaz")
# Admin units have no population: rank them as if they were towns of this size.
_LEVEL_WEIGHT = {"governorate": 10_000_000, "district": 20_000, "subdistrict": 10_000}


def level_labels(codebook, lang: str) -> dict[str, str]:
    """Gazetteer levels named as the codebook's place-precision list names them."""
    names = codebook.choice_lists.get("place_precision")
    return {item.code: item.label[lang] for item in names} if names else {}


def _keys(name: str) -> tuple[str, ...]:
    """Comparison keys of a name: its words, and its words without articles/descriptors."""
    words = " ".join(tokens(name))
    bare = " ".join(clean_tokens(name)[0])
    return tuple(dict.fromkeys(k for k in (words, bare) if k))


@dataclass(frozen=True)
class _Indexed:
    place: Place
    names: tuple[str, ...]  # keys of the primary names (English and Arabic)
    aliases: tuple[str, ...]
    weight: float  # larger first among equally good prefix hits


@functools.cache
def _index() -> tuple[_Indexed, ...]:
    gazetteer = default_gazetteer()
    rows = []
    for level in LEVELS:
        for place in gazetteer.places_at(level):
            names = tuple(k for n in (place.name_en, place.name_ar) if n for k in _keys(n))
            aliases = tuple(k for a in place.aliases for k in _keys(a))
            weight = place.population or _LEVEL_WEIGHT.get(place.level, 0)
            if level == "community":
                weight *= 3  # a town is meant more often than the unit named after it
            rows.append(_Indexed(place, names, aliases, weight))
    return tuple(rows)


def _prefix_rank(row: _Indexed, queries: tuple[str, ...]) -> int | None:
    """0: a name starts with the query; 1: a word of a name does; 2: an alias does."""
    for rank, keys in ((0, row.names), (2, row.aliases)):
        for key in keys:
            for query in queries:
                if key.startswith(query):
                    return rank
                if rank == 0 and f" {query}" in key:
                    return 1
    return None


def _name_key(name: str) -> str:
    words = [w for w in tokens(name) if w not in _CENTRE_WORDS]
    return " ".join(clean_tokens(" ".join(words))[0]) if words else ""


def _chain(place: Place, lang: str, levels: dict[str, str]) -> list[str]:
    """Parent names worth showing: a sub-district named like its town or district is skipped."""
    own = {_name_key(place.name_en), _name_key(place.name_ar)}
    seen = set(own)
    shown: list[str] = []
    parents = default_gazetteer().parents(place.pcode)
    for index, parent in enumerate(parents):
        keys = {_name_key(parent.name_en), _name_key(parent.name_ar)}
        above = {_name_key(p.name_en) for p in parents[index + 1 :]}
        above |= {_name_key(p.name_ar) for p in parents[index + 1 :]}
        if parent.level == "governorate":
            # Always say which governorate, naming it so when it is named like the town.
            name, label = _name(parent, lang), levels.get("governorate", "")
            if keys & own and label:
                name = f"{label} {name}" if lang == "ar" else f"{name} {label.lower()}"
            shown.append(name)
            continue
        if keys & seen or (parent.level == "subdistrict" and keys & above):
            continue
        seen |= keys
        shown.append(_name(parent, lang))
    return shown


def _name(place: Place, lang: str) -> str:
    primary, other = (
        (place.name_ar, place.name_en) if lang == "ar" else (place.name_en, place.name_ar)
    )
    return primary or other


def describe(place: Place, lang: str, levels: dict[str, str]) -> dict:
    """A place as the form shows and stores it."""
    chain = _chain(place, lang, levels)
    comma = "، " if lang == "ar" else ", "
    name = _name(place, lang)
    if place.level != "community" and place.level in levels:
        name = f"{name} ({levels[place.level]})"
    return {
        "pcode": place.pcode,
        "name": name,
        "name_en": place.name_en,
        "name_ar": place.name_ar,
        "level": place.level,
        "level_label": levels.get(place.level, place.level),
        "parents": [
            {"pcode": p.pcode, "level": p.level, "name_en": p.name_en, "name_ar": p.name_ar}
            for p in default_gazetteer().parents(place.pcode)
        ],
        "label": f"{name} — {comma.join(chain)}" if chain else name,
        "latitude": place.latitude,
        "longitude": place.longitude,
    }


def suggest(query: str, lang: str, levels: dict[str, str], limit: int = LIMIT) -> list:
    """Places for what has been typed so far, best first."""
    query = (query or "").strip()
    if len(query) < MIN_QUERY:
        return []
    gazetteer = default_gazetteer()
    found: dict[str, tuple[tuple, Place]] = {}
    for candidate in gazetteer.match(query, limit=limit):
        place = gazetteer.get(candidate.pcode)
        if place is not None and candidate.score >= GOOD_MATCH:
            # An almost exact match outranks prefix hits; a fuzzy one comes after them.
            tier = 0 if candidate.score >= 0.9 else 3
            found[place.pcode] = ((tier, -candidate.score), place)
    queries = tuple(dict.fromkeys(k for k in _keys(query)))
    hits = []
    for row in _index():
        rank = _prefix_rank(row, queries)
        if rank is not None:
            hits.append(((rank + 1, -row.weight), row.place))
    hits.sort(key=lambda hit: hit[0])
    for key, place in hits[: limit * 2]:
        if place.pcode not in found or found[place.pcode][0] > key:
            found[place.pcode] = (key, place)
    ranked = sorted(found.values(), key=lambda item: item[0])[:limit]
    return [describe(place, lang, levels) for _, place in ranked]


def at_point(latitude: float, longitude: float, lang: str, levels: dict[str, str]):
    """The community nearest a point picked on the map (within 5 km), else its sub-district."""
    match = default_gazetteer().resolve_point(latitude, longitude)
    place = match.community or match.subdistrict
    if place is None:
        return None
    described = describe(place, lang, levels)
    described["distance_km"] = match.distance_km if match.community else None
    return described


def get(pcode: str, lang: str, levels: dict[str, str]) -> dict | None:
    place = default_gazetteer().get(pcode) if pcode else None
    return describe(place, lang, levels) if place else None
