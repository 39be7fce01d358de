"""``marsad safety``: the indicators of the incidents in the database, in three formats."""

import csv
import io
import json

import pytest
from click.testing import CliRunner

from marsad.cli.safety import safety_command
from marsad.engines.safety import INDICATORS
from marsad.records.models import Incident

pytestmark = pytest.mark.django_db


def safety(*args):
    result = CliRunner().invoke(safety_command, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_counts_match_the_database_and_every_input_is_given(desk):
    rows = json.loads(safety("--from", "2020-01-01", "--to", "2020-01-31", "--format", "json"))
    daraa = next(
        r for r in rows if r["governorate"] == "SY12" and r["controlling_party"] == "regime"
    )
    for indicator in INDICATORS:
        assert daraa[f"incidents_{indicator}"] == Incident.objects.filter(type=indicator).count()
    assert daraa["population"] > 0 and "sub-districts" in daraa["population_source"]
    assert daraa["composite"] == pytest.approx(
        sum(
            (daraa[f"incidents_{i}"] + daraa[f"casualties_{i}"]) * 100_000 / daraa["population"]
            for i in INDICATORS
        )
    )
    as_csv = list(
        csv.DictReader(
            io.StringIO(safety("--from", "2020-01-01", "--to", "2020-01-31", "--format", "csv"))
        )
    )
    assert list(as_csv[0]) == list(rows[0]) and len(as_csv) == len(rows)


def test_a_new_incident_is_counted_at_once(desk, make_incident):
    def explosions():
        rows = json.loads(safety("--from", "2020-01-01", "--to", "2020-01-31", "--format", "json"))
        return sum(r["incidents_explosion"] for r in rows)

    before = explosions()
    make_incident(type="explosion", killed_best=4)
    assert explosions() == before + 1


def test_the_table_and_its_errors(desk):
    table = safety("--from", "2020-01-01", "--to", "2020-02-29")
    assert "2020-02" in table and "composite" in table
    bad = CliRunner().invoke(safety_command, ["--from", "2020-03-01", "--to", "2020-01-01"])
    assert bad.exit_code == 1 and "before" in bad.output
    bad = CliRunner().invoke(
        safety_command, ["--from", "2020-01-01", "--to", "2020-01-31", "--weight", "looting=2"]
    )
    assert bad.exit_code == 1 and "indicator" in bad.output
