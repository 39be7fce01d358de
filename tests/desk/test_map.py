"""The map's data: the list's filters, every incident counted, approximate places flagged."""

import pytest

from marsad.engines.gazetteer import default_gazetteer
from tests.desk.conftest import listed

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst(client, users):
    client.force_login(users.analyst)
    return client


def points(data) -> dict[int, list]:
    return {point[0]: point for point in data["points"]}


def test_the_map_counts_what_the_list_counts_with_the_same_filters(analyst, world):
    for query in ({}, {"type": "explosion"}, {"party": "regime"}, {"q": "الرقة"}):
        data = analyst.get("/map/data.json", query).json()
        shown = listed(analyst.get("/incidents/", query))
        assert data["count"] == len(shown), query
        assert (
            set(points(data)) | ({world.nowhere.pk} if world.nowhere.pk in shown else set())
            == shown
        )


def test_an_incident_without_a_place_is_counted_not_dropped(analyst, world):
    data = analyst.get("/map/data.json").json()
    assert (data["count"], data["placed"], data["unplaced"]) == (5, 4, 1)
    assert world.nowhere.pk not in points(data)


def test_governorate_precision_sits_at_the_governorate_centre_marked_approximate(analyst, world):
    data = analyst.get("/map/data.json").json()
    daraa = default_gazetteer().get("SY12")
    approximate = points(data)[world.daraa_gov.pk]
    assert approximate[1:3] == [round(daraa.latitude, 5), round(daraa.longitude, 5)]
    assert approximate[4] == 1 and data["approximate"] == 1
    exact = points(data)[world.jasim.pk]
    assert exact[4] == 0
    # A town-level incident known only to its governorate goes to the governorate too.
    world.jasim.place_precision = "governorate"
    world.jasim.save()
    moved = points(analyst.get("/map/data.json").json())[world.jasim.pk]
    assert moved[1:3] == approximate[1:3] and moved[4] == 1


def test_points_carry_type_date_place_and_a_link_to_the_incident(analyst, world):
    data = analyst.get("/map/data.json", HTTP_ACCEPT_LANGUAGE="en").json()
    point = points(data)[world.jasim.pk]
    assert data["types"][point[3]]["label"] == "Assassination"
    assert point[5] == "2020-02-05" and data["places"][point[6]] == "Jasim"
    link = data["incident_url"].replace("{id}", str(world.jasim.pk))
    assert link.endswith(f"/{world.jasim.pk}/") or link.endswith(f"/{world.jasim.pk}/change/")


def test_the_map_page_links_back_to_the_list_with_its_filters(analyst, world):
    html = analyst.get("/map/", {"party": "regime", "type": ""}).content.decode()
    assert 'href="/incidents/?party=regime"' in html
    assert 'data-src="/map/data.json?party=regime"' in html
    assert "leaflet.js" in html and "leaflet.markercluster.js" in html
    assert "<script>" not in html.replace('<script id="desk-map-text" type="application/json">', "")
