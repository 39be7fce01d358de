"""People in each role, and a small explosion in Jasim told by two sources who disagree."""

import datetime

import pytest
from django.contrib.auth.models import Group

from marsad.codebook.services import active_version
from marsad.places.models import Place
from marsad.records.models import Actor, Incident, IncidentReport, Source, SourceReport


@pytest.fixture
def people(db, django_user_model):
    """One user per role, plus a reviewer whose group lacks the publish permission."""

    def person(name, *groups):
        user = django_user_model.objects.create_user(name)  # no password: tests force_login
        user.groups.set(Group.objects.filter(name__in=groups))
        return user

    junior = Group.objects.create(name="junior reviewers")
    junior.permissions.set(
        Group.objects.get(name="reviewer").permissions.exclude(codename="publish_incident")
    )
    return {
        "monitor": person("monitor1", "monitor"),
        "reviewer": person("reviewer1", "reviewer"),
        "reviewer2": person("reviewer2", "reviewer"),
        "analyst": person("analyst1", "analyst"),
        "junior": person("junior1", "junior reviewers"),
        "identities": person("handler1", "reviewer", "source identities"),
    }


def jasim() -> Place:
    return Place.objects.get(pcode="C6111")


def account(source, **claims) -> SourceReport:
    values = {
        "codebook_version": active_version(),
        "type": "explosion",
        "date": datetime.date(2020, 1, 15),
        "date_precision": "day",
        "place": jasim(),
        "method": "ied",
        "target_status": "civilian",
        "perpetrator_type": "unknown",
        "killed": 3,
        "injured": 5,
    }
    values.update(claims)
    return SourceReport.objects.create(source=source, **values)


def incident_of(reports, status="submitted", **values) -> Incident:
    first = reports[0]
    incident = Incident.objects.create(
        codebook_version=first.codebook_version,
        type=first.type,
        date=first.date,
        place=first.place,
        method=first.method,
        status=status,
        killed_low=3,
        killed_best=3,
        killed_high=3,
        reconciliation_rule="copied from account",
        **values,
    )
    for report in reports:
        IncidentReport.objects.create(incident=incident, report=report)
    return incident


@pytest.fixture
def sources(db):
    return {
        "activist": Source.objects.create(
            name="Daraa 24",
            source_type="activist_social_media",
            identity="Abu Khaled, Jasim",
            contact="+963 999 000 111",
        ),
        "point": Source.objects.create(name="Observation point 3", source_type="observation_point"),
    }


@pytest.fixture
def explosion(sources):
    """Two accounts of one explosion: 3 killed against 5, the 15th against the 16th."""
    gunmen = Actor.objects.create(
        name_en="Unknown gunmen", name_ar="مسلحون مجهولون", actor_type="unknown"
    )
    first = account(sources["activist"], killed=3, perpetrator=gunmen, report_id="A-1")
    second = account(sources["point"], killed=5, date=datetime.date(2020, 1, 16), report_id="P-1")
    return incident_of([first, second])
