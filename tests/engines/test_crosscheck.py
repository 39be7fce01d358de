"""Cross-checking engine: blocking, scoring, Arabic/English matching, incremental scoring."""

from __future__ import annotations

import copy
import datetime as dt

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from marsad.engines import crosscheck as xc
from marsad.engines.arabic import normalise_arabic
from marsad.engines.crosscheck_generator import generate
from marsad.engines.crosscheck_model import parse_model

DAY = dt.date(2020, 3, 14)


def report(report_id: int, **values: object) -> dict[str, object]:
    base: dict[str, object] = {
        "report_id": report_id,
        "source_id": report_id * 10,
        "source_type": "activist_social_media",
        "type": "explosion",
        "method": "ied",
        "date": DAY,
        "date_precision": "day",
        "pcode": "C5167",
        "killed": 2,
        "injured": 1,
        "target_status": "military",
        "language": "en",
        "narrative": "An IED hit a military checkpoint in Abu Kamal, killing 2.",
    }
    base.update(values)
    return base


def pair(pairs: pa.Table, a: int, b: int) -> dict[str, object] | None:
    lo, hi = min(a, b), max(a, b)
    for row in pairs.to_pylist():
        if row["report_id_l"] == lo and row["report_id_r"] == hi:
            return row
    return None


def test_arabic_and_english_accounts_of_one_incident_match() -> None:
    arabic = report(
        1, pcode=None, place_text="البوكمال", language="ar", perpetrator="داعش",
        narrative="استهداف حاجز عسكري بعبوة ناسفة في البوكمال، ما أدى إلى مقتل ٢ من العناصر.",
    )  # fmt: skip
    english = report(
        2, pcode=None, place_text="Abu Kamal", perpetrator="ISIS cells",
        narrative="An IED hit a military checkpoint in Abu Kamal, killing 2 soldiers.",
    )  # fmt: skip
    result = xc.run([arabic, english])
    scored = pair(result.pairs, 1, 2)
    assert scored is not None
    assert scored["gamma_place"] == 0  # both names resolve to the town C5167
    assert scored["gamma_perpetrator"] == 0  # "داعش" and "ISIS cells" are one actor
    assert scored["gamma_target"] == 0  # حاجز = checkpoint
    assert scored["match_probability"] > 0.95
    assert len(set(result.clusters.column("cluster_id").to_pylist())) == 1


def test_month_precision_report_meets_its_day_precision_twin() -> None:
    day = report(1)
    month = report(2, date=dt.date(2020, 3, 1), date_precision="month", killed=None)
    other_month = report(3, date=dt.date(2020, 2, 1), date_precision="month", killed=None)
    pairs = xc.score([day, month, other_month])
    found = pair(pairs, 1, 2)
    assert found is not None
    assert xc.load_model().comparison("date").levels[found["gamma_date"]].name == "overlap_wide"
    assert pair(pairs, 1, 3) is None  # February does not contain 14 March


def test_a_district_level_report_meets_the_towns_inside_it() -> None:
    town = report(1)
    district = report(2, pcode="SY0902", narrative="An IED hit a checkpoint in the Abu Kamal area.")
    elsewhere = report(3, pcode="C6111")  # Jasim, Daraa
    pairs = xc.score([town, district, elsewhere])
    assert pair(pairs, 1, 2) is not None
    assert pair(pairs, 1, 3) is None and pair(pairs, 2, 3) is None


def test_a_name_followed_by_a_hint_is_looked_for_inside_the_hinted_area() -> None:
    # The import could not settle "قصق شمالي بريف حلب" (the hint lowers the whole-text match):
    # the engine looks for "قصق شمالي" inside Aleppo governorate and finds Northern Qasaq.
    town = report(1, pcode="C2110", place_text="Northern Qasaq")
    hinted = report(2, pcode=None, place_text="قصق شمالي بريف حلب", language="ar",
                    narrative="استهداف حاجز عسكري بعبوة ناسفة في قصق شمالي، ما أدى إلى مقتل ٢.")  # fmt: skip
    result = xc.run([town, hinted])
    scored = pair(result.pairs, 1, 2)
    assert scored is not None and scored["gamma_place"] == 0  # both in C2110
    assert len(set(result.clusters.column("cluster_id").to_pylist())) == 1
    # without the hint search the name stays unplaced and the two accounts never meet
    raw = copy.deepcopy(dict(xc.load_model().raw))
    raw["places"]["hint_levels"] = []
    assert pair(xc.score([town, hinted], model=parse_model(raw)), 1, 2) is None


def test_an_unplaced_account_is_a_missing_place_not_a_far_one() -> None:
    unplaced = report(2, pcode=None, place_text="xq zzv")  # matches no place at all
    scored = xc.score_pairs([report(1), unplaced], [(1, 2)])
    assert scored.column("gamma_place").to_pylist() == [-1]


def test_a_district_level_report_of_a_related_type_meets_the_town_report() -> None:
    # one source calls it an assassination, the other an explosion (same family); the district
    # report still meets the town report that names the same target
    town = report(1)
    district = report(2, pcode="SY0902", type="assassination",
                      narrative="An IED killed soldiers at a checkpoint in the Abu Kamal area.")  # fmt: skip
    detention = report(3, pcode="SY0902", type="detention", method=None,
                       narrative="Soldiers at a checkpoint in the Abu Kamal area were detained.")  # fmt: skip
    pairs = xc.score([town, district, detention])
    assert pair(pairs, 1, 2) is not None
    assert pair(pairs, 1, 3) is None  # another family


def test_each_candidate_pair_appears_once() -> None:
    data = generate(1500, seed=3)
    pairs = xc.score(data.reports)
    keys = pc.add(pc.multiply(pairs["report_id_l"], 10**7), pairs["report_id_r"])
    assert pc.count_distinct(keys).as_py() == pairs.num_rows
    assert pc.all(pc.less(pairs["report_id_l"], pairs["report_id_r"])).as_py()


def test_incremental_scoring_equals_full_scoring_for_new_pairs() -> None:
    data = generate(1500, seed=4)
    reports = data.reports
    ids = reports.column("report_id")
    new_mask = pc.greater(ids, 1000)
    new, existing = reports.filter(new_mask), reports.filter(pc.invert(new_mask))
    full = xc.score(reports)
    incremental = xc.score(new, existing)
    involved = pc.or_(pc.greater(full["report_id_l"], 1000), pc.greater(full["report_id_r"], 1000))
    expected = full.filter(involved)
    assert incremental.num_rows == expected.num_rows > 0
    assert incremental.to_pylist() == expected.to_pylist()


def test_score_pairs_scores_pairs_blocking_would_not_propose() -> None:
    far = report(2, pcode="C6111", date=dt.date(2020, 6, 1))
    scored = xc.score_pairs([report(1), far], [(1, 2)])
    assert scored.num_rows == 1
    assert scored["match_probability"][0].as_py() < 0.05


def test_the_narrative_fold_matches_normalise_arabic() -> None:
    import duckdb

    from marsad.engines.crosscheck_text import install_text_macros

    con = duckdb.connect()
    install_text_macros(con)
    for text in ["الرَّقَّة", "إدلب", "مسؤول", "قـــرية", "٣ أيار", "هيئة", "Abu Kamal"]:
        folded = con.execute("SELECT xc_fold(?)", [text]).fetchone()
        assert folded is not None
        assert folded[0] == normalise_arabic(text)


def test_same_source_accounts_are_kept_apart() -> None:
    a = report(1, source_id=7)
    b = report(2, source_id=7)
    result = xc.run([a, b])
    scored = pair(result.pairs, 1, 2)
    assert scored is not None and scored["gamma_source"] == 1
    assert len(set(result.clusters.column("cluster_id").to_pylist())) == 2


@pytest.mark.parametrize("field", ["method", "target_status", "killed"])
def test_a_differing_fact_lowers_the_match_weight(field: str) -> None:
    changed = {"method": "gunfire", "target_status": "civilian", "killed": 9}[field]
    pairs = xc.score([report(1), report(2), report(3, **{field: changed})])
    same, different = pair(pairs, 1, 2), pair(pairs, 1, 3)
    assert same is not None and different is not None
    assert different["match_weight"] < same["match_weight"]


def test_reason_templates_fill_placeholders_in_one_pass() -> None:
    import duckdb

    from marsad.engines.crosscheck_confidence import _fill

    values = {"note": "x.note", "n": "x.n"}
    con = duckdb.connect()
    try:
        con.execute(
            "CREATE TABLE x AS SELECT * FROM (VALUES ('it''s {n}', 3), (NULL, NULL)) t(note, n)"
        )
        sql = _fill("Note: {note}; {n} of {n}, {other}", values)
        rows = con.execute(f"SELECT {sql} FROM x ORDER BY n NULLS LAST").fetchall()
        assert rows == [("Note: it's {n}; 3 of 3, {other}",), ("Note: ;  of , {other}",)]
        assert con.execute(f"SELECT {_fill('plain', values)}").fetchone() == ("plain",)
    finally:
        con.close()
