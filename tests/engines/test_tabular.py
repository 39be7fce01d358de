"""Reading spreadsheet files robustly and writing rejects (pure: no Django)."""

from __future__ import annotations

import io
import json
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from marsad.engines.tabular import (
    RawRow,
    TableError,
    cell_text,
    detect_encoding,
    open_table,
    write_rejects,
)

DATA = Path(__file__).parent / "data" / "imports"
ARABIC_ROW = "اغتيال شاب برصاص مجهولين"


def rows_of(path: Path, **kwargs: str) -> list[RawRow]:
    with open_table(path, **kwargs) as table:
        return list(table.rows)


# -- the fixture files --------------------------------------------------------------------------


def test_utf8_file_with_arabic_values() -> None:
    table = open_table(DATA / "good.csv")
    assert (table.format, table.encoding, table.delimiter) == ("csv", "utf-8", ",")
    rows = list(table.rows)
    assert [r.number for r in rows] == [2, 3, 4, 5, 6]
    assert rows[0].values["place"] == "نوى بريف درعا الغربي"
    assert rows[1].values["narrative"] == "An IED hit a patrol near Jasim, killing two soldiers"
    assert rows[0].values["latitude"] == ""


def test_utf8_with_bom_and_semicolons() -> None:
    table = open_table(DATA / "utf8_bom.csv")
    assert (table.encoding, table.delimiter) == ("utf-8-sig", ";")
    assert table.columns[0] == "Date"  # no BOM left in the first header
    rows = list(table.rows)
    assert rows[0].values["Notes"] == "سيارة مفخخة قرب الجامع"
    assert rows[1].values["Notes"] == "A car bomb; many injured"


def test_utf16_tab_separated() -> None:
    table = open_table(DATA / "utf16.csv")
    assert (table.encoding, table.delimiter) == ("utf-16-le", "\t")
    assert table.columns[0] == "date"
    (row,) = list(table.rows)
    assert row.values["source_name"] == "الرقة تذبح بصمت"
    assert row.values["narrative"] == "انفجار لغم أرضي"


def test_windows_1256_arabic() -> None:
    table = open_table(DATA / "cp1256.csv")
    assert table.encoding == "cp1256"
    assert table.columns == [
        "التاريخ", "المكان", "نوع الحادثة", "الوسيلة", "القتلى", "المصدر", "نوع المصدر", "الرواية",
    ]  # fmt: skip
    rows = list(table.rows)
    assert rows[0].values["الرواية"] == ARABIC_ROW
    assert rows[1].values["الرواية"] == "«انفجار» عبوة ناسفة – دورية"


def test_latin1_french_is_refused_not_turned_into_arabic() -> None:
    with pytest.raises(TableError) as error:
        open_table(DATA / "latin1_french.csv")
    assert "UTF-8" in error.value.message_en and "UTF-8" in error.value.message_ar


def test_arabic_headers() -> None:
    table = open_table(DATA / "arabic_headers.csv")
    assert table.columns[:3] == ["رقم التقرير", "التاريخ", "المكان"]
    rows = list(table.rows)
    assert rows[0].values["التاريخ"] == "١٥ كانون الثاني ٢٠٢٠"


def test_xlsx_dates_numbers_and_empty_cells() -> None:
    table = open_table(DATA / "dates_and_blanks.xlsx")
    assert (table.format, table.encoding, table.sheet) == ("xlsx", None, "reports")
    rows = list(table.rows)
    assert [r.number for r in rows] == [2, 3, 5, 6]  # the empty row 4 is skipped, not renumbered
    first, second, third, fourth = (r.values for r in rows)
    assert first["date"] == "2020-01-15"
    assert first["received_at"] == "2020-01-16T10:30:00"
    assert first["killed"] == "2"  # 2.0 without ".0"
    assert first["injured"] == ""
    assert second["date"] == "2020-01-20"  # a date-formatted serial is a date
    assert second["narrative"] == ""
    assert third["date"] == "43845"  # a plain number stays a number (dates.parse_date reads it)
    assert third["narrative"] == '=HYPERLINK("http://example.org")'
    assert fourth["date"] == "2020-02-01"
    assert fourth["injured"] == "1.5"
    assert fourth["narrative"] == "+1 @SUM"


def test_xlsx_other_sheet_and_unknown_sheet() -> None:
    assert rows_of(DATA / "dates_and_blanks.xlsx", sheet="notes") == []
    assert open_table(DATA / "dates_and_blanks.xlsx", sheet="notes").columns == ["not", "reports"]
    with pytest.raises(TableError) as error:
        open_table(DATA / "dates_and_blanks.xlsx", sheet="nope")
    assert "reports" in error.value.message_en


def test_jsonl() -> None:
    table = open_table(DATA / "reports.jsonl")
    assert table.format == "jsonl"
    rows = list(table.rows)
    assert [r.number for r in rows] == [1, 3, 4]  # line numbers; the blank line is skipped
    assert rows[0].values["place"] == "البوكمال"
    assert rows[0].values["injured"] == ""  # null
    assert rows[0].values["tags"] == '["east", "border"]'
    assert rows[1].values["killed"] == "2"
    assert rows[1].values["narrative"] == ""  # a key the line does not have
    assert rows[2].values["extra"] == '{"verified": true}'
    assert "operation_type" in table.columns


# -- detection ---------------------------------------------------------------------------------


def test_detect_encoding_rules() -> None:
    arabic = "التاريخ,المكان\n15/01/2020,نوى\n"
    assert detect_encoding(arabic.encode("utf-8")) == "utf-8"
    assert detect_encoding(b"\xef\xbb\xbf" + arabic.encode("utf-8")) == "utf-8-sig"
    assert detect_encoding(b"\xff\xfe" + arabic.encode("utf-16-le")) == "utf-16-le"
    assert detect_encoding(b"\xfe\xff" + arabic.encode("utf-16-be")) == "utf-16-be"
    assert detect_encoding(arabic.encode("utf-16-le")) == "utf-16-le"
    assert detect_encoding(arabic.encode("cp1256")) == "cp1256"
    assert detect_encoding(b"date,place\n2020-01-15,Jasim\n") == "utf-8"


def test_utf8_is_never_read_as_cp1256() -> None:
    encoded = ("الرواية: " + ARABIC_ROW * 20).encode("utf-8")
    assert detect_encoding(encoded) == "utf-8"
    assert detect_encoding(encoded[:-1]) == "utf-8"  # a sample cut inside a character
    # UTF-8 with one broken byte must not fall back to a cp1256 reading (mojibake)
    with pytest.raises(TableError):
        detect_encoding(encoded[:40] + b"\xff" + encoded[40:])


def test_latin1_never_becomes_arabic() -> None:
    for text in ("récit élémentaire à Deraa, où l'été", "Señor Muñoz ñandú", "Größe über"):
        data = text.encode("latin-1")
        try:
            encoding = detect_encoding(data)
        except TableError:
            continue
        assert data.decode(encoding) == text


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02\x03binary\x00\x00\xff\xfe\x00", "binary"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, ".xls"),
        (b"PK\x03\x04not really a zip", "xlsx"),
    ],
)
def test_unreadable_files(tmp_path: Path, content: bytes, words: str) -> None:
    path = tmp_path / "file.csv"
    path.write_bytes(content)
    with pytest.raises(TableError) as error:
        rows_of(path)
    assert words in error.value.message_en.lower() or words in error.value.message_en
    assert error.value.message_ar


def test_missing_file_and_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(TableError):
        open_table(tmp_path / "nope.csv")
    (tmp_path / "a.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(TableError):
        open_table(tmp_path / "a.csv", format="ods")
    assert open_table(tmp_path / "a.csv", format="auto").format == "csv"


def test_xlsx_given_as_csv_extension_is_detected_by_content(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes((DATA / "dates_and_blanks.xlsx").read_bytes())
    assert open_table(path).format == "xlsx"


def test_invalid_utf8_later_in_the_file_is_a_table_error(tmp_path: Path) -> None:
    path = tmp_path / "late.csv"
    good = "a,b\n" + "نوى,1\n" * 60000
    path.write_bytes(good.encode("utf-8") + b"\xff\xfe bad\n")
    table = open_table(path)
    assert table.encoding == "utf-8"
    with pytest.raises(TableError) as error:
        list(table.rows)
    assert "utf-8" in error.value.message_en


# -- CSV details -------------------------------------------------------------------------------


def test_duplicate_and_blank_headers(tmp_path: Path) -> None:
    path = tmp_path / "dup.csv"
    path.write_text("name,name,,name\n1,2,3,4\n", encoding="utf-8")
    table = open_table(path)
    assert table.columns == ["name", "name (2)", "column 3", "name (3)"]
    assert len(table.warnings) == 2 and "name (2)" in table.warnings[0]
    assert list(table.rows)[0].values == {
        "name": "1",
        "name (2)": "2",
        "column 3": "3",
        "name (3)": "4",
    }


def test_short_long_and_blank_rows(tmp_path: Path) -> None:
    path = tmp_path / "ragged.csv"
    path.write_text("\na,b\n1\n\n,\n1,2,3\n", encoding="utf-8")
    table = open_table(path)
    assert table.columns == ["a", "b"]
    rows = list(table.rows)
    assert rows == [
        RawRow(3, {"a": "1", "b": ""}),
        RawRow(6, {"a": "1", "b": "2", "column 3": "3"}),
    ]
    assert any("more cells" in w for w in table.warnings)


def test_quoted_newlines_and_huge_cells(tmp_path: Path) -> None:
    huge = "ن" * 1_000_000
    path = tmp_path / "huge.csv"
    path.write_text(f'a,b\n"line one\nline two",x\n"{huge}",y\n', encoding="utf-8")
    rows = rows_of(path)
    assert rows[0].values["a"] == "line one\nline two"
    assert rows[1].values["a"] == huge and rows[1].number == 3


def test_formula_like_cells_stay_text(tmp_path: Path) -> None:
    path = tmp_path / "formula.csv"
    path.write_text('a,b\n"=HYPERLINK(""http://x"",""y"")",+1\n@SUM(A1),-2\n', encoding="utf-8")
    rows = rows_of(path)
    assert rows[0].values == {"a": '=HYPERLINK("http://x","y")', "b": "+1"}
    assert rows[1].values == {"a": "@SUM(A1)", "b": "-2"}


def test_rows_stream_in_flat_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8") as fh:
        fh.write("date,place,narrative\n")
        for i in range(100_000):
            fh.write(f"2020-01-15,نوى,رواية رقم {i} عن حادثة في نوى\n")
    tracemalloc.start()
    count = sum(1 for _ in open_table(path).rows)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count == 100_000
    assert peak < 5_000_000  # the file is ~6 MB of text; rows are not kept


def test_cell_text() -> None:
    import datetime as dt

    assert cell_text(None) == "" and cell_text(3) == "3" and cell_text(3.0) == "3"
    assert cell_text(2.5) == "2.5" and cell_text(0.1 + 0.2) == "0.3"
    assert cell_text(True) == "TRUE"
    assert cell_text(dt.datetime(2020, 1, 15)) == "2020-01-15"
    assert cell_text(dt.datetime(2020, 1, 15, 10, 30)) == "2020-01-15T10:30:00"
    assert cell_text(dt.date(2020, 1, 15)) == "2020-01-15"


# -- rejects -----------------------------------------------------------------------------------


REJECTED = [
    (RawRow(2, {"date": "31/02/2020", "place": "نوى", "note": '=HYPERLINK("http://x")'}), "date",
     "date: not a real date / التاريخ: ليس تاريخاً موجوداً"),
    (RawRow(5, {"date": "2020-01-15", "place": "Qwertyville", "note": "+1\nline"}), "place",
     "place: unknown / المكان: غير معروف"),
]  # fmt: skip


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "jsonl"])
def test_rejects_round_trip(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"rejects.{fmt}"
    write_rejects(path, ["date", "place", "note"], REJECTED, format=fmt)
    table = open_table(path)
    assert table.format == fmt
    assert table.columns == ["date", "place", "note", "error_column", "error"]
    rows = list(table.rows)
    for (original, column, error), back in zip(REJECTED, rows, strict=True):
        assert {k: back.values[k] for k in original.values} == original.values
        assert back.values["error_column"] == column and back.values["error"] == error
    if fmt == "csv":
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    # a rejects file imported and rejected again keeps one pair of error columns
    again = tmp_path / f"again.{fmt}"
    write_rejects(again, table.columns, [(rows[0], "x", "y")], format=fmt)
    assert open_table(again).columns == ["date", "place", "note", "error_column", "error"]


def test_rejects_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(TableError):
        write_rejects(tmp_path / "r.ods", ["a"], [], format="ods")


# -- nothing but TableError --------------------------------------------------------------------


def read_all(path: Path) -> None:
    try:
        with open_table(path) as table:
            for row in table.rows:
                assert all(isinstance(v, str) for v in row.values.values())
    except TableError as error:
        assert error.message_en and error.message_ar


def _xlsx_bytes() -> bytes:
    book = Workbook()
    ws = book.active
    ws.append(["date", "place", "killed"])
    for i in range(30):
        ws.append([f"2020-01-{i % 28 + 1:02d}", "نوى", i])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


XLSX = _xlsx_bytes()
SETTINGS = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(st.binary(max_size=2000), st.sampled_from(["csv", "xlsx", "jsonl", "txt"]))
def test_random_bytes(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"random.{suffix}"
    path.write_bytes(data)
    read_all(path)


@SETTINGS
@given(st.integers(min_value=0, max_value=len(XLSX) - 1))
def test_truncated_xlsx(tmp_path: Path, cut: int) -> None:
    path = tmp_path / "cut.xlsx"
    path.write_bytes(XLSX[:cut])
    read_all(path)


@SETTINGS
@given(st.integers(min_value=0, max_value=len(XLSX) - 1), st.binary(min_size=1, max_size=8))
def test_corrupted_xlsx(tmp_path: Path, at: int, junk: bytes) -> None:
    path = tmp_path / "corrupt.xlsx"
    path.write_bytes(XLSX[:at] + junk + XLSX[at + len(junk) :])
    read_all(path)


@SETTINGS
@given(st.text(max_size=500), st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1256"]))
def test_random_text_as_csv(tmp_path: Path, text: str, encoding: str) -> None:
    path = tmp_path / "text.csv"
    try:
        path.write_bytes(text.encode(encoding))
    except UnicodeEncodeError:
        return
    read_all(path)


@SETTINGS
@given(st.lists(st.text(max_size=30), min_size=1, max_size=5))
def test_random_jsonl(tmp_path: Path, values: list[str]) -> None:
    path = tmp_path / "lines.jsonl"
    lines = [json.dumps({"a": v, "n": i}) for i, v in enumerate(values)] + values
    path.write_text("\n".join(lines), encoding="utf-8")
    read_all(path)
