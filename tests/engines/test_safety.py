"""Safe-environment indicators: rates per 100,000 people under each party, a composite a study
can recompute from the row itself, and no invented population (no Django)."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pytest

from marsad.engines.control import ControlLayer, ControlPeriod, default_control_path
from marsad.engines.control import parse_control_csv as parse
from marsad.engines.gazetteer import Gazetteer, Place, default_gazetteer
from marsad.engines.safety import INDICATORS, safety_indicators

D = dt.date
APRIL = (D(2020, 4, 1), D(2020, 4, 30))  # 30 days: ten days are a third of the month


def place(pcode, level, parent, population=None):
    return Place(
        pcode, level, f"{pcode} en", f"{pcode} ar", parent, 33.0, 36.0, (), population, "test"
    )


@pytest.fixture(scope="module")
def gz():
    return Gazetteer(
        [
            place("G1", "governorate", None, 999_999),
            place("G1D", "district", "G1"),
            place("S1", "subdistrict", "G1D", 1_000),
            place("S2", "subdistrict", "G1D", 2_000),
            place("S3", "subdistrict", "G1D"),  # population unknown
            place("C1", "community", "S1"),
        ]
    )


def period(pcode, party, start, end):
    return ControlPeriod(pcode, party, "", start, end, "test")


@pytest.fixture(scope="module")
def layer():
    return ControlLayer(
        [
            period("S1", "regime", D(2020, 1, 1), None),
            period("S2", "regime", D(2020, 1, 1), D(2020, 4, 10)),
            period("S2", "opposition", D(2020, 4, 11), None),
            period("S3", "aa", D(2020, 1, 1), None),
        ]
    )


TEXT = (
    "type",
    "status",
    "confidence",
    "controlling_party",
    "date_precision",
    "pcode",
    "place_precision",
)
SCHEMA = pa.schema(
    [("incident_id", pa.int64()), ("date", pa.date32()), ("date_end", pa.date32())]
    + [(name, pa.string()) for name in TEXT]
    + [(name, pa.int64()) for name in ("killed_best", "injured_best", "number_targeted")]
)


def incidents(*rows):
    base = {
        "type": "assassination",
        "status": "verified",
        "confidence": "confirmed",
        "controlling_party": "regime",
        "date": D(2020, 4, 5),
        "date_precision": "day",
        "date_end": None,
        "pcode": "C1",
        "place_precision": "community",
        "killed_best": None,
        "injured_best": None,
        "number_targeted": None,
    }
    rows = [{**base, "incident_id": i, **row} for i, row in enumerate(rows)]
    return pa.Table.from_pylist(rows, schema=SCHEMA)


def run(table, gz, layer, dates=APRIL, **options):
    result = safety_indicators(
        table, gazetteer=gz, control=layer, date_from=dates[0], date_to=dates[1], **options
    )
    return {(r["controlling_party"], r["month"]): r for r in result.to_pylist()}


def test_population_is_that_of_the_sub_districts_held_weighted_by_days(gz, layer):
    rows = run(incidents(), gz, layer)
    regime, opposition = rows[("regime", "2020-04")], rows[("opposition", "2020-04")]
    assert regime["population"] == round(1_000 + 2_000 * 10 / 30)
    assert (regime["population_subdistricts"], opposition["population"]) == (
        2,
        round(2_000 * 20 / 30),
    )
    assert "sub-districts" in regime["population_source"]


def test_a_sub_district_of_unknown_population_leaves_the_rate_unknown(gz, layer):
    rows = run(incidents({"controlling_party": "aa", "pcode": "S3", "killed_best": 2}), gz, layer)
    aa = rows[("aa", "2020-04")]
    assert aa["incidents_assassination"] == 1 and aa["casualties_assassination"] == 2
    assert aa["population"] is None and aa["composite"] is None
    assert aa["incidents_assassination_per_100k"] is None
    assert "S3" in aa["population_source"]


def test_the_composite_is_recomputable_from_the_row(gz, layer):
    table = incidents(
        {"killed_best": 1, "injured_best": 2},
        {"killed_best": 1},
        {"type": "explosion"},  # no figure: counted as an incident, listed as unknown
        {"type": "detention", "number_targeted": 5},
        {"type": "abduction", "number_targeted": 1, "killed_best": 9},  # people taken, not killed
    )
    row = run(table, gz, layer)[("regime", "2020-04")]
    assert [row[f"incidents_{i}"] for i in INDICATORS] == [2, 1, 1, 1]
    assert [row[f"casualties_{i}"] for i in INDICATORS] == [4, 0, 5, 1]
    assert row["casualty_figures_unknown"] == 1
    by_hand = sum(
        (row[f"incidents_{i}"] + row[f"casualties_{i}"]) * 100_000 / row["population"]
        for i in INDICATORS
    )
    assert row["composite"] == pytest.approx(by_hand)
    assert row["casualties_detention_per_100k"] == pytest.approx(5 * 100_000 / row["population"])
    weighted = run(table, gz, layer, weights={"assassination": 2})[("regime", "2020-04")]
    assert weighted["composite"] == pytest.approx(by_hand + (2 + 4) * 100_000 / row["population"])


def test_trend_compares_with_the_month_before_even_before_the_period(gz, layer):
    table = incidents({"date": D(2020, 3, 20)}, {"date": D(2020, 3, 21)}, {})
    rows = run(table, gz, layer)
    april = rows[("regime", "2020-04")]
    assert ("regime", "2020-03") not in rows  # the month before is only the baseline
    march_population = 3_000  # S1 and S2, all of March
    assert april["composite_previous"] == pytest.approx(2 * 100_000 / march_population)
    assert april["trend"] == pytest.approx(april["composite"] - april["composite_previous"])
    assert april["trend_direction"] == "better"
    assert rows[("opposition", "2020-04")]["trend"] is None  # held nothing in March


def test_what_is_counted(gz, layer):
    table = incidents(
        {"status": "rejected"},
        {"confidence": "discounted"},
        {"type": "shelling"},  # not one of the four indicators
        {"date": D(2020, 4, 1), "date_precision": "month"},  # known to the month: counted
        {"date": D(2020, 4, 28), "date_end": D(2020, 5, 3), "date_precision": "range"},
        {"status": "published"},
    )
    rows = run(table, gz, layer)
    assert rows[("regime", "2020-04")]["incidents_assassination"] == 2
    published = run(table, gz, layer, statuses=["published"])
    assert published[("regime", "2020-04")]["incidents_assassination"] == 1


def test_incidents_without_a_party_keep_a_row_without_a_rate(gz, layer):
    rows = run(
        incidents({"controlling_party": None, "pcode": "G1", "place_precision": "governorate"}),
        gz,
        layer,
    )
    unknown = rows[(None, "2020-04")]
    assert unknown["incidents_assassination"] == 1 and unknown["population"] is None
    assert "not recorded" in unknown["population_source"]


def test_every_party_held_area_has_a_row_even_without_incidents(gz, layer):
    rows = run(incidents(), gz, layer, dates=(D(2020, 1, 15), D(2020, 4, 2)))
    assert {month for _, month in rows} == {"2020-01", "2020-02", "2020-03", "2020-04"}
    assert rows[("regime", "2020-02")]["composite"] == 0.0


def test_with_the_shipped_gazetteer_and_control_layer():
    """Daraa was held by the regime throughout: its population is the sum of its sub-districts."""
    gazetteer = default_gazetteer()
    layer = ControlLayer(parse(default_control_path()))
    table = incidents({"pcode": "SY120301", "place_precision": "subdistrict", "killed_best": 3})
    rows = safety_indicators(
        table, gazetteer=gazetteer, control=layer, date_from=D(2020, 1, 1), date_to=D(2020, 1, 31)
    ).to_pylist()
    daraa = [r for r in rows if r["governorate"] == "SY12"]
    assert [r["controlling_party"] for r in daraa] == ["regime"]
    subdistricts = [p for p in gazetteer.places_at("subdistrict") if p.pcode.startswith("SY12")]
    assert daraa[0]["population"] == sum(p.population for p in subdistricts)
    assert daraa[0]["governorate_name_ar"] and daraa[0]["controlling_party_ar"] == "النظام"


def test_bad_periods_and_weights_are_refused(gz, layer):
    with pytest.raises(ValueError, match="before"):
        run(incidents(), gz, layer, dates=(D(2020, 4, 2), D(2020, 4, 1)))
    with pytest.raises(ValueError, match="indicator"):
        run(incidents(), gz, layer, weights={"looting": 2})
