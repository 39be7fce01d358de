"""Syria gazetteer: place lookup, name matching and point resolution (pure, no Django).

>>> gz = Gazetteer.load()
>>> gz.match("نوى بريف درعا الغربي")[0].pcode
'C6124'

Data is the package file ``marsad/data/gazetteer/places.jsonl.gz`` built by
``scripts/build_gazetteer.py`` (OCHA COD-AB 2020 admin units, OCHA 2015 communities, COD admin
capitals, GeoNames; see ``ATTRIBUTION.md`` there).  Levels are ``governorate`` (adm1),
``district`` (adm2), ``subdistrict`` (adm3) and ``community``.  Communities keep their OCHA
C-code; places added by the build have codes ``XK<adm3 pcode>`` (COD admin capital missing from
the 2015 list) or ``XG<geonameid>`` (GeoNames town with population >= 5000).

Ranking rules and scores are described in ``gazetteer_index.py``.
"""

from __future__ import annotations

import functools
import gzip
import json
import math
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from marsad.engines.gazetteer_index import Entry, NameIndex, compute_prior, parse_levels
from marsad.engines.gazetteer_text import LEVELS, name_keys

__all__ = [
    "LEVELS",
    "Candidate",
    "Gazetteer",
    "PointMatch",
    "Place",
    "default_gazetteer",
    "haversine_km",
]

ParentInfo = tuple[str, str, str, str]  # (pcode, level, name_en, name_ar)


@dataclass(frozen=True, slots=True)
class Place:
    pcode: str
    level: str
    name_en: str
    name_ar: str
    parent: str | None
    latitude: float
    longitude: float
    aliases: tuple[str, ...]
    population: int | None
    source: str
    capital_level: int | None = None  # OCHA capit_lvl: 0 national … 3 sub-district centre


@dataclass(frozen=True, slots=True)
class Candidate:
    pcode: str
    level: str
    name_en: str
    name_ar: str
    score: float
    parents: tuple[ParentInfo, ...]  # nearest first

    def to_dict(self) -> dict[str, Any]:
        return {
            "pcode": self.pcode,
            "level": self.level,
            "name_en": self.name_en,
            "name_ar": self.name_ar,
            "parents": [
                {"pcode": p, "level": lv, "name_en": en, "name_ar": ar}
                for p, lv, en, ar in self.parents
            ],
            "score": self.score,
        }


@dataclass(frozen=True, slots=True)
class PointMatch:
    community: Place | None
    distance_km: float | None
    subdistrict: Place | None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, a)))


_CACHE_MAX = 200_000


class Gazetteer:
    """All places, with name matching and point lookup.  Build with :meth:`load`."""

    def __init__(self, places: Sequence[Place], boundaries_dir: Path | None = None) -> None:
        self._places = list(places)
        self._by_code = {p.pcode: i for i, p in enumerate(self._places)}
        self._children: dict[str, list[Place]] = {}
        for p in self._places:
            if p.parent is not None:
                self._children.setdefault(p.parent, []).append(p)
        entries = []
        for p in self._places:
            parent_idx = self._by_code.get(p.parent, -1) if p.parent else -1
            same_as_sub = False
            if p.level == "community" and parent_idx >= 0:
                sub = self._places[parent_idx]
                own = {name_keys(p.name_en)[1], name_keys(p.name_ar)[0]}
                same_as_sub = bool(own & {name_keys(sub.name_en)[1], name_keys(sub.name_ar)[0]})
            entries.append(
                Entry(
                    level=p.level,
                    parent=parent_idx,
                    names=tuple(n for n in (p.name_en, p.name_ar) if n),
                    aliases=p.aliases,
                    prior=compute_prior(p.level, p.capital_level, p.population, same_as_sub),
                )
            )
        self._index = NameIndex(entries)
        info = [(q.pcode, q.level, q.name_en, q.name_ar) for q in self._places]
        self._parents_info: list[tuple[ParentInfo, ...]] = [
            tuple(info[j] for j in chain) for chain in self._index.ancestors
        ]
        self._cache: dict[tuple[str, frozenset[str] | None, str | None, int], list[Candidate]] = {}
        self._boundaries_dir = boundaries_dir
        self._spatial: Any = None

    # -- loading ---------------------------------------------------------------------------

    @classmethod
    def load(cls, path: str | Path | None = None) -> Gazetteer:
        """The packaged gazetteer (cached per process), or one read from ``path``
        (a ``places.jsonl.gz`` file with a ``boundaries/`` directory beside it)."""
        if path is None:
            return default_gazetteer()
        return cls._read(Path(path))

    @classmethod
    def _read(cls, path: Path) -> Gazetteer:
        # One line at a time (no list of decoded rows); repeated strings (level, source, a
        # parent's P-code) are shared.
        shared: dict[str, str] = {}

        def one(value: str | None) -> str | None:
            return None if value is None else shared.setdefault(value, value)

        places = []
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                r = json.loads(line)
                places.append(
                    Place(
                        pcode=shared.setdefault(r["pcode"], r["pcode"]),
                        level=sys.intern(r["level"]),
                        name_en=r["name_en"],
                        name_ar=r["name_ar"],
                        parent=one(r["parent"]),
                        latitude=float(r["lat"]),
                        longitude=float(r["lon"]),
                        aliases=tuple(r["aliases"]),
                        population=r["population"],
                        source=sys.intern(r["source"]),
                        capital_level=r["capital"],
                    )
                )
        return cls(places, path.parent / "boundaries")

    # -- lookups ---------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._places)

    def get(self, pcode: str) -> Place | None:
        idx = self._by_code.get(pcode)
        return None if idx is None else self._places[idx]

    def parents(self, pcode: str) -> list[Place]:
        """Chain of parents, nearest first (empty for a governorate or unknown code)."""
        idx = self._by_code.get(pcode)
        if idx is None:
            return []
        return [self._places[j] for j in self._index.ancestors[idx]]

    def children(self, pcode: str) -> list[Place]:
        return list(self._children.get(pcode, []))

    def places_at(self, level: str) -> list[Place]:
        parse_levels(level)
        return [p for p in self._places if p.level == level]

    # -- matching --------------------------------------------------------------------------

    def match(
        self,
        text: str,
        *,
        level: str | Iterable[str] | None = None,
        within: str | None = None,
        limit: int = 5,
    ) -> list[Candidate]:
        """Ranked candidates for a place name as written in a report (best first)."""
        return self._match(text, parse_levels(level), within, limit)

    def match_many(
        self,
        texts: Iterable[str],
        *,
        level: str | Iterable[str] | None = None,
        within: str | None = None,
        limit: int = 5,
    ) -> list[list[Candidate]]:
        """``match`` for many names; repeated names are matched once."""
        levels = parse_levels(level)
        return [self._match(t, levels, within, limit) for t in texts]

    def _match(
        self, text: str, levels: frozenset[str] | None, within: str | None, limit: int
    ) -> list[Candidate]:
        if not isinstance(text, str) or limit <= 0:
            return []
        key = (text, levels, within, limit)
        cached = self._cache.get(key)
        if cached is not None:
            return list(cached)
        within_idx: int | None = None
        if within is not None:
            found = self._by_code.get(within)
            if found is None:
                return []
            within_idx = found
        result = [
            self._candidate(idx, score)
            for idx, score in self._index.search(text, levels, within_idx, limit)
        ]
        if len(self._cache) >= _CACHE_MAX:
            self._cache.clear()
        self._cache[key] = result
        return list(result)

    def _candidate(self, idx: int, score: float) -> Candidate:
        p = self._places[idx]
        return Candidate(
            pcode=p.pcode,
            level=p.level,
            name_en=p.name_en,
            name_ar=p.name_ar,
            score=round(score, 4),
            parents=self._parents_info[idx],
        )

    # -- points ----------------------------------------------------------------------------

    def resolve_point(self, lat: float, lon: float, *, tolerance_km: float = 5.0) -> PointMatch:
        """Nearest community within ``tolerance_km`` and the sub-district containing the point."""
        from marsad.engines.gazetteer_spatial import SpatialIndex

        if self._spatial is None:
            self._spatial = SpatialIndex(self._places, self._boundaries_dir)
        spatial: SpatialIndex = self._spatial
        sub_code = spatial.subdistrict_at(lat, lon)
        community: Place | None = None
        distance: float | None = None
        nearest = spatial.nearest_community(lat, lon, tolerance_km)
        if nearest is not None:
            community, distance = nearest
        return PointMatch(
            community=community,
            distance_km=None if distance is None else round(distance, 3),
            subdistrict=self.get(sub_code) if sub_code else None,
        )


@functools.lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The packaged gazetteer, loaded once per process."""
    root = resources.files("marsad") / "data" / "gazetteer"
    with resources.as_file(root / "places.jsonl.gz") as path:
        return Gazetteer._read(Path(path))
