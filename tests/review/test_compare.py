"""Precision-aware disagreement rules (pure functions, no database)."""

import datetime as dt

from marsad.review.compare import (
    AGREE,
    DIFFERS,
    LESS_PRECISE,
    compare_nested,
    compare_spans,
    compare_values,
    date_span,
)

D = dt.date


def test_date_spans_follow_the_precision():
    assert date_span(D(2020, 1, 15), "day") == (D(2020, 1, 15), D(2020, 1, 15))
    assert date_span(D(2020, 2, 1), "month") == (D(2020, 2, 1), D(2020, 2, 29))
    assert date_span(D(2020, 1, 13), "week") == (D(2020, 1, 13), D(2020, 1, 19))
    assert date_span(D(2020, 1, 10), "range", D(2020, 1, 12)) == (D(2020, 1, 10), D(2020, 1, 12))
    assert date_span(None, "day") is None


def test_a_month_containing_the_day_is_less_precise_not_a_contradiction():
    verdict = compare_spans([date_span(D(2020, 1, 15), "day"), date_span(D(2020, 1, 1), "month")])
    assert verdict.state == LESS_PRECISE and verdict.vaguer == {1}


def test_two_different_days_or_a_month_without_the_day_disagree():
    assert (
        compare_spans([date_span(D(2020, 1, 15), "day"), date_span(D(2020, 1, 16), "day")]).state
        == DIFFERS
    )
    month = date_span(D(2020, 2, 1), "month")
    assert compare_spans([date_span(D(2020, 1, 15), "day"), month]).state == DIFFERS


def test_overlapping_vague_dates_agree_on_their_common_days():
    week = date_span(D(2020, 1, 27), "week")  # 27 Jan – 2 Feb
    month = date_span(D(2020, 2, 1), "month")
    verdict = compare_spans([week, month, None])
    assert verdict.state == LESS_PRECISE and verdict.vaguer == {1}


def test_places_on_one_line_from_the_town_up_do_not_disagree():
    jasim = ("C6111", "SY120301", "SY1203", "SY12")
    daraa = ("SY12",)
    subdistrict = ("SY120301", "SY1203", "SY12")
    verdict = compare_nested([jasim, daraa, subdistrict, None])
    assert verdict.state == LESS_PRECISE and verdict.vaguer == {1, 2}
    douma = ("C2338", "SY030200", "SY0302", "SY03")
    assert compare_nested([jasim, douma]).state == DIFFERS
    assert compare_nested([jasim, jasim, ()]).state == AGREE


def test_counts_disagree_when_two_stated_values_differ():
    assert compare_values([3, 5]).state == DIFFERS
    assert compare_values([3, None, 3]).state == AGREE
    assert compare_values(["", "ied"]).state == AGREE
