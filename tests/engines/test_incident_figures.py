"""The incident page's casualty figures (pure Python) agree with the reconciliation engine."""

from __future__ import annotations

import random

import pyarrow as pa
import pytest

from marsad.engines import crosscheck as xc
from marsad.engines.crosscheck_figures import figures
from marsad.engines.gazetteer import default_gazetteer

FIELDS = [f"{m}_{b}" for m in ("killed", "injured") for b in ("low", "best", "high")]


def random_incident(rng: random.Random, first_id: int) -> list[dict[str, object]]:
    accounts = []
    for n in range(rng.randint(1, 7)):
        source = rng.choice([1, 2, 3, 4, None])
        repeats = rng.choice([None, None, None, 1, 2]) if source is not None else None
        accounts.append(
            {
                "report_id": first_id + n,
                "source_id": source,
                "source_type": "activist_social_media",
                "repeats_source_id": None if repeats == source else repeats,
                "killed": rng.choice([None, 0, 1, 2, 3, 5, 8]),
                "injured": rng.choice([None, 0, 4, 4, 9]),
                "type": "explosion",
            }
        )
    return accounts


def test_same_figures_as_the_engine_on_random_incidents() -> None:
    rng = random.Random(20)
    incidents = [random_incident(rng, 100 * i) for i in range(1, 301)]
    reports = [a for accounts in incidents for a in accounts]
    clusters = pa.table(
        {
            "report_id": [a["report_id"] for a in reports],
            "cluster_id": [a["report_id"] // 100 for a in reports],
        }
    )
    engine = xc.reconcile(reports, clusters, gazetteer=default_gazetteer())
    by_cluster = {row["cluster_id"]: row for row in engine.incidents.to_pylist()}
    for i, accounts in enumerate(incidents, 1):
        assert figures(accounts) == {f: by_cluster[i][f] for f in FIELDS}, accounts


def test_a_repeat_is_not_a_second_source() -> None:
    accounts = [
        {"report_id": 1, "source_id": 10, "repeats_source_id": None, "killed": 3},
        {"report_id": 2, "source_id": 11, "repeats_source_id": 10, "killed": 30},
        {"report_id": 3, "source_id": 12, "repeats_source_id": None, "killed": 5},
    ]
    result = figures(accounts)
    assert (result["killed_low"], result["killed_best"], result["killed_high"]) == (3, 3, 5)
    assert result["injured_best"] is None


def test_a_figure_that_is_not_a_number_is_refused() -> None:
    with pytest.raises(TypeError):
        figures([{"report_id": 1, "source_id": 1, "killed": "3"}])
