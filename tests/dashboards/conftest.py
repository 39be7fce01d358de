"""A small, exactly known set of incidents, and users who may or may not see one of them."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission

from marsad.codebook.services import active_version
from marsad.places.models import Place
from marsad.records.models import Incident

# type, date, P-code, place precision, status, killed (best)
ROWS = [
    ("explosion", datetime.date(2020, 1, 10), "C6111", "community", "published", 3),  # Jasim
    ("explosion", datetime.date(2020, 1, 20), "SY030200", "subdistrict", "verified", 1),  # Duma
    ("assassination", datetime.date(2020, 2, 5), "C6111", "community", "published", 2),
    ("detention", datetime.date(2019, 12, 15), "C5710", "community", "draft", None),  # Raqqa
    ("assassination", datetime.date(2020, 2, 11), "SY020300", "subdistrict", "rejected", 9),
    ("explosion", datetime.date(2020, 3, 2), "SY12", "governorate", "published", 4),  # Daraa
]


def _incident(kind, day, pcode, precision, status, killed) -> Incident:
    return Incident.objects.create(
        codebook_version=active_version(),
        type=kind,
        date=day,
        place=Place.objects.get(pcode=pcode),
        place_precision=precision,
        status=status,
        killed_best=killed,
    )


@pytest.fixture
def incidents(db):
    return [_incident(*row) for row in ROWS]


@pytest.fixture
def restricted(incidents, django_user_model):
    """A published explosion in Duma in January 2020 that only the investigators may see."""
    investigators = Group.objects.create(name="investigators")
    desk = Group.objects.create(name="desk")
    view = Permission.objects.get(codename="view_incident")
    for group in (investigators, desk):
        group.permissions.add(view)
    secret = _incident(
        "explosion", datetime.date(2020, 1, 25), "SY030200", "subdistrict", "published", 100
    )
    secret.restricted_to.add(investigators)
    insider = django_user_model.objects.create_user("insider", password="pw-insider-123456")
    insider.groups.add(investigators)
    outsider = django_user_model.objects.create_user("outsider", password="pw-outsider-123456")
    outsider.groups.add(desk)
    return secret, insider, outsider


@pytest.fixture
def analyst(db, django_user_model):
    user = django_user_model.objects.create_user("analyst", password="pw-analyst-123456")
    user.user_permissions.add(Permission.objects.get(codename="view_incident"))
    return user


@pytest.fixture
def english(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    return client


@pytest.fixture
def arabic(client):
    client.post("/i18n/setlang/", {"language": "ar", "next": "/"})
    return client
