"""Reviewers and a monitor, and four accounts: two of one explosion in Jasim, two others."""

import datetime

import pytest
from django.contrib.auth.models import Group

from marsad.codebook.services import active_version
from marsad.places.models import Place
from marsad.records.models import Source, SourceReport


@pytest.fixture
def people(db, django_user_model):
    def person(name, *groups):
        user = django_user_model.objects.create_user(name)  # no password: tests force_login
        user.groups.set(Group.objects.filter(name__in=groups))
        return user

    return {
        "monitor": person("monitor1", "monitor"),
        "reviewer": person("reviewer1", "reviewer"),
        "outsider": person("reviewer2", "reviewer"),
    }


def account(source, **claims) -> SourceReport:
    values = {
        "codebook_version": active_version(),
        "type": "explosion",
        "date": datetime.date(2020, 1, 15),
        "date_precision": "day",
        "place": Place.objects.get(pcode="C6111"),  # Jasim
        "method": "ied",
        "target_status": "civilian",
        "perpetrator_type": "unknown",
        "killed": 3,
        "injured": 5,
        "narrative_en": "An IED exploded near the vegetable market in Jasim, killing three.",
    }
    values.update(claims)
    return SourceReport.objects.create(source=source, **values)


@pytest.fixture
def accounts(db):
    """Two accounts of the same explosion from two sources, and two that tell other things."""
    activist = Source.objects.create(name="Daraa 24", source_type="activist_social_media")
    point = Source.objects.create(name="Observation point 3", source_type="observation_point")
    return {
        "same1": account(activist, report_id="A-1"),
        "same2": account(point, report_id="P-1", date=datetime.date(2020, 1, 16)),
        "other1": account(
            activist,
            report_id="A-2",
            type="assassination",
            method="gunfire",
            date=datetime.date(2020, 3, 2),
            killed=1,
            injured=0,
            narrative_en="Gunmen shot a teacher dead on his way home.",
        ),
        "other2": account(
            point,
            report_id="P-2",
            date=datetime.date(2020, 1, 19),
            killed=0,
            injured=2,
            narrative_en="A mine went off in a field, injuring two shepherds.",
            method="mine",
        ),
    }
