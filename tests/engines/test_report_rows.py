"""Column mapping and row parsing for `marsad import reports` (pure: no Django)."""

from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.engines.codebook import Codebook, default_codebook_path, load_codebook
from marsad.engines.gazetteer import Gazetteer, default_gazetteer
from marsad.engines.report_rows import (
    CANONICAL_COLUMNS,
    HEADER_ALIASES,
    ColumnMapping,
    MappingError,
    ReportDraft,
    RowParser,
    RowProblem,
    header_key,
    load_mapping,
    map_columns,
    reject_entry,
)
from marsad.engines.tabular import RawRow, TableError, open_table, write_rejects

DATA = Path(__file__).parent / "data" / "imports"
DOCS = Path(__file__).parents[2] / "docs" / "import.md"


@functools.cache
def shipped_codebook() -> Codebook:
    return load_codebook(default_codebook_path())


@pytest.fixture(scope="module")
def cb() -> Codebook:
    return shipped_codebook()


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return default_gazetteer()


def parse_file(
    path: Path, cb: Codebook, gz: Gazetteer, **kwargs: object
) -> list[tuple[RawRow, ReportDraft | None, list[RowProblem]]]:
    saved = kwargs.pop("saved", None)
    with open_table(path) as table:
        mapping = map_columns(table.columns, codebook=cb, saved=saved)  # type: ignore[arg-type]
        parser = RowParser(cb, gz, mapping, **kwargs)  # type: ignore[arg-type]
        return [(row, *parser.parse(row)) for row in table.rows]


def parse_one(cb: Codebook, gz: Gazetteer, values: dict[str, str], **kwargs: object):  # type: ignore[no-untyped-def]
    base = {"source_name": "Daraa 24", "source_type": "activists", "type": "explosion",
            "date": "2020-01-15", "place": "Jasim"}  # fmt: skip
    base.update(values)
    row = RawRow(7, {k: v for k, v in base.items() if v is not None})
    mapping = map_columns(list(row.values), codebook=cb)
    return RowParser(cb, gz, mapping, **kwargs).parse(row)  # type: ignore[arg-type]


def codes(problems: list[RowProblem]) -> list[tuple[str, str]]:
    return [(p.column, p.code) for p in problems]


# -- columns -----------------------------------------------------------------------------------


def test_every_canonical_column_has_aliases_in_both_languages() -> None:
    assert set(HEADER_ALIASES) == set(CANONICAL_COLUMNS)
    arabic = re.compile("[\u0621-\u064a]")
    for canonical, aliases in HEADER_ALIASES.items():
        assert canonical in aliases
        if canonical not in ("pcode",):
            assert any(arabic.search(a) for a in aliases), canonical


def test_no_alias_means_two_columns() -> None:
    seen: dict[str, str] = {}
    for canonical, aliases in HEADER_ALIASES.items():
        for alias in (canonical, *aliases):
            assert seen.setdefault(header_key(alias), canonical) == canonical, alias


def test_headers_compare_loosely(cb: Codebook) -> None:
    columns = ["Incident_Date", " LOCATION ", "Killed (civilians)", "تاريخ الحادثه", "Notes"]
    with pytest.raises(MappingError):  # Incident_Date and تاريخ الحادثه are both "date"
        map_columns(columns, codebook=cb)
    mapping = map_columns(columns[1:], codebook=cb)
    assert mapping.to_canonical == {
        " LOCATION ": "place",
        "Killed (civilians)": "killed_civilian",
        "تاريخ الحادثه": "date",
    }
    assert mapping.unknown == ["Notes"]


def test_arabic_headers_map(cb: Codebook) -> None:
    with open_table(DATA / "arabic_headers.csv") as table:
        mapping = map_columns(table.columns, codebook=cb)
    assert mapping.unknown == []
    assert mapping.to_canonical == {
        "رقم التقرير": "report_id", "التاريخ": "date", "المكان": "place", "نوع الحادثة": "type",
        "وسيلة الاستهداف": "method", "نوع العملية": "operation_type", "القتلى": "killed",
        "الجرحى": "injured", "صفة المستهدف": "target_status", "الجهة المنفذة": "perpetrator",
        "نوع الجهة المنفذة": "perpetrator_type", "المصدر": "source_name",
        "نوع المصدر": "source_type", "الرواية": "narrative",
    }  # fmt: skip


def test_codebook_labels_are_aliases(cb: Codebook) -> None:
    labels = ["Date of the incident", "Civilians killed", "مكان الرصد", "Type of perpetrator",
              "الرواية (بالإنجليزية)", "Number of people targeted", "Targeting party"]  # fmt: skip
    mapping = map_columns(labels, codebook=cb)
    assert mapping.to_canonical == dict(zip(labels, [
        "date", "killed_civilian", "observation_place", "perpetrator_type", "narrative_en",
        "number_targeted", "perpetrator"], strict=True))  # fmt: skip


def test_duplicate_mapping_names_both_headers(cb: Codebook) -> None:
    with pytest.raises(ValueError) as error:
        map_columns(["Date", "التاريخ"], codebook=cb)
    assert isinstance(error.value, MappingError)
    assert "“Date”" in error.value.message_en and "“التاريخ”" in error.value.message_en
    assert "«Date»" in error.value.message_ar and "«التاريخ»" in error.value.message_ar
    # a saved mapping can resolve it
    mapping = map_columns(["Date", "التاريخ"], codebook=cb, saved={"التاريخ": "date_end"})
    assert mapping.to_canonical == {"Date": "date", "التاريخ": "date_end"}


def test_saved_mapping_wins(cb: Codebook) -> None:
    saved = load_mapping(DATA / "mapping.yaml")
    assert saved == {"When": "date", "Where": "place", "What": "type", "Dead": "killed",
                     "Who reported": "source_name"}  # fmt: skip
    mapping = map_columns(["When", "Where", "What", "Dead", "Who reported", "place"],
                          codebook=cb, saved={**saved, "place": ""})  # fmt: skip
    assert mapping.to_canonical["Where"] == "place" and mapping.unknown == ["place"]
    [(_, draft, problems)] = parse_file(
        DATA / "odd_headers.csv", cb, default_gazetteer(), saved=saved,
        default_source_type="activists",
    )  # fmt: skip
    assert problems == [] and draft is not None
    assert draft.fields["place_pcode"] == "C6111" and draft.fields["killed"] == 2
    assert draft.source_name == "Horan Free League"


@pytest.mark.parametrize(
    "text",
    [
        "columns: {When: when_it_happened}\n",
        "When: date\n",
        "columns: [date]\n",
        "columns: {When: date\n",
    ],
)
def test_bad_mapping_files(tmp_path: Path, text: str) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError) as error:
        load_mapping(path)
    assert isinstance(error.value, MappingError) and error.value.message_ar
    with pytest.raises(MappingError):
        load_mapping(tmp_path / "missing.yaml")


def test_null_in_mapping_file_ignores_a_column(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("columns:\n  Notes: null\n  التاريخ: date\n", encoding="utf-8")
    assert load_mapping(path) == {"Notes": "", "التاريخ": "date"}


# -- whole files -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["good.csv", "arabic_headers.csv", "utf8_bom.csv", "cp1256.csv", "utf16.csv", "reports.jsonl"],
)
def test_good_files_parse_without_problems(cb: Codebook, gz: Gazetteer, name: str) -> None:
    results = parse_file(DATA / name, cb, gz)
    assert results
    for row, draft, problems in results:
        assert problems == [], (row.number, problems)
        assert draft is not None and draft.row == row.number
        assert draft.raw == row.values
        assert draft.source_name and draft.source_type in cb.choice_lists["source_type"]
        assert isinstance(draft.fields["date"], dt.date)
        assert draft.fields["place_pcode"]


def test_good_file_values(cb: Codebook, gz: Gazetteer) -> None:
    drafts = {d.report_id: d for _, d, _ in parse_file(DATA / "good.csv", cb, gz) if d}
    r1, r2, r3, r4, r5 = (drafts[f"R{i}"].fields for i in range(1, 6))
    assert r1["place_pcode"] == "C6124" and r1["place_precision"] == "community"
    assert r1["narrative_ar"] == "اغتيال مدني برصاص مجهولين في نوى" and r1["narrative_en"] == ""
    assert r1["perpetrator_text"] == "مجهولون" and r1["perpetrator_type"] == "unknown"
    assert r2["type"] == "explosion" and r2["method"] == "ied" and r2["target_status"] == "military"
    assert drafts["R2"].source_type == "observation_point"
    assert r3["date"] == dt.date(2020, 2, 1) and r3["date_precision"] == "month"
    assert r3["operation_type"] == "arrest" and r3["number_targeted"] == 3
    assert r3["target_gender"] == "male" and r3["place_pcode"] == "C2338"
    assert (r4["date"], r4["date_end"], r4["date_precision"]) == (
        dt.date(2020, 1, 10), dt.date(2020, 1, 12), "range")  # fmt: skip
    assert r4["operation_type"] == "abduction" and r4["place_pcode"] == "C5710"
    assert r5["latitude"] == 32.85 and r5["longitude"] == 36.05
    assert r5["place_pcode"] and r5["place_precision"] == "community"
    assert r5["killed"] == 0 and r5["injured"] == 2


def test_xlsx_file(cb: Codebook, gz: Gazetteer) -> None:
    results = parse_file(DATA / "dates_and_blanks.xlsx", cb, gz)
    by_row = {row.number: (draft, problems) for row, draft, problems in results}
    first = by_row[2][0]
    assert first is not None
    assert first.fields["received_at"] == dt.datetime(2020, 1, 16, 10, 30, tzinfo=dt.UTC)
    assert by_row[3][0] is not None and by_row[3][0].fields["date"] == dt.date(2020, 1, 20)
    serial = by_row[5][0]
    assert serial is not None and serial.fields["date"] == dt.date(2020, 1, 15)
    assert serial.fields["narrative_en"] == '=HYPERLINK("http://example.org")'  # text, as given
    assert codes(by_row[6][1]) == [("injured", "not_integer")]


def test_bad_file_lists_every_problem(cb: Codebook, gz: Gazetteer) -> None:
    results = parse_file(DATA / "bad.csv", cb, gz)
    found = {row.values["report_id"]: problems for row, _, problems in results}
    assert all(draft is None for _, draft, _ in results)
    expected = {
        "B1": [("date", "out_of_range", "31/02/2020")],
        "B2": [("type", "unknown_choice", "bombing")],
        "B3": [("method", "unknown_choice", "rockets")],
        "B4": [("place", "ambiguous_place", "Buwayda")],
        "B5": [("place", "unknown_place", "Qwertyville")],
        "B6": [("pcode", "unknown_pcode", "X9999")],
        "B7": [("killed", "not_integer", "three"), ("injured", "negative", "-1"),
               ("killed_civilian", "not_integer", "2.5")],
        "B8": [("latitude", "outside_region", "12.5")],
        "B9": [("date", "ambiguous", "01-02-03")],
        "B10": [("killed", "breakdown_exceeds_total", "1")],
        "B11": [("target_status", "unknown_choice", "student")],
        "B12": [("url", "invalid_url", "not a link")],
        "B13": [("source_name", "missing_source_name", ""), ("source_type", "missing_source_type", "")],
    }  # fmt: skip
    assert {k: [(p.column, p.code, p.value) for p in v] for k, v in found.items()} == expected
    for problems in found.values():
        for p in problems:
            assert p.row >= 2 and p.message_en and re.search("[\u0621-\u064a]", p.message_ar)
    assert "civilian" in found["B11"][0].message_en  # the accepted codes are listed
    assert "مدني" in found["B11"][0].message_ar
    ambiguous = found["B4"][0]
    assert len(ambiguous.candidates) == 2
    assert all(c.split()[0] in ("C2296", "C3220") for c in ambiguous.candidates)
    assert "C2296 Buwayda / البويضة (" in ambiguous.candidates[0]
    assert found["B5"][0].candidates  # the closest names, to help the user


def test_rejects_round_trip_through_the_parser(tmp_path: Path, cb: Codebook, gz: Gazetteer) -> None:
    results = parse_file(DATA / "bad.csv", cb, gz)
    columns = open_table(DATA / "bad.csv").columns
    for fmt in ("csv", "xlsx"):
        path = tmp_path / f"rejects.{fmt}"
        write_rejects(path, columns, [reject_entry(r, p) for r, _, p in results], format=fmt)
        back = list(open_table(path).rows)
        assert [{c: b.values[c] for c in columns} for b in back] == [
            r.values for r, _, _ in results
        ]
        assert back[6].values["error_column"] == "killed; injured; killed_civilian"
        en, ar = back[0].values["error"].split(" / ", 1)
        assert en.startswith("date: ") and "31/02/2020" in en and ar.startswith("date: ")
        # fixed rows can be imported from the rejects file as they are
        again = parse_file(path, cb, gz)
        assert [p.code for _, _, ps in again for p in ps][:1] == ["out_of_range"]


# -- single values -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "value", "field", "code"),
    [
        ("type", "تفجير", "type", "explosion"),
        ("type", "EXPLOSION", "type", "explosion"),
        ("method", "عبوه ناسفه", "method", "ied"),
        ("method", "VBIED", "method", "car_bomb"),
        ("method", "إطلاق الرصاص", "method", "gunfire"),
        ("target_status", "مدنيين", "target_status", "civilian"),
        ("target_status", "White Helmets", "target_status", "civil_defence"),
        ("perpetrator_type", "جهة أجنبية", "perpetrator_type", "foreign"),
        ("target_gender", "أنثى", "target_gender", "female"),
        ("place_precision", "ناحية", "place_precision", "subdistrict"),
        ("date_precision", "خلال شهر", "date_precision", "month"),
    ],
)
def test_choices_accept_labels_in_both_languages(
    cb: Codebook, gz: Gazetteer, column: str, value: str, field: str, code: str
) -> None:
    draft, problems = parse_one(cb, gz, {column: value})
    assert problems == [] and draft is not None
    assert draft.fields[field] == code


def test_source_type_label_and_defaults(cb: Codebook, gz: Gazetteer) -> None:
    draft, _ = parse_one(cb, gz, {"source_type": "نقطة رصد"})
    assert draft is not None and draft.source_type == "observation_point"
    draft, _ = parse_one(cb, gz, {"source_type": None, "source_name": None},
                         default_source_name="Field team", default_source_type="مقابلة")  # fmt: skip
    assert draft is not None
    assert (draft.source_name, draft.source_type) == ("Field team", "private_interview")
    with pytest.raises(ValueError):
        parse_one(cb, gz, {}, default_source_type="gossip")


@pytest.mark.parametrize(
    ("value", "expected"),
    [("٣", 3), ("3.0", 3), ("1,008", 1008), (" 12 ", 12), ("0", 0), ("+4", 4)],
)
def test_counts(cb: Codebook, gz: Gazetteer, value: str, expected: int) -> None:
    draft, problems = parse_one(cb, gz, {"injured": value})
    assert problems == [] and draft is not None and draft.fields["injured"] == expected


@pytest.mark.parametrize(
    ("value", "code"), [("three", "not_integer"), ("-1", "negative"), ("2.5", "not_integer")]
)
def test_bad_counts(cb: Codebook, gz: Gazetteer, value: str, code: str) -> None:
    _, problems = parse_one(cb, gz, {"killed": value})
    assert [(p.column, p.code, p.value) for p in problems] == [("killed", code, value)]


def test_dates_and_precision(cb: Codebook, gz: Gazetteer) -> None:
    draft, problems = parse_one(cb, gz, {"date": "15/01/2020", "date_precision": "month"})
    assert problems == [] and draft is not None
    assert (draft.fields["date"], draft.fields["date_precision"]) == (dt.date(2020, 1, 1), "month")
    draft, problems = parse_one(cb, gz, {"date": "2020-01-10", "date_end": "2020-01-12"})
    assert draft is not None and draft.fields["date_precision"] == "range"
    assert draft.fields["date_end"] == dt.date(2020, 1, 12)
    _, problems = parse_one(cb, gz, {"date": "January 2020", "date_precision": "day"})
    assert codes(problems) == [("date_precision", "precision_conflict")]
    _, problems = parse_one(cb, gz, {"date": "2020-01-10", "date_end": "2020-01-05"})
    assert codes(problems) == [("date_end", "date_order")]
    _, problems = parse_one(cb, gz, {"date": "2020-01-10", "date_precision": "range"})
    assert codes(problems) == [("", "missing")]  # the end date is required for a range
    _, problems = parse_one(cb, gz, {"date": ""})
    assert codes(problems) == [("date", "missing")]
    draft, _ = parse_one(cb, gz, {"received_at": "16/01/2020 10:30"})
    assert draft is not None
    assert draft.fields["received_at"] == dt.datetime(2020, 1, 16, 10, 30, tzinfo=dt.UTC)


def test_narratives_go_by_script(cb: Codebook, gz: Gazetteer) -> None:
    draft, _ = parse_one(cb, gz, {"narrative": "انفجار عبوة", "narrative_en": "An IED"})
    assert draft is not None
    assert (draft.fields["narrative_ar"], draft.fields["narrative_en"]) == ("انفجار عبوة", "An IED")
    draft, _ = parse_one(cb, gz, {"narrative": "Second account", "narrative_en": "An IED"})
    assert draft is not None and draft.fields["narrative_en"] == "An IED\n\nSecond account"


# -- places ------------------------------------------------------------------------------------


def test_place_with_a_hint_in_the_text(cb: Codebook, gz: Gazetteer) -> None:
    draft, problems = parse_one(cb, gz, {"place": "نوى بريف درعا الغربي"})
    assert problems == [] and draft is not None
    assert draft.fields["place_pcode"] == "C6124"
    assert draft.fields["place_text"] == "نوى بريف درعا الغربي"


def test_a_town_beats_its_own_subdistrict_and_governorate(cb: Codebook, gz: Gazetteer) -> None:
    for name, pcode in (("Jasim", "C6111"), ("الرقة", "C5710"), ("Aleppo", "C1007")):
        draft, problems = parse_one(cb, gz, {"place": name})
        assert problems == [] and draft is not None and draft.fields["place_pcode"] == pcode


def test_coordinates_give_the_governorate_as_a_hint(cb: Codebook, gz: Gazetteer) -> None:
    _, problems = parse_one(cb, gz, {"place": "Buwayda"})
    assert codes(problems) == [("place", "ambiguous_place")]
    # near Salamiyeh (Hama): the Hama Buwayda wins
    draft, problems = parse_one(cb, gz, {"place": "Buwayda", "lat": "35.0", "lon": "37.05"})
    assert problems == [] and draft is not None
    assert draft.fields["place_pcode"] == "C3220" and draft.fields["place_precision"] == "community"


def test_precision_picks_the_level(cb: Codebook, gz: Gazetteer) -> None:
    draft, _ = parse_one(cb, gz, {"place": "Daraa", "place_precision": "governorate"})
    assert draft is not None and draft.fields["place_pcode"] == "SY12"
    _, problems = parse_one(
        cb, gz, {"place": None, "pcode": "SY12", "place_precision": "community"}
    )
    assert codes(problems) == [("place_precision", "place_precision_conflict")]
    draft, problems = parse_one(cb, gz, {"place": None, "pcode": "SY120303"})
    assert draft is not None and draft.fields["place_precision"] == "subdistrict"


def test_coordinates_alone(cb: Codebook, gz: Gazetteer) -> None:
    draft, problems = parse_one(cb, gz, {"place": None, "latitude": "32.85", "longitude": "36.05",
                                         "place_precision": "point"})  # fmt: skip
    assert problems == [] and draft is not None
    assert draft.fields["place_precision"] == "point" and draft.fields["place_pcode"]
    _, problems = parse_one(cb, gz, {"place": None, "latitude": "36.05", "longitude": "32.85"})
    assert codes(problems) == [("longitude", "outside_region")]
    assert "swapped" in problems[0].message_en
    _, problems = parse_one(cb, gz, {"place": None, "latitude": "north", "longitude": "36"})
    assert codes(problems) == [("latitude", "not_a_number")]
    _, problems = parse_one(cb, gz, {"place": None})
    assert codes(problems) == [("", "missing_place")]
    _, problems = parse_one(cb, gz, {"place_precision": "point"})
    assert codes(problems) == [("place_precision", "point_needs_coordinates")]


# -- robustness --------------------------------------------------------------------------------

VALUES = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["=HYPERLINK(\"http://x\",\"y\")", "+1", "@SUM(A1)", "-1", "٣", "3.0",
                     "31/02/2020", "نوى", "Jasim", "SY12", "C6124", "1e400", "nan", "", " ",
                     "2020-01-15", "١٥ كانون الثاني ٢٠٢٠", "36.5", "explosion", "detention",
                     "ن" * 1_000_000, "2020-01-15 " * 100_000]),
)  # fmt: skip


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(CANONICAL_COLUMNS), VALUES, max_size=12))
def test_parser_never_crashes(values: dict[str, str]) -> None:
    cb, gz = shipped_codebook(), default_gazetteer()
    row = RawRow(2, values)
    parser = RowParser(cb, gz, ColumnMapping({c: c for c in values}, []))
    draft, problems = parser.parse(row)
    assert (draft is None) == bool(problems)
    for p in problems:
        assert p.row == 2 and p.column in (*values, "") and p.message_en and p.message_ar
    if draft is not None:
        for column in ("narrative_ar", "narrative_en", "target"):
            assert draft.fields[column] in (values.get(column, "").strip(), "")


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.lists(VALUES, min_size=3, max_size=3), max_size=6))
def test_random_csv_through_the_whole_front_half(tmp_path: Path, cells: list[list[str]]) -> None:
    import csv

    cb, gz = shipped_codebook(), default_gazetteer()
    path = tmp_path / "random.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["date", "place", "narrative"])
        writer.writerows(cells)
    try:
        with open_table(path) as table:
            parser = RowParser(cb, gz, map_columns(table.columns, codebook=cb))
            for row in table.rows:
                draft, problems = parser.parse(row)
                assert (draft is None) == bool(problems)
    except TableError:
        pass


# -- documentation -----------------------------------------------------------------------------


def test_import_docs_list_every_column_and_alias() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for canonical, aliases in HEADER_ALIASES.items():
        assert f"`{canonical}`" in text, canonical
        for alias in aliases:
            assert alias in text, alias
    for option in ("--format", "--mapping", "--source-name", "--source-type", "--dry-run",
                   "--rejects"):  # fmt: skip
        assert option in text
