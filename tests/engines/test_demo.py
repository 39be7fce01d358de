"""The demo dataset generator: deterministic, consistent, realistic (no Django needed)."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from marsad.engines.demo import (
    CASE_STUDY_PLACES,
    DATE_PRECISIONS,
    GENDERS,
    INCIDENT_TYPES,
    METHODS,
    OPERATION_TYPES,
    PERPETRATOR_TYPES,
    PLACE_PRECISIONS,
    SOURCE_TYPES,
    TARGET_STATUSES,
    DemoPlace,
    DemoSet,
    generate_demo,
)

VIOLENT = ("assassination", "explosion")

# Made-up but plausible pcodes; names as a gazetteer might spell them (not always as the
# catalogue does), plus one place the catalogue does not know.
PLACES = [
    DemoPlace("C6130", "Jasim", "جاسم", 32.992, 36.060, "SY12", "SY120301", "SY1203"),
    DemoPlace("C6145", "Nawa", "نوى", 32.889, 36.043, "SY12", "SY120302", "SY1203"),
    DemoPlace("C6001", "Dar'a", "درعا", 32.625, 36.106, "SY12", "SY120000", "SY1200"),
    DemoPlace("C2290", "Duma", "دوما", 33.572, 36.402, "SY03", "SY030200", "SY0302"),
    DemoPlace("C5001", "Abu Kamal", "البوكمال", 34.452, 40.918, "SY09", "SY090200"),
    DemoPlace("C4969", "Al Mayadin", "الميادين", 35.020, 40.451, "SY09"),
    DemoPlace("C5500", "Ar-Raqqa", "الرقة", 35.952, 39.009, "SY11", "SY110000", "SY1100"),
    DemoPlace("C1001", "Afrin", "عفرين", 36.512, 36.869, "SY02", "SY020500", "SY0205"),
    DemoPlace("C1200", "Jarablus", "جرابلس", 36.818, 38.011, "SY02", "SY020700"),
    DemoPlace("C1300", "A'zaz", "أعزاز", 36.586, 37.046, "SY02"),
    DemoPlace("C4100", "Al-Hasakeh", "الحسكة", 36.502, 40.747, "SY08", "SY080000"),
    DemoPlace("C4300", "Ras Al Ain", "رأس العين", 36.850, 40.070, "SY08"),
    DemoPlace("C3100", "Idleb", "إدلب", 35.930, 36.634, "SY07"),
    DemoPlace("C3200", "Saraqab", "سراقب", 35.862, 36.804, "SY07"),
    DemoPlace("C5600", "Tell Abiad", "تل أبيض", 36.697, 38.954, "SY11"),
    DemoPlace("C9999", "Sanamayn", "الصنمين", 33.072, 36.184, "SY12"),  # not in the catalogue
]


@pytest.fixture(scope="module")
def demo() -> DemoSet:
    return generate_demo(PLACES)


def _by_incident(demo: DemoSet) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for report in demo.reports:
        grouped[report["incident_key"]].append(report)
    return grouped


def _month(day: date) -> tuple[int, int]:
    return day.year, day.month


def test_case_study_places_cover_the_report() -> None:
    names = {p.name_en for p in CASE_STUDY_PLACES}
    assert {"Jasim", "Douma", "Al-Bukamal", "Raqqa", "Afrin", "Jarablus"} <= names
    govs = {p.governorate_pcode for p in CASE_STUDY_PLACES}
    assert {"SY12", "SY03", "SY09", "SY11", "SY02", "SY08", "SY07"} == govs
    assert all(p.weight > 0 and p.name_ar for p in CASE_STUDY_PLACES)


def test_deterministic_and_seeded(demo: DemoSet) -> None:
    state = random.getstate()
    again = generate_demo(PLACES)
    assert random.getstate() == state  # never touches the global generator
    assert again == demo
    assert generate_demo(list(reversed(PLACES))) != generate_demo(PLACES, seed=7)
    assert generate_demo(PLACES, seed=7) != demo


def test_counts_and_references(demo: DemoSet) -> None:
    assert len(demo.incidents) == 160
    assert len(demo.reports) >= 300
    assert 20 <= len(demo.sources) <= 30
    actor_keys = {a["key"] for a in demo.actors}
    source_keys = {s["key"] for s in demo.sources}
    incident_keys = {i["key"] for i in demo.incidents}
    place_pcodes = {p.pcode for p in PLACES}
    for collection in (demo.actors, demo.sources, demo.incidents, demo.reports):
        keys = [item["key"] for item in collection]
        assert len(keys) == len(set(keys))
    assert all(a["parent_key"] in actor_keys | {None} for a in demo.actors)
    assert all(i["perpetrator_key"] in actor_keys | {None} for i in demo.incidents)
    assert all(i["place_pcode"] in place_pcodes for i in demo.incidents)
    for report in demo.reports:
        assert report["incident_key"] in incident_keys
        assert report["source_key"] in source_keys
        assert report["perpetrator_key"] in actor_keys | {None}
        assert report["report_id"] and report["report_id"] != report["key"]
    per_incident = Counter(r["incident_key"] for r in demo.reports)
    assert set(per_incident) == incident_keys
    assert all(1 <= n <= 4 for n in per_incident.values())
    assert 2.0 <= len(demo.reports) / len(demo.incidents) <= 2.6
    assert len({r["report_id"] for r in demo.reports}) == len(demo.reports)


def test_every_code_is_valid(demo: DemoSet) -> None:
    for actor in demo.actors:
        assert actor["actor_type"] in PERPETRATOR_TYPES
        assert actor["key"].startswith("a-")
    for source in demo.sources:
        assert source["source_type"] in SOURCE_TYPES
        assert source["language"] in ("ar", "en")
        assert source["key"].startswith("s-")
    for record in demo.incidents + demo.reports:
        assert record["type"] in INCIDENT_TYPES
        assert record["target_status"] in TARGET_STATUSES
        assert record["target_gender"] in GENDERS
        if record["type"] in VIOLENT:
            assert record["method"] in METHODS
            assert record["operation_type"] is None
            assert record["number_targeted"] is None
        else:
            assert record["method"] is None
            assert record["operation_type"] in OPERATION_TYPES
    for report in demo.reports:
        assert report["date_precision"] in DATE_PRECISIONS
        assert report["place_precision"] in PLACE_PRECISIONS
        assert report["perpetrator_type"] in PERPETRATOR_TYPES


def test_methods_follow_the_types(demo: DemoSet) -> None:
    methods: dict[str, Counter[str | None]] = defaultdict(Counter)
    for incident in demo.incidents:
        methods[incident["type"]][incident["method"] or incident["operation_type"]] += 1
    assert methods["assassination"].most_common(1)[0][0] == "gunfire"
    assert methods["assassination"]["ied"] > 0
    assert set(methods["explosion"]) <= {"ied", "car_bomb", "mine", "grenade", "suicide_attack", "other"}  # fmt: skip
    assert {"ied", "car_bomb", "mine"} <= set(methods["explosion"])
    assert set(methods["detention"]) | set(methods["abduction"]) <= set(OPERATION_TYPES)


def test_figures_are_consistent(demo: DemoSet) -> None:
    for report in demo.reports:
        parts = ("civilian", "military", "unknown")
        assert report["killed"] == sum(report[f"killed_{p}"] for p in parts)
        assert report["injured"] == sum(report[f"injured_{p}"] for p in parts)
        assert min(report[f"{k}_{p}"] for k in ("killed", "injured") for p in parts) >= 0
        if report["date_precision"] == "range":
            assert report["date_end"] > report["date"]
        else:
            assert report["date_end"] is None
        if report["date_precision"] == "month":
            assert report["date"].day == 1
        if report["place_precision"] == "governorate":
            assert report["place_pcode"].startswith("SY") and len(report["place_pcode"]) == 4
        has_point = report["latitude"] is not None
        assert has_point == (report["longitude"] is not None)
        if report["place_precision"] == "point":
            assert has_point
        if report["place_precision"] in ("subdistrict", "district", "governorate"):
            assert not has_point
    incidents = {i["key"]: i for i in demo.incidents}
    for report in demo.reports:
        assert report["received_at"].tzinfo is not None
        assert report["received_at"].date() >= incidents[report["incident_key"]]["date"]


def test_periods_and_peak_month(demo: DemoSet) -> None:
    for incident in demo.incidents:
        if incident["type"] in VIOLENT:
            assert date(2019, 7, 1) <= incident["date"] <= date(2020, 6, 30)
        else:
            assert date(2019, 10, 1) <= incident["date"] <= date(2020, 3, 31)
    for result in (demo, generate_demo(PLACES, seed=11)):
        months = Counter(_month(i["date"]) for i in result.incidents)
        assert months.most_common(1)[0][0] == (2020, 1)
        assert months[(2020, 1)] > max(n for m, n in months.items() if m != (2020, 1))
        assert all(months[(y, m)] for y, m in [(2019, 10), (2019, 11), (2019, 12), (2020, 2), (2020, 3)])  # fmt: skip


def test_type_mix_like_the_centres_report(demo: DemoSet) -> None:
    types = Counter(i["type"] for i in demo.incidents)
    assert set(types) == set(INCIDENT_TYPES)
    assert types["explosion"] > types["assassination"] > max(types["detention"], types["abduction"])
    assert set(Counter(r["type"] for r in demo.reports)) == set(INCIDENT_TYPES)
    assert len({i["target_status"] for i in demo.incidents}) >= 6
    assert {"local", "foreign", "unknown"} <= {r["perpetrator_type"] for r in demo.reports}


def test_all_source_types_and_both_languages(demo: DemoSet) -> None:
    sources = {s["key"]: s for s in demo.sources}
    used = Counter(sources[r["source_key"]]["source_type"] for r in demo.reports)
    assert set(used) == set(SOURCE_TYPES)
    assert any(r["narrative_ar"] for r in demo.reports)
    assert any(r["narrative_en"] for r in demo.reports)
    for report in demo.reports:
        source = sources[report["source_key"]]
        assert report["narrative_ar"] or report["narrative_en"]
        if source["source_type"] == "partner_ngo":
            assert report["narrative_ar"] and report["narrative_en"]
        elif source["language"] == "ar":
            assert report["narrative_ar"] and report["narrative_en"] is None
        else:
            assert report["narrative_en"] and report["narrative_ar"] is None
        if source["source_type"] == "observation_point":
            assert report["url"] is None and report["observation_place"]
        else:
            assert report["observation_place"] is None
    mixed = [
        reports
        for reports in _by_incident(demo).values()
        if {sources[r["source_key"]]["language"] for r in reports} == {"ar", "en"}
    ]
    assert len(mixed) >= 10  # one account in Arabic, another in English


def test_sources_disagree_like_real_ones(demo: DemoSet) -> None:
    multi = [reports for reports in _by_incident(demo).values() if len(reports) > 1]
    assert len(multi) >= 100

    def differ(field: str | tuple[str, ...]) -> int:
        fields = (field,) if isinstance(field, str) else field
        return sum(len({tuple(r[f] for f in fields) for r in reports}) > 1 for reports in multi)

    assert differ(("killed", "injured")) >= 0.3 * len(multi)
    assert differ(("date", "date_precision")) >= 10
    assert differ("perpetrator_key") >= 10
    assert differ("place_precision") >= 10
    assert differ("type") >= 1
    precisions = Counter(r["date_precision"] for r in demo.reports)
    assert precisions["day"] > precisions["month"] > 0
    assert {"point", "community", "subdistrict", "governorate"} <= {
        r["place_precision"] for r in demo.reports
    }
    confused = sum(
        len({r["killed"] for r in reports}) > 1 and len({r["injured"] for r in reports}) > 1
        for reports in multi
    )
    assert confused >= 5


def test_place_texts_vary_for_the_same_place(demo: DemoSet) -> None:
    texts: dict[str, set[str]] = defaultdict(set)
    for report in demo.reports:
        if report["place_precision"] in ("community", "point"):
            texts[report["place_pcode"]].add(report["place_text"])
    assert sum(len(v) >= 3 for v in texts.values()) >= 5
    bukamal = texts["C5001"]
    assert len(bukamal) >= 2
    assert bukamal <= {
        t for t in bukamal if "كمال" in t or "kamal" in t.casefold() or "bukamal" in t.casefold()
    }


def test_look_alike_incidents_are_distinct(demo: DemoSet) -> None:
    same_day_place = Counter(
        (i["date"], i["place_pcode"]) for i in demo.incidents if i["type"] == "explosion"
    )
    assert any(n >= 2 for n in same_day_place.values())


def test_sources_never_leak_into_text(demo: DemoSet) -> None:
    secrets = [s["identity"] for s in demo.sources] + [s["contact"] for s in demo.sources]
    names = [s["name"] for s in demo.sources]
    free_text = ("narrative_ar", "narrative_en", "place_text", "target", "perpetrator_text")
    for report in demo.reports:
        for field in free_text + ("observation_place", "url"):
            value = report[field] or ""
            assert not any(secret in value for secret in secrets), (report["key"], field)
        for field in free_text:
            value = report[field] or ""
            assert not any(name in value for name in names), (report["key"], field)
    for incident in demo.incidents:
        for field in ("summary_en", "summary_ar", "target"):
            assert not any(secret in incident[field] for secret in secrets + names)
    assert len(set(secrets)) == len(secrets)


def test_json_serialisable(demo: DemoSet) -> None:
    payload = {
        "actors": demo.actors,
        "sources": demo.sources,
        "incidents": demo.incidents,
        "reports": demo.reports,
    }
    text = json.dumps(payload, default=lambda v: v.isoformat(), ensure_ascii=False)
    assert "البوكمال" in text
    for actor in demo.actors:
        assert any("\u0600" <= ch <= "\u06ff" for ch in actor["name_ar"])
        assert actor["aliases"]


def test_small_and_odd_inputs() -> None:
    one = [DemoPlace("C0001", "Somewhere", "مكان ما", 35.0, 38.0, "SY04")]
    small = generate_demo(one, incidents=10)
    assert len(small.incidents) == 10
    assert all(i["place_pcode"] == "C0001" for i in small.incidents)
    assert {r["incident_key"] for r in small.reports} == {i["key"] for i in small.incidents}
    with pytest.raises(ValueError):
        generate_demo([])
    with pytest.raises(ValueError):
        generate_demo(one, incidents=0)


def test_never_imports_django() -> None:
    code = (
        "import sys, marsad.engines.demo as d; "
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_same_output_whatever_the_hash_seed() -> None:
    code = (
        "import hashlib, json, sys; sys.path.insert(0, 'tests/engines'); import test_demo as t; "
        "d = t.generate_demo(t.PLACES); "
        "print(hashlib.sha256(json.dumps([d.actors, d.sources, d.incidents, d.reports], "
        "default=str, ensure_ascii=False).encode()).hexdigest())"
    )
    root = str(Path(__file__).resolve().parents[2])
    digests = {
        subprocess.run(
            [sys.executable, "-c", code],
            check=True,
            capture_output=True,
            text=True,
            cwd=root,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    assert len(digests) == 1
