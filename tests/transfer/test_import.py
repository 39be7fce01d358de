import csv
import io

import pytest
from click.testing import CliRunner

from marsad.audit.models import ChangeLog
from marsad.cli import main
from marsad.records.models import Source, SourceReport
from marsad.transfer.importing import ImportRefused, import_reports

pytestmark = pytest.mark.django_db

HEADER = [
    "رقم التقرير",
    "المصدر",
    "نوع المصدر",
    "التاريخ",
    "النوع",
    "الأسلوب",
    "المكان",
    "القتلى",
    "الجرحى",
    "السرد",
]
GOOD = [
    [
        "J2-1",
        "نقطة رصد جاسم",
        "نقطة رصد",
        "15/01/2020",
        "اغتيال",
        "إطلاق نار",
        "جاسم",
        "1",
        "0",
        "اغتيال شاب بإطلاق نار في جاسم",
    ],
    [
        "J2-2",
        "نقطة رصد جاسم",
        "نقطة رصد",
        "2020-01-17",
        "تفجير",
        "عبوة ناسفة",
        "نوى بريف درعا الغربي",
        "2",
        "3",
        "انفجار عبوة ناسفة",
    ],
    [
        "J2-3",
        "نقطة رصد جاسم",
        "observation_point",
        "١٩/٠١/٢٠٢٠",
        "explosion",
        "IED",
        "Daraa",
        "0",
        "1",
        "IED went off near a checkpoint",
    ],
]


def write_csv(path, rows, header=HEADER, encoding="utf-8-sig"):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def test_a_good_file_imports_once_and_again_changes_nothing(tmp_path):
    path = write_csv(tmp_path / "good.csv", GOOD)
    first = import_reports(path)
    assert (first.read, first.created, first.rejected, first.committed) == (3, 3, 0, True)
    stored = SourceReport.objects.get(report_id="J2-2")
    assert stored.type == "explosion" and stored.method == "ied" and stored.killed == 2
    assert stored.place.pcode == "C6124"  # Nawa in Daraa, not in Hama
    assert stored.narrative_ar == "انفجار عبوة ناسفة"
    assert (
        stored.source.name == "نقطة رصد جاسم" and stored.source.source_type == "observation_point"
    )
    assert SourceReport.objects.get(report_id="J2-3").date.isoformat() == "2020-01-19"
    assert ChangeLog.objects.filter(model="records.SourceReport", action="create").count() >= 3
    again = import_reports(path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert SourceReport.objects.count() == 3


def test_windows_1256_files_import_with_their_arabic_intact(tmp_path):
    path = write_csv(tmp_path / "cp1256.csv", GOOD[:2], encoding="cp1256")
    import_reports(path)
    assert (
        SourceReport.objects.get(report_id="J2-1").narrative_ar == "اغتيال شاب بإطلاق نار في جاسم"
    )


BAD = GOOD + [
    [
        "J2-4",
        "نقطة رصد جاسم",
        "نقطة رصد",
        "31/02/2020",
        "اغتيال",
        "إطلاق نار",
        "جاسم",
        "1",
        "0",
        "",
    ],
    [
        "J2-5",
        "نقطة رصد جاسم",
        "نقطة رصد",
        "2020-01-20",
        "قصف بالمنجنيق",
        "إطلاق نار",
        "جاسم",
        "1",
        "0",
        "",
    ],
    [
        "J2-6",
        "نقطة رصد جاسم",
        "نقطة رصد",
        "2020-01-20",
        "اغتيال",
        "إطلاق نار",
        "Qwertyville",
        "-1",
        "0",
        "",
    ],
]


def test_one_bad_row_and_nothing_is_written_with_every_problem_listed(tmp_path):
    path = write_csv(tmp_path / "bad.csv", BAD)
    with pytest.raises(ImportRefused) as refused:
        import_reports(path)
    summary = refused.value.summary
    assert SourceReport.objects.count() == 0 and Source.objects.count() == 0
    found = {(p.row, p.column) for p in summary.problems}
    assert {(5, "التاريخ"), (6, "النوع"), (7, "المكان"), (7, "القتلى")} <= found
    assert all(p.message_en and p.message_ar for p in summary.problems)
    assert any(p.value == "31/02/2020" for p in summary.problems)


def test_rejects_file_keeps_the_good_rows_and_can_be_fixed_and_reimported(tmp_path):
    path = write_csv(tmp_path / "bad.csv", BAD)
    rejects = tmp_path / "rejects.csv"
    summary = import_reports(path, rejects_path=rejects)
    assert (summary.created, summary.rejected) == (3, 3)
    with open(rejects, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["رقم التقرير"] for r in rows] == ["J2-4", "J2-5", "J2-6"]
    assert {"error_column", "error"} <= set(rows[0])
    assert rows[0]["error_column"] == "التاريخ"
    fixed = {
        "J2-4": {"التاريخ": "28/02/2020"},
        "J2-5": {"النوع": "تفجير"},
        "J2-6": {"المكان": "جاسم", "القتلى": "1"},
    }
    for row in rows:
        row.update(fixed[row["رقم التقرير"]])
    write_csv(rejects, [[r[h] for h in HEADER] for r in rows])
    again = import_reports(rejects)
    assert (again.created, again.rejected) == (3, 0)
    assert SourceReport.objects.count() == 6


def test_dry_run_checks_everything_and_writes_nothing(tmp_path):
    summary = import_reports(write_csv(tmp_path / "good.csv", GOOD), dry_run=True)
    assert (summary.read, summary.created, summary.committed) == (3, 3, False)
    assert SourceReport.objects.count() == 0 and Source.objects.count() == 0


def test_the_command_prints_the_summary_and_the_problems(tmp_path):
    runner = CliRunner()
    good = runner.invoke(main, ["import", "reports", str(write_csv(tmp_path / "good.csv", GOOD))])
    assert good.exit_code == 0, good.output
    assert "3 read, 3 created" in good.output
    bad = runner.invoke(main, ["import", "reports", str(write_csv(tmp_path / "bad.csv", BAD))])
    assert bad.exit_code == 1
    assert (
        "Nothing was imported" in bad.output
        and "row 5" in bad.output
        and "31/02/2020" in bad.output
    )


def test_an_unreadable_file_is_refused_clearly(tmp_path):
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"PK\x03\x04 this is not really a workbook")
    result = CliRunner().invoke(main, ["import", "reports", str(junk)])
    assert result.exit_code == 1 and "cannot be read" in result.output
    assert "Traceback" not in result.output
