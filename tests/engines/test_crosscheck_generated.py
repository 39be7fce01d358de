"""The labelled generator, and the engine on a small generated set."""

from __future__ import annotations

import collections

import pyarrow.compute as pc

from marsad.engines import crosscheck as xc
from marsad.engines.crosscheck_generator import generate
from marsad.engines.crosscheck_prepare import REPORT_COLUMNS


def test_the_generator_is_labelled_seeded_and_noisy() -> None:
    data = generate(2000, seed=5)
    reports, truth = data.reports, data.truth
    assert reports.num_rows == truth.num_rows == 2000
    assert set(REPORT_COLUMNS) <= set(reports.column_names)
    assert "incident_id" not in reports.column_names
    assert generate(2000, seed=5).reports.equals(reports)
    sizes = collections.Counter(truth["incident_id"].to_pylist())
    assert set(sizes.values()) <= {1, 2, 3, 4} and max(sizes.values()) == 4
    assert data.twins > 0.05 * data.incidents  # lookalike distinct incidents are there
    langs = collections.Counter(reports["language"].to_pylist())
    assert langs["ar"] > 0.4 * 2000 and langs["en"] > 0.2 * 2000
    precisions = collections.Counter(reports["date_precision"].to_pylist())
    assert precisions["month"] > 0 and precisions["day"] > 0.8 * 2000
    assert reports["pcode"].null_count > 0  # some names the import could not settle
    assert reports["repeats_source_id"].null_count < 2000
    places = collections.Counter(reports["place_precision"].to_pylist())
    assert places["subdistrict"] + places["district"] + places["governorate"] > 0
    assert pc.min(reports["date"]).as_py().year == 2019


def test_the_engine_reaches_high_f1_on_a_small_generated_set() -> None:
    data = generate(3000, seed=21)
    result = xc.run(data.reports)
    m = xc.evaluate(result.clusters, data.truth)
    assert m.bcubed_f1 >= 0.95, m
    assert m.pairwise_f1 >= 0.9, m
