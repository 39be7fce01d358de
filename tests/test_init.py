import datetime

import pytest

from marsad.audit.models import ChangeLog
from marsad.bootstrap import initialise
from marsad.codebook.models import CodebookVersion
from marsad.places.models import ControlPeriod, Place
from marsad.places.services import controlling_party

pytestmark = pytest.mark.django_db


def test_reference_data_is_loaded():
    counts = {level: Place.objects.filter(level=level).count() for level in Place.Level.values}
    assert counts["governorate"] == 14
    assert counts["district"] == 62
    assert counts["subdistrict"] == 272
    assert counts["community"] > 5000
    assert CodebookVersion.objects.filter(is_active=True).count() == 1
    assert ControlPeriod.objects.values("place").distinct().count() >= 272


def test_every_community_hangs_under_a_subdistrict_district_and_governorate():
    community = (
        Place.objects.filter(level="community").select_related("parent__parent__parent").first()
    )
    chain = [p.level for p in community.ancestors()]
    assert chain == ["subdistrict", "district", "governorate"]
    assert not Place.objects.filter(level="community", parent__isnull=True).exists()


def test_init_twice_changes_nothing():
    places, periods, log = (
        Place.objects.count(),
        ControlPeriod.objects.count(),
        ChangeLog.objects.count(),
    )
    summary = initialise(report=lambda message: None)
    assert summary.places["created"] == 0 and summary.places["updated"] == 0
    assert summary.control["created"] == 0 and summary.control["deleted"] == 0
    assert not summary.codebook_created
    assert (Place.objects.count(), ControlPeriod.objects.count(), ChangeLog.objects.count()) == (
        places,
        periods,
        log,
    )


def test_a_community_inherits_control_from_its_subdistrict():
    community = Place.objects.filter(
        level="community", parent__control_periods__isnull=False
    ).first()
    on = datetime.date(2020, 1, 15)
    assert controlling_party(community.pcode, on) == controlling_party(community.parent.pcode, on)
    assert controlling_party(community.pcode, on) is not None
