"""Places of the labelled cross-checking generator, and how sources write them.

Spellings come from the gazetteer (English name, Arabic name, alternate names) with the
variation real sources add: Arabic orthography (hamza, taa marbuta, alef maqsura, the article),
Latin transliteration habits, a district or governorate hint, only the sub-district or district,
a neighbouring village, or a GPS point.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping

from marsad.engines.gazetteer import Gazetteer, Place

__all__ = ["PlacePool", "place_text"]

# Governorates of the centre's case studies see more incidents (Daraa, Rural Damascus,
# Deir ez-Zor, Raqqa, Aleppo, Idlib, Al-Hasakah).
_HOT = {"SY12": 2.0, "SY03": 1.5, "SY09": 2.0, "SY11": 2.0, "SY02": 1.5, "SY07": 2.0, "SY08": 1.5}
_CAPITAL_WEIGHT = {0: 12.0, 1: 8.0, 2: 4.0, 3: 2.0}
_AR_VARIANTS = (("ة", "ه"), ("أ", "ا"), ("إ", "ا"), ("ى", "ي"), ("آ", "ا"))
_LATIN_VARIANTS = (("eh", "a"), ("ou", "u"), ("ei", "ay"), ("q", "k"), ("aa", "a"), ("ee", "i"))


class PlacePool:
    """Communities with weights, their parents, and neighbours within a few kilometres."""

    def __init__(self, gz: Gazetteer) -> None:
        self.places: list[Place] = []
        self.parents: list[tuple[Place, ...]] = []
        weights: list[float] = []
        for place in gz.places_at("community"):
            chain = tuple(gz.parents(place.pcode))
            if len(chain) < 3:
                continue
            self.places.append(place)
            self.parents.append(chain)
            level = place.capital_level
            weight = 1.0 if level is None else _CAPITAL_WEIGHT.get(level, 1.0)
            weights.append(weight * _HOT.get(chain[-1].pcode, 1.0))
        self.cum: list[float] = []
        total = 0.0
        for w in weights:
            total += w
            self.cum.append(total)
        self.governorates = sorted({chain[-1].pcode for chain in self.parents})
        self._grid: dict[tuple[int, int], list[int]] = {}
        for i, p in enumerate(self.places):
            self._grid.setdefault(_cell(p.latitude, p.longitude), []).append(i)
        self._near: dict[int, list[int]] = {}

    def pick(self, rng: random.Random) -> int:
        return rng.choices(range(len(self.places)), cum_weights=self.cum)[0]

    def gov(self, i: int) -> str:
        return self.parents[i][-1].pcode

    def neighbours(self, i: int, km: float = 8.0) -> list[int]:
        found = self._near.get(i)
        if found is None:
            p = self.places[i]
            cy, cx = _cell(p.latitude, p.longitude)
            found = []
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    for j in self._grid.get((cy + dy, cx + dx), []):
                        q = self.places[j]
                        if j != i and _km(p.latitude, p.longitude, q.latitude, q.longitude) <= km:
                            found.append(j)
            self._near[i] = found
        return found


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return int(math.floor(lat / 0.1)), int(math.floor(lon / 0.1))


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    dy = (lat2 - lat1) * 111.2
    dx = (lon2 - lon1) * 111.2 * math.cos(math.radians((lat1 + lat2) / 2))
    return math.hypot(dx, dy)


def _is_arabic(text: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" for c in text)


def _spell_ar(name: str, rng: random.Random) -> str:
    if rng.random() < 0.35:
        src, dst = rng.choice(_AR_VARIANTS)
        name = name.replace(src, dst)
    if rng.random() < 0.1:
        name = name[2:] if name.startswith("ال") else "ال" + name
    return name


def _spell_en(name: str, rng: random.Random) -> str:
    if rng.random() < 0.3:
        src, dst = rng.choice(_LATIN_VARIANTS)
        name = name.replace(src, dst)
    if rng.random() < 0.1:
        name = name[3:] if name.lower().startswith("al-") else "Al-" + name
    return name


def _name(place: Place, lang: str, rng: random.Random) -> str:
    aliases = [a for a in place.aliases if _is_arabic(a) == (lang == "ar")]
    if aliases and rng.random() < 0.3:
        return rng.choice(aliases)
    if lang == "ar":
        return _spell_ar(place.name_ar or place.name_en, rng)
    return _spell_en(place.name_en or place.name_ar, rng)


def place_text(
    pool: PlacePool, i: int, lang: str, rng: random.Random, share: Mapping[str, float]
) -> tuple[str, float | None, float | None]:
    """The place as one source writes it, and a GPS point when the source gives one."""
    place = pool.places[i]
    sub, district, gov = pool.parents[i][0], pool.parents[i][1], pool.parents[i][2]
    roll = rng.random()
    if roll < share["coarse"]:
        area = sub if rng.random() < 0.5 else district
        if lang == "ar":
            return rng.choice((f"ريف {area.name_ar}", f"ناحية {area.name_ar}")), None, None
        return rng.choice((f"{area.name_en} countryside", f"{area.name_en} area")), None, None
    if roll < share["coarse"] + share["neighbour"]:
        near = pool.neighbours(i)
        if near:
            i = rng.choice(near)
            place = pool.places[i]
            sub, district, gov = pool.parents[i][0], pool.parents[i][1], pool.parents[i][2]
    name = _name(place, lang, rng)
    if rng.random() < share["hint"]:
        if lang == "ar":
            name = rng.choice((f"{name} بريف {gov.name_ar}", f"{name}، {district.name_ar}",
                               f"{name} - {gov.name_ar}"))  # fmt: skip
        else:
            name = rng.choice((f"{name}, {district.name_en}", f"{name} ({gov.name_en})",
                               f"{name}, {gov.name_en} countryside"))  # fmt: skip
    if rng.random() < share["point"]:
        lat = place.latitude + rng.uniform(-0.006, 0.006)
        lon = place.longitude + rng.uniform(-0.006, 0.006)
        return name, round(lat, 5), round(lon, 5)
    return name, None, None
