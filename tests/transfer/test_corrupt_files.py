"""Random and corrupted files: never a traceback, never a partial import in atomic mode."""

import contextlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.engines.report_rows import MappingError
from marsad.engines.tabular import TableError
from marsad.records.models import Source, SourceReport
from marsad.transfer.importing import ImportRefused, import_reports

pytestmark = pytest.mark.django_db

GOOD_ROWS = [
    "report_id,source_name,source_type,date,type,method,place,killed",
    "H-1,Daraa 24,activist_social_media,2020-01-15,assassination,gunfire,جاسم,1",
    "H-2,Daraa 24,activist_social_media,2020-01-16,explosion,ied,Douma,2",
    "H-3,Daraa 24,activist_social_media,2020-01-17,explosion,car_bomb,Afrin,4",
]
CORRUPTIONS = st.sampled_from(
    [
        '=HYPERLINK("http://x","y")',
        "+1",
        "@SUM(A1)",
        "-",
        "x" * 200_000,
        "\x00",
        "٣١/٠٢/٢٠٢٠",
        "",
        ",,,,",
        '"unterminated',
        "\ufeff",
        "Qwerty",
    ]
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    row=st.integers(1, 3),
    column=st.integers(0, 7),
    junk=CORRUPTIONS,
    encoding=st.sampled_from(["utf-8", "utf-16", "cp1256"]),
)
def test_a_corrupted_cell_never_leaves_half_an_import(
    tmp_path_factory, row, column, junk, encoding
):
    lines = [line.split(",") for line in GOOD_ROWS]
    lines[row][column] = junk
    text = "\n".join(",".join(cells) for cells in lines)
    path = tmp_path_factory.mktemp("corrupt") / "reports.csv"
    try:
        path.write_bytes(text.encode(encoding))
    except UnicodeEncodeError:
        path.write_bytes(text.encode("utf-8"))
    before = (SourceReport.objects.count(), Source.objects.count())
    try:
        summary = import_reports(path)
    except (ImportRefused, TableError, MappingError):
        assert (SourceReport.objects.count(), Source.objects.count()) == before
    else:
        assert summary.rejected == 0 and summary.committed


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.binary(min_size=0, max_size=4000),
    suffix=st.sampled_from([".csv", ".xlsx", ".jsonl", ".txt"]),
)
def test_binary_junk_is_refused_cleanly(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("junk") / f"file{suffix}"
    path.write_bytes(data)
    before = SourceReport.objects.count()
    with contextlib.suppress(ImportRefused, TableError, MappingError):
        import_reports(path)  # anything else (a traceback) fails the test
    assert SourceReport.objects.count() == before


def test_a_truncated_workbook_is_refused_with_a_clear_message(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for line in GOOD_ROWS:
        sheet.append(line.split(","))
    whole = tmp_path / "whole.xlsx"
    book.save(whole)
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(whole.read_bytes()[: len(whole.read_bytes()) // 2])
    with pytest.raises(TableError) as refused:
        import_reports(cut)
    assert refused.value.message_en and refused.value.message_ar
    assert SourceReport.objects.count() == 0
