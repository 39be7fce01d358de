"""The demo's incidents: what reviewers would conclude after cross-checking the accounts."""

from __future__ import annotations

import calendar
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from marsad.engines.demo_actors import ACTOR_BY_KEY, PERPETRATORS
from marsad.engines.demo_model import DemoPlace
from marsad.engines.demo_places import GOVERNORATES, TARGETS, PlaceInfo, Target, zone_on
from marsad.engines.demo_text import summary_ar, summary_en

T = TypeVar("T")

#: Shares of the four indicators, ordered as in the centre's report: explosions first.
TYPE_SHARES: tuple[tuple[str, float], ...] = (
    ("explosion", 0.45),
    ("assassination", 0.30),
    ("detention", 0.13),
    ("abduction", 0.12),
)
# Assassinations and explosions were followed Jul 2019 - Jun 2020, detentions and abductions
# Oct 2019 - Mar 2020; January 2020 was the worst month in both.
VIOLENT_MONTHS: tuple[tuple[int, int, float], ...] = (
    (2019, 7, 6),
    (2019, 8, 7),
    (2019, 9, 8),
    (2019, 10, 9),
    (2019, 11, 10),
    (2019, 12, 11),
    (2020, 1, 16),
    (2020, 2, 11),
    (2020, 3, 10),
    (2020, 4, 8),
    (2020, 5, 7),
    (2020, 6, 6),
)
OPERATION_MONTHS: tuple[tuple[int, int, float], ...] = (
    (2019, 10, 9),
    (2019, 11, 10),
    (2019, 12, 11),
    (2020, 1, 16),
    (2020, 2, 11),
    (2020, 3, 10),
)
CIVILIAN_SIDE = ("civilian", "civil_defence", "media_worker", "humanitarian_worker", "official")
ARMED_SIDE = ("military", "police_security")


@dataclass
class Truth:
    """One incident with the context the report builder needs."""

    record: dict[str, Any]
    place: DemoPlace
    info: PlaceInfo
    zone: str
    target: Target


def weighted(rng: random.Random, items: Sequence[tuple[T, float]]) -> T:
    """One item drawn by weight (deterministic for a seeded ``rng``)."""
    total = sum(w for _, w in items)
    pick = rng.random() * total
    for item, w in items:
        pick -= w
        if pick < 0:
            return item
    return items[-1][0]


def allocate(total: int, weights: Sequence[float]) -> list[int]:
    """Split ``total`` by ``weights`` with the largest-remainder rule (ties to the earlier)."""
    whole = sum(weights)
    exact = [total * w / whole for w in weights]
    counts = [int(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - counts[i]), -weights[i], i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _method(rng: random.Random, kind: str, target: Target) -> str:
    if kind == "assassination":
        return weighted(rng, [("gunfire", 78), ("ied", 17), ("grenade", 2), ("other", 3)])
    if "shepherd" in target.en:
        return weighted(rng, [("mine", 8), ("ied", 2)])
    if "road" in target.en or "patrol" in target.en:
        return weighted(rng, [("ied", 6), ("mine", 3), ("car_bomb", 1)])
    if "market" in target.en:
        return weighted(rng, [("car_bomb", 4), ("ied", 5), ("other", 1)])
    if "checkpoint" in target.en:
        return weighted(
            rng, [("car_bomb", 3), ("ied", 4), ("suicide_attack", 1.5), ("grenade", 1.5)]
        )
    return weighted(
        rng, [("ied", 6), ("car_bomb", 1), ("mine", 1), ("grenade", 1.5), ("other", 0.5)]
    )


def _operation(rng: random.Random, kind: str) -> str:
    if kind == "detention":
        return weighted(rng, [("arrest", 6), ("raid", 2.5), ("enforced_disappearance", 1.5)])
    return weighted(rng, [("abduction", 8), ("enforced_disappearance", 2)])


def _toll(rng: random.Random, kind: str, method: str | None, op: str | None) -> tuple[int, int]:
    """(killed, injured) of an incident."""
    if kind == "assassination":
        if method == "gunfire":
            killed = weighted(rng, [(1, 70), (2, 15), (3, 5), (0, 10)])
            injured = weighted(rng, [(0, 60), (1, 25), (2, 15)]) + (1 if killed == 0 else 0)
            return killed, injured
        return rng.randint(0, 3), rng.randint(0, 4)
    if kind == "explosion":
        if method == "car_bomb":
            return int(rng.triangular(1, 14, 3)), int(rng.triangular(4, 35, 10))
        if method == "suicide_attack":
            return rng.randint(2, 9), rng.randint(4, 18)
        if method == "mine":
            return rng.randint(0, 2), rng.randint(0, 3)
        if method == "grenade":
            return rng.randint(0, 2), rng.randint(1, 6)
        killed = weighted(rng, [(0, 30), (1, 25), (2, 20), (3, 10), (rng.randint(4, 6), 15)])
        return killed, rng.randint(0, 8)
    killed = 1 if rng.random() < 0.06 else 0
    injured = rng.randint(1, 2) if op == "raid" and rng.random() < 0.25 else 0
    return killed, injured


def _targeted(rng: random.Random, op: str, target: Target) -> int:
    plural = target.en.endswith("s") or " and " in target.en
    if op == "raid":
        return rng.randint(3, 25)
    if op == "arrest":
        return rng.randint(2, 9) if plural else weighted(rng, [(1, 5), (2, 2), (3, 1)])
    return rng.randint(2, 5) if plural else weighted(rng, [(1, 7), (2, 2), (3, 1)])


def _split(rng: random.Random, n: int, target: Target, method: str | None) -> tuple[int, int]:
    """(civilian, military) among ``n`` casualties."""
    if target.status in ARMED_SIDE:
        if method in ("car_bomb", "suicide_attack", "ied") and n > 1:
            military = max(1, round(n * rng.uniform(0.5, 1.0)))
            return n - military, military
        return 0, n
    if method in ("car_bomb", "suicide_attack") and n > 2 and rng.random() < 0.3:
        return n - 1, 1
    return n, 0


def _gender(rng: random.Random, target: Target, count: int | None) -> str:
    if target.gender == "mixed" and count == 1:
        return weighted(rng, [("male", 6), ("female", 4)])
    if target.gender == "male" and rng.random() < 0.04:
        return "unknown"
    return target.gender


def _perpetrator(rng: random.Random, zone: str, kind: str, gov: str) -> str | None:
    options = [(k, w) for k, w, govs in PERPETRATORS[(zone, kind)] if not govs or gov in govs]
    return weighted(rng, options)


def make_incident(
    rng: random.Random, kind: str, day: date, place: DemoPlace, info: PlaceInfo
) -> Truth:
    zone = zone_on(info, day)
    targets = [(t, t.weight) for t in TARGETS if kind in t.types and zone in t.zones]
    target = weighted(rng, targets)
    violent = kind in ("assassination", "explosion")
    method = _method(rng, kind, target) if violent else None
    op = None if violent else _operation(rng, kind)
    killed, injured = _toll(rng, kind, method, op)
    targeted = None if op is None else _targeted(rng, op, target)
    kc, km = _split(rng, killed, target, method)
    ic, im = _split(rng, injured, target, method)
    perp = _perpetrator(rng, zone, kind, place.governorate_pcode)
    perp_en = ACTOR_BY_KEY[perp].name_en if perp else ""
    perp_ar = ACTOR_BY_KEY[perp].name_ar if perp else ""
    gov_en, gov_ar = GOVERNORATES.get(place.governorate_pcode, ("", ""))
    record: dict[str, Any] = {
        "key": "",
        "type": kind,
        "date": day,
        "place_pcode": place.pcode,
        "method": method,
        "operation_type": op,
        "target": target.en,
        "target_status": target.status,
        "perpetrator_key": perp,
        "killed_civilian": kc,
        "killed_military": km,
        "injured_civilian": ic,
        "injured_military": im,
        "number_targeted": targeted,
        "target_gender": _gender(rng, target, targeted),
        "summary_en": summary_en(
            kind, method, target.en, place.name_en, gov_en, day, perp_en, killed, injured, targeted
        ),
        "summary_ar": summary_ar(
            kind, method, target.ar, place.name_ar, gov_ar, day, perp_ar, killed, injured, targeted
        ),
    }
    return Truth(record, place, info, zone, target)


def _days(rng: random.Random, months: Sequence[tuple[int, int, float]], n: int) -> list[date]:
    days: list[date] = []
    for (year, month, _), count in zip(months, allocate(n, [m[2] for m in months]), strict=True):
        last = calendar.monthrange(year, month)[1]
        days.extend(date(year, month, rng.randint(1, last)) for _ in range(count))
    return days


def make_incidents(
    rng: random.Random, places: Sequence[tuple[DemoPlace, PlaceInfo]], total: int
) -> list[Truth]:
    """``total`` incidents, a few of them look-alike twins (same town, same day)."""
    twins = min(4, total // 40)
    counts = allocate(total - twins, [share for _, share in TYPE_SHARES])
    truths: list[Truth] = []
    for (kind, _), n in zip(TYPE_SHARES, counts, strict=True):
        violent = kind in ("assassination", "explosion")
        for day in _days(rng, VIOLENT_MONTHS if violent else OPERATION_MONTHS, n):
            open_places = [(p, i) for p, i in places if i.until is None or day <= i.until]
            candidates = open_places or list(places)
            weights = [i.weight_violent if violent else i.weight_operations for _, i in candidates]
            if not any(weights):
                weights = [1.0] * len(candidates)
            place, info = weighted(rng, list(zip(candidates, weights, strict=True)))
            truths.append(make_incident(rng, kind, day, place, info))
    explosions = [t for t in truths if t.record["type"] == "explosion"]
    for first in rng.sample(explosions, min(twins, len(explosions))):
        for _ in range(10):  # a second, different blast: other target or other device
            twin = make_incident(rng, "explosion", first.record["date"], first.place, first.info)
            if (twin.target, twin.record["method"]) != (first.target, first.record["method"]):
                break
        truths.append(twin)
    truths.sort(key=lambda t: (t.record["date"], t.record["place_pcode"], t.record["type"]))
    for number, truth in enumerate(truths, start=1):
        truth.record["key"] = f"i-{number:04d}"
    return truths
