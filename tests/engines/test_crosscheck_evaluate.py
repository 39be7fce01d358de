"""Evaluation metrics, the model file, explanations, re-estimation and the review queue."""

from __future__ import annotations

import copy
import datetime as dt
import math
from pathlib import Path

import pyarrow as pa
import pytest

from marsad.engines import crosscheck as xc
from marsad.engines.crosscheck_generator import generate
from marsad.engines.crosscheck_model import ModelError, parse_model


def test_pairwise_and_bcubed_on_a_hand_computed_example() -> None:
    # truth: {1,2,3} {4,5}; predicted: {1,2} {3,4,5}
    truth = {1: 1, 2: 1, 3: 1, 4: 2, 5: 2}
    predicted = {1: 10, 2: 10, 3: 20, 4: 20, 5: 20}
    m = xc.evaluate(predicted, truth)
    # predicted pairs: 12, 34, 35, 45 (4); true pairs: 12, 13, 23, 45 (4); both: 12, 45 (2)
    assert m.pairwise_precision == pytest.approx(0.5)
    assert m.pairwise_recall == pytest.approx(0.5)
    assert m.pairwise_f1 == pytest.approx(0.5)
    # B-cubed precision: 1: 2/2, 2: 2/2, 3: 1/3, 4: 2/3, 5: 2/3 -> (1+1+1/3+2/3+2/3)/5
    assert m.bcubed_precision == pytest.approx((1 + 1 + 1 / 3 + 2 / 3 + 2 / 3) / 5)
    # B-cubed recall: 1: 2/3, 2: 2/3, 3: 1/3, 4: 1, 5: 1
    assert m.bcubed_recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1 + 1) / 5)
    p, r = m.bcubed_precision, m.bcubed_recall
    assert m.bcubed_f1 == pytest.approx(2 * p * r / (p + r))
    assert (m.reports, m.predicted_clusters, m.true_clusters) == (5, 2, 2)


def test_perfect_and_missing_predictions() -> None:
    truth = pa.table({"report_id": [1, 2, 3], "incident_id": [7, 7, 8]})
    assert xc.evaluate(truth, truth).pairwise_f1 == 1.0
    # a report missing from the prediction is a cluster of its own
    m = xc.evaluate({1: 1, 2: 1}, truth)
    assert m.pairwise_recall == 1.0 and m.bcubed_precision == 1.0
    # all singletons: nothing predicted wrongly, nothing found
    m = xc.evaluate({1: 1, 2: 2, 3: 3}, truth)
    assert m.pairwise_precision == 1.0 and m.pairwise_recall == 0.0 and m.pairwise_f1 == 0.0


def test_the_model_file_is_checked() -> None:
    model = xc.load_model()
    raw = copy.deepcopy(dict(model.raw))
    del raw["comparisons"]["date"]["levels"]["same_day"]
    with pytest.raises(ModelError, match="exactly the levels"):
        parse_model(raw)
    raw = copy.deepcopy(dict(model.raw))
    raw["comparisons"]["target"]["levels"]["same"]["m"] = 0
    with pytest.raises(ModelError, match="m and u"):
        parse_model(raw)
    raw = copy.deepcopy(dict(model.raw))
    raw["blocking"]["rules"]["nearby"]["grid_degrees"] = 0.01
    with pytest.raises(ModelError, match="grid_degrees"):
        parse_model(raw)


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    model = xc.load_model()
    path = tmp_path / "model.yaml"
    xc.save_model(model, path)
    again = xc.load_model(path)
    assert again.comparisons == model.comparisons and again.prior == model.prior


def test_explain_adds_up_to_the_match_weight() -> None:
    data = generate(400, seed=2)
    pairs = xc.score(data.reports)
    model = xc.load_model()
    for row in pairs.to_pylist()[:25]:
        e = xc.explain(row, model)
        total = e.prior_weight + e.tf_adjustment + sum(c.weight for c in e.contributions)
        assert total == pytest.approx(row["match_weight"], abs=1e-9)
        assert e.match_probability == pytest.approx(row["match_probability"], abs=1e-9)
        assert {c.comparison for c in e.contributions} == {c.name for c in model.comparisons}
    first = pairs.to_pylist()[0]
    explained = xc.explain_report(first["report_id_l"], pairs, model)
    assert explained and explained[0].match_probability >= explained[-1].match_probability


def test_estimate_parameters_learns_from_decisions() -> None:
    data = generate(1500, seed=8)
    pairs = xc.score(data.reports)
    truth = dict(zip(data.truth["report_id"].to_pylist(), data.truth["incident_id"].to_pylist(),
                     strict=True))  # fmt: skip
    left, right = pairs["report_id_l"].to_pylist(), pairs["report_id_r"].to_pylist()
    same = [truth[a] == truth[b] for a, b in zip(left, right, strict=True)]
    decisions = pa.table({"report_id_l": left, "report_id_r": right, "same": same})
    model = xc.load_model()
    new = xc.estimate_parameters(pairs, decisions, model, pseudo_count=1.0, update_prior=True)
    target = new.comparison("target")
    assert target.level("same").weight > 2 and target.level("different").weight < -2
    assert new.prior != model.prior
    for comp in new.comparisons:
        assert math.isclose(sum(lv.m for lv in comp.levels), 1.0, abs_tol=0.02)
        assert math.isclose(sum(lv.u for lv in comp.levels), 1.0, abs_tol=0.02)
    # no decisions: the parameters stay as they were
    none = pa.table({"report_id_l": pa.array([], pa.int64()), "report_id_r": pa.array([], pa.int64()),
                     "same": pa.array([], pa.bool_())})  # fmt: skip
    assert xc.estimate_parameters(pairs, none, model).comparisons == model.comparisons


def test_review_queue_puts_uncertain_high_casualty_pairs_first() -> None:
    pairs = pa.table(
        {
            "report_id_l": [1, 3, 5, 7],
            "report_id_r": [2, 4, 6, 8],
            "match_probability": [0.5, 0.5, 0.99, 0.8],
        }  # fmt: skip
    )
    reports = pa.table(
        {
            "report_id": [1, 2, 3, 4, 5, 6, 7, 8],
            "killed": [0, 0, 20, 15, 30, 30, 0, 0],
            "injured": [0, 0, 0, 0, 0, 0, 0, 0],
        }  # fmt: skip
    )
    queue = xc.review_queue(pairs, reports, model=xc.load_model())
    order = list(
        zip(queue["report_id_l"].to_pylist(), queue["report_id_r"].to_pylist(), strict=True)
    )
    assert order == [(3, 4), (1, 2), (7, 8)]  # (5, 6) is certain: left out
    decided = pa.table({"report_id_l": [4], "report_id_r": [3], "same": [False]})
    queue = xc.review_queue(pairs, reports, model=xc.load_model(), decisions=decided)
    assert (3, 4) not in list(zip(queue["report_id_l"].to_pylist(), queue["report_id_r"].to_pylist(),
                                  strict=True))  # fmt: skip


def test_review_queue_flags_pairs_that_disagree_with_the_clusters() -> None:
    pairs = pa.table({"report_id_l": [1, 3], "report_id_r": [2, 4],
                      "match_probability": [0.99, 0.1]})  # fmt: skip
    clusters = pa.table({"report_id": [1, 2, 3, 4], "cluster_id": [1, 2, 3, 3]})
    queue = xc.review_queue(pairs, model=xc.load_model(), clusters=clusters)
    assert queue["conflict"].to_pylist() == [True, True]
    assert queue["report_id_l"].to_pylist() == [3, 1]


def test_run_reports_timings_and_keeps_every_report() -> None:
    data = generate(300, seed=1)
    result = xc.run(data.reports)
    assert result.clusters.num_rows == 300
    assert result.incidents.num_rows == len(set(result.clusters["cluster_id"].to_pylist()))
    assert set(result.timings) >= {"score", "cluster", "reconcile", "total"}
    assert set(result.incidents["confidence"].to_pylist()) <= set(xc.GRADES)
    assert result.incidents.schema.field("date").type == pa.date32()
    assert result.incidents["date"].to_pylist()[0] >= dt.date(2019, 1, 1)
