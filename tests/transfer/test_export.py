import csv
import io
import json
import subprocess

import openpyxl
import pytest
from click.testing import CliRunner

from marsad.cli import main
from marsad.records.demo import load_demo
from marsad.records.models import Incident, IncidentReport, SourceReport
from marsad.transfer.exporting import ExportRefused, export
from marsad.transfer.filters import RecordFilters
from marsad.transfer.importing import import_reports

pytestmark = pytest.mark.django_db
FORMATS = ["csv", "xlsx", "geojson", "hxl", "json"]


@pytest.fixture
def demo():
    load_demo()


def exported(kind, fmt, **options) -> bytes:
    out = io.BytesIO()
    export(kind, fmt, out, **options)
    return out.getvalue()


def comparable(report):
    return {
        "source": (report.source.name, report.source.source_type),
        "place_text": report.place_text,
        "perpetrator_text": report.perpetrator_text,
        "received_at": report.received_at,
        "place": report.place_id,
        **report.as_record(),
    }


def stored_reports():
    return {
        r.report_id: comparable(r) for r in SourceReport.objects.select_related("source", "place")
    }


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_reports_survive_a_round_trip_through_each_importable_format(demo, tmp_path, fmt):
    before = stored_reports()
    path = tmp_path / f"reports.{'jsonl' if fmt == 'json' else fmt}"
    data = exported("reports", fmt)
    if fmt == "json":  # a JSON array out; JSON Lines in
        data = "\n".join(json.dumps(r, ensure_ascii=False) for r in json.loads(data)).encode()
    path.write_bytes(data)
    IncidentReport.objects.all().delete()
    Incident.objects.all().delete()
    SourceReport.objects.all().delete()
    summary = import_reports(path)
    assert summary.rejected == 0 and summary.created == len(before)
    after = stored_reports()
    assert after.keys() == before.keys()
    changed = {
        key: {
            k: (before[key].get(k), after[key].get(k))
            for k in before[key].keys() | after[key].keys()
            if before[key].get(k) != after[key].get(k)
        }
        for key in before
        if before[key] != after[key]
    }
    assert changed == {}


def test_csv_export_opens_in_excel_with_arabic_and_neutralised_formulas(demo):
    report = SourceReport.objects.first()
    report.target = '=HYPERLINK("http://evil.example","click")'
    report.save()
    data = exported("reports", "csv")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == SourceReport.objects.count()
    assert any(r["target"].startswith("'=HYPERLINK") for r in rows)
    assert not any(v.startswith(("=", "+", "@")) for r in rows for v in r.values() if v)


def test_xlsx_has_labels_in_both_languages_and_a_codebook_sheet(demo, tmp_path):
    path = tmp_path / "incidents.xlsx"
    path.write_bytes(exported("incidents", "xlsx"))
    book = openpyxl.load_workbook(path, read_only=True)
    assert {"data", "codebook"} <= set(book.sheetnames)
    header = [c.value for c in next(book["data"].iter_rows(max_row=1))]
    assert {"type", "type_label_en", "type_label_ar"} <= set(header)
    first = dict(
        zip(
            header,
            [c.value for c in next(book["data"].iter_rows(min_row=2, max_row=2))],
            strict=True,
        )
    )
    assert first["type_label_ar"] in {
        "اغتيال",
        "تفجير",
        "اعتقال خارج نطاق القضاء",
        "اختطاف",
        "عنف مسلح آخر",
    }
    assert sum(1 for _ in book["data"].iter_rows(min_row=2)) == Incident.objects.count()


def test_hxl_export_passes_libhxl(demo, tmp_path):
    import hxl

    path = tmp_path / "incidents.hxl.csv"
    path.write_bytes(exported("incidents", "hxl"))
    dataset = hxl.data(str(path), hxl.InputOptions(allow_local=True))
    tags = {column.display_tag for column in dataset.columns}
    assert {"#date", "#adm1+code", "#geo+lat", "#geo+lon", "#event+type+code"} <= tags
    assert len(list(dataset)) == Incident.objects.count()


def test_geojson_export_opens_in_gdal(demo, tmp_path):
    path = tmp_path / "incidents.geojson"
    path.write_bytes(exported("incidents", "geojson", filters=RecordFilters(places=("SY12",))))
    info = subprocess.run(
        ["ogrinfo", "-ro", "-al", "-so", str(path)], capture_output=True, text=True, check=True
    ).stdout
    expected = Incident.objects.filter(place__parent__parent__parent__pcode="SY12").count()
    assert expected > 0 and f"Feature Count: {expected}" in info


def test_filters_and_the_json_shape(demo):
    records = json.loads(exported("incidents", "json", filters=RecordFilters(types=("explosion",))))
    assert records and {r["type"] for r in records} == {"explosion"}
    assert all(isinstance(r["report_ids"], list) and r["report_ids"] for r in records)
    reports = json.loads(exported("reports", "json"))
    assert all("report_id" in r and "source_name" in r for r in reports)


def test_public_release_carries_only_published_incidents_coarsened(demo):
    records = json.loads(exported("incidents", "json", public=True))
    assert len(records) == Incident.objects.filter(status="published").count()
    assert all(r["status"] == "published" for r in records if "status" in r)
    forbidden = {
        "report_ids",
        "source_types",
        "url",
        "observation_place",
        "source_name",
        "report_id",
    }
    assert not forbidden & set(records[0])
    levels = {r["place_precision"] for r in records}
    assert levels <= {"subdistrict", "district", "governorate"}
    assert all(r["date_precision"] in ("week", "month", "range") for r in records)


def test_reports_are_never_released_publicly(demo):
    with pytest.raises(ExportRefused):
        exported("reports", "csv", public=True)
    result = CliRunner().invoke(main, ["export", "reports", "--public", "-o", "/tmp/never.csv"])
    assert result.exit_code == 1 and "Nothing exported" in result.output


def test_the_export_command_writes_the_file(demo, tmp_path):
    out = tmp_path / "x.xlsx"
    result = CliRunner().invoke(
        main, ["export", "incidents", "--format", "xlsx", "--type", "assassination", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert (
        f"{Incident.objects.filter(type='assassination').count()} incidents written"
        in result.output
    )
