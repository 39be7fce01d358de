import datetime

import pytest
from django.db import IntegrityError, transaction

from marsad.codebook.services import active_version
from marsad.engines.fingerprint import content_hash
from marsad.places.models import Place
from marsad.records.models import Incident, IncidentReport, Source, SourceReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def source():
    return Source.objects.create(name="Euphrates Post", source_type="official_local_media")


def account(source, **claims):
    values = {
        "codebook_version": active_version(),
        "source": source,
        "type": "explosion",
        "date": datetime.date(2019, 11, 3),
        "place_text": "البوكمال",
        "killed": 3,
    }
    return SourceReport(**{**values, **claims})


def test_a_source_cannot_give_two_accounts_the_same_id(source):
    account(source, report_id="EP-17").save()
    with pytest.raises(IntegrityError), transaction.atomic():
        account(source, report_id="EP-17", killed=4).save()
    other = Source.objects.create(name="Deir ez-Zor 24", source_type="activist_social_media")
    account(
        other, report_id="EP-17"
    ).save()  # ids are the source's own: another source may reuse one


def test_without_an_id_the_content_is_the_identity(source):
    first = account(source)
    first.save()
    assert first.content_hash == content_hash(
        {**first.as_record(), "place_text": "البوكمال", "perpetrator_text": ""}
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        account(source, place_text=" البوكمال ").save()  # the same account, copied again
    account(source, killed=4).save()  # a different claim is a different account


def test_one_incident_keeps_its_accounts_apart(source):
    place = Place.objects.filter(level="community", parent__parent__parent__pcode="SY09").first()
    first = account(source, report_id="A", place=place)
    first.save()
    second = account(
        Source.objects.create(name="Observer", source_type="observation_point"), killed=5
    )
    second.save()
    incident = Incident.objects.create(
        codebook_version=active_version(),
        type="explosion",
        date=datetime.date(2019, 11, 3),
        place=place,
        killed_low=3,
        killed_best=3,
        killed_high=5,
    )
    IncidentReport.objects.create(incident=incident, report=first)
    IncidentReport.objects.create(incident=incident, report=second)
    assert sorted(r.killed for r in incident.reports.all()) == [3, 5]
    assert incident.as_record()["killed"] == 3
    assert incident.controlling_party  # derived from the layer on save
    with pytest.raises(IntegrityError), transaction.atomic():
        IncidentReport.objects.create(incident=incident, report=first)


def test_a_report_failing_its_codebook_is_explained_in_the_users_language(source):
    from django.core.exceptions import ValidationError
    from django.utils import translation

    report = account(source, method="catapult", date_precision="range")
    with translation.override("ar"), pytest.raises(ValidationError) as refused:
        report.full_clean()
    errors = refused.value.message_dict
    assert "method" in errors and "date_end" in errors
    assert any("\u0600" <= ch <= "\u06ff" for ch in errors["method"][0])


def test_an_incident_known_only_to_the_governorate_gets_no_controlling_party():
    incident = Incident.objects.create(
        codebook_version=active_version(),
        type="explosion",
        date=datetime.date(2019, 11, 3),
        place=Place.objects.get(pcode="SY09"),
        place_precision="governorate",
    )
    assert incident.controlling_party == ""  # several parties held parts of Deir ez-Zor
