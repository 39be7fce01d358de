"""UCDP GED and ACLED files import through the same pipeline; every event is accounted for and
the totals per governorate survive."""

import csv
import gzip
from collections import Counter
from pathlib import Path

import pytest
from django.db.models import Count, Sum

from marsad.engines.gazetteer import default_gazetteer
from marsad.records.models import SourceReport
from marsad.transfer.importing import import_reports

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data"
FULL_UCDP = Path(__file__).parents[3] / "shared/data/events/ucdp_ged_syria_20160101_20191130.csv.gz"


def governorate_of(report, gazetteer):
    if report.place is None:
        return None
    chain = [gazetteer.get(report.place.pcode), *gazetteer.parents(report.place.pcode)]
    return next(p.pcode for p in chain if p.level == "governorate")


def file_totals(rows):
    gazetteer = default_gazetteer()
    pcode = {}
    counts, deaths = Counter(), Counter()
    for row in rows:
        name = row["adm_1"].replace(" governorate", "").replace(" Governorate", "")
        if name not in pcode:
            pcode[name] = gazetteer.match(name, level="governorate", limit=1)[0].pcode
        counts[pcode[name]] += 1
        deaths[pcode[name]] += int(row["best"])
    return counts, deaths


def stored_totals():
    gazetteer = default_gazetteer()
    counts, deaths = Counter(), Counter()
    for report in SourceReport.objects.select_related("place"):
        gov = governorate_of(report, gazetteer)
        counts[gov] += 1
        deaths[gov] += report.killed or 0
    return counts, deaths


def check_ucdp(path, rows):
    summary = import_reports(path, rejects_path=path.parent / "ucdp-rejects.csv")
    assert summary.format == "ucdp"
    assert summary.created + summary.rejected == len(rows) == summary.read
    rejected_ids = set()
    if summary.rejected:
        with open(path.parent / "ucdp-rejects.csv", encoding="utf-8-sig", newline="") as handle:
            rejected_ids = {r["id"] for r in csv.DictReader(handle)}
        with open(path.parent / "ucdp-rejects.csv", encoding="utf-8-sig", newline="") as handle:
            assert all(r["error"] for r in csv.DictReader(handle))
    kept = [r for r in rows if r["id"] not in rejected_ids]
    assert stored_totals() == file_totals(kept)
    assert SourceReport.objects.aggregate(s=Sum("killed"))["s"] == sum(int(r["best"]) for r in kept)
    assert len(rejected_ids) == summary.rejected
    return summary


def test_the_ucdp_sample_imports_with_its_totals(tmp_path):
    path = tmp_path / "ged_sample.csv"
    path.write_bytes((DATA / "ucdp_ged_syria_sample300.csv").read_bytes())
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    summary = check_ucdp(path, rows)
    unmappable = sum(1 for p in summary.problems if p.code == "not_mappable")
    assert (
        sum(summary.rules.values()) + unmappable == summary.read
    )  # each event got a rule or a reason
    stored = SourceReport.objects.get(report_id=f"UCDP-{rows[0]['id']}")
    assert stored.source.name == "UCDP GED" and stored.source.source_type == "external_dataset"
    assert stored.raw["marsad_rule"] in summary.rules
    assert dict(SourceReport.objects.values_list("type").annotate(n=Count("id"))).keys() <= {
        "assassination",
        "explosion",
        "detention",
        "abduction",
        "armed_violence",
    }
    again = import_reports(path, rejects_path=tmp_path / "again-rejects.csv")
    assert again.created == 0 and again.unchanged == summary.created


@pytest.mark.skipif(
    not FULL_UCDP.exists(), reason="the full UCDP file is in the project's shared data"
)
def test_every_event_of_the_full_ucdp_syria_file_is_accounted_for(tmp_path):
    with gzip.open(FULL_UCDP, "rt", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 16_566
    summary = check_ucdp(FULL_UCDP, rows)
    print(
        f"\nUCDP: {summary.created} imported, {summary.rejected} rejected; rules: {summary.rules}"
    )


def test_an_acled_export_imports_and_maps_sub_event_types(tmp_path):
    source = Path(__file__).parents[1] / "engines" / "data" / "acled_sample.csv"
    path = tmp_path / "acled.csv"
    path.write_bytes(source.read_bytes())
    summary = import_reports(path, rejects_path=tmp_path / "acled-rejects.csv")
    assert summary.format == "acled" and summary.created > 0
    assert summary.created + summary.rejected == summary.read
    types = set(SourceReport.objects.values_list("type", flat=True))
    assert {"explosion", "detention"} <= types
    assert set(SourceReport.objects.values_list("source__name", flat=True)) == {"ACLED"}
