"""Reconciliation (independent sources, repeats, low/best/high) and confidence grades."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa

from marsad.engines import crosscheck as xc
from marsad.engines.gazetteer import default_gazetteer

DAY = dt.date(2020, 3, 14)


def report(report_id: int, source_id: int, **values: object) -> dict[str, object]:
    base: dict[str, object] = {
        "report_id": report_id, "source_id": source_id, "source_type": "activist_social_media",
        "type": "explosion", "method": "ied", "date": DAY, "pcode": "C5167", "language": "en",
    }  # fmt: skip
    base.update(values)
    return base


def one_cluster(*ids: int) -> pa.Table:
    return pa.table({"report_id": list(ids), "cluster_id": [ids[0]] * len(ids)})


def reconcile(reports: list[dict[str, object]], clusters: pa.Table) -> xc.Reconciliation:
    return xc.reconcile(reports, clusters, gazetteer=default_gazetteer())


def test_casualties_from_independent_sources_only() -> None:
    reports = [
        report(1, 100, killed=3, injured=4),
        report(2, 200, killed=4),  # an earlier account of source 200
        report(3, 200, killed=5, injured=6),  # its latest account: this one counts
        report(4, 300, repeats_source_id=100, killed=10),  # repeats source 100: not a source
    ]
    rec = reconcile(reports, one_cluster(1, 2, 3, 4))
    row = rec.incidents.to_pylist()[0]
    assert (row["killed_low"], row["killed_best"], row["killed_high"]) == (3, 3, 5)
    assert (row["injured_low"], row["injured_best"], row["injured_high"]) == (4, 4, 6)
    assert row["n_reports"] == 4 and row["n_sources"] == 2 and row["n_repeats"] == 1
    assert row["rule"] == xc.RULE and "independent" in row["rule_text"]
    notes = {r["report_id"]: (r["counted_killed"], r["note"]) for r in rec.inputs.to_pylist()}
    assert notes[1] == (True, "counted")
    assert notes[2][0] is False and "same source" in notes[2][1]
    assert notes[3] == (True, "counted")
    assert notes[4] == (False, "repeats source 100")


def test_a_repeat_stands_for_its_source_when_the_source_itself_is_missing() -> None:
    reports = [report(1, 100, killed=2), report(2, 300, repeats_source_id=400, killed=6),
               report(3, 500, killed=4)]  # fmt: skip
    row = reconcile(reports, one_cluster(1, 2, 3)).incidents.to_pylist()[0]
    assert (row["killed_low"], row["killed_best"], row["killed_high"]) == (2, 4, 6)
    assert row["n_sources"] == 3


def test_best_is_the_lower_middle_value_for_an_even_count() -> None:
    reports = [report(i, i * 100, killed=k) for i, k in ((1, 1), (2, 7), (3, 3), (4, 5))]
    row = reconcile(reports, one_cluster(1, 2, 3, 4)).incidents.to_pylist()[0]
    assert (row["killed_low"], row["killed_best"], row["killed_high"]) == (1, 3, 7)


def test_date_and_place_are_the_most_precise_consistent_claims() -> None:
    reports = [
        report(1, 100, date=dt.date(2020, 3, 1), date_precision="month", pcode="SY0902"),
        report(2, 200, pcode="C5167"),
        report(3, 300, date=dt.date(2020, 3, 12), date_precision="week", pcode="SY090200"),
    ]
    rec = reconcile(reports, one_cluster(1, 2, 3))
    row = rec.incidents.to_pylist()[0]
    assert (row["date"], row["date_precision"], row["date_consistent"]) == (DAY, "day", True)
    assert (row["pcode"], row["place_precision"], row["place_consistent"]) == (
        "C5167", "community", True,
    )  # fmt: skip
    assert rec.disagreements.num_rows == 0


def test_disagreements_are_listed_per_report() -> None:
    reports = [
        report(1, 100, date=dt.date(2020, 3, 14), pcode="C5167", method="ied"),
        report(2, 200, date=dt.date(2020, 3, 16), pcode="C5162", method="mine"),
    ]
    rec = reconcile(reports, one_cluster(1, 2))
    row = rec.incidents.to_pylist()[0]
    assert row["date_consistent"] is False and row["date_precision"] == "range"
    assert (row["date"], row["date_end"]) == (dt.date(2020, 3, 14), dt.date(2020, 3, 16))
    assert row["place_consistent"] is False and row["pcode"] == "SY090200"  # common sub-district
    assert set(row["disagreement_fields"]) == {"date", "method", "place"}
    methods = {(r["report_id"], r["value"]) for r in rec.disagreements.to_pylist()
               if r["field"] == "method"}  # fmt: skip
    assert methods == {(1, "ied"), (2, "mine")}


def grades(
    reports: list[dict[str, object]], clusters: pa.Table, **kwargs: object
) -> dict[int, dict[str, object]]:
    rec = reconcile(reports, clusters)
    table = xc.grade(reports, clusters, rec.incidents, model=xc.load_model(), **kwargs)  # type: ignore[arg-type]
    return {r["cluster_id"]: r for r in table.to_pylist()}


def test_confidence_grades() -> None:
    reports = [
        report(1, 100, killed=2),  # single source (+ a repeat)
        report(2, 101, repeats_source_id=100, killed=2),
        report(3, 200, killed=2),  # two independent sources
        report(4, 201, killed=3),
        report(5, 300, killed=2, source_type="targeted_party_official"),  # a party's statement
        report(6, 301, killed=2),
        report(7, 400, killed=1),  # contested: 1 killed against 12
        report(8, 401, killed=12),
        report(9, 500, killed=0),  # discounted by a reviewer
    ]
    clusters = pa.table({"report_id": list(range(1, 10)),
                         "cluster_id": [1, 1, 3, 3, 5, 5, 7, 7, 9]})  # fmt: skip
    got = grades(reports, clusters, discounted={9: "the photo is from 2016"})
    assert {k: v["confidence"] for k, v in got.items()} == {
        1: "single_source", 3: "corroborated", 5: "confirmed_by_party", 7: "contested",
        9: "discounted",
    }  # fmt: skip
    assert got[7]["contradictions"] == ["killed"]
    assert "number killed" in str(got[7]["reason_en"]) and "عدد القتلى" in str(got[7]["reason_ar"])
    assert "2016" in str(got[9]["reason_en"])
    assert "2 independent sources" in str(got[3]["reason_en"])
    assert "1 repeating" in str(got[1]["reason_en"])
    for row in got.values():
        assert row["reason_en"] and row["reason_ar"]


def test_two_named_perpetrators_make_an_incident_contested() -> None:
    reports = [report(1, 100, perpetrator="ISIS"), report(2, 200, perpetrator="SDF")]
    got = grades(reports, one_cluster(1, 2))
    assert got[1]["confidence"] == "contested" and got[1]["contradictions"] == ["perpetrator"]
    # a branch and the service it belongs to are not a contradiction
    related = [report(1, 100, perpetrator="Air Force Intelligence"),
               report(2, 200, perpetrator="Syrian government security services")]  # fmt: skip
    assert grades(related, one_cluster(1, 2))[1]["confidence"] == "corroborated"
