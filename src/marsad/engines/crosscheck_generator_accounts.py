"""Incidents and their accounts for the labelled cross-checking generator (see
``crosscheck_generator.py``, which documents the noise)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from marsad.engines.crosscheck_generator_places import PlacePool, place_text
from marsad.engines.crosscheck_generator_text import TARGETS, Target, Wording, narrative
from marsad.engines.demo_actors import ACTOR_BY_KEY, ACTORS, PERPETRATORS, UNKNOWN_GUNMEN
from marsad.engines.demo_places import AA, IDLIB, OPPOSITION, REGIME
from marsad.engines.gazetteer import Gazetteer

__all__ = ["COLUMNS", "Builder", "GeneratorConfig"]

_TYPES = (("assassination", 0.30), ("explosion", 0.35), ("detention", 0.20), ("abduction", 0.10),
          ("armed_violence", 0.05))  # fmt: skip
_METHODS = {
    "assassination": (("gunfire", 0.65), ("ied", 0.2), ("grenade", 0.05), ("car_bomb", 0.05),
                      ("other", 0.05)),
    "explosion": (("ied", 0.45), ("car_bomb", 0.2), ("mine", 0.15), ("grenade", 0.1),
                  ("suicide_attack", 0.03), ("other", 0.07)),
    "armed_violence": (("shelling", 0.45), ("air_strike", 0.3), ("gunfire", 0.25)),
}  # fmt: skip
_RELATED_METHOD = {"ied": ("mine", "car_bomb", "other"), "mine": ("ied",), "car_bomb": ("ied",),
                   "grenade": ("ied",), "suicide_attack": ("car_bomb",), "other": ("ied",),
                   "gunfire": ("other",), "shelling": ("air_strike",), "air_strike": ("shelling",)}  # fmt: skip
_RELATED_TYPE = {"assassination": "explosion", "explosion": "assassination",
                 "detention": "abduction", "abduction": "detention",
                 "armed_violence": "explosion"}  # fmt: skip
_ZONES = {"SY07": IDLIB, "SY08": AA, "SY11": AA, "SY02": OPPOSITION}
_SOURCE_TYPES_LOCAL = (("activist_social_media", 6, 0.8), ("observation_point", 3, 0.9),
                       ("private_interview", 2, 0.8), ("official_local_media", 3, 0.5))  # fmt: skip
_SOURCE_TYPES_NATIONAL = (("partner_ngo", 3, 0.4), ("official_local_media", 4, 0.5),
                          ("targeted_party_official", 4, 0.7), ("external_dataset", 1, 0.0))  # fmt: skip
_PARTY_STATUSES = ("military", "police_security", "civil_defence", "official")


@dataclass(frozen=True)
class GeneratorConfig:
    start: date = date(2019, 1, 1)
    days: int = 731
    sources_per_incident: tuple[float, ...] = (0.35, 0.30, 0.20, 0.15)
    lookalike_share: float = 0.10
    repeat_share: float = 0.08
    key_share: float = 0.3  # perpetrator given as the canonical key (resolved at import)
    place: dict[str, float] = field(
        default_factory=lambda: {"coarse": 0.05, "neighbour": 0.02, "point": 0.08, "hint": 0.55}
    )


@dataclass(frozen=True, slots=True)
class _Source:
    source_id: int
    source_type: str
    language: str
    gov: str | None


@dataclass(slots=True)
class _Incident:
    incident_id: int
    type: str
    method: str | None
    place: int  # index into the place pool
    day: date
    target: Target
    actor: str | None
    killed: int
    injured: int
    number: int


def _pick(rng: random.Random, items: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([k for k, _ in items], [w for _, w in items])[0]


class Builder:
    def __init__(self, gz: Gazetteer, seed: int, config: GeneratorConfig) -> None:
        self.rng = random.Random(seed)
        self.cfg = config
        self.pool = PlacePool(gz)
        self.sources: list[_Source] = []
        self.by_gov: dict[str, list[_Source]] = {}
        national: list[_Source] = []
        for gov in self.pool.governorates:
            local = self.by_gov.setdefault(gov, [])
            for stype, count, arabic in _SOURCE_TYPES_LOCAL:
                for _ in range(count):
                    local.append(self._source(stype, arabic, gov))
        for stype, count, arabic in _SOURCE_TYPES_NATIONAL:
            national.extend(self._source(stype, arabic, None) for _ in range(count))
        for local in self.by_gov.values():
            local.extend(national)
        self.cols: dict[str, list[object]] = {k: [] for k in COLUMNS}
        self.truth: list[int] = []
        self.texts: list[str] = []

    def _source(self, stype: str, arabic: float, gov: str | None) -> _Source:
        lang = "ar" if self.rng.random() < arabic else "en"
        src = _Source(len(self.sources) + 1, stype, lang, gov)
        self.sources.append(src)
        return src

    # -- incidents --------------------------------------------------------------------------

    def incident(self, incident_id: int) -> _Incident:
        rng = self.rng
        kind = _pick(rng, _TYPES)
        method = _pick(rng, _METHODS[kind]) if kind in _METHODS else None
        place = self.pool.pick(rng)
        day = self.cfg.start + timedelta(days=rng.randrange(self.cfg.days))
        return self._fill(incident_id, kind, method, place, day)

    def twin(self, inc: _Incident, incident_id: int) -> _Incident:
        """A distinct incident in the same town on the same day, of the same kind."""
        rng = self.rng
        kind = inc.type if rng.random() < 0.8 else _RELATED_TYPE[inc.type]
        if kind not in _METHODS:
            method = None
        elif inc.method is not None and kind == inc.type and rng.random() < 0.5:
            method = inc.method
        else:
            method = _pick(rng, _METHODS[kind])
        twin = self._fill(incident_id, kind, method, inc.place, inc.day)
        if rng.random() < 0.5:
            twin.actor = inc.actor
        while twin.target == inc.target:
            twin.target = rng.choice(TARGETS)
        return twin

    def _fill(self, iid: int, kind: str, method: str | None, place: int, day: date) -> _Incident:
        rng = self.rng
        zone = _ZONES.get(self.pool.gov(place), REGIME)
        options = PERPETRATORS.get((zone, "explosion" if kind == "armed_violence" else kind), ())
        gov = self.pool.gov(place)
        usable = [(a, w) for a, w, govs in options if not govs or gov in govs]
        actor = rng.choices([a for a, _ in usable], [w for _, w in usable])[0] if usable else None
        people = kind in ("detention", "abduction")
        target = rng.choice([t for t in TARGETS if t.people or not people])
        if people:
            killed, injured = (1 if rng.random() < 0.05 else 0), 0
        elif kind == "assassination":
            killed = rng.choices((0, 1, 2, 3), (0.15, 0.65, 0.15, 0.05))[0]
            injured = rng.choices((0, 1, 2, 4), (0.55, 0.25, 0.15, 0.05))[0]
        else:
            scale = 4.0 if method in ("car_bomb", "suicide_attack") else 1.2
            killed = int(rng.expovariate(1 / scale)) if rng.random() < 0.7 else 0
            injured = int(rng.expovariate(1 / (scale * 1.8))) if rng.random() < 0.8 else 0
        number = rng.choices((1, 2, 3, 5, 8), (0.45, 0.2, 0.15, 0.12, 0.08))[0] if people else 1
        return _Incident(iid, kind, method, place, day, target, actor, killed, injured, number)

    # -- accounts ---------------------------------------------------------------------------

    def accounts(self, inc: _Incident) -> None:
        rng = self.rng
        k = rng.choices(range(1, len(self.cfg.sources_per_incident) + 1),
                        self.cfg.sources_per_incident)[0]  # fmt: skip
        pool = self.by_gov[self.pool.gov(inc.place)]
        if inc.target.status not in _PARTY_STATUSES:
            pool = [s for s in pool if s.source_type != "targeted_party_official"]
        chosen = rng.sample(pool, min(k, len(pool)))
        told: list[tuple[_Source, dict[str, object]]] = []
        for src in chosen:
            if told and rng.random() < self.cfg.repeat_share * 2:
                original, claims = rng.choice(told)
                claims = dict(claims, repeats=original.source_id)
                if rng.random() < 0.3 and claims["killed"] is not None:
                    claims["killed"] = max(0, int(str(claims["killed"])) + rng.choice((-1, 1)))
            else:
                claims = self._claims(inc)
            told.append((src, claims))
            self._emit(inc, src, claims)

    def _claims(self, inc: _Incident) -> dict[str, object]:
        rng = self.rng
        roll = rng.random()
        if roll < 0.87:
            precision = "day"
            offset = rng.choices((0, 1, -1, 2, -2), (0.72, 0.1, 0.1, 0.04, 0.04))[0]
            start, end = inc.day + timedelta(days=offset), None
        elif roll < 0.89:
            precision, start, end = "week", inc.day - timedelta(days=rng.randrange(7)), None
        elif roll < 0.96:
            precision, start, end = "month", inc.day.replace(day=1), None
        else:
            precision = "range"
            start = inc.day - timedelta(days=rng.randrange(4))
            end = inc.day + timedelta(days=rng.randrange(1, 4))
        kind = inc.type if rng.random() < 0.92 else _RELATED_TYPE[inc.type]
        method = inc.method
        if method is not None:
            roll = rng.random()
            method = (
                None
                if roll < 0.1
                else rng.choice(_RELATED_METHOD[method])
                if roll < 0.2
                else method
            )
        status: str | None = inc.target.status
        roll = rng.random()
        if roll < 0.12:
            status = None
        elif roll < 0.2:
            status = rng.choice(("civilian", "military", "police_security", "unknown"))
        killed = _noisy(rng, inc.killed, 0.15)
        injured = _noisy(rng, inc.injured, 0.25)
        return {"precision": precision, "start": start, "end": end, "type": kind,
                "method": method, "status": status, "killed": killed, "injured": injured,
                "actor": self._actor(inc.actor), "repeats": None}  # fmt: skip

    def _actor(self, actor: str | None) -> str | None:
        rng = self.rng
        roll = rng.random()
        if actor is None:
            return rng.choice(ACTORS).key if roll < 0.1 else None
        if roll < 0.2:
            return None
        if roll < 0.28 and ACTOR_BY_KEY[actor].parent_key:
            return ACTOR_BY_KEY[actor].parent_key
        if roll < 0.31:
            return rng.choice(ACTORS).key
        return actor

    def _emit(self, inc: _Incident, src: _Source, claims: dict[str, object]) -> None:
        rng = self.rng
        lang = src.language if rng.random() < 0.9 else ("en" if src.language == "ar" else "ar")
        text, lat, lon = place_text(self.pool, inc.place, lang, rng, self.cfg.place)
        actor_key = claims["actor"]
        written, key = "", None
        if isinstance(actor_key, str):
            written, key = _actor_written(actor_key, lang, rng)
        perp_col = actor_key if (key and rng.random() < self.cfg.key_share) else (written or None)
        start = claims["start"]
        assert isinstance(start, date)
        end = claims["end"] if isinstance(claims["end"], date) else None
        killed = claims["killed"] if isinstance(claims["killed"], int) else None
        injured = claims["injured"] if isinstance(claims["injured"], int) else None
        wording = Wording(str(claims["type"]), _opt(claims["method"]), lang, start,
                          str(claims["precision"]), end, text, inc.target, written, killed,
                          injured, inc.number)  # fmt: skip
        actor_type = ACTOR_BY_KEY[actor_key].actor_type if isinstance(actor_key, str) else "unknown"
        row = {
            "source_id": src.source_id, "source_type": src.source_type,
            "repeats_source_id": claims["repeats"], "type": claims["type"],
            "method": claims["method"], "date": start, "date_end": end,
            "date_precision": claims["precision"], "latitude": lat, "longitude": lon,
            "perpetrator": perp_col, "perpetrator_type": actor_type,
            "target_status": claims["status"], "killed": killed, "injured": injured,
            "narrative": narrative(wording, rng), "language": lang, "place_text": text,
            "gov": self.pool.gov(inc.place),
        }  # fmt: skip
        for name, value in row.items():
            self.cols[name].append(value)
        self.truth.append(inc.incident_id)


def _opt(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _noisy(rng: random.Random, value: int, missing: float) -> int | None:
    """A source's count: missing, exact, or off by an amount that grows with the count."""
    if rng.random() < missing:
        return None
    roll = rng.random()
    if value == 0:
        return 0 if roll < 0.92 else 1
    if roll < 0.6:
        return value
    if roll < 0.85 or value < 3:
        return max(0, value + rng.choice((-1, 1)))
    return max(1, round(value * rng.uniform(0.6, 1.5)))


def _actor_written(key: str, lang: str, rng: random.Random) -> tuple[str, str | None]:
    actor = ACTOR_BY_KEY[key]
    if key == UNKNOWN_GUNMEN:
        return (actor.name_ar if lang == "ar" else actor.name_en), None
    arabic = [a for a in actor.aliases if any("\u0600" <= c <= "\u06ff" for c in a)]
    latin = [a for a in actor.aliases if a not in arabic]
    if lang == "ar":
        names = [actor.name_ar, *arabic] + ([actor.name_en] if rng.random() < 0.05 else [])
    else:
        names = [actor.name_en, *latin]
    name = rng.choice(names)
    if rng.random() < 0.04 and len(name) > 5:  # a typo the alias list does not know
        i = rng.randrange(1, len(name) - 1)
        name = name[:i] + name[i + 1 :]
    return name, key


COLUMNS = (
    "source_id", "source_type", "repeats_source_id", "type", "method", "date", "date_end",
    "date_precision", "latitude", "longitude", "perpetrator", "perpetrator_type",
    "target_status", "killed", "injured", "narrative", "language", "place_text", "gov",
)  # fmt: skip
