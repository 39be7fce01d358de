"""The analysis engine: DuckDB group-by over an Arrow table of incidents (no Django)."""

from __future__ import annotations

import datetime as dt
import json
import random
from collections import Counter

import pyarrow as pa
import pytest

from marsad.engines.analysis import (
    DIMENSIONS,
    MEASURES,
    AnalysisError,
    analyse,
    compare,
    enrich,
    gazetteer_populations,
    peak,
    share,
    to_records,
)
from marsad.engines.gazetteer import default_gazetteer

D = dt.date
GOV = "SY12"  # Daraa governorate


@pytest.fixture(scope="module")
def gz():
    return default_gazetteer()


@pytest.fixture(scope="module")
def daraa(gz):
    """A community in Daraa and its sub-district, district and governorate."""
    for place in gz.places_at("community"):
        chain = gz.parents(place.pcode)
        if [p.level for p in chain] == ["subdistrict", "district", "governorate"] and (
            chain[-1].pcode == GOV
        ):
            return {"community": place.pcode, **{p.level: p.pcode for p in chain}}
    raise AssertionError("no community in Daraa")


SCHEMA = pa.schema(
    [
        ("incident_id", pa.int64()),
        ("type", pa.string()),
        ("method", pa.string()),
        ("operation_type", pa.string()),
        ("target_status", pa.string()),
        ("target_gender", pa.string()),
        ("perpetrator", pa.string()),
        ("perpetrator_type", pa.string()),
        ("status", pa.string()),
        ("confidence", pa.string()),
        ("controlling_party", pa.string()),
        ("controlling_sub_label", pa.string()),
        ("date", pa.date32()),
        ("date_precision", pa.string()),
        ("date_end", pa.date32()),
        ("pcode", pa.string()),
        ("place_precision", pa.string()),
        *[
            (name, pa.int64())
            for name in (
                "killed_low",
                "killed_best",
                "killed_high",
                "injured_low",
                "injured_best",
                "injured_high",
                "killed_civilian",
                "killed_military",
                "killed_unknown",
                "number_targeted",
                "report_count",
            )
        ],
        ("source_types", pa.list_(pa.string())),
    ]
)

_DEFAULTS: dict[str, object] = {
    "type": "explosion",
    "method": "ied",
    "status": "published",
    "confidence": "confirmed",
    "controlling_party": "regime",
    "controlling_sub_label": "",
    "date": D(2020, 1, 15),
    "date_precision": "day",
    "place_precision": "community",
    "killed_best": 0,
    "report_count": 1,
    "source_types": ["activist"],
}


def make(rows: list[dict[str, object]]) -> pa.Table:
    full = []
    for i, row in enumerate(rows, 1):
        record = {name: None for name in SCHEMA.names}
        record.update(_DEFAULTS)
        record["incident_id"] = i
        record.update(row)
        full.append(record)
    return pa.Table.from_pylist(full, schema=SCHEMA)


@pytest.fixture(scope="module")
def sample(gz, daraa):
    c = daraa["community"]
    rows = [
        {"type": "explosion", "pcode": c, "killed_best": 3, "killed_low": 2, "killed_high": 5},
        {"type": "explosion", "pcode": c, "killed_best": 2, "date": D(2020, 2, 3)},
        {"type": "assassination", "pcode": c, "killed_best": 1, "method": "gunfire"},
        {"type": "assassination", "pcode": GOV, "place_precision": "governorate", "killed_best": 1},
        {
            "type": "abduction",
            "pcode": daraa["district"],
            "place_precision": "district",
            "date": D(2020, 3, 1),
            "date_precision": "month",
            "number_targeted": 4,
        },
        {
            "type": "detention",
            "pcode": c,
            "date": D(2020, 1, 20),
            "date_precision": "range",
            "date_end": D(2020, 2, 10),
            "source_types": ["activist", "observation_point"],
        },
        {"type": "explosion", "pcode": c, "status": "rejected", "killed_best": 50},
        {"type": "explosion", "pcode": c, "confidence": "discounted", "killed_best": 40},
    ]
    return enrich(make(rows), gz)


def col(result: pa.Table, name: str) -> list[object]:
    return result[name].to_pylist()


def as_dict(result: pa.Table, key: str, measure: str = "incidents") -> dict[object, object]:
    return dict(zip(col(result, key), col(result, measure), strict=True))


# -- whitelists -----------------------------------------------------------------------------


def test_whitelists_cover_the_brief():
    assert {
        "type",
        "controlling_sub_label",
        "governorate",
        "community",
        "week",
        "half",
        "year",
        "source_type",
    } <= set(DIMENSIONS)
    assert {"incidents", "reports", "number_targeted", "killed_best_per_100k"} <= set(MEASURES)
    assert all(d.label_en and d.label_ar for d in DIMENSIONS.values())


# -- enrichment -----------------------------------------------------------------------------


def test_enrich_respects_place_precision(sample, daraa):
    rows = sample.to_pylist()
    community, governorate_only, district_only = rows[0], rows[3], rows[4]
    assert community["governorate"] == GOV
    assert community["district"] == daraa["district"]
    assert community["subdistrict"] == daraa["subdistrict"]
    assert community["community"] == daraa["community"]
    assert community["governorate_name_ar"] == "درعا"
    assert governorate_only["governorate"] == GOV
    assert governorate_only["district"] is None and governorate_only["community"] is None
    assert district_only["district"] == daraa["district"]
    assert district_only["subdistrict"] is None and district_only["community"] is None


def test_coarse_place_precision_on_a_community_code_is_respected(gz, daraa):
    table = enrich(make([{"pcode": daraa["community"], "place_precision": "district"}]), gz)
    row = table.to_pylist()[0]
    assert row["district"] == daraa["district"]
    assert row["subdistrict"] is None and row["community"] is None


def test_unknown_pcode_gives_null_places(gz):
    row = enrich(make([{"pcode": "NOPE"}]), gz).to_pylist()[0]
    assert row["governorate"] is None and row["community"] is None


def test_enrich_periods_respect_date_precision(gz):
    table = make(
        [
            {"date": D(2020, 1, 31)},
            {"date": D(2020, 1, 27), "date_precision": "week"},  # Monday, week ends in Feb
            {"date": D(2020, 3, 1), "date_precision": "month"},
            {"date": D(2020, 1, 20), "date_precision": "range", "date_end": D(2020, 2, 10)},
            {"date": D(2020, 5, 1), "date_precision": "range", "date_end": D(2020, 8, 1)},
            {"date": D(2020, 5, 1), "date_precision": "range"},
        ]
    )
    rows = enrich(table, gz).to_pylist()
    periods = ("day", "week", "month", "quarter", "half", "year")
    got = [tuple(r[p] for p in periods) for r in rows]
    assert got == [
        ("2020-01-31", "2020-W05", "2020-01", "2020-Q1", "2020-H1", "2020"),
        (None, "2020-W05", "2020-01", "2020-Q1", "2020-H1", "2020"),
        (None, None, "2020-03", "2020-Q1", "2020-H1", "2020"),
        (None, None, None, "2020-Q1", "2020-H1", "2020"),
        (None, None, None, None, None, "2020"),
        (None, None, None, None, None, None),
    ]


def test_week_labels_are_iso(gz):
    rows = enrich(make([{"date": D(2019, 12, 30)}, {"date": D(2021, 1, 3)}]), gz).to_pylist()
    assert [r["week"] for r in rows] == ["2020-W01", "2020-W53"]


# -- analyse --------------------------------------------------------------------------------


def test_counts_by_type_exclude_rejected_and_discounted(sample):
    result = analyse(sample, by=["type"])
    assert result.column_names == ["type", "incidents"]
    assert col(result, "type") == ["abduction", "assassination", "detention", "explosion"]
    assert col(result, "incidents") == [1, 2, 1, 2]


def test_killed_sums_and_total(sample):
    result = analyse(sample, by=["type"], measures=["killed_best", "killed_low", "reports"])
    assert as_dict(result, "type", "killed_best") == {
        "abduction": 0,
        "assassination": 2,
        "detention": 0,
        "explosion": 5,
    }
    assert as_dict(result, "type", "killed_low")["explosion"] == 2
    total = analyse(sample, measures=["incidents", "killed_best", "number_targeted"])
    assert total.to_pylist() == [{"incidents": 6, "killed_best": 7, "number_targeted": 4}]


def test_by_governorate_and_district_keeps_unknown_district(sample, daraa):
    by_gov = analyse(sample, by=["governorate"])
    assert by_gov.column_names == [
        "governorate",
        "governorate_name_en",
        "governorate_name_ar",
        "incidents",
    ]
    assert by_gov.to_pylist() == [
        {
            "governorate": GOV,
            "governorate_name_en": "Dar'a",
            "governorate_name_ar": "درعا",
            "incidents": 6,
        }
    ]
    by_district = analyse(sample, by=["district"], measures=["incidents", "killed_best"])
    assert as_dict(by_district, "district") == {daraa["district"]: 5, None: 1}
    assert col(by_district, "district")[-1] is None  # unknown last
    assert as_dict(by_district, "district", "killed_best")[None] == 1
    by_community = analyse(sample, by=["community"])
    assert as_dict(by_community, "community") == {daraa["community"]: 4, None: 2}


def test_by_month_with_month_precision_and_range(sample):
    by_month = analyse(sample, by=["month"])
    assert as_dict(by_month, "month") == {"2020-01": 3, "2020-02": 1, "2020-03": 1, None: 1}
    by_week = analyse(sample, by=["week"], where={"type": "abduction"})
    assert by_week.to_pylist() == [{"week": None, "incidents": 1}]
    by_year = analyse(sample, by=["year"], where={"type": "detention"})
    assert by_year.to_pylist() == [{"year": "2020", "incidents": 1}]


def test_analyse_enriches_itself_when_needed(daraa):
    table = make([{"pcode": daraa["community"]}, {"pcode": GOV, "place_precision": "governorate"}])
    result = analyse(table, by=["district", "month"])
    assert as_dict(result, "district") == {daraa["district"]: 1, None: 1}
    assert col(result, "month") == ["2020-01", "2020-01"]


def test_list_of_dicts_input():
    rows = make([{"type": "explosion"}, {"type": "explosion"}, {"type": "abduction"}]).to_pylist()
    assert as_dict(analyse(rows, by=["type"]), "type") == {"abduction": 1, "explosion": 2}


def test_empty_sub_label_groups_with_null():
    table = make(
        [
            {"controlling_party": "opposition", "controlling_sub_label": "olive_branch"},
            {"controlling_party": "regime", "controlling_sub_label": ""},
            {"controlling_party": "regime", "controlling_sub_label": None},
        ]
    )
    result = analyse(table, by=["controlling_party", "controlling_sub_label"])
    assert result.to_pylist() == [
        {
            "controlling_party": "opposition",
            "controlling_sub_label": "olive_branch",
            "incidents": 1,
        },
        {"controlling_party": "regime", "controlling_sub_label": None, "incidents": 2},
    ]


# -- filters --------------------------------------------------------------------------------


def test_where_single_value_and_list(sample):
    assert col(analyse(sample, where={"type": "explosion"}), "incidents") == [2]
    assert col(analyse(sample, where={"type": ["explosion", "abduction"]}), "incidents") == [3]
    assert col(analyse(sample, where={"governorate": GOV, "month": "2020-01"}), "incidents") == [3]
    assert col(analyse(sample, where={"type": []}), "incidents") == [0]


def test_date_filters_require_the_whole_range_inside(sample):
    jan = analyse(sample, date_from=D(2020, 1, 1), date_to=D(2020, 1, 31))
    assert col(jan, "incidents") == [3]  # the Jan-Feb range is not inside January
    jan_feb = analyse(sample, by=["type"], date_from=D(2020, 1, 1), date_to=D(2020, 2, 29))
    assert as_dict(jan_feb, "type") == {"assassination": 2, "detention": 1, "explosion": 2}
    assert col(analyse(sample, date_from=D(2020, 3, 1)), "incidents") == [1]


def test_status_filters(sample):
    assert col(analyse(sample, exclude_statuses=()), "incidents") == [7]
    assert col(analyse(sample, exclude_statuses=(), exclude_confidence=()), "incidents") == [8]
    assert col(analyse(sample, statuses=["rejected"], exclude_statuses=()), "incidents") == [1]
    assert col(analyse(sample, statuses=["published"]), "incidents") == [6]
    assert col(analyse(sample, statuses=["draft"]), "incidents") == [0]


def test_null_status_is_not_excluded_by_default():
    table = make([{"status": None, "confidence": None}])
    assert col(analyse(table), "incidents") == [1]


def test_sql_injection_in_a_value_is_just_a_value(sample):
    evil = "explosion' OR '1'='1"
    assert col(analyse(sample, where={"type": evil}), "incidents") == [0]
    evil2 = 'x"); DROP TABLE incidents; --'
    assert analyse(sample, by=["type"], where={"type": [evil2]}).num_rows == 0
    assert col(analyse(sample), "incidents") == [6]


# -- source types, rates --------------------------------------------------------------------


def test_source_type_unnests(sample):
    result = analyse(sample, by=["source_type"])
    assert as_dict(result, "source_type") == {"activist": 6, "observation_point": 1}
    filtered = analyse(sample, where={"source_type": "observation_point"})
    assert col(filtered, "incidents") == [1]
    both = analyse(sample, by=["source_type"], where={"source_type": "observation_point"})
    assert both.to_pylist() == [{"source_type": "observation_point", "incidents": 1}]


def test_source_type_duplicates_and_missing():
    table = make([{"source_types": ["a", "a", "b"]}, {"source_types": []}, {"source_types": None}])
    result = analyse(table, by=["source_type"])
    assert as_dict(result, "source_type") == {"a": 1, "b": 1, None: 2}


def test_rates_per_100k(sample, daraa):
    pops = {GOV: 1_000_000, daraa["district"]: 0}
    result = analyse(
        sample,
        by=["governorate"],
        measures=["incidents", "killed_best_per_100k", "incidents_per_100k"],
        populations=pops,
    )
    row = result.to_pylist()[0]
    assert row["killed_best_per_100k"] == pytest.approx(0.7)
    assert row["incidents_per_100k"] == pytest.approx(0.6)
    by_district = analyse(
        sample, by=["governorate", "district"], measures=["incidents_per_100k"], populations=pops
    )
    assert col(by_district, "incidents_per_100k") == [None, None]  # zero and unknown population
    no_place = analyse(sample, by=["type"], measures=["incidents_per_100k"], populations=pops)
    assert set(col(no_place, "incidents_per_100k")) == {None}
    no_pops = analyse(sample, by=["governorate"], measures=["incidents_per_100k"])
    assert col(no_pops, "incidents_per_100k") == [None]


def test_gazetteer_populations(gz):
    pops = gazetteer_populations(gz)
    assert pops[GOV] == 845000


# -- errors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs, words",
    [
        ({"by": ["colour"]}, "unknown dimension 'colour'"),
        ({"measures": ["wounded"]}, "unknown measure 'wounded'"),
        ({"where": {"colour": "red"}}, "unknown filter 'colour'"),
        ({"by": ["type", "type"]}, "repeated"),
        ({"measures": []}, "at least one measure"),
    ],
)
def test_unknown_names_raise(sample, kwargs, words):
    with pytest.raises(AnalysisError, match=words):
        analyse(sample, **kwargs)


def test_missing_column_raises():
    table = make([{}]).drop_columns(["killed_best"])
    with pytest.raises(AnalysisError, match="no column 'killed_best'"):
        analyse(table, measures=["killed_best"])


def test_analysis_error_is_a_value_error():
    assert issubclass(AnalysisError, ValueError)


# -- compare, peak, share, records ----------------------------------------------------------


def test_compare_periods(sample):
    result = compare(
        sample,
        by=["type"],
        measures=["incidents", "killed_best"],
        period_a=(D(2020, 1, 1), D(2020, 1, 31)),
        period_b=(D(2020, 2, 1), D(2020, 3, 31)),
    )
    rows = {r["type"]: r for r in result.to_pylist()}
    assert set(rows) == {"abduction", "assassination", "explosion"}
    explosion = rows["explosion"]
    assert (explosion["incidents_a"], explosion["incidents_b"]) == (1, 1)
    assert explosion["killed_best_change"] == -1
    assert explosion["killed_best_change_pct"] == pytest.approx(-100 / 3)
    abduction = rows["abduction"]
    assert (abduction["incidents_a"], abduction["incidents_change"]) == (0, 1)
    assert abduction["incidents_change_pct"] is None
    assassination = rows["assassination"]
    assert (assassination["incidents_a"], assassination["incidents_b"]) == (2, 0)
    assert assassination["incidents_change_pct"] == pytest.approx(-100.0)
    assert result.column_names[:5] == [
        "type",
        "incidents_a",
        "incidents_b",
        "incidents_change",
        "incidents_change_pct",
    ]


def test_peak_earliest_tie(sample):
    assert peak(sample) == ("2020-01", 3)
    tied = make([{"date": D(2020, 3, 5)}, {"date": D(2020, 1, 5)}, {"date": D(2020, 2, 5)}])
    assert peak(tied) == ("2020-01", 1)
    assert peak(tied, period="year") == ("2020", 3)
    assert peak(sample, measure="killed_best") == ("2020-01", 5)
    assert peak(sample, where={"type": "nothing"}) is None
    with pytest.raises(AnalysisError):
        peak(sample, period="governorate")


def test_share(sample):
    result = share(analyse(sample, by=["type"]), "incidents")
    assert sum(col(result, "incidents_share")) == pytest.approx(1.0)
    assert as_dict(result, "type", "incidents_share")["explosion"] == pytest.approx(2 / 6)
    with pytest.raises(AnalysisError):
        share(result, "killed_best")
    zero = share(analyse(sample, by=["type"], measures=["number_targeted"]), "number_targeted")
    assert as_dict(zero, "type", "number_targeted_share")["abduction"] == pytest.approx(1.0)
    assert as_dict(zero, "type", "number_targeted_share")["explosion"] == 0


def test_to_records_is_json_ready(sample):
    records = to_records(sample.slice(0, 2))
    assert records[0]["date"] == "2020-01-15"
    json.dumps(records)
    json.dumps(to_records(analyse(sample, by=["governorate", "month"])))


# -- scale ----------------------------------------------------------------------------------


def test_200k_rows_by_party_month_type(gz, daraa):
    rng = random.Random(7)
    n = 200_000
    parties = ["regime", "opposition", "aa", None]
    types = ["explosion", "assassination", "detention", "abduction"]
    start = D(2019, 1, 1)
    dates = [start + dt.timedelta(days=rng.randrange(730)) for _ in range(n)]
    party = [rng.choice(parties) for _ in range(n)]
    kind = [rng.choice(types) for _ in range(n)]
    killed = [rng.choice([None, 0, 1, 2, 5]) for _ in range(n)]
    table = pa.table(
        {
            "incident_id": pa.array(range(n), pa.int64()),
            "type": kind,
            "status": ["published"] * n,
            "confidence": ["confirmed"] * n,
            "controlling_party": party,
            "date": pa.array(dates, pa.date32()),
            "date_precision": ["day"] * n,
            "date_end": pa.nulls(n, pa.date32()),
            "pcode": [daraa["community"]] * n,
            "place_precision": ["community"] * n,
            "killed_best": pa.array(killed, pa.int64()),
        }
    )
    result = analyse(
        table, by=["controlling_party", "month", "type"], measures=["incidents", "killed_best"]
    )
    assert sum(col(result, "incidents")) == n
    assert sum(col(result, "killed_best")) == sum(k or 0 for k in killed)
    # Python reference on the groups of one party and month.
    ref_count: Counter[str] = Counter()
    ref_killed: Counter[str] = Counter()
    for d, p, t, k in zip(dates, party, kind, killed, strict=True):
        if p == "aa" and d.year == 2020 and d.month == 1:
            ref_count[t] += 1
            ref_killed[t] += k or 0
    got = [
        r for r in result.to_pylist() if (r["controlling_party"], r["month"]) == ("aa", "2020-01")
    ]
    assert {r["type"]: r["incidents"] for r in got} == dict(ref_count)
    assert {r["type"]: r["killed_best"] for r in got} == dict(ref_killed)
    nulls = [r for r in result.to_pylist() if r["controlling_party"] is None]
    assert sum(r["incidents"] for r in nulls) == party.count(None)


def test_concurrent_analyses_keep_their_own_tables():
    """Dashboards of several users run at once in one process; each sees its own incidents."""
    from concurrent.futures import ThreadPoolExecutor

    def count(n: int) -> int:
        table = make([{"type": "explosion", "date": dt.date(2020, 1, 1)}] * n)
        result = analyse(table, by=["type"], measures=["incidents"])
        return int(as_dict(result, "type")["explosion"])

    sizes = [1 + i % 7 for i in range(40)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        assert list(pool.map(count, sizes)) == sizes
