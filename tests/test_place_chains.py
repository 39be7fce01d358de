"""A place with the units above it, read in one recursive query (lists and the incident page
use it instead of joining the places table four times)."""

import random

import pytest

from marsad.places.models import Place, attach_places, names_with_governorate
from marsad.records.models import Incident

pytestmark = pytest.mark.django_db


def sample_of_places(n: int = 200) -> list[Place]:
    ids = list(Place.objects.values_list("pk", flat=True))
    return list(Place.objects.filter(pk__in=random.Random(7).sample(ids, n)))


def test_every_level_gets_the_same_parents_as_the_database_gives(django_assert_num_queries):
    places = sample_of_places()
    assert {p.level for p in places} >= {"community", "subdistrict"}
    records = [Incident(place_id=p.pk) for p in places] + [Incident(place_id=None)]
    with django_assert_num_queries(1):  # all places and all their parents at once
        attach_places(records)
        chains = [[a.pcode for a in r.place.ancestors()] for r in records[:-1]]
    assert records[-1].place is None
    assert chains == [[a.pcode for a in Place.objects.get(pk=p.pk).ancestors()] for p in places]


@pytest.mark.parametrize("ar", [True, False])
def test_names_come_with_their_governorate(ar):
    places = sample_of_places()
    found = names_with_governorate([p.pk for p in places] + [None], ar)
    for place in places:
        chain = [place, *Place.objects.get(pk=place.pk).ancestors()]
        governorate = next((p for p in chain if p.level == "governorate"), chain[-1])
        name = place.name_ar if ar else place.name_en
        within = (
            "" if governorate == place else (governorate.name_ar if ar else governorate.name_en)
        )
        assert found[place.pk] == (name, place.pcode, within)
    assert names_with_governorate([None], ar) == {}
