"""Clustering never undoes a human decision; re-running changes nothing."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pyarrow as pa

from marsad.engines import crosscheck as xc
from marsad.engines.crosscheck_cluster import components
from marsad.engines.crosscheck_generator import generate

DAY = dt.date(2020, 3, 14)


def report(report_id: int, **values: object) -> dict[str, object]:
    base: dict[str, object] = {
        "report_id": report_id, "source_id": report_id * 10, "type": "explosion",
        "method": "ied", "date": DAY, "pcode": "C5167", "killed": 2, "injured": 1,
        "target_status": "military", "language": "en",
        "narrative": "An IED hit a military checkpoint in Abu Kamal, killing 2.",
    }  # fmt: skip
    base.update(values)
    return base


def labels(clusters: pa.Table) -> dict[int, int]:
    return dict(
        zip(clusters["report_id"].to_pylist(), clusters["cluster_id"].to_pylist(), strict=True)
    )


def decisions(*rows: tuple[int, int, bool]) -> pa.Table:
    return pa.table(
        {
            "report_id_l": [r[0] for r in rows],
            "report_id_r": [r[1] for r in rows],
            "same": [r[2] for r in rows],
        }  # fmt: skip
    )


def test_components() -> None:
    parent = components(6, np.array([0, 1, 4]), np.array([1, 2, 5]))
    assert parent.tolist() == [0, 0, 0, 3, 4, 4]


def test_a_confirmed_split_is_never_merged_again() -> None:
    reports = [report(1), report(2), report(3)]
    assert len(set(labels(xc.run(reports).clusters).values())) == 1
    split = decisions((1, 2, False))
    got = labels(xc.run(reports, decisions=split).clusters)
    assert got[1] != got[2]
    # and not through a third account either
    assert len(set(got.values())) == 2


def test_a_confirmed_link_is_never_split() -> None:
    far = report(2, pcode="C6111", date=dt.date(2020, 8, 1), method="gunfire",
                 narrative="A teacher was shot dead in Jasim.")  # fmt: skip
    reports = [report(1), far]
    assert len(set(labels(xc.run(reports).clusters).values())) == 2
    got = labels(xc.run(reports, decisions=decisions((2, 1, True))).clusters)
    assert got[1] == got[2]


def test_rerunning_on_unchanged_data_changes_nothing() -> None:
    data = generate(1200, seed=11)
    first = xc.run(data.reports)
    again = xc.run(data.reports)
    assert labels(again.clusters) == labels(first.clusters)
    kept = xc.run(data.reports, assignments=first.clusters)
    assert labels(kept.clusters) == labels(first.clusters)


def test_existing_incidents_are_kept_and_new_reports_join_them() -> None:
    existing = [report(1), report(2, pcode="C6111", method="gunfire")]
    assignments = pa.table({"report_id": [1, 2], "cluster_id": [500, 501]})
    new = [report(3)]
    got = labels(xc.run(new, existing, assignments=assignments).clusters)
    assert got == {1: 500, 2: 501, 3: 500}


def test_the_machine_does_not_merge_two_existing_incidents() -> None:
    existing = [report(1), report(2)]
    assignments = pa.table({"report_id": [1, 2], "cluster_id": [500, 501]})
    got = labels(xc.run([report(3)], existing, assignments=assignments).clusters)
    assert got[1] == 500 and got[2] == 501 and got[3] in (500, 501)
    # a reviewer's link does merge them
    linked = xc.run([report(3)], existing, assignments=assignments,
                    decisions=decisions((1, 2, True)))  # fmt: skip
    assert len(set(labels(linked.clusters).values())) == 1


def test_new_cluster_ids_do_not_collide_with_existing_incident_ids() -> None:
    existing = [report(1)]
    assignments = pa.table({"report_id": [1], "cluster_id": [2]})
    far = report(2, pcode="C6111", method="gunfire", narrative="A teacher was shot in Jasim.")
    got = labels(xc.run([far], existing, assignments=assignments).clusters)
    assert got[1] == 2 and got[2] != 2
