import json

import pytest
from click.testing import CliRunner
from django.db.models import Count, Sum

from marsad.cli import main
from marsad.records.demo import load_demo
from marsad.records.models import Incident

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    from marsad.analysis import snapshot_file

    settings.DATA_DIR = tmp_path  # each test its own snapshot
    snapshot_file.forget()


@pytest.fixture
def demo():
    load_demo()


def analyse(*args):
    result = CliRunner().invoke(main, ["analyse", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_counts_by_type_equal_the_database(demo):
    rows = {r["type"]: r for r in analyse("--by", "type", "--measures", "incidents,killed_best")}
    expected = Incident.objects.values("type").annotate(n=Count("id"), k=Sum("killed_best"))
    assert {t: (r["incidents"], r["killed_best"]) for t, r in rows.items()} == {
        e["type"]: (e["n"], e["k"]) for e in expected
    }


def test_published_only_and_filters(demo):
    published = analyse("--by", "type", "--status", "published")
    assert (
        sum(r["incidents"] for r in published)
        == Incident.objects.filter(status="published").count()
    )
    explosions = analyse("--by", "governorate", "--where", "type=explosion")
    assert (
        sum(r["incidents"] for r in explosions) == Incident.objects.filter(type="explosion").count()
    )
    assert all(r["governorate"].startswith("SY") and r["governorate_name_ar"] for r in explosions)


def test_by_controlling_party_and_month_in_a_period(demo):
    rows = analyse("--from", "2019-10-01", "--to", "2020-03-31", "--by", "controlling_party,month")
    inside = Incident.objects.filter(date__gte="2019-10-01", date__lte="2020-03-31")
    assert sum(r["incidents"] for r in rows) == inside.count()
    assert {r["month"] for r in rows} <= {
        "2019-10",
        "2019-11",
        "2019-12",
        "2020-01",
        "2020-02",
        "2020-03",
    }


def test_an_unknown_dimension_is_a_clear_error():
    result = CliRunner().invoke(main, ["analyse", "--by", "colour"])
    assert result.exit_code == 1 and "colour" in result.output


def test_a_change_shows_in_the_next_run(demo, tmp_path):
    before = {r["type"]: r["incidents"] for r in analyse("--by", "type")}
    assert (tmp_path / "snapshots" / "incidents.parquet").exists()
    gone = Incident.objects.filter(type="explosion").first()
    gone.delete()
    moved = Incident.objects.filter(type="explosion").first()
    moved.type = "assassination"
    moved.save()
    after = {r["type"]: r["incidents"] for r in analyse("--by", "type")}
    assert after["explosion"] == before["explosion"] - 2
    assert after["assassination"] == before["assassination"] + 1
    assert analyse("--by", "type", "--rebuild") == analyse("--by", "type")


def test_rates_per_100k_use_the_gazetteer_population(demo):
    rows = analyse("--by", "subdistrict", "--measures", "incidents,incidents_per_100k")
    known = [r for r in rows if r["subdistrict"] and r["incidents_per_100k"] is not None]
    assert known
    assert all(r["incidents_per_100k"] > 0 for r in known)
