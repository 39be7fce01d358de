import pytest
from django.db.models import Count

from marsad.records.demo import demo_places, load_demo
from marsad.records.models import Incident, Source, SourceReport

pytestmark = pytest.mark.django_db


def test_demo_places_are_the_case_study_places():
    names = {p.name_en for p in demo_places()}
    assert {"Jasim", "Afrin", "Jarablus"} <= names
    assert len(demo_places()) >= 10


def test_demo_loads_a_realistic_set_once():
    first = load_demo()
    assert first["reports"] >= 300
    assert first["incidents"] >= 100
    assert SourceReport.objects.values("type").distinct().count() == 4
    accounts = Incident.objects.annotate(n=Count("links")).values_list("n", flat=True)
    assert min(accounts) >= 1 and max(accounts) >= 3
    assert Incident.objects.exclude(controlling_party="").count() == Incident.objects.count()
    bilingual = (
        SourceReport.objects.exclude(narrative_ar="").count(),
        SourceReport.objects.exclude(narrative_en="").count(),
    )
    assert all(n > 50 for n in bilingual)
    second = load_demo()
    assert second["created"] == 0
    assert (second["reports"], second["incidents"]) == (first["reports"], first["incidents"])


def test_demo_reports_validate_against_their_codebook():
    load_demo()
    invalid = [
        (r.pk, r.codebook_problems()) for r in SourceReport.objects.all() if r.codebook_problems()
    ]
    assert invalid == []
    assert Source.objects.exclude(identity="").count() == Source.objects.count()
