"""Cross-checking the database: new accounts are filed into incidents, reviewers' decisions
hold on every run, and a run with nothing new changes nothing."""

import datetime as dt

import pytest
from click.testing import CliRunner

from marsad.cli import main
from marsad.crosscheck.models import PairDecision
from marsad.crosscheck.services import run_crosscheck
from marsad.records.demo import load_demo
from marsad.records.models import Incident, IncidentReport, Source, SourceReport

pytestmark = pytest.mark.django_db
CLAIMS = [
    "codebook_version", "type", "date", "date_precision", "place", "place_precision", "method",
    "target_status", "perpetrator_type", "killed", "injured", "narrative_ar", "narrative_en",
]  # fmt: skip


@pytest.fixture
def demo():
    load_demo()
    run_crosscheck()  # the demo's accounts are already filed: this run only sets the watermark


def another_source(name="Second source"):
    return Source.objects.create(name=name, source_type="local_activist")


def retold(report, source, **changes):
    """``report``'s account as another source tells it."""
    values = {name: getattr(report, name) for name in CLAIMS}
    values["report_id"] = f"retold-{report.pk}"
    values.update(changes)
    return SourceReport.objects.create(source=source, **values)


def incident_of(report):
    link = IncidentReport.objects.filter(report=report).first()
    return link.incident_id if link else None


def test_a_run_with_nothing_new_changes_nothing(demo):
    links, incidents = IncidentReport.objects.count(), Incident.objects.count()
    again = run_crosscheck().run
    assert (again.new_reports, again.reports_linked, again.incidents_created) == (0, 0, 0)
    assert (IncidentReport.objects.count(), Incident.objects.count()) == (links, incidents)


def test_a_new_account_joins_its_incident_and_a_new_event_starts_one(demo):
    known = SourceReport.objects.filter(type="explosion", killed__gte=2).first()
    twin = retold(known, another_source())
    fresh_event = retold(
        known,
        another_source("Third source"),
        date=dt.date(2018, 3, 2),
        place=None,
        narrative_ar="انفجار عبوة في سوق",
        narrative_en="",
        report_id="fresh",
    )
    run = run_crosscheck().run
    assert run.new_reports == 2
    assert incident_of(twin) == incident_of(known)
    created = Incident.objects.get(pk=incident_of(fresh_event))
    assert created.status == "submitted"
    assert created.killed_best == known.killed
    assert created.confidence == "single_source"
    assert "independent sources only" in created.reconciliation_rule
    assert run_crosscheck().run.new_reports == 0


def test_a_reviewers_different_verdict_keeps_two_lookalikes_apart(demo):
    known = SourceReport.objects.filter(type="explosion").first()
    first = retold(known, another_source(), date=dt.date(2018, 5, 5), report_id="a")
    second = retold(known, another_source("Other"), date=dt.date(2018, 5, 5), report_id="b")
    PairDecision.objects.create(report_a=first, report_b=second, verdict="different")
    run_crosscheck()
    assert incident_of(first) != incident_of(second)
    run_crosscheck(full=True)
    assert incident_of(first) != incident_of(second)


def test_a_reviewers_link_is_never_split_by_a_later_run(demo, admin_user_ar):
    known = SourceReport.objects.filter(type="assassination").first()
    odd = retold(known, another_source(), date=dt.date(2018, 1, 1), report_id="odd")
    IncidentReport.objects.create(
        incident_id=incident_of(known), report=odd, linked_by=admin_user_ar
    )
    run_crosscheck(full=True)
    assert incident_of(odd) == incident_of(known)
    assert IncidentReport.objects.filter(report=odd).count() == 1


def test_evaluate_scores_the_database_against_a_truth_file(demo, tmp_path):
    truth = tmp_path / "truth.csv"
    rows = IncidentReport.objects.values_list("report_id", "incident_id")
    truth.write_text("report_id,incident\n" + "".join(f"{r},T{i}\n" for r, i in rows))
    perfect = CliRunner().invoke(main, ["crosscheck", "evaluate", str(truth), "--json"])
    assert perfect.exit_code == 0, perfect.output
    assert '"pairwise_f1": 1.0' in perfect.output and '"bcubed_f1": 1.0' in perfect.output
    lumped = tmp_path / "lumped.csv"
    lumped.write_text("report_id,incident\n" + "".join(f"{r},one\n" for r, _ in rows))
    worse = CliRunner().invoke(main, ["crosscheck", "evaluate", str(lumped), "--json"])
    assert (
        '"pairwise_recall": 1.0' not in worse.output and '"pairwise_precision": 1.0' in worse.output
    )
    bad = tmp_path / "bad.csv"
    bad.write_text("id,label\n1,a\n")
    refused = CliRunner().invoke(main, ["crosscheck", "evaluate", str(bad)])
    assert refused.exit_code == 1


def test_explain_lists_each_comparison(demo):
    incident = Incident.objects.filter(links__isnull=False).annotate().first()
    reports = list(incident.reports.values_list("pk", flat=True))
    if len(reports) < 2:
        incident = next(i for i in Incident.objects.all() if i.reports.count() >= 2)
        reports = list(incident.reports.values_list("pk", flat=True))
    result = CliRunner().invoke(main, ["crosscheck", "explain", str(reports[0])])
    assert result.exit_code == 0, result.output
    assert f"{min(reports[0], reports[1])}" in result.output
    for comparison in ("date", "place", "casualties", "narrative"):
        assert comparison in result.output
