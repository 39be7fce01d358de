"""ACLED export rows -> Marsad import rows (marsad.engines.acled), and format detection.

``data/acled_sample.csv`` is hand-made: invented events in ACLED's export layout (ACLED's real
rows may not be redistributed).
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
import yaml

from marsad.engines.acled import acled_row, parse_event_date
from marsad.engines.external_events import (
    CANONICAL_COLUMNS,
    ExternalRow,
    Rejection,
    detect_external_format,
    external_row,
    governorate_of,
    load_rules,
    load_ruleset,
    parse_ruleset,
)

SAMPLE = Path(__file__).parent / "data" / "acled_sample.csv"


@pytest.fixture(scope="module")
def sample() -> dict[str, dict[str, str]]:
    with SAMPLE.open(encoding="utf-8", newline="") as fh:
        return {row["event_id_cnty"]: row for row in csv.DictReader(fh)}


def mapped(sample: dict[str, dict[str, str]], event_id: str) -> ExternalRow:
    result = acled_row(sample[event_id])
    assert isinstance(result, ExternalRow), result
    return result


# -- (3) the sample, row by row ------------------------------------------------------------------

# id, rule, type, method or operation type, target status, perpetrator type, killed
EXPECTED = [
    ("SYR900001", "acled.attack_gunmen", "assassination", "gunfire", "civilian", "unknown", "1"),
    (
        "SYR900002",
        "acled.assassination",
        "assassination",
        "gunfire",
        "police_security",
        "unknown",
        "1",
    ),
    (
        "SYR900003",
        "acled.assassination_explosive",
        "assassination",
        "ied",
        "military",
        "unknown",
        "1",
    ),
    ("SYR900004", "acled.remote_explosive", "explosion", "car_bomb", "civilian", "unknown", "6"),
    ("SYR900005", "acled.remote_explosive", "explosion", "mine", "civilian", "unknown", "1"),
    ("SYR900006", "acled.remote_explosive", "explosion", "ied", "military", "local", "2"),
    ("SYR900007", "acled.suicide_bomb", "explosion", "suicide_attack", "military", "local", "4"),
    ("SYR900008", "acled.grenade", "explosion", "grenade", "civilian", "unknown", "0"),
    (
        "SYR900009",
        "acled.disappearance_security",
        "detention",
        "enforced_disappearance",
        "civilian",
        "foreign",
        "0",
    ),
    (
        "SYR900010",
        "acled.disappearance_state",
        "detention",
        "enforced_disappearance",
        "civilian",
        "local",
        "0",
    ),
    ("SYR900011", "acled.abduction", "abduction", "abduction", "civilian", "unknown", "0"),
    ("SYR900012", "acled.abduction", "abduction", "abduction", "civilian", "local", "0"),
    ("SYR900013", "acled.arrests", "detention", "arrest", "civilian", "local", "0"),
    ("SYR900014", "acled.arrests", "detention", "arrest", "civilian", "local", "0"),
    ("SYR900015", "acled.air_strike", "armed_violence", "air_strike", "civilian", "foreign", "5"),
    ("SYR900016", "acled.shelling", "armed_violence", "shelling", "military", "local", "2"),
    ("SYR900017", "acled.armed_clash", "armed_violence", "gunfire", "military", "local", "11"),
    ("SYR900018", "acled.armed_clash", "armed_violence", "gunfire", "military", "local", "7"),
    ("SYR900021", "acled.riot_fatal", "armed_violence", "other", "military", "local", "1"),
    ("SYR900024", "acled.fallback", "armed_violence", "other", "military", "local", "3"),
    ("SYR900025", "acled.attack", "armed_violence", "gunfire", "civilian", "local", "1"),
    ("SYR900026", "acled.attack", "armed_violence", "other", "media_worker", "local", "0"),
    ("SYR900027", "acled.remote_explosive", "explosion", "car_bomb", "civilian", "unknown", "3"),
    ("SYR900028", "acled.fallback", "armed_violence", "other", "civilian", "unknown", "0"),
    ("SYR900029", "acled.air_strike", "armed_violence", "air_strike", "military", "foreign", "2"),
    ("SYR900030", "acled.remote_explosive", "explosion", "mine", "civilian", "unknown", "2"),
    ("SYR900032", "acled.attack", "armed_violence", "gunfire", "civilian", "unknown", "0"),
]

REJECTED = {
    "SYR900019": "acled.reject_protests",
    "SYR900020": "acled.reject_riots",
    "SYR900022": "acled.reject_strategic",
    "SYR900023": "acled.reject_strategic",
    "SYR900031": "not Syria",
    "SYR900033": "event_date",
}


def test_sample_is_small_and_in_acled_layout(sample: dict[str, dict[str, str]]) -> None:
    with SAMPLE.open(encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert header[:3] == ["event_id_cnty", "event_date", "year"]
    assert {"sub_event_type", "civilian_targeting", "geo_precision", "source_scale", "tags"} <= set(
        header
    )
    assert 25 <= len(sample) <= 40
    assert set(sample) == {e[0] for e in EXPECTED} | set(REJECTED)


@pytest.mark.parametrize(("event_id", "rule", "kind", "how", "status", "perp", "killed"), EXPECTED)
def test_sample_rows(
    sample: dict[str, dict[str, str]],
    event_id: str,
    rule: str,
    kind: str,
    how: str,
    status: str,
    perp: str,
    killed: str,
) -> None:
    result = mapped(sample, event_id)
    v = result.values
    assert tuple(v) == CANONICAL_COLUMNS
    assert result.rule == rule
    assert v["type"] == kind
    assert (v["method"] or v["operation_type"]) == how
    if kind in ("detention", "abduction"):
        assert v["method"] == ""
    else:
        assert v["operation_type"] == ""
    assert v["target_status"] == status
    assert v["perpetrator_type"] == perp
    assert v["killed"] == killed
    assert v["report_id"] == event_id
    assert (v["source_type"], v["source_name"]) == ("external_dataset", "ACLED")
    assert v["narrative_en"] == sample[event_id]["notes"]
    assert v["perpetrator"] == sample[event_id]["actor1"]
    for key in ("source", "source_scale", "sub_event_type", "event_type", "interaction", "notes"):
        assert result.extra[key] == sample[event_id][key]


@pytest.mark.parametrize(("event_id", "why"), sorted(REJECTED.items()))
def test_sample_rejections(sample: dict[str, dict[str, str]], event_id: str, why: str) -> None:
    result = acled_row(sample[event_id])
    assert isinstance(result, Rejection)
    assert why in result.reason_en
    assert result.reason_ar


def test_every_acled_rule_is_exercised_by_the_sample(sample: dict[str, dict[str, str]]) -> None:
    fired = {e[1] for e in EXPECTED} | {r for r in REJECTED.values() if r.startswith("acled.")}
    fired |= {"acled.assassination_grenade"}  # covered below
    assert fired == {r.id for r in load_rules("acled")}


def test_grenade_assassination(sample: dict[str, dict[str, str]]) -> None:
    row = dict(sample["SYR900008"], notes="An assassination attempt with a grenade in Al Bab.")
    result = acled_row(row)
    assert isinstance(result, ExternalRow)
    assert (result.rule, result.values["type"], result.values["method"]) == (
        "acled.assassination_grenade",
        "assassination",
        "grenade",
    )


def test_detention_or_abduction_depends_on_the_actor(sample: dict[str, dict[str, str]]) -> None:
    base = sample["SYR900011"]  # abduction by an unidentified armed group
    cases = [
        ({}, "abduction", "abduction"),
        (
            {"actor1": "Military Forces of Syria (2000-2024)", "inter1": "1"},
            "detention",
            "enforced_disappearance",
        ),
        (
            {"actor1": "Military Forces of Syria (2000-2024)", "inter1": "State forces"},
            "detention",
            "enforced_disappearance",
        ),
        (
            {"actor1": "Police Forces of Syria (2000-2024)", "inter1": ""},
            "detention",
            "enforced_disappearance",
        ),
        (
            {"actor1": "Military Forces of Turkey (2016-)", "inter1": "8"},
            "detention",
            "enforced_disappearance",
        ),
        (
            {"actor1": "QSD: Syrian Democratic Forces", "assoc_actor_1": "Asayish", "inter1": "2"},
            "abduction",
            "abduction",
        ),
        (
            {"actor1": "Asayish: Kurdish Internal Security Forces", "inter1": "2"},
            "detention",
            "enforced_disappearance",
        ),
        ({"actor1": "HTS: Hayat Tahrir al Sham", "inter1": "2"}, "abduction", "abduction"),
    ]
    for changes, kind, operation in cases:
        result = acled_row(dict(base, **changes))
        assert isinstance(result, ExternalRow)
        assert (result.values["type"], result.values["operation_type"]) == (kind, operation), (
            changes
        )


def test_fatalities(sample: dict[str, dict[str, str]]) -> None:
    civilian = mapped(sample, "SYR900004").values  # civilian targeting: all dead are civilians
    assert (civilian["killed"], civilian["killed_civilian"]) == ("6", "6")
    battle = mapped(sample, "SYR900017").values  # no breakdown in ACLED
    assert (battle["killed"], battle["killed_civilian"], battle["killed_military"]) == (
        "11",
        "",
        "",
    )
    assert battle["injured"] == ""
    blank = acled_row(dict(sample["SYR900017"], fatalities=""))
    assert isinstance(blank, ExternalRow) and blank.values["killed"] == ""
    bad = acled_row(dict(sample["SYR900017"], fatalities="several"))
    assert isinstance(bad, Rejection) and "fatalities" in bad.reason_en


def test_date_precision(sample: dict[str, dict[str, str]]) -> None:
    day = mapped(sample, "SYR900001").values
    assert (day["date"], day["date_precision"], day["date_end"]) == ("2020-01-15", "day", "")
    week = mapped(sample, "SYR900016").values  # time_precision 2, coded 17 April 2020
    assert (week["date"], week["date_precision"], week["date_end"]) == (
        "2020-04-14",
        "range",
        "2020-04-20",
    )
    month = mapped(sample, "SYR900018").values  # time_precision 3, coded 15 May 2020
    assert (month["date"], month["date_precision"], month["date_end"]) == (
        "2020-05-01",
        "month",
        "",
    )
    iso = mapped(sample, "SYR900032").values  # event_date written 2020-03-04
    assert iso["date"] == "2020-03-04"


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("15 January 2020", "2020-01-15"),
        ("2020-01-15", "2020-01-15"),
        ("15-January-2020", "2020-01-15"),
        ("15 Jan 2020", "2020-01-15"),
        ("January 15, 2020", "2020-01-15"),
        ("", None),
        ("soon", None),
    ],
)
def test_parse_event_date(text: str, day: str | None) -> None:
    parsed = parse_event_date(text)
    assert (parsed.isoformat() if parsed else None) == day


def test_place_precision(sample: dict[str, dict[str, str]]) -> None:
    point = mapped(sample, "SYR900001").values  # geo_precision 1: Jasim
    assert (point["pcode"], point["place_precision"], point["place"]) == (
        "C6111",
        "community",
        "Jasim",
    )
    assert (point["latitude"], point["longitude"]) == ("32.9865", "36.0627")
    near = mapped(sample, "SYR900017").values  # geo_precision 2: admin3 Saraqab
    assert (near["pcode"], near["place_precision"]) == ("SY070003", "subdistrict")
    region = mapped(sample, "SYR900018").values  # geo_precision 3: Deir-ez-Zor governorate
    assert (region["pcode"], region["place_precision"]) == ("SY09", "governorate")
    no_admin3 = acled_row(dict(sample["SYR900017"], admin3=""))  # the point's sub-district
    assert isinstance(no_admin3, ExternalRow)
    assert no_admin3.values["place_precision"] == "subdistrict"
    moved = acled_row(dict(sample["SYR900001"], admin1="Quneitra", admin2="", admin3=""))
    assert isinstance(moved, ExternalRow)  # the named governorate wins over the point
    assert governorate_of(moved.values["pcode"]) == "SY14"


def test_extra_keeps_the_raw_fields(sample: dict[str, dict[str, str]]) -> None:
    result = mapped(sample, "SYR900028")
    assert result.extra["tags"] == "women targeted: girls"
    assert result.extra["timestamp"] == sample["SYR900028"]["timestamp"]
    assert result.extra["source"] == sample["SYR900028"]["source"]


def test_deterministic(sample: dict[str, dict[str, str]]) -> None:
    assert [acled_row(r) for r in sample.values()] == [acled_row(dict(r)) for r in sample.values()]


def test_external_row_dispatches(sample: dict[str, dict[str, str]]) -> None:
    assert external_row("acled", sample["SYR900004"]) == acled_row(sample["SYR900004"])
    with pytest.raises(ValueError):
        external_row("gdelt", {})


# -- (4) format detection --------------------------------------------------------------------------


def test_detect_acled_from_the_sample_header() -> None:
    with SAMPLE.open(encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert detect_external_format(header) == "acled"


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        (
            ["id", "year", "type_of_violence", "where_prec", "date_start", "date_end", "best"],
            "ucdp",
        ),
        (["\ufeffID", "TYPE_OF_VIOLENCE", "WHERE_PREC", "DATE_START", "BEST "], "ucdp"),
        (["EVENT_ID_CNTY", "EVENT_DATE", "SUB_EVENT_TYPE", "FATALITIES"], "acled"),
        (
            ["event_id_cnty", "event_date", "event_type", "sub_event_type", "notes", "fatalities"],
            "acled",
        ),
        (["report_id", "date", "type", "place", "killed"], None),
        (["id", "best"], None),
        ([], None),
    ],
)
def test_detect_external_format(columns: list[str], expected: str | None) -> None:
    assert detect_external_format(columns) == expected


def test_detect_ucdp_from_the_real_header() -> None:
    sample = Path(__file__).parents[1] / "transfer/data/ucdp_ged_syria_sample300.csv"
    with sample.open(encoding="utf-8", newline="") as fh:
        assert detect_external_format(next(csv.reader(fh))) == "ucdp"


# -- (5) the rules file ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["ucdp", "acled"])
def test_rules_yaml_loads(fmt: str) -> None:
    rules = load_rules(fmt)
    ids = [r.id for r in rules]
    assert len(ids) == len(set(ids))
    assert all(i.startswith(f"{fmt}.") for i in ids)
    assert all(len(r.description_en) > 10 for r in rules)
    assert rules[-1].is_fallback and not rules[-1].reject
    assert not any(r.is_fallback for r in rules[:-1])
    assert all(r.reason_en and r.reason_ar for r in rules if r.reject)


def _raw(fmt: str) -> dict[str, Any]:
    from importlib import resources

    path = resources.files("marsad") / "data" / "importers" / f"{fmt}_rules.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        (lambda d: d["rules"].append(dict(d["rules"][0])), "duplicate"),
        (lambda d: d["rules"].pop(), "fallback"),
        (lambda d: d["rules"][0].pop("description_en"), "description_en"),
        (lambda d: d["rules"][0].update(type="looting"), "unknown type"),
        (lambda d: d["rules"][0].update(method="knife"), "unknown method"),
        (lambda d: d["rules"][0].update(match={"text": ["("]}), "bad pattern"),
    ],
)
def test_broken_rules_are_refused(breakage: Any, message: str) -> None:
    data = _raw("ucdp")
    breakage(data)
    with pytest.raises(ValueError, match=message):
        parse_ruleset(data, "ucdp")


@pytest.mark.parametrize("fmt", ["ucdp", "acled"])
def test_every_rule_is_documented(fmt: str) -> None:
    doc = (Path(__file__).parents[2] / "docs" / "external-data.md").read_text(encoding="utf-8")
    missing = [r.id for r in load_rules(fmt) if f"`{r.id}`" not in doc]
    assert missing == []


def test_rulesets_are_cached() -> None:
    assert load_ruleset("acled") is load_ruleset("acled")
