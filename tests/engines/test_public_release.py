"""Public releases: published incidents only, public columns only, places and dates coarsened."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.engines.export_fields import INCIDENT_FIELDS, NEVER_PUBLIC, REPORT_FIELDS
from marsad.engines.gazetteer import default_gazetteer
from marsad.engines.public_release import (
    DATE_LEVELS,
    PLACE_LEVELS,
    RELEASE_PLACE_LEVELS,
    ReleasePolicy,
    coarsen,
    is_releasable,
    public_fields,
    release,
)

GZ = default_gazetteer()
RANK = {level: rank for rank, level in enumerate(PLACE_LEVELS)}
ADMIN = ("governorate", "district", "subdistrict")
JASIM = "C6111"  # community in sub-district SY120301, district SY1203, governorate SY12 (Daraa)


def located(pcode: str, precision: str, **extra: object) -> dict[str, object]:
    place = GZ.get(pcode)
    assert place is not None
    record: dict[str, object] = {
        "incident_id": 1,
        "type": "assassination",
        "pcode": pcode,
        "place_name_en": place.name_en,
        "place_name_ar": place.name_ar,
        "latitude": place.latitude + 0.0123,  # a precise point near the place
        "longitude": place.longitude - 0.0071,
        "place_precision": precision,
        "date": datetime.date(2020, 1, 8),  # a Wednesday
        "date_precision": "day",
        "status": "published",
        "killed_best": 2,
        "report_ids": ["R-1"],
        "source_types": ["private_interview"],
        "source_name": "شبكة أخبار جاسم",
        "identity": "a name",
        "raw": {"x": 1},
    }
    for unit in [place, *GZ.parents(pcode)]:
        if unit.level in ADMIN:
            record[f"{unit.level}_pcode"] = unit.pcode
            record[f"{unit.level}_name_en"] = unit.name_en
            record[f"{unit.level}_name_ar"] = unit.name_ar
    record.update(extra)
    return record


def test_a_community_record_moves_to_its_subdistrict_and_monday():
    out = coarsen(located(JASIM, "community"), ReleasePolicy(), GZ)
    sub = GZ.get("SY120301")
    assert sub is not None
    assert out["pcode"] == "SY120301" and out["place_precision"] == "subdistrict"
    assert (out["place_name_en"], out["place_name_ar"]) == (sub.name_en, sub.name_ar)
    assert (out["latitude"], out["longitude"]) == (sub.latitude, sub.longitude)
    assert out["subdistrict_pcode"] == "SY120301"
    assert out["district_pcode"] == "SY1203" and out["governorate_pcode"] == "SY12"
    assert out["governorate_name_ar"] == "درعا"
    assert out["date"] == datetime.date(2020, 1, 6) and out["date_precision"] == "week"
    assert out["date_end"] is None
    assert out["killed_best"] == 2


def test_a_point_record_loses_its_point():
    out = coarsen(located(JASIM, "point"), ReleasePolicy(place_level="community"), GZ)
    place = GZ.get(JASIM)
    assert place is not None
    assert out["pcode"] == JASIM and out["place_precision"] == "community"
    assert (out["latitude"], out["longitude"]) == (place.latitude, place.longitude)


def test_a_governorate_record_is_never_refined():
    record = located("SY12", "governorate")
    out = coarsen(record, ReleasePolicy(place_level="community", date_level="day"), GZ)
    assert out["pcode"] == "SY12" and out["place_precision"] == "governorate"
    assert out["district_pcode"] is None and out["subdistrict_pcode"] is None
    # A community P-code with a governorate precision is released as the governorate.
    inconsistent = located(JASIM, "governorate")
    out = coarsen(inconsistent, ReleasePolicy(), GZ)
    assert out["pcode"] == "SY12" and out["place_precision"] == "governorate"
    assert out["subdistrict_pcode"] is None and out["subdistrict_name_en"] is None
    # No point recorded: none invented.
    out = coarsen(located(JASIM, "community", latitude=None, longitude=None), ReleasePolicy(), GZ)
    assert out["latitude"] is None and out["longitude"] is None


def test_district_policy_empties_the_subdistrict():
    out = coarsen(located(JASIM, "community"), ReleasePolicy(place_level="district"), GZ)
    assert out["pcode"] == "SY1203" and out["place_precision"] == "district"
    assert out["subdistrict_pcode"] is None and out["subdistrict_name_ar"] is None
    assert out["district_pcode"] == "SY1203"


def test_an_unknown_place_is_released_empty_or_at_a_known_parent():
    out = coarsen({**located(JASIM, "community"), "pcode": "C99999"}, ReleasePolicy(), GZ)
    assert out["pcode"] == "SY120301"  # from the record's sub-district P-code
    record = {
        "pcode": "C99999",
        "place_precision": "community",
        "latitude": 32.8,
        "longitude": 36.0,
    }
    out = coarsen(record, ReleasePolicy(), GZ)
    assert out["pcode"] is None and out["latitude"] is None and out["longitude"] is None
    assert out["place_precision"] == "subdistrict"


@pytest.mark.parametrize(
    ("date", "precision", "end", "level", "expected"),
    [
        ("2020-01-08", "day", None, "week", ("2020-01-06", "week", None)),
        ("2020-01-08", "day", None, "month", ("2020-01-01", "month", None)),
        ("2020-01-08", "day", None, "day", ("2020-01-08", "day", None)),
        ("2020-01-01", "month", None, "week", ("2020-01-01", "month", None)),
        ("2020-01-27", "week", None, "week", ("2020-01-27", "week", None)),
        ("2020-01-27", "week", None, "month", ("2020-01-01", "range", "2020-02-29")),
        ("2020-01-30", "week", None, "week", ("2020-01-27", "range", "2020-02-09")),
        ("2020-01-07", "range", "2020-01-09", "week", ("2020-01-06", "week", None)),
        ("2020-01-07", "range", "2020-01-20", "week", ("2020-01-06", "range", "2020-01-26")),
        ("2019-12-30", "range", "2020-01-03", "month", ("2019-12-01", "range", "2020-01-31")),
        ("2020-01-07", "range", "2020-01-20", "day", ("2020-01-07", "range", "2020-01-20")),
    ],
)
def test_dates_are_coarsened_to_the_policy(date, precision, end, level, expected):
    record = {"date": date, "date_precision": precision, "date_end": end}
    out = coarsen(record, ReleasePolicy(date_level=level), GZ)
    got = (
        out["date"].isoformat(),
        out["date_precision"],
        out["date_end"].isoformat() if out["date_end"] else None,
    )
    assert got == expected


def test_public_fields_leave_out_sources_and_dropped_fields():
    names = {f.name for f in public_fields(INCIDENT_FIELDS, ReleasePolicy())}
    assert not names & NEVER_PUBLIC
    assert {"report_ids", "source_types"}.isdisjoint(names)
    assert {"incident_id", "pcode", "killed_best", "confidence"} <= names
    dropped = public_fields(INCIDENT_FIELDS, ReleasePolicy(drop_fields=frozenset({"target"})))
    assert "target" not in {f.name for f in dropped}
    report_names = {f.name for f in public_fields(REPORT_FIELDS, ReleasePolicy())}
    assert {
        "report_id",
        "source_name",
        "source_type",
        "url",
        "observation_place",
        "received_at",
        "place",
        "narrative_ar",
    }.isdisjoint(report_names)


def test_coarsen_keeps_only_public_fields():
    out = coarsen(located(JASIM, "community"), ReleasePolicy(), GZ)
    assert list(out) == [f.name for f in public_fields(INCIDENT_FIELDS, ReleasePolicy())]
    assert "source_name" not in out and "identity" not in out and "report_ids" not in out


def test_unpublished_records_are_not_released():
    records = [located(JASIM, "community", status=s) for s in ("published", "verified", "draft")]
    policy = ReleasePolicy()
    assert [is_releasable(r, policy) for r in records] == [True, False, False]
    assert is_releasable({"type": "explosion"}, policy) is False
    assert len(list(release(records, policy, GZ))) == 1
    wider = ReleasePolicy(statuses=("published", "verified"))
    assert len(list(release(records, wider, GZ))) == 2


def test_a_policy_refuses_unknown_levels():
    with pytest.raises(ValueError):
        ReleasePolicy(place_level="point")
    with pytest.raises(ValueError):
        ReleasePolicy(date_level="year")


# -- property: nothing outside the public fields, nothing finer than the policy ---------------

SAMPLE_PCODES = sorted(
    p.pcode for level in ("governorate", "district") for p in GZ.places_at(level)
)
SAMPLE_PCODES += [p.pcode for p in GZ.places_at("subdistrict")][::7]
SAMPLE_PCODES += [p.pcode for p in GZ.places_at("community")][::97]
FIELD_NAMES = [f.name for f in INCIDENT_FIELDS]

pcodes = st.one_of(st.sampled_from(SAMPLE_PCODES), st.sampled_from(["C99999", "", "SY"]), st.none())
dates = st.one_of(
    st.dates(datetime.date(2010, 1, 1), datetime.date(2030, 12, 31)),
    st.dates(datetime.date(2010, 1, 1), datetime.date(2030, 12, 31)).map(datetime.date.isoformat),
    st.sampled_from(["", "not a date"]),
    st.none(),
)
records = st.fixed_dictionaries(
    {
        "pcode": pcodes,
        "governorate_pcode": pcodes,
        "district_pcode": pcodes,
        "subdistrict_pcode": pcodes,
        "subdistrict_name_en": st.text(max_size=5),
        "place_name_en": st.text(max_size=5),
        "place_precision": st.sampled_from([*PLACE_LEVELS, "", "bogus", None]),
        "latitude": st.one_of(st.floats(32, 37.5), st.none()),
        "longitude": st.one_of(st.floats(35.5, 42.5), st.none()),
        "date": dates,
        "date_precision": st.sampled_from(["day", "week", "month", "range", None, "bogus"]),
        "date_end": dates,
        "status": st.sampled_from(["published", "draft"]),
    },
    optional={name: st.text(max_size=5) for name in sorted(NEVER_PUBLIC | {"report_ids"})},
)
policies = st.builds(
    ReleasePolicy,
    place_level=st.sampled_from(RELEASE_PLACE_LEVELS),
    date_level=st.sampled_from(DATE_LEVELS),
    drop_fields=st.frozensets(st.sampled_from(FIELD_NAMES), max_size=4),
)


def extent(record) -> tuple[datetime.date, datetime.date] | None:
    from marsad.engines.export_values import as_date

    start = as_date(record.get("date"))
    if start is None:
        return None
    precision = record.get("date_precision")
    if precision == "week":
        return start, start + datetime.timedelta(days=6)
    if precision == "month":
        nxt = (start.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        return start, nxt - datetime.timedelta(days=1)
    if precision == "range":
        end = as_date(record.get("date_end"))
        return start, end if end is not None and end >= start else start
    return start, start


@settings(max_examples=300, deadline=None)
@given(records, policies)
def test_coarsen_never_leaks_or_refines(record, policy):
    out = coarsen(record, policy, GZ)
    allowed = {f.name for f in public_fields(INCIDENT_FIELDS, policy)}
    assert set(out) == allowed
    assert not set(out) & NEVER_PUBLIC
    # Place: re-coarsen with every field to see the place columns even if dropped.
    full = coarsen(record, ReleasePolicy(policy.place_level, policy.date_level), GZ)
    floor = RANK[policy.place_level]
    precision = full["place_precision"]
    assert precision in PLACE_LEVELS and RANK[precision] >= floor
    if record["place_precision"] in RANK and record["pcode"] and GZ.get(record["pcode"]):
        assert RANK[precision] >= RANK[record["place_precision"]]
    place = GZ.get(full["pcode"]) if full["pcode"] else None
    if full["pcode"] is not None:
        assert place is not None and place.level == precision
    for level in ADMIN:
        if RANK[level] < RANK[precision]:
            assert full[f"{level}_pcode"] is None and full[f"{level}_name_en"] is None
    if full["latitude"] is not None:
        assert place is not None
        assert (full["latitude"], full["longitude"]) == (place.latitude, place.longitude)
    else:
        assert full["longitude"] is None
    # Date: the released period covers the recorded one and is no finer than the policy.
    before, after = extent(record), extent(full)
    if before is None:
        assert full["date"] is None
    else:
        assert after is not None and after[0] <= before[0] and after[1] >= before[1]
        if policy.date_level == "week" and full["date_precision"] in ("week", "range"):
            assert full["date"].weekday() == 0
            if full["date_end"] is not None:
                assert full["date_end"].weekday() == 6
        if policy.date_level == "month" and full["date_precision"] in ("month", "range"):
            assert full["date"].day == 1
        if policy.date_level != "day":
            assert full["date_precision"] != "day"
