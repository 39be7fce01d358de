"""Export writers: every format read back by the tool its users open it with."""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from marsad.engines.codebook import default_codebook_path, load_codebook
from marsad.engines.control import PARTIES
from marsad.engines.export_fields import (
    INCIDENT_FIELDS,
    KINDS,
    NEVER_PUBLIC,
    REPORT_FIELDS,
    REVIEW_STATUSES,
    SPECIAL_LISTS,
    ExportField,
    choice_items,
    choice_label,
    fields_for,
    markdown_table,
)
from marsad.engines.export_formats import (
    EXTENSIONS,
    FORMATS,
    MEDIA_TYPES,
    iter_export,
    neutralise,
    restore,
    write_csv,
    write_geojson,
    write_hxl,
    write_json,
    write_xlsx,
)
from marsad.engines.export_values import text_cell
from marsad.engines.export_xlsx import data_columns
from marsad.engines.gazetteer import default_gazetteer

DOCS = Path(__file__).resolve().parents[2] / "docs" / "export.md"
CODEBOOK = load_codebook(default_codebook_path())
FORMULAS = ['=HYPERLINK("http://x","y")', "+1", "-SUM(A1)", "@cmd"]
PLACES = ["C6111", "C2338", "C5167", "C1366", "C2227", "C5710", "SY120301", "SY09"]
TYPES = ["explosion", "assassination", "detention", "abduction"]
METHODS = ["ied", "gunfire", "car_bomb", None, "mine"]
UTC = datetime.UTC


def place_columns(pcode: str | None) -> dict[str, object]:
    """The place columns as the Django side fills them (from the gazetteer)."""
    gz = default_gazetteer()
    columns: dict[str, object] = {"pcode": pcode, "place_name_en": None, "place_name_ar": None}
    for level in ("governorate", "district", "subdistrict"):
        columns.update({f"{level}_pcode": None, f"{level}_name_en": None, f"{level}_name_ar": None})
    place = gz.get(pcode) if pcode else None
    if place is None:
        return columns
    columns.update(
        place_name_en=place.name_en,
        place_name_ar=place.name_ar,
        latitude=place.latitude,
        longitude=place.longitude,
        place_precision=place.level,
    )
    for unit in [place, *gz.parents(place.pcode)]:
        if unit.level != "community":
            columns.update(
                {
                    f"{unit.level}_pcode": unit.pcode,
                    f"{unit.level}_name_en": unit.name_en,
                    f"{unit.level}_name_ar": unit.name_ar,
                }
            )
    return columns


def incident(i: int) -> dict[str, object]:
    pcode = PLACES[i % len(PLACES)] if i % 9 else None
    record: dict[str, object] = {
        "incident_id": 100 + i,
        "type": TYPES[i % 4],
        "date": datetime.date(2020, 1, 1) + datetime.timedelta(days=9 * i),
        "date_precision": "range" if i % 7 == 3 else "day",
        "date_end": datetime.date(2020, 1, 4) + datetime.timedelta(days=9 * i)
        if i % 7 == 3
        else None,
        **place_columns(pcode),
        "controlling_party": list(PARTIES)[i % 4],
        "controlling_sub_label": "olive_branch" if i % 4 == 1 else None,
        "method": METHODS[i % 5] if TYPES[i % 4] in ("explosion", "assassination") else None,
        "operation_type": "abduction" if TYPES[i % 4] == "abduction" else None,
        "target": FORMULAS[i % 4] if i < 4 else f'حاجز {i}, "checkpoint"',
        "target_status": ["civilian", "military", "unknown"][i % 3],
        "perpetrator": "@cmd" if i == 5 else ("خلايا مجهولة" if i % 2 else "Unknown gunmen"),
        "perpetrator_type": ["local", "foreign", "unknown"][i % 3],
        "killed_low": i % 5,
        "killed_best": i % 5 + 1,
        "killed_high": i % 5 + 2,
        "injured_low": 0,
        "injured_best": i if i % 3 else None,
        "injured_high": i + 3,
        "killed_civilian": 1 if i % 2 else None,
        "killed_military": i % 3,
        "number_targeted": 2 if TYPES[i % 4] in ("detention", "abduction") else None,
        "target_gender": "male" if i % 2 else "female",
        "narrative_ar": f"انفجار عبوة ناسفة قرب دوار البلدة؛ رقم {i}\nسطر ثانٍ",
        "narrative_en": "-SUM(A1)" if i == 6 else f'IED exploded near the square, "report" {i}',
        "status": ["published", "verified", "draft"][i % 3],
        "confidence": ["corroborated", "single_source", None][i % 3],
        "reconciliation_rule": "median of independent sources" if i % 2 else None,
        "report_ids": [f"R-{i}", f"#{i + 500}"] if i % 4 else [],
        "source_count": i % 4,
        "source_types": ["activist_social_media", "observation_point"][: i % 3],
    }
    return record


def report(i: int) -> dict[str, object]:
    pcode = PLACES[(i + 3) % len(PLACES)] if i % 8 else None
    return {
        "report_id": f"SRC-{i:03d}" if i % 5 else None,
        "source_name": ["شبكة أخبار جاسم", "Deir ez-Zor 24", "=cmd|' /C calc'!A0"][i % 3],
        "source_type": ["activist_social_media", "official_local_media", "partner_ngo"][i % 3],
        "received_at": datetime.datetime(2020, 2, 1, 10, 30, tzinfo=UTC)
        + datetime.timedelta(hours=7 * i),
        "type": TYPES[i % 4],
        "date": datetime.date(2020, 1, 5) + datetime.timedelta(days=3 * i),
        "date_precision": "day",
        "date_end": None,
        "place": "جاسم بريف درعا" if i % 2 else "near Jasim, Daraa",
        **place_columns(pcode),
        "method": METHODS[i % 5],
        "target": FORMULAS[i % 4],
        "target_status": "civilian",
        "perpetrator": "مجهولون",
        "perpetrator_type": "unknown",
        "killed": i % 4,
        "injured": None if i % 3 else 2,
        "killed_civilian": i % 4,
        "observation_place": "نقطة رصد 3" if i % 2 else None,
        "narrative_ar": 'اغتيال شاب بإطلاق نار؛ "مصدر"',
        "narrative_en": "+1" if i == 2 else "A young man was shot dead.",
        "url": "https://example.org/post/" + str(i),
        "codebook_version": "2026.1",
        "incident_ids": [100 + i] if i % 2 else [],
    }


INCIDENTS = [incident(i) for i in range(20)]
REPORTS = [report(i) for i in range(20)]
CASES = [("incidents", INCIDENT_FIELDS, INCIDENTS), ("reports", REPORT_FIELDS, REPORTS)]


def written(writer, records, fields, **kwargs) -> bytes:
    out = io.BytesIO()
    # A generator: the writers must read the records once, as they go.
    assert writer((r for r in records), fields, out, **kwargs) == len(records)
    return out.getvalue()


def plain(value: object) -> str:
    """The text a cell holds before neutralisation."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


# -- fields ----------------------------------------------------------------------------------

REPORT_NAMES = [
    "report_id",
    "source_name",
    "source_type",
    "received_at",
    "type",
    "date",
    "date_precision",
    "date_end",
    "place",
    "pcode",
    "place_name_en",
    "place_name_ar",
    "governorate_pcode",
    "governorate_name_en",
    "governorate_name_ar",
    "district_pcode",
    "district_name_en",
    "district_name_ar",
    "subdistrict_pcode",
    "subdistrict_name_en",
    "subdistrict_name_ar",
    "latitude",
    "longitude",
    "place_precision",
    "method",
    "operation_type",
    "target",
    "target_status",
    "perpetrator",
    "perpetrator_type",
    "perpetrator_actor",
    "killed",
    "injured",
    "killed_civilian",
    "killed_military",
    "killed_unknown",
    "injured_civilian",
    "injured_military",
    "injured_unknown",
    "number_targeted",
    "target_gender",
    "observation_place",
    "narrative_ar",
    "narrative_en",
    "url",
    "codebook_version",
    "incident_ids",
]

INCIDENT_NAMES = [
    "incident_id",
    "type",
    "date",
    "date_precision",
    "date_end",
    "pcode",
    "place_name_en",
    "place_name_ar",
    "governorate_pcode",
    "governorate_name_en",
    "governorate_name_ar",
    "district_pcode",
    "district_name_en",
    "district_name_ar",
    "subdistrict_pcode",
    "subdistrict_name_en",
    "subdistrict_name_ar",
    "latitude",
    "longitude",
    "place_precision",
    "controlling_party",
    "controlling_sub_label",
    "method",
    "operation_type",
    "target",
    "target_status",
    "perpetrator",
    "perpetrator_type",
    "killed_low",
    "killed_best",
    "killed_high",
    "injured_low",
    "injured_best",
    "injured_high",
    "killed_civilian",
    "killed_military",
    "killed_unknown",
    "injured_civilian",
    "injured_military",
    "injured_unknown",
    "number_targeted",
    "target_gender",
    "narrative_ar",
    "narrative_en",
    "status",
    "confidence",
    "reconciliation_rule",
    "report_ids",
    "source_count",
    "source_types",
]


def test_field_lists_are_the_documented_columns():
    assert [f.name for f in fields_for("reports")] == REPORT_NAMES
    assert [f.name for f in fields_for("incidents")] == INCIDENT_NAMES
    with pytest.raises(ValueError):
        fields_for("sources")


@pytest.mark.parametrize("kind", ["reports", "incidents"])
def test_every_field_is_well_formed(kind):
    fields = fields_for(kind)
    hashtag = re.compile(r"^#[a-z][a-z0-9_]*(\+[a-z][a-z0-9_]*)*$")
    assert len({f.name for f in fields}) == len(fields)
    assert len({f.hxl for f in fields}) == len(fields), "one hashtag per column"
    for f in fields:
        assert f.kind in KINDS, f
        assert f.label_en and f.label_ar, f
        assert f.hxl and hashtag.match(f.hxl), f
        if f.kind == "code":
            assert f.choice_list, f
        if f.choice_list:
            assert f.choice_list in CODEBOOK.choice_lists or f.choice_list in SPECIAL_LISTS, f
            assert choice_items(f.choice_list, CODEBOOK), f
        if f.name in NEVER_PUBLIC:
            assert not f.public, f


def test_choice_labels_cover_codebook_and_special_lists():
    assert choice_label("method", "ied", "ar", CODEBOOK) == "عبوة ناسفة"
    assert choice_label("incident_types", "explosion", "en", CODEBOOK) == "Explosion"
    assert choice_label("confidence_grades", "corroborated", "en", CODEBOOK) == "Corroborated"
    assert choice_label("control_party", "regime", "ar", None) == "النظام"
    assert choice_label("control_party", "aa", "en", None) == "Autonomous Administration (SDF)"
    assert choice_label("control_sub_label", "olive_branch", "en", None) == "Olive Branch (Afrin)"
    assert choice_label("review_status", "published", "ar", None) == "منشور"
    assert choice_label("method", "nonsense", "en", CODEBOOK) is None


def test_docs_describe_every_field_and_format():
    text = DOCS.read_text(encoding="utf-8")
    assert markdown_table(REPORT_FIELDS) in text
    assert markdown_table(INCIDENT_FIELDS) in text
    for fmt in FORMATS:
        assert f"`{fmt}`" in text
    for word in ("neutralis", "Excel", "QGIS", "R", "pandas", "public release"):
        assert word in text


# -- neutralisation --------------------------------------------------------------------------


@pytest.mark.parametrize("value", [*FORMULAS, "\tx", "\rx", "'=x", "''+x"])
def test_formula_like_text_is_neutralised(value):
    assert neutralise(value) == "'" + value
    assert restore(neutralise(value)) == value


@pytest.mark.parametrize("value", ["", "'", "'hello", "2020-01-05", "جاسم", "a=b", " =1"])
def test_other_text_is_left_alone(value):
    assert neutralise(value) == value
    assert restore(value) == value


@given(st.text())
def test_restore_undoes_neutralise(value):
    assert restore(neutralise(value)) == value
    assert not neutralise(value).lstrip("'").startswith(("=", "+", "-", "@", "\t", "\r")) or (
        neutralise(value).startswith("'")
    )


def test_numbers_and_dates_are_never_neutralised():
    count = ExportField("killed", "int", "", "", None)
    day = ExportField("date", "date", "", "", None)
    assert text_cell(count, -3) == "-3"
    assert text_cell(ExportField("lat", "float", "", "", None), -0.5) == "-0.5"
    assert text_cell(day, datetime.date(2020, 1, 5)) == "2020-01-05"
    assert text_cell(count, "-3") == "'-3"  # a number given as text is text


# -- CSV ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "fields", "records"), CASES)
def test_csv_reads_back_as_written(kind, fields, records):
    data = written(write_csv, records, fields)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == [f.name for f in fields]
    assert len(rows) == len(records) + 1
    neutralised = 0
    for record, row in zip(records, rows[1:], strict=True):
        for f, cell in zip(fields, row, strict=True):
            expected = plain(record.get(f.name))
            if expected.startswith(tuple("=+-@")) and f.kind not in ("int", "float"):
                assert cell == "'" + expected, (f.name, cell)
                neutralised += 1
            assert restore(cell) == expected, (f.name, cell)
    assert neutralised >= 4


def test_csv_keeps_arabic_newlines_and_quotes():
    text = write_csv_text(INCIDENTS[:2], INCIDENT_FIELDS)
    assert "انفجار عبوة ناسفة قرب دوار البلدة؛ رقم 1\nسطر ثانٍ" in text
    assert '""report"" 1' in text


def write_csv_text(records, fields) -> str:
    return written(write_csv, records, fields).decode("utf-8-sig")


# -- JSON ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "fields", "records"), CASES)
def test_json_is_an_array_with_every_field(kind, fields, records):
    data = written(write_json, records, fields)
    assert "جاسم".encode() in data or "دوما".encode() in data or b"\\u" not in data
    loaded = json.loads(data)
    assert isinstance(loaded, list) and len(loaded) == len(records)
    for record, item in zip(records, loaded, strict=True):
        assert list(item) == [f.name for f in fields]
        for f in fields:
            value = record.get(f.name)
            if isinstance(value, datetime.date):
                assert item[f.name] == value.isoformat()
            elif f.kind == "list":
                assert item[f.name] == list(value or [])
            else:
                assert item[f.name] == value, f.name  # text as is: JSON is not a spreadsheet


def test_json_of_nothing_is_an_empty_array():
    assert json.loads(written(write_json, [], INCIDENT_FIELDS)) == []
    assert json.loads(written(write_geojson, [], INCIDENT_FIELDS))["features"] == []


# -- XLSX ------------------------------------------------------------------------------------


def workbook(records, fields) -> openpyxl.Workbook:
    data = written(write_xlsx, records, fields, codebook=CODEBOOK)
    return openpyxl.load_workbook(io.BytesIO(data))


@pytest.mark.parametrize(("kind", "fields", "records"), CASES)
def test_xlsx_values_dates_labels_and_formulas(kind, fields, records):
    book = workbook(records, fields)
    assert book.sheetnames == ["data", "codebook", "fields"]
    sheet = book["data"]
    columns = data_columns(fields)
    header = [c.value for c in sheet[1]]
    assert header == [f.name if lang is None else f"{f.name}_label_{lang}" for f, lang in columns]
    assert {
        "method_label_en",
        "method_label_ar",
        "type_label_ar",
        "place_precision_label_en",
    } <= set(header)
    assert sheet.max_row == len(records) + 1
    formulas = 0
    for record, row in zip(records, sheet.iter_rows(min_row=2), strict=True):
        cells = dict(zip(header, row, strict=True))
        for f in fields:
            value, cell = record.get(f.name), cells[f.name]
            assert cell.data_type != "f", (f.name, cell.value)
            if value is None or value == []:
                assert cell.value is None, f.name
            elif f.kind == "date":
                assert cell.is_date and cell.value.date() == value, f.name
            elif f.kind == "datetime":
                assert cell.is_date
                assert cell.value == value.astimezone(UTC).replace(tzinfo=None)
            elif isinstance(value, int | float):
                assert cell.value == value and cell.data_type == "n", f.name
            else:
                assert restore(cell.value) == plain(value), f.name
                if plain(value).startswith(tuple("=+-@")):
                    assert cell.value.startswith("'")
                    formulas += 1
            if f.choice_list and f.kind == "code" and value is not None:
                for lang in ("en", "ar"):
                    label = cells[f"{f.name}_label_{lang}"].value
                    assert label == choice_label(f.choice_list, value, lang, CODEBOOK), f.name
    assert formulas >= 4


def test_xlsx_labels_in_both_languages():
    book = workbook(INCIDENTS[:4], INCIDENT_FIELDS)
    sheet = book["data"]
    header = [c.value for c in sheet[1]]
    first = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert first["type"] == "explosion"
    assert (first["type_label_en"], first["type_label_ar"]) == ("Explosion", "تفجير")
    assert (first["method_label_en"], first["method_label_ar"]) == ("IED", "عبوة ناسفة")
    assert first["controlling_party_label_ar"] == "النظام"
    assert first["status_label_ar"] == "منشور"
    second = dict(zip(header, [c.value for c in sheet[3]], strict=True))
    assert second["controlling_party_label_en"] == "Opposition"
    assert second["controlling_sub_label_label_ar"] == "غصن الزيتون (عفرين)"
    assert second["source_types_label_en"] == "Activists' accounts and social-media pages"


def test_xlsx_codebook_and_fields_sheets_are_complete():
    book = workbook(INCIDENTS, INCIDENT_FIELDS)
    rows = list(book["codebook"].iter_rows(values_only=True))
    assert rows[0] == ("list", "code", "label_en", "label_ar")
    listed = {(name, code): (en, ar) for name, code, en, ar in rows[1:]}
    expected = {}
    for name, items in CODEBOOK.choice_lists.items():
        expected.update({(name, i.code): (i.label.en, i.label.ar) for i in items})
    expected.update(
        {
            ("confidence_grades", g.code): (g.label.en, g.label.ar)
            for g in CODEBOOK.confidence_grades
        }
    )
    expected.update({("control_party", p.code): (p.label_en, p.label_ar) for p in PARTIES.values()})
    expected.update({("review_status", c): labels for c, labels in REVIEW_STATUSES.items()})
    assert expected.items() <= listed.items()
    assert ("incident_types", "abduction") in listed
    fields_rows = list(book["fields"].iter_rows(values_only=True))
    assert fields_rows[0][:5] == ("column", "kind", "label_en", "label_ar", "hxl")
    data_header = [c.value for c in book["data"][1]]
    assert [r[0] for r in fields_rows[1:]] == data_header
    by_name = {r[0]: r for r in fields_rows[1:]}
    assert by_name["governorate_pcode"][4] == "#adm1+code"
    assert by_name["report_ids"][6] == "no"


def test_xlsx_needs_a_codebook_and_survives_odd_text():
    with pytest.raises(ValueError):
        write_xlsx([], INCIDENT_FIELDS, io.BytesIO())
    odd = {"incident_id": 1, "narrative_en": "bell\x07 and " + "x" * 40_000, "date": "2020-01-05"}
    book = workbook([odd], INCIDENT_FIELDS)
    header = [c.value for c in book["data"][1]]
    row = dict(zip(header, book["data"][2], strict=True))
    assert row["narrative_en"].value.startswith("bell and ")
    assert len(row["narrative_en"].value) <= 32_767
    assert row["date"].is_date


# -- GeoJSON ---------------------------------------------------------------------------------


def ogrinfo(path: Path) -> str:
    exe = shutil.which("ogrinfo")
    assert exe, "ogrinfo (GDAL) is required: apt-get install gdal-bin"
    result = subprocess.run(
        [exe, "-al", "-so", str(path)], capture_output=True, text=True, check=True, timeout=60
    )
    return result.stdout


@pytest.mark.parametrize(("kind", "fields", "records"), CASES)
def test_geojson_opens_in_gdal(tmp_path, kind, fields, records):
    path = tmp_path / f"{kind}.geojson"
    path.write_bytes(written(write_geojson, records, fields))
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    for record, feature in zip(records, data["features"], strict=True):
        if record.get("latitude") is None:
            assert feature["geometry"] is None
        else:
            assert feature["geometry"]["coordinates"] == [record["longitude"], record["latitude"]]
        assert "latitude" not in feature["properties"]
    info = ogrinfo(path)
    assert re.search(r"^Feature Count: 20$", info, re.M), info
    assert re.search(r"^Geometry: Point$", info, re.M), info
    names = set(re.findall(r"^(\w+): \w+", info, re.M))
    assert {f.name for f in fields} - {"latitude", "longitude"} <= names, info


# -- HXL -------------------------------------------------------------------------------------


def hxl_schema(callback):
    import hxl

    return hxl.schema(
        [
            ["#valid_tag", "#valid_required", "#valid_value+regex"],
            ["#date", "true", ""],
            ["#adm1+code", "true", r"^SY\d\d$"],
        ],
        callback=callback,
    )


def hxl_read(path: Path):
    import hxl
    from hxl.input import InputOptions

    return hxl.data(str(path), InputOptions(allow_local=True))


@pytest.mark.parametrize(("kind", "fields", "records"), CASES)
def test_hxl_passes_libhxl(tmp_path, kind, fields, records):
    # Only records with a governorate: the schema requires one.
    located = [r for r in records if r.get("governorate_pcode")]
    path = tmp_path / f"{kind}.hxl.csv"
    data = written(write_hxl, located, fields)
    assert not data.startswith(b"\xef\xbb\xbf")
    path.write_bytes(data)
    source = hxl_read(path)
    assert [c.display_tag for c in source.columns] == [f.hxl for f in fields]
    assert [c.header for c in source.columns] == [f.name for f in fields]
    rows = list(hxl_read(path))
    assert len(rows) == len(located)
    assert rows[0].get("#adm1+code") == located[0]["governorate_pcode"]
    errors: list = []
    assert hxl_schema(errors.append).validate(hxl_read(path)), [e.message for e in errors]
    assert errors == []


def test_hxl_schema_catches_a_broken_file(tmp_path):
    broken = [dict(r) for r in INCIDENTS if r.get("governorate_pcode")][:5]
    broken[1]["governorate_pcode"] = "SY1"
    broken[3]["date"] = None
    path = tmp_path / "broken.hxl.csv"
    path.write_bytes(written(write_hxl, broken, INCIDENT_FIELDS))
    errors: list = []
    assert not hxl_schema(errors.append).validate(hxl_read(path))
    messages = " ".join(e.message for e in errors)
    assert "regular expression" in messages and "non-empty" in messages


# -- one entry point -------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "json", "geojson", "hxl"])
def test_iter_export_gives_the_writers_bytes(fmt):
    out = io.BytesIO()
    FORMATS[fmt](INCIDENTS, INCIDENT_FIELDS, out, codebook=CODEBOOK)
    assert b"".join(iter_export(fmt, iter(INCIDENTS), INCIDENT_FIELDS)) == out.getvalue()
    assert fmt in MEDIA_TYPES and fmt in EXTENSIONS


def test_iter_export_xlsx_and_refusals():
    data = b"".join(iter_export("xlsx", iter(REPORTS), REPORT_FIELDS, codebook=CODEBOOK))
    assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None
    assert openpyxl.load_workbook(io.BytesIO(data))["data"].max_row == len(REPORTS) + 1
    with pytest.raises(ValueError):
        iter_export("pdf", [], INCIDENT_FIELDS)
    with pytest.raises(ValueError):
        iter_export("xlsx", [], INCIDENT_FIELDS)


def test_records_may_miss_keys_and_carry_extra_ones():
    record = {"incident_id": 7, "raw": {"secret": 1}, "identity": "name"}
    loaded = json.loads(written(write_json, [record], INCIDENT_FIELDS))[0]
    assert loaded["incident_id"] == 7 and loaded["date"] is None
    assert "raw" not in loaded and "identity" not in loaded
