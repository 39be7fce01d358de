"""The area-of-control engine and the shipped approximate 2019–2020 layer."""

from __future__ import annotations

import datetime
import io
import json
from pathlib import Path

import pytest

from marsad.engines.control import (
    PARTIES,
    ControlLayer,
    ControlLayerError,
    ControlPeriod,
    ControlProblem,
    default_control_path,
    parse_control_csv,
    party_label,
    validate_periods,
    write_control_csv,
)

D = datetime.date
DATA = Path(__file__).parent / "data" / "control"
PACKAGE_ADM3 = Path(__file__).parents[2] / "src/marsad/data/gazetteer/boundaries/adm3.geojson"
FIRST, LAST = D(2019, 1, 1), D(2020, 12, 31)
KNOWN = ["SY020300", "SY020301", "SY020302", "SY080400", "SY120301"]


# --------------------------------------------------------------------------------------------
# The shipped layer
# --------------------------------------------------------------------------------------------


def _subdistricts() -> dict[str, dict[str, str]]:
    """pcode -> {name, adm2} for the 272 OCHA sub-districts shipped in the package."""
    features = json.loads(PACKAGE_ADM3.read_text(encoding="utf-8"))["features"]
    return {
        f["properties"]["pcode"]: {
            "name": f["properties"]["name_en"],
            "adm2": f["properties"]["parent"],
        }
        for f in features
    }


@pytest.fixture(scope="module")
def subdistricts() -> dict[str, dict[str, str]]:
    return _subdistricts()


@pytest.fixture(scope="module")
def shipped(subdistricts: dict[str, dict[str, str]]) -> list[ControlPeriod]:
    return parse_control_csv(default_control_path(), known_pcodes=subdistricts.keys())


@pytest.fixture(scope="module")
def layer(shipped: list[ControlPeriod]) -> ControlLayer:
    return ControlLayer(shipped)


def pcode_named(subdistricts: dict[str, dict[str, str]], name: str) -> str:
    found = [pcode for pcode, info in subdistricts.items() if info["name"] == name]
    assert len(found) == 1, (name, found)
    return found[0]


def test_shipped_layer_has_the_exact_columns() -> None:
    header = default_control_path().read_text(encoding="utf-8").splitlines()[0]
    assert header == "pcode,party,sub_label,start,end,source,note,approximate"


def test_shipped_layer_covers_every_subdistrict_without_gaps_or_overlaps(
    subdistricts: dict[str, dict[str, str]], shipped: list[ControlPeriod], layer: ControlLayer
) -> None:
    assert len(subdistricts) == 272
    assert {p.pcode for p in shipped} == set(subdistricts)
    assert layer.coverage_gaps(sorted(subdistricts), FIRST, LAST) == []
    assert validate_periods(shipped) == []
    for period in shipped:
        assert period.start >= FIRST and period.end is not None and period.end <= LAST


def test_every_shipped_row_is_sourced_and_marked_approximate(shipped: list[ControlPeriod]) -> None:
    for period in shipped:
        assert len(period.source) > 20, period
        assert period.approximate, period
        assert period.party in PARTIES
        assert not period.sub_label or period.sub_label in PARTIES[period.party].sub_labels


def test_shipped_changes_of_hands_are_consecutive(shipped: list[ControlPeriod]) -> None:
    by_pcode: dict[str, list[ControlPeriod]] = {}
    for period in shipped:
        by_pcode.setdefault(period.pcode, []).append(period)
    for periods in by_pcode.values():
        periods.sort(key=lambda p: p.start)
        for before, after in zip(periods, periods[1:], strict=False):
            assert before.end is not None
            assert after.start == before.end + datetime.timedelta(days=1)
            assert (before.party, before.sub_label) != (after.party, after.sub_label)


def party(layer: ControlLayer, pcode: str, on: datetime.date) -> tuple[str, str]:
    period = layer.party_on(pcode, on)
    assert period is not None, (pcode, on)
    return period.party, period.sub_label


def test_afrin_district_is_olive_branch(
    subdistricts: dict[str, dict[str, str]], layer: ControlLayer
) -> None:
    afrin = [pcode for pcode, info in subdistricts.items() if info["adm2"] == "SY0203"]
    assert len(afrin) == 7
    for pcode in afrin:
        for on in (D(2019, 3, 1), D(2019, 11, 1), D(2020, 6, 1), D(2020, 12, 31)):
            assert party(layer, pcode, on) == ("opposition", "olive_branch")


def test_spot_checks_a_reader_would_make(
    subdistricts: dict[str, dict[str, str]], layer: ControlLayer
) -> None:
    def named(name: str) -> str:
        return pcode_named(subdistricts, name)

    for name in ("Jarablus", "Ghandorah", "Al Bab", "A'zaz", "Mare'", "Aghtrin", "Ar-Ra'ee"):
        assert party(layer, named(name), D(2020, 1, 15)) == ("opposition", "euphrates_shield")

    ras_al_ain = named("Ras Al Ain")
    assert party(layer, ras_al_ain, D(2019, 10, 8)) == ("aa", "sdf")
    assert party(layer, ras_al_ain, D(2019, 10, 25)) == ("opposition", "peace_spring")
    assert party(layer, ras_al_ain, D(2020, 6, 1)) == ("opposition", "peace_spring")
    assert party(layer, named("Tell Abiad"), D(2019, 11, 1)) == ("opposition", "peace_spring")
    assert party(layer, named("Tell Abiad"), D(2019, 9, 1)) == ("aa", "sdf")

    maara = named("Ma'arrat An Nu'man")
    assert party(layer, maara, D(2019, 6, 15)) == ("opposition", "idlib_hts")
    assert party(layer, maara, D(2020, 3, 15)) == ("regime", "")
    assert party(layer, named("Khan Shaykun"), D(2019, 6, 1)) == ("opposition", "idlib_hts")
    assert party(layer, named("Khan Shaykun"), D(2019, 9, 1)) == ("regime", "")
    assert party(layer, named("Saraqab"), D(2020, 3, 15)) == ("regime", "")
    assert party(layer, named("Idleb"), D(2020, 3, 15)) == ("opposition", "idlib_hts")

    duma = named("Duma")  # Douma, the Eastern Ghouta case study
    assert duma == "SY030200"
    assert named("Jasim") == "SY120301"
    assert named("Abu Kamal") == "SY090200"  # Al-Bukamal
    assert named("Ar-Raqqa") == "SY110100"
    for on in (D(2019, 7, 1), D(2020, 3, 1)):
        assert party(layer, duma, on) == ("regime", "")
        assert party(layer, named("Jasim"), on) == ("regime", "")
        assert party(layer, named("Abu Kamal"), on) == ("regime", "")
        assert party(layer, named("Ar-Raqqa"), on)[0] == "aa"
        assert party(layer, named("Deir-ez-Zor"), on) == ("regime", "")
        assert party(layer, named("Menbij"), on)[0] == "aa"
        assert party(layer, named("Ain al Arab"), on)[0] == "aa"
        assert party(layer, named("Quamishli"), on)[0] == "aa"
        assert party(layer, named("Damascus"), on) == ("regime", "")

    bukamal = layer.party_on(named("Abu Kamal"), D(2020, 1, 1))
    assert bukamal is not None and "Iran" in bukamal.note
    qamishli = layer.party_on(named("Quamishli"), D(2020, 1, 1))
    assert qamishli is not None and "security square" in qamishli.note


def test_default_path_is_inside_the_package() -> None:
    path = default_control_path()
    assert path.is_file()
    assert path.parts[-4:] == ("marsad", "data", "control", "approximate-2019-2020.csv")


# --------------------------------------------------------------------------------------------
# Parsing
# --------------------------------------------------------------------------------------------


def test_valid_file_parses_with_both_date_forms_and_booleans() -> None:
    periods = parse_control_csv(DATA / "valid.csv", known_pcodes=KNOWN)
    assert len(periods) == 5
    fighting = periods[2]
    assert (fighting.party, fighting.start, fighting.end) == (
        "contested",
        D(2019, 10, 9),
        D(2019, 10, 20),
    )
    assert fighting.approximate is True
    open_ended = periods[3]
    assert open_ended.end is None and open_ended.approximate is True
    assert open_ended.sub_label == "peace_spring" and open_ended.note == "open-ended"
    jasim = periods[4]
    assert jasim.approximate is False
    assert jasim.source == "Southern settlements, Jul 2018"


def test_bom_file_parses_like_the_plain_one() -> None:
    assert (DATA / "bom.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert parse_control_csv(DATA / "bom.csv") == parse_control_csv(DATA / "valid.csv")
    with (DATA / "bom.csv").open(encoding="utf-8") as handle:  # BOM kept by plain utf-8
        assert parse_control_csv(handle) == parse_control_csv(DATA / "valid.csv")


def test_text_and_str_path_sources() -> None:
    text = (DATA / "valid.csv").read_text(encoding="utf-8")
    assert parse_control_csv(text) == parse_control_csv(str(DATA / "valid.csv"))
    assert parse_control_csv(io.StringIO(text)) == parse_control_csv(DATA / "valid.csv")


def refused(name: str, **kwargs: object) -> ControlLayerError:
    with pytest.raises(ControlLayerError) as error:
        parse_control_csv(DATA / name, **kwargs)  # type: ignore[arg-type]
    return error.value


def test_overlapping_periods_name_both_rows() -> None:
    error = refused("overlap.csv")
    assert len(error.problems) == 1
    problem = error.problems[0]
    assert (problem.row, problem.column) == (4, "start")
    assert "row 2" in problem.message_en and "SY020300" in problem.message_en
    assert "row 4, column start" in str(error) and "overlaps row 2" in str(error)
    assert "السطر 2" in problem.message_ar


def test_unknown_pcode() -> None:
    error = refused("unknown_pcode.csv", known_pcodes=KNOWN)
    [problem] = error.problems
    assert (problem.row, problem.column, problem.value) == (3, "pcode", "SY999999")
    assert "SY999999" in str(error)


def test_unknown_pcodes_are_not_checked_without_a_gazetteer() -> None:
    assert len(parse_control_csv(DATA / "unknown_pcode.csv")) == 2


def test_reversed_dates() -> None:
    [problem] = refused("reversed_dates.csv").problems
    assert (problem.row, problem.column) == (3, "end")
    assert str(problem) == "row 3, column end: '2021-01-01' is before start 2021-06-01"


def test_bad_party() -> None:
    [problem] = refused("bad_party.csv").problems
    assert (problem.row, problem.column, problem.value) == (2, "party", "caliphate")
    assert "regime" in problem.message_en and problem.message_ar


def test_bad_sub_label() -> None:
    [problem] = refused("bad_sub_label.csv").problems
    assert (problem.row, problem.column, problem.value) == (3, "sub_label", "olive_branch")
    assert "sdf" in problem.message_en


def test_bad_date() -> None:
    [problem] = refused("bad_date.csv").problems
    assert (problem.row, problem.column, problem.value) == (4, "start", "2019-13-45")
    assert "yyyy-mm-dd" in problem.message_en


def test_missing_column() -> None:
    [problem] = refused("missing_column.csv").problems
    assert (problem.row, problem.column) == (1, "end")
    assert "row 1, column end" in str(problem)


def test_empty_source_and_bad_boolean_are_both_reported() -> None:
    error = refused("bad_source_and_boolean.csv")
    assert [(p.row, p.column) for p in error.problems] == [(2, "source"), (3, "approximate")]
    assert "2 problem(s)" in str(error)


def test_every_problem_in_a_file_is_listed_at_once() -> None:
    text = (
        "pcode,party,sub_label,start,end,source,note,approximate,colour\n"
        "SY020300,regime,,2019-01-01,2019-12-31,a,,true,red\n"
        "XX1,regime,,2019-01-01,2019-12-31,a,,true,\n"
        "SY020301,regime,peace_spring,2019-02-30,,a,,true,\n"
    )
    error = pytest.raises(ControlLayerError, parse_control_csv, text, known_pcodes=KNOWN).value
    located = [(p.row, p.column) for p in error.problems]
    assert located == [(1, "colour"), (3, "pcode"), (4, "sub_label"), (4, "start")]


def test_labels_and_arabic_values_are_accepted() -> None:
    text = (
        "pcode,party,sub_label,start,end,source,note,approximate\n"
        "sy020300,المعارضة,غصن الزيتون (عفرين),٠١/٠١/٢٠١٩,2019-12-31,مصدر,,لا\n"
    )
    [period] = parse_control_csv(text)
    assert (period.pcode, period.party, period.sub_label) == (
        "SY020300",
        "opposition",
        "olive_branch",
    )
    assert period.start == D(2019, 1, 1) and period.approximate is False


def test_empty_file_is_refused() -> None:
    error = pytest.raises(ControlLayerError, parse_control_csv, io.StringIO("")).value
    assert error.problems[0].row == 1


def test_write_then_parse_round_trips() -> None:
    periods = parse_control_csv(DATA / "valid.csv")
    buffer = io.StringIO()
    write_control_csv(periods, buffer)
    assert parse_control_csv(io.StringIO(buffer.getvalue())) == periods


# --------------------------------------------------------------------------------------------
# validate_periods
# --------------------------------------------------------------------------------------------


def period(
    pcode: str,
    party_code: str,
    start: datetime.date,
    end: datetime.date | None,
    sub_label: str = "",
    source: str = "test",
) -> ControlPeriod:
    return ControlPeriod(pcode, party_code, sub_label, start, end, source, "", True)


def test_validate_periods_against_existing() -> None:
    existing = [
        period("SY080400", "aa", D(2019, 1, 1), D(2019, 10, 8), "sdf"),
        period("SY080400", "opposition", D(2019, 10, 21), None, "peace_spring"),
    ]
    fits = period("SY080400", "contested", D(2019, 10, 9), D(2019, 10, 20))
    assert validate_periods([fits], existing=existing) == []

    clash = period("SY080400", "contested", D(2019, 10, 1), D(2019, 10, 30))
    problems = validate_periods([clash], existing=existing)
    assert len(problems) == 2  # overlaps both stored periods
    assert all(p.row == 2 and p.column == "start" for p in problems)
    assert "stored period 2019-01-01–2019-10-08" in problems[0].message_en
    assert "2019-10-21–…" in problems[1].message_en

    other_place = period("SY020300", "regime", D(2019, 1, 1), None)
    assert validate_periods([other_place], existing=existing) == []


def test_validate_periods_within_the_new_set_and_fields() -> None:
    problems = validate_periods(
        [
            period("SY020300", "regime", D(2019, 1, 1), D(2019, 12, 31)),
            period("SY020300", "aa", D(2019, 12, 31), None, "sdf"),
            period("SY020301", "aa", D(2020, 1, 1), D(2019, 1, 1), "olive_branch", source=" "),
            period("SY020302", "caliphate", D(2020, 1, 1), None),
        ]
    )
    located = [(p.row, p.column) for p in problems]
    assert located == [(3, "start"), (4, "sub_label"), (4, "end"), (4, "source"), (5, "party")]
    assert "overlaps row 2" in problems[0].message_en


def test_problem_and_error_text() -> None:
    problem = ControlProblem(5, "end", "2019-01-01", "'2019-01-01' is before start 2019-06-01", "…")
    assert str(problem) == "row 5, column end: '2019-01-01' is before start 2019-06-01"
    assert problem.message("ar") == "…"
    error = ControlLayerError([problem, problem])
    assert str(error).count("row 5, column end") == 2
    assert error.problems == [problem, problem]


# --------------------------------------------------------------------------------------------
# ControlLayer
# --------------------------------------------------------------------------------------------


def test_party_on_inherits_through_parents_and_most_specific_wins() -> None:
    layer = ControlLayer(
        [
            period("SY0203", "contested", D(2018, 1, 1), None),  # district, least specific
            period("SY020300", "opposition", D(2019, 1, 1), D(2020, 12, 31), "olive_branch"),
            period("C1560", "regime", D(2020, 1, 1), D(2020, 1, 31)),  # one community
        ],
        parents={"C1560": "SY020300", "N100": "C1560", "C1561": "SY020300", "SY020300": "SY0203"},
    )
    jan = D(2020, 1, 15)
    assert layer.party_on("C1560", jan).party == "regime"  # type: ignore[union-attr]
    assert layer.party_on("N100", jan).party == "regime"  # type: ignore[union-attr]
    assert layer.party_on("C1561", jan).sub_label == "olive_branch"  # type: ignore[union-attr]
    assert layer.party_on("C1560", D(2020, 2, 1)).sub_label == "olive_branch"  # type: ignore[union-attr]
    assert layer.party_on("C1560", D(2021, 6, 1)).party == "contested"  # type: ignore[union-attr]
    assert layer.party_on("C1560", D(2017, 6, 1)) is None
    assert layer.party_on("SY999999", jan) is None
    assert layer.party_on("c1560", jan).party == "regime"  # type: ignore[union-attr]
    assert len(layer.periods_for("C1560", inherited=True)) == 3


def test_party_on_edges_and_open_end() -> None:
    layer = ControlLayer(
        [
            period("SY080400", "aa", D(2019, 1, 1), D(2019, 10, 8), "sdf"),
            period("SY080400", "contested", D(2019, 10, 9), D(2019, 10, 20)),
            period("SY080400", "opposition", D(2019, 10, 21), None, "peace_spring"),
        ]
    )
    assert layer.party_on("SY080400", D(2018, 12, 31)) is None
    assert layer.party_on("SY080400", D(2019, 1, 1)).party == "aa"  # type: ignore[union-attr]
    assert layer.party_on("SY080400", D(2019, 10, 8)).party == "aa"  # type: ignore[union-attr]
    assert layer.party_on("SY080400", D(2019, 10, 9)).party == "contested"  # type: ignore[union-attr]
    assert layer.party_on("SY080400", D(2019, 10, 21)).party == "opposition"  # type: ignore[union-attr]
    assert layer.party_on("SY080400", D(2035, 1, 1)).party == "opposition"  # type: ignore[union-attr]
    assert layer.coverage_gaps(["SY080400"], FIRST, D(2040, 1, 1)) == []


def test_party_on_tolerates_overlaps_latest_start_wins() -> None:
    layer = ControlLayer(
        [
            period("P", "regime", D(2019, 1, 1), D(2020, 12, 31)),
            period("P", "aa", D(2019, 3, 1), D(2019, 3, 31)),
        ]
    )
    assert layer.party_on("P", D(2019, 3, 15)).party == "aa"  # type: ignore[union-attr]
    assert layer.party_on("P", D(2019, 6, 1)).party == "regime"  # type: ignore[union-attr]


def test_coverage_gaps() -> None:
    layer = ControlLayer(
        [
            period("A", "regime", D(2019, 1, 1), D(2019, 5, 31)),
            period("A", "aa", D(2019, 7, 1), D(2020, 6, 30)),
            period("B", "regime", D(2019, 1, 1), None),
        ],
        parents={"A1": "A"},
    )
    assert layer.coverage_gaps(["A", "B", "C", "A1"], FIRST, LAST) == [
        ("A", D(2019, 6, 1), D(2019, 6, 30)),
        ("A", D(2020, 7, 1), LAST),
        ("C", FIRST, LAST),
        ("A1", D(2019, 6, 1), D(2019, 6, 30)),
        ("A1", D(2020, 7, 1), LAST),
    ]
    with pytest.raises(ValueError):
        layer.coverage_gaps(["A"], LAST, FIRST)


def test_parents_cycle_does_not_hang() -> None:
    layer = ControlLayer([], parents={"A": "B", "B": "A"})
    assert layer.party_on("A", FIRST) is None


def test_party_labels() -> None:
    assert PARTIES["regime"].label_ar in ("النظام", "مناطق سيطرة النظام")
    assert PARTIES["opposition"].sub_labels["olive_branch"] == (
        "Olive Branch (Afrin)",
        "غصن الزيتون (عفرين)",
    )
    assert party_label("opposition", "peace_spring") == "Opposition – Peace Spring"
    assert party_label("opposition", "idlib_hts", "ar") == "المعارضة – إدلب (هيئة تحرير الشام)"
    assert party_label("aa", "sdf") == "Autonomous Administration (SDF)"
    assert party_label("contested", lang="ar") == "متنازع عليها / أخرى"
