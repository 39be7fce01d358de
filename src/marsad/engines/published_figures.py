"""A synthetic incident table whose totals are the figures the centre published (pure).

The centre's security-indicators report (``DESIGN.md`` §2) states, among others:

* Jul 2019 – Jun 2020, governorates of al-Hasakah, Deir ez-Zor and Daraa: 308 explosions and
  72 assassinations; methods gunfire 213, IED 94, car bomb 39, mine 25, grenade 9; 1,008
  casualties, 490 military and 518 civilian.
* the same year in opposition-held areas: 1,209 casualties (890 civilian, 319 military); IEDs
  in 93 incidents, car bombs in 69.
* Oct 2019 – Mar 2020, Jasim, Douma, al-Bukamal and Raqqa: 73 abductions and extrajudicial
  detentions (15, 20, 20, 18); 23 by foreign actors (182 casualties), 19 by local actors (117),
  31 by unknown ones (89); 188 civilian and 56 military casualties.
* the same half-year in Afrin and Jarablus: 169 detentions and abductions (132 and 37), most in
  January 2020; 141 by known actors, 28 by unknown ones.

:func:`published_incidents` builds one row per incident in the schema of
``marsad.analysis.snapshot.SCHEMA`` so that the report, run with the matching areas and
periods, must state exactly these numbers (:data:`PUBLISHED`). Individual incidents are
invented (deterministically from ``seed``) and name no perpetrator; places are real P-codes and
the party in control comes from the shipped control layer. Rejected, discounted and out-of-period
incidents are mixed in: counted by mistake, they would change the totals.

The published methods add up to the 380 incidents exactly, so 151 explosions carry the method
"gunfire": the centre counted armed attacks among "explosions".
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping, Sequence
from typing import Any

import pyarrow as pa

from marsad.engines.control import ControlLayer, default_control_path, parse_control_csv
from marsad.engines.gazetteer import default_gazetteer

__all__ = ["HALF", "PUBLISHED", "SCHEMA", "YEAR", "published_incidents"]

_TEXT = ["type", "method", "operation_type", "target_status", "target_gender", "perpetrator_type",
         "status", "confidence", "controlling_party", "controlling_sub_label", "date_precision",
         "place_precision"]  # fmt: skip
_COUNTS = ["killed_low", "killed_best", "killed_high", "injured_low", "injured_best",
           "injured_high", "killed_civilian", "killed_military", "killed_unknown",
           "injured_civilian", "injured_military", "injured_unknown", "number_targeted"]  # fmt: skip
#: The incident table of ``marsad.analysis.snapshot`` (repeated: that module needs Django).
SCHEMA = pa.schema(
    [("incident_id", pa.int64())]
    + [(name, pa.string()) for name in _TEXT]
    + [("perpetrator", pa.string()), ("date", pa.date32()), ("date_end", pa.date32())]
    + [("pcode", pa.string())]
    + [(name, pa.int64()) for name in _COUNTS]
    + [("report_count", pa.int64()), ("source_types", pa.list_(pa.string()))]
)

D = dt.date
YEAR = (D(2019, 7, 1), D(2020, 6, 30))
HALF = (D(2019, 10, 1), D(2020, 3, 31))
PUBLISHED: dict[str, dict[str, Any]] = {
    "governorates": {
        "areas": ("SY08", "SY09", "SY12"), "period": YEAR,
        "types": {"explosion": 308, "assassination": 72},
        "methods": {"gunfire": 213, "ied": 94, "car_bomb": 39, "mine": 25, "grenade": 9},
        "casualties": 1008, "military": 490, "civilian": 518,
    },
    "opposition": {
        "areas": ("opposition",), "period": YEAR, "casualties": 1209, "civilian": 890,
        "military": 319, "methods": {"ied": 93, "car_bomb": 69},
    },
    "regime_aa_cities": {
        "areas": ("Jasim", "Douma", "Al-Bukamal", "Raqqa"), "period": HALF, "total": 73,
        "places": {"SY120301": 15, "SY030200": 20, "SY090200": 20, "SY110100": 18},
        "perpetrators": {"foreign": (23, 182), "local": (19, 117), "unknown": (31, 89)},
        "casualties": 388, "civilian": 188, "military": 56,
    },
    "afrin_jarablus": {
        "areas": ("Afrin", "Jarablus"), "period": HALF, "total": 169,
        "places": {"SY020300": 132, "SY020800": 37}, "peak": ("2020-01", 37),
        "known": 141, "unknown": 28, "casualties": 355,
    },
}  # fmt: skip

_DARAA = {
    "C6111": 3,
    "C5993": 4,
    "C6124": 2,
    "C6034": 2,
    "C6002": 1,
    "C6030": 1,
    "C6101": 1,
    "C6131": 1,
}
_DEIR = {
    "C5086": 3,
    "C5167": 3,
    "C5192": 2,
    "C5175": 2,
    "C5202": 1,
    "C5110": 1,
    "C5127": 1,
    "C5119": 1,
}
_HASAKAH = {"C4360": 3, "C4564": 3, "C4446": 2, "C4409": 1, "C4688": 1, "C4519": 2}
_OPPOSITION = {
    "C1564": 3,
    "C1202": 3,
    "C1366": 2,
    "C2227": 1,
    "C1426": 1,
    "C1643": 1,
    "C3871": 2,
    "C4121": 1,
}
_ATTACK_SOURCES = ("activist_social_media", "official_local_media")
_DETENTION_SOURCES = ("observation_point", "partner_ngo", "private_interview", "targeted_party_official")  # fmt: skip


def _labels(counts: Mapping[str, int], rng: random.Random) -> list[str]:
    """``{"a": 2, "b": 1}`` as a shuffled ``["a", "b", "a"]``."""
    items = [label for label, n in counts.items() for _ in range(n)]
    rng.shuffle(items)
    return items


def _day(period: tuple[dt.date, dt.date], rng: random.Random) -> dt.date:
    return period[0] + dt.timedelta(days=rng.randrange((period[1] - period[0]).days + 1))


def _month_days(counts: Mapping[str, int], rng: random.Random) -> list[dt.date]:
    """Days such that ``counts[yyyy-mm]`` fall in each month."""
    days = []
    for month, n in counts.items():
        year, number = (int(x) for x in month.split("-"))
        days += [D(year, number, rng.randint(1, 28)) for _ in range(n)]
    rng.shuffle(days)
    return days


class _Table:
    """The rows being built; each gets the next id and its party in control."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.rows: list[dict[str, Any]] = []
        gazetteer = default_gazetteer()
        codes = {*_DARAA, *_DEIR, *_HASAKAH, *_OPPOSITION, "C2338", "C5710", "C5792"}
        parents: dict[str, str | None] = {}
        for code in codes:
            chain = [code, *(p.pcode for p in gazetteer.parents(code))]
            parents.update(zip(chain, [*chain[1:], None], strict=True))
        self.layer = ControlLayer(parse_control_csv(default_control_path()), parents=parents)

    def add(self, row: dict[str, Any]) -> None:
        period = self.layer.party_on(row["pcode"], row["date"])
        row = {
            "status": "published" if self.rng.random() < 0.8 else "verified",
            "confidence": self.rng.choice(["corroborated", "single_source", "confirmed_by_party"]),
            "date_precision": "day",
            "place_precision": "community",
            **row,
            "incident_id": len(self.rows) + 1,
            "controlling_party": period.party if period else None,
            "controlling_sub_label": (period.sub_label or None) if period else None,
        }
        sources = (
            _ATTACK_SOURCES if row["type"] in ("explosion", "assassination") else _DETENTION_SOURCES
        )
        kinds = sorted(set(self.rng.sample(sources, self.rng.randint(1, 2))))
        row["source_types"] = kinds
        row["report_count"] = len(kinds) + self.rng.randint(0, 1)
        killed = sum(row.get(f"killed_{s}", 0) for s in ("civilian", "military", "unknown"))
        injured = sum(row.get(f"injured_{s}", 0) for s in ("civilian", "military", "unknown"))
        row.update(
            killed_low=killed, killed_best=killed, killed_high=killed + self.rng.randint(0, 2)
        )
        row.update(injured_low=injured, injured_best=injured, injured_high=injured)
        self.rows.append(row)

    def casualties(
        self, count: int, statuses: Mapping[str, int], weights: Sequence[float]
    ) -> list[dict[str, int]]:
        """``count`` incidents' casualty columns adding up to ``statuses`` exactly."""
        columns = [{f"{o}_{s}": 0 for o in ("killed", "injured") for s in ("civilian", "military", "unknown")} for _ in range(count)]  # fmt: skip
        for status in _labels(statuses, self.rng):
            target = self.rng.choices(range(count), weights=weights)[0]
            outcome = "killed" if self.rng.random() < 0.4 else "injured"
            columns[target][f"{outcome}_{status}"] += 1
        return columns


def _status_of(casualties: Mapping[str, int]) -> str:
    totals = {
        s: casualties[f"killed_{s}"] + casualties[f"injured_{s}"] for s in ("civilian", "military")
    }
    return "military" if totals["military"] > totals["civilian"] else "civilian"


def _attacks(t: _Table, places: Mapping[str, int], pairs: Mapping[tuple[str, str], int],
             statuses: Mapping[str, int], perpetrators: Mapping[str, int],
             day: Any) -> None:  # fmt: skip
    kinds = [pair for pair, n in pairs.items() for _ in range(n)]
    t.rng.shuffle(kinds)
    heavy = {"car_bomb": 4.0, "ied": 2.0, "mine": 1.5, "grenade": 1.5}
    weights = [heavy.get(method, 1.0) for _, method in kinds]
    casualties = t.casualties(len(kinds), statuses, weights)
    actors = _labels(perpetrators, t.rng)
    codes = t.rng.choices(list(places), weights=list(places.values()), k=len(kinds))
    for (kind, method), numbers, actor, pcode in zip(kinds, casualties, actors, codes, strict=True):
        t.add({"type": kind, "method": method, "pcode": pcode, "date": day(pcode),
               "target_status": _status_of(numbers), "perpetrator_type": actor, **numbers})  # fmt: skip


def _detentions(t: _Table, places: Mapping[str, int], days: Sequence[dt.date],
                perpetrators: Mapping[str, tuple[int, int]], statuses: Mapping[str, int]) -> None:  # fmt: skip
    actors = _labels({k: n for k, (n, _) in perpetrators.items()}, t.rng)
    units = _labels(statuses, t.rng)
    codes = _labels(places, t.rng)
    for actor, (_count, casualties) in perpetrators.items():
        mine = [i for i, a in enumerate(actors) if a == actor]
        shares = [0] * len(mine)
        for _ in range(casualties):
            shares[t.rng.randrange(len(mine))] += 1
        for index, share in zip(mine, shares, strict=True):
            numbers = {f"{o}_{s}": 0 for o in ("killed", "injured") for s in ("civilian", "military", "unknown")}  # fmt: skip
            for _ in range(share):
                outcome = "killed" if t.rng.random() < 0.35 else "injured"
                numbers[f"{outcome}_{units.pop()}"] += 1
            kind = "detention" if t.rng.random() < 0.55 else "abduction"
            t.add({
                "type": kind, "operation_type": "abduction" if kind == "abduction" else t.rng.choice(["arrest", "raid"]),
                "pcode": codes[index], "date": days[index], "perpetrator_type": actor,
                "target_status": _status_of(numbers) if share else "civilian",
                "target_gender": t.rng.choice(["male", "male", "male", "female", "mixed"]),
                "number_targeted": t.rng.randint(1, 3), **numbers,
            })  # fmt: skip


def published_incidents(seed: int = 2020) -> pa.Table:
    """The incidents (see the module documentation), as an Arrow table in :data:`SCHEMA`."""
    t = _Table(seed)
    three = {**_DARAA, **_DEIR, **_HASAKAH}
    _attacks(t, three,
             {("explosion", "gunfire"): 151, ("explosion", "ied"): 88, ("explosion", "car_bomb"): 39,
              ("explosion", "mine"): 25, ("explosion", "grenade"): 5, ("assassination", "gunfire"): 62,
              ("assassination", "ied"): 6, ("assassination", "grenade"): 4},
             {"military": 490, "civilian": 518}, {"unknown": 250, "local": 85, "foreign": 45},
             lambda pcode: _day(YEAR, t.rng))  # fmt: skip
    late = (D(2019, 10, 15), YEAR[1])  # Tell Abyad is opposition-held only from mid-October
    _attacks(t, {**_OPPOSITION, "C5792": 2},
             {("explosion", "ied"): 90, ("explosion", "car_bomb"): 69, ("explosion", "mine"): 12,
              ("explosion", "grenade"): 4, ("explosion", "gunfire"): 25, ("assassination", "gunfire"): 75,
              ("assassination", "ied"): 3, ("assassination", "grenade"): 2},
             {"civilian": 890, "military": 319}, {"unknown": 160, "local": 80, "foreign": 40},
             lambda pcode: _day(late if pcode == "C5792" else YEAR, t.rng))  # fmt: skip
    cities = {"C6111": 15, "C2338": 20, "C5167": 20, "C5710": 18}
    _detentions(t, cities, [_day(HALF, t.rng) for _ in range(73)],
                {"foreign": (23, 182), "local": (19, 117), "unknown": (31, 89)},
                {"civilian": 188, "military": 56, "unknown": 144})  # fmt: skip
    months = {
        "2019-10": 25,
        "2019-11": 27,
        "2019-12": 28,
        "2020-01": 37,
        "2020-02": 27,
        "2020-03": 25,
    }
    _detentions(t, {"C1366": 132, "C2227": 37}, _month_days(months, t.rng),
                {"local": (120, 250), "foreign": (21, 70), "unknown": (28, 35)},
                {"civilian": 240, "military": 90, "unknown": 25})  # fmt: skip
    _noise(t)
    columns = {name: [row.get(name) for row in t.rows] for name in SCHEMA.names}
    return pa.table(columns, schema=SCHEMA)


def _noise(t: _Table) -> None:
    """Incidents the report must not count: rejected, discounted, or outside the periods."""
    extra: list[dict[str, Any]] = [
        *({"type": "explosion", "method": "ied", "pcode": "C5993", "date": D(2020, 1, 10 + i), "status": "rejected"} for i in range(6)),
        *({"type": "assassination", "method": "gunfire", "pcode": "C4360", "date": D(2019, 9, 3 + i), "confidence": "discounted", "killed_military": 2} for i in range(4)),
        *({"type": "explosion", "method": "car_bomb", "pcode": "C5086", "date": d, "killed_civilian": 5} for d in (D(2019, 6, 28), D(2020, 7, 2), D(2020, 7, 15))),
        {"type": "explosion", "method": "mine", "pcode": "C6124", "date": D(2020, 6, 25), "date_end": D(2020, 7, 5), "date_precision": "range"},
        *({"type": "abduction", "pcode": "C1366", "date": D(2020, 1, 5 + i), "status": "rejected", "perpetrator_type": "unknown"} for i in range(3)),
        *({"type": "detention", "pcode": "C2338", "date": D(2019, 12, 1 + i), "confidence": "discounted", "perpetrator_type": "local"} for i in range(2)),
        *({"type": "detention", "pcode": code, "date": d, "perpetrator_type": "local"} for code, d in (("C6111", D(2019, 9, 20)), ("C1366", D(2020, 4, 2)), ("C2227", D(2020, 4, 9)), ("C5710", D(2019, 9, 30)))),
        {"type": "abduction", "pcode": "C1366", "date": D(2020, 3, 28), "date_end": D(2020, 4, 4), "date_precision": "range", "perpetrator_type": "foreign"},
    ]  # fmt: skip
    for row in extra:
        t.add(row)
