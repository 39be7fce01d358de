"""`marsad report security`: from a Parquet snapshot, and from the database."""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from marsad.cli.report import report
from tests.reports.conftest import CLI_ARGS, numbers_in

FIGURES = ["308", "72", "213", "94", "39", "25", "9", "1,008", "490", "518", "73", "15", "20",
           "18", "23", "182", "19", "117", "31", "89", "169", "132", "37", "141", "28"]  # fmt: skip


@pytest.fixture(scope="module")
def snapshot(incidents, tmp_path_factory):
    path = tmp_path_factory.mktemp("snapshot") / "incidents.parquet"
    pq.write_table(incidents, path)
    return path


def run(*args):
    return CliRunner().invoke(report, ["security", *args])


def test_from_a_snapshot_to_a_workbook(snapshot, tmp_path):
    out = tmp_path / "report.xlsx"
    result = run(*CLI_ARGS, "--snapshot", str(snapshot), "--lang", "ar", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "figures traced" in result.output
    summary = load_workbook(out).worksheets[0]
    text = " ".join(str(c) for row in summary.iter_rows(values_only=True) for c in row if c)
    assert set(FIGURES) <= set(numbers_in(text))
    assert "كانون الثاني 2020" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--areas", "Atlantis on Euphrates", "-o", "r.md"], "no place matches"),
        (["--compare-from", "2019-01-01", "-o", "r.md"], "--compare-to"),
        (["-o", "report.docx"], "--format"),
        (["--case-studies", "SY02", "-o", "r.md"], "case-study place"),
    ],
)
def test_mistakes_are_reported_clearly(snapshot, tmp_path, args, message):
    result = run("--from", "2019-07-01", "--to", "2020-06-30", "--snapshot", str(snapshot),
                 *[str(tmp_path / a) if a.startswith(("r.", "report.")) else a for a in args])  # fmt: skip
    assert result.exit_code == 1 and message in result.output


@pytest.mark.django_db
def test_from_the_database(incidents, tmp_path):
    from tests.reports.db_loading import load_incidents

    load_incidents(incidents)
    out = tmp_path / "report.md"
    result = run(*CLI_ARGS, "--lang", "en", "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    summary = text[: text.index("## Scope and methodology")]
    assert set(FIGURES) <= set(numbers_in(summary))
    assert "308 explosions and 72 assassinations" in summary
    assert "The highest number of incidents took place in January 2020 (37 incidents)" in summary


def test_the_published_dataset_has_the_schema_of_the_database_snapshot(incidents):
    from marsad.analysis.snapshot import SCHEMA

    assert incidents.schema.equals(SCHEMA)
