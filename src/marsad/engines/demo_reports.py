"""The demo's source reports: each source's own, imperfect account of an incident.

Accounts disagree the way real ones do: a date a day off or known only to the month, casualty
counts off by a few or killed/injured confused, a vaguer or different perpetrator, the place
only at sub-district or governorate level or spelt another way, Arabic here and English there.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from marsad.engines.arabic import has_arabic
from marsad.engines.demo_actors import (
    ACTOR_BY_KEY,
    PERPETRATORS,
    TYPE_AFFINITY,
    UNKNOWN_GUNMEN,
    Source,
)
from marsad.engines.demo_incidents import Truth, allocate, weighted
from marsad.engines.demo_places import GOVERNORATES
from marsad.engines.demo_text import Claim, narrative_ar, narrative_en

REPORTS_PER_INCIDENT: tuple[tuple[int, float], ...] = ((1, 0.25), (2, 0.35), (3, 0.25), (4, 0.15))
_VIOLENT = ("assassination", "explosion")

_DATE_PRECISION: dict[str, list[tuple[str, float]]] = {
    "private_interview": [("day", 45), ("month", 35), ("week", 10), ("range", 10)],
    "partner_ngo": [("day", 75), ("month", 12), ("week", 5), ("range", 8)],
    "observation_point": [("day", 96), ("range", 4)],
}
_DAY_OFF = {"private_interview": 0.2, "activist_social_media": 0.12, "official_local_media": 0.1}
_PLACE_PRECISION: dict[str, list[tuple[str, float]]] = {
    "observation_point": [("point", 50), ("community", 50)],
    "activist_social_media": [
        ("community", 72),
        ("point", 6),
        ("subdistrict", 10),
        ("governorate", 12),
    ],
    "official_local_media": [("community", 70), ("district", 10), ("governorate", 20)],
    "partner_ngo": [("community", 70), ("subdistrict", 20), ("district", 10)],
    "private_interview": [("community", 85), ("subdistrict", 15)],
    "targeted_party_official": [("community", 70), ("point", 10), ("governorate", 20)],
}
_DETAILS = (
    ("near the main roundabout", "قرب الدوار الرئيسي"),
    ("on the road out of town", "على الطريق الخارجي"),
    ("near the vegetable market", "قرب سوق الهال"),
    ("by the old mosque", "بالقرب من الجامع القديم"),
    ("at the eastern entrance", "عند المدخل الشرقي"),
)
_UNKNOWN_TEXT = (("unknown", "جهة مجهولة"), ("an unidentified party", "لم تُعرف الجهة المنفذة"))
# Sources that name an enemy where others see no one: (source key, text en, text ar, actor key).
_BLAME: dict[str, tuple[str, str, str | None]] = {
    "s-sana": ("terrorist groups", "مجموعات إرهابية", None),
    "s-moi-syria": ("terrorist groups", "مجموعات إرهابية", None),
    "s-sdf-media": ("Turkish-backed mercenaries", "مرتزقة الاحتلال التركي", "a-sna"),
    "s-hawar": ("Turkish occupation mercenaries", "مرتزقة الاحتلال التركي", "a-sna"),
    "s-anadolu": ("PKK/YPG terrorists", "تنظيم بي كا كا/ي ب ك الإرهابي", "a-ypg"),
    "s-sna-legion": ("PKK/YPG terrorists", "تنظيم بي كا كا/ي ب ك الإرهابي", "a-ypg"),
}

_SNA = ("a-sna", "a-sna-hamza", "a-sna-sultan-murad", "a-sna-military-police")
# Kurdish outlets hold Turkey itself responsible for what its proxies do.
_BLAME_PROXY: dict[str, tuple[tuple[str, ...], str, str, str]] = {
    "s-hawar": (_SNA, "the Turkish occupation", "الاحتلال التركي", "a-turkish-forces"),
    "s-afrin-activists": (_SNA, "Turkish intelligence", "الاستخبارات التركية", "a-turkish-forces"),
}


def _source_weight(source: Source, truth: Truth) -> float:
    rec = truth.record
    if (
        (source.govs and truth.place.governorate_pcode not in source.govs)
        or (source.zones and truth.zone not in source.zones)
        or (source.places and truth.info.wanted.name_en not in source.places)
        or (source.types and rec["type"] not in source.types)
        or (source.statuses and rec["target_status"] not in source.statuses)
    ):
        return 0.0
    violent, operations = TYPE_AFFINITY[source.source_type]
    return source.weight * (violent if rec["type"] in _VIOLENT else operations)


def _pick_sources(
    rng: random.Random, truth: Truth, n: int, sources: Sequence[Source]
) -> list[Source]:
    pool = [(s, w) for s in sources if (w := _source_weight(s, truth)) > 0]
    chosen: list[Source] = []
    while pool and len(chosen) < n:
        pick = weighted(rng, pool)
        chosen.append(pick)
        pool = [(s, w) for s, w in pool if s is not pick]
    return chosen


def _dates(
    rng: random.Random, st: str, truth_day: date, primary: bool
) -> tuple[date, str, date | None]:
    options = _DATE_PRECISION.get(st, [("day", 94), ("week", 2), ("month", 2), ("range", 2)])
    if primary:
        options = [(p, w * 3 if p == "day" else w) for p, w in options]
    precision = weighted(rng, options)
    if precision == "month":
        return truth_day.replace(day=1), precision, None
    if precision == "week":
        return truth_day - timedelta(days=truth_day.weekday()), precision, None
    if precision == "range":
        start = truth_day - timedelta(days=rng.randint(0, 3))
        return start, precision, truth_day + timedelta(days=rng.randint(1, 4))
    if rng.random() < _DAY_OFF.get(st, 0.04) * (0.5 if primary else 1.0):
        shift = weighted(rng, [(1, 6), (-1, 3), (2, 1 if st == "private_interview" else 0)])
        return truth_day + timedelta(days=shift), precision, None
    return truth_day, precision, None


def _received(rng: random.Random, st: str, day: date) -> datetime:
    event = datetime(
        day.year, day.month, day.day, rng.randint(5, 21), rng.randint(0, 59), tzinfo=UTC
    )
    if st == "partner_ngo":
        first_next = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
        at = datetime(first_next.year, first_next.month, rng.randint(3, 10), 9, tzinfo=UTC)
        return at + timedelta(minutes=rng.randint(0, 480))
    hours = {
        "activist_social_media": (0.3, 14.0),
        "official_local_media": (2.0, 36.0),
        "observation_point": (0.2, 5.0),
        "targeted_party_official": (1.0, 12.0),
        "private_interview": (96.0, 1200.0),
    }[st]
    return event + timedelta(minutes=round(rng.uniform(*hours) * 60))


def _place(rng: random.Random, st: str, truth: Truth, primary: bool) -> dict[str, Any]:
    place, info = truth.place, truth.info
    options = _PLACE_PRECISION[st]
    if primary:
        options = [(p, w * 3 if p in ("community", "point") else w) for p, w in options]
    precision = weighted(rng, options)
    if (precision == "subdistrict" and not place.subdistrict_pcode) or (
        precision == "district" and not place.district_pcode
    ):
        precision = "governorate"
    lat: float | None = None
    lon: float | None = None
    if precision in ("point", "community"):
        pcode = place.pcode
        en, ar = rng.choice(info.en), rng.choice(info.ar)
        if precision == "point":
            lat = round(place.latitude + rng.uniform(-0.008, 0.008), 5)
            lon = round(place.longitude + rng.uniform(-0.008, 0.008), 5)
            if rng.random() < 0.5:
                detail_en, detail_ar = rng.choice(_DETAILS)
                en, ar = f"{en}, {detail_en}", f"{ar} {detail_ar}"
        elif rng.random() < 0.25:
            lat, lon = round(place.latitude, 4), round(place.longitude, 4)
    elif precision == "subdistrict":
        pcode, en, ar = place.subdistrict_pcode or "", info.sub_en, info.sub_ar
    elif precision == "district":
        pcode, en, ar = place.district_pcode or "", info.area_en, info.area_ar
    else:
        pcode = place.governorate_pcode
        gov_en, gov_ar = GOVERNORATES.get(pcode, (place.name_en, place.name_ar))
        if gov_ar.startswith("ريف"):
            en, ar = gov_en, rng.choice((gov_ar, f"محافظة {gov_ar}"))
        else:
            en = rng.choice((f"{gov_en} governorate", f"{gov_en} countryside", f"rural {gov_en}"))
            ar = rng.choice((f"محافظة {gov_ar}", f"ريف {gov_ar}"))
    return {"pcode": pcode, "precision": precision, "en": en, "ar": ar, "lat": lat, "lon": lon}


def _names(key: str) -> tuple[list[str], list[str]]:
    actor = ACTOR_BY_KEY[key]
    en = [actor.name_en] * 2 + [a for a in actor.aliases if not has_arabic(a)]
    ar = [actor.name_ar] * 2 + [a for a in actor.aliases if has_arabic(a)]
    return en, ar


def _perpetrator(rng: random.Random, truth: Truth, source: Source, primary: bool) -> dict[str, Any]:
    rec = truth.record
    key: str | None = rec["perpetrator_key"]
    r = rng.random()
    blame = _BLAME.get(source.key)
    if blame and key in (None, UNKNOWN_GUNMEN, "a-isis") and r < 0.4:
        en, ar, said = blame
        return {"key": said, "en": en, "ar": ar, "mode": "named"}
    proxy = _BLAME_PROXY.get(source.key)
    if proxy and key in proxy[0] and r < 0.35:
        _, en, ar, said = proxy
        return {"key": said, "en": en, "ar": ar, "mode": "named"}
    others = [
        k
        for k, _, govs in PERPETRATORS[(truth.zone, rec["type"])]
        if k not in (None, key, UNKNOWN_GUNMEN)
        and (not govs or truth.place.governorate_pcode in govs)
    ]
    if key is None or key == UNKNOWN_GUNMEN:
        told = weighted(rng, [(key or "", 80), (UNKNOWN_GUNMEN, 8), ("", 12), ("other", 10)])
        told = rng.choice(others) if told == "other" and others else told
        told = told if told != "other" else ""
    else:
        actor = ACTOR_BY_KEY[key]
        fair = 0.75 if primary else 0.55
        if r < fair:
            told = key
        elif r < fair + 0.2:
            told = actor.parent_key or UNKNOWN_GUNMEN
        elif r < 0.96 or not others:
            told = ""
        else:
            told = rng.choice(others)
    if told == "":
        en, ar = rng.choice(_UNKNOWN_TEXT)
        return {"key": None, "en": en, "ar": ar, "mode": "unknown"}
    names_en, names_ar = _names(told)
    mode = "gunmen" if told == UNKNOWN_GUNMEN else "named"
    return {"key": told, "en": rng.choice(names_en), "ar": rng.choice(names_ar), "mode": mode}


def _casualties(rng: random.Random, rec: dict[str, Any], st: str, primary: bool) -> list[int]:
    """[killed civ, mil, unknown, injured civ, mil, unknown] as this source counts them."""
    c = [rec["killed_civilian"], rec["killed_military"], 0]
    i = [rec["injured_civilian"], rec["injured_military"], 0]
    vague = st in ("activist_social_media", "private_interview")
    modes = [("exact", 65 if primary else 45), ("count", 30), ("swap", 10)]
    modes.append(("status", 20 if vague else 8))
    if not sum(c + i):
        modes = [("exact", 90), ("count", 10)]
    mode = weighted(rng, modes)
    if mode == "count":
        side = rng.choice((c, i)) if sum(c) and sum(i) else (c if sum(c) else i)
        slot = 0 if side[0] >= side[1] else 1
        delta = rng.choice((-3, -2, -1, -1, 1, 1, 2, 3))
        if side[slot] + delta < 0 or not sum(c + i):
            delta = abs(delta)
        side[slot] += delta
    elif mode == "swap":
        if sum(c):  # counted among the injured before they died
            slot = 0 if c[0] >= c[1] else 1
            moved = min(c[slot], rng.randint(1, 2))
            c[slot] -= moved
            i[slot] += moved
        else:  # one injured reported dead
            slot = 0 if i[0] >= i[1] else 1
            i[slot] -= 1
            c[slot] += 1
    elif mode == "status":
        c, i = [0, 0, sum(c)], [0, 0, sum(i)]
    return c + i


def build_report(rng: random.Random, truth: Truth, source: Source, primary: bool) -> dict[str, Any]:
    rec = truth.record
    st = source.source_type
    day, precision, day_end = _dates(rng, st, rec["date"], primary)
    place = _place(rng, st, truth, primary)
    kind = rec["type"]
    if kind == "assassination" and rec["method"] == "ied" and rng.random() < 0.25:
        kind = "explosion"
    elif kind in ("detention", "abduction") and rng.random() < 0.1:
        kind = "abduction" if kind == "detention" else "detention"
    method, op = rec["method"], rec["operation_type"]
    if method and method != "gunfire" and rng.random() < 0.12:
        method = rng.choice(("ied", "mine", "car_bomb", "grenade", "other"))
    if op and rng.random() < 0.12:
        op = {"arrest": "raid", "raid": "arrest", "abduction": "enforced_disappearance"}.get(
            op, "abduction" if kind == "abduction" else "arrest"
        )
    status = rec["target_status"]
    if rng.random() < 0.08:
        status = "unknown"
    elif status in ("civilian", "military") and rng.random() < 0.05:
        status = "military" if status == "civilian" else "civilian"
    perp = _perpetrator(rng, truth, source, primary)
    perp_type = ACTOR_BY_KEY[perp["key"]].actor_type if perp["key"] else "unknown"
    kc, km, ku, ic, im, iu = _casualties(rng, rec, st, primary)
    targeted = rec["number_targeted"]
    if targeted is not None:
        r = rng.random()
        if r < 0.1:
            targeted = None
        elif r < 0.35:
            targeted = max(1, targeted + rng.choice((-2, -1, 1, 2, 3)))
    gender = rec["target_gender"] if rng.random() > 0.1 else "unknown"
    lang = source.language
    claims = {
        code: Claim(
            kind,
            day,
            precision,
            day_end,
            place[code],
            getattr(truth.target, code),
            method,
            op,
            perp[code],
            perp["mode"],
            kc + km + ku,
            ic + im + iu,
            kc,
            km,
            targeted,
        )
        for code in ("en", "ar")
    }
    bilingual = st == "partner_ngo"
    digits = lang == "ar" and rng.random() < 0.2
    text_ar = narrative_ar(claims["ar"], rng, digits) if lang == "ar" or bilingual else None
    text_en = narrative_en(claims["en"], rng) if lang == "en" or bilingual else None
    station = source.station_ar if lang == "ar" else source.station_en
    return {
        "key": "",
        "incident_key": rec["key"],
        "source_key": source.key,
        "report_id": "",
        "received_at": _received(rng, st, rec["date"]),
        "type": kind,
        "date": day,
        "date_precision": precision,
        "date_end": day_end,
        "place_pcode": place["pcode"],
        "place_text": place[lang],
        "place_precision": place["precision"],
        "latitude": place["lat"],
        "longitude": place["lon"],
        "method": method if kind in _VIOLENT else None,
        "operation_type": None if kind in _VIOLENT else op,
        "target": getattr(truth.target, lang),
        "target_status": status,
        "perpetrator_text": perp[lang],
        "perpetrator_key": perp["key"],
        "perpetrator_type": perp_type,
        "killed": kc + km + ku,
        "injured": ic + im + iu,
        "killed_civilian": kc,
        "killed_military": km,
        "killed_unknown": ku,
        "injured_civilian": ic,
        "injured_military": im,
        "injured_unknown": iu,
        "number_targeted": targeted,
        "target_gender": gender,
        "observation_place": station if st == "observation_point" else None,
        "narrative_ar": text_ar,
        "narrative_en": text_en,
        "url": None,
    }


def build_reports(
    rng: random.Random, truths: Sequence[Truth], sources: Sequence[Source]
) -> list[dict[str, Any]]:
    """Accounts of every incident (1-4 each), keyed and numbered in the order they arrived."""
    counts = [
        n
        for (n, _), k in zip(
            REPORTS_PER_INCIDENT,
            allocate(len(truths), [w for _, w in REPORTS_PER_INCIDENT]),
            strict=True,
        )
        for _ in range(k)
    ]
    rng.shuffle(counts)
    reports: list[dict[str, Any]] = []
    for truth, n in zip(truths, counts, strict=True):
        for rank, source in enumerate(_pick_sources(rng, truth, n, sources)):
            reports.append(build_report(rng, truth, source, primary=rank == 0))
    reports.sort(key=lambda r: (r["received_at"], r["incident_key"], r["source_key"]))
    by_key = {s.key: s for s in sources}
    serial = {s.key: rng.randint(40, 900) for s in sources}
    for number, report in enumerate(reports, start=1):
        source = by_key[report["source_key"]]
        serial[source.key] += rng.randint(1, 6)
        year = report["received_at"].year
        report["key"] = f"r-{number:05d}"
        report["report_id"] = f"{source.prefix}-{year}-{serial[source.key]:04d}"
        if source.source_type not in ("observation_point", "private_interview"):
            slug = source.key.removeprefix("s-")
            report["url"] = f"https://example.org/{slug}/{report['report_id'].lower()}"
    return reports
