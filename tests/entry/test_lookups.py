"""Suggestions while typing: places and actors in either script, sources by name only."""

import pytest

from marsad.records.models import Actor

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "typed", ["البوكمال", "البو كمال", "Abu Kamal", "al-Bukamal", "Albu Kamal"]
)
def test_a_place_is_found_from_any_spelling(client, monitor, typed):
    client.force_login(monitor)
    first = client.get("/entry/places.json", {"q": typed}).json()["results"][0]
    assert first["pcode"] == "C5167" and first["level"] == "community"
    assert (first["name_ar"], first["name_en"]) == ("البوكمال", "Abu Kamal")
    assert [p["name_en"] for p in first["parents"]][-1] == "Deir-ez-Zor"
    assert first["label"] == "البوكمال — دير الزور"


def test_a_place_shows_its_parent_chain_in_the_reader_language(client, monitor):
    client.force_login(monitor)
    results = client.get("/entry/places.json", {"q": "جاسم"}).json()["results"]
    assert results[0]["pcode"] == "C6111" and results[0]["label"] == "جاسم — ازرع، درعا"
    # The sub-district of the same name is told apart by its level.
    assert results[1]["pcode"] == "SY120301" and results[1]["label"] == "جاسم (ناحية) — ازرع، درعا"
    client.cookies["django_language"] = "en"
    english = client.get("/entry/places.json", {"q": "Jasim"}).json()["results"][0]
    assert english["label"] == "Jasim — Izra', Dar'a"


def test_suggestions_start_after_two_letters(client, monitor):
    client.force_login(monitor)
    assert client.get("/entry/places.json", {"q": "ج"}).json()["results"] == []
    two = client.get("/entry/places.json", {"q": "جا"}).json()["results"]
    assert "C6111" in [p["pcode"] for p in two]


def test_a_point_on_the_map_is_the_nearest_community(client, monitor):
    client.force_login(monitor)
    found = client.get("/entry/point.json", {"lat": "32.987", "lon": "36.063"}).json()["results"]
    assert found[0]["pcode"] == "C6111" and found[0]["distance_km"] < 1
    assert client.get("/entry/point.json", {"lat": "x", "lon": "1"}).status_code == 400


def test_actors_are_found_by_any_name_with_arabic_normalised(client, monitor):
    Actor.objects.create(
        name_ar="الجيش الوطني السوري",
        name_en="Syrian National Army",
        aliases=["SNA", "الجيش الوطنى"],
        actor_type="local",
    )
    client.force_login(monitor)
    for typed in ("الجيش الوطنى", "الجيش", "national", "sna", "Syrian"):
        results = client.get("/entry/actors.json", {"q": typed}).json()["results"]
        assert [r["name_en"] for r in results] == ["Syrian National Army"], typed
    [row] = client.get("/entry/actors.json", {"q": "وطني"}).json()["results"]
    assert row["name"] == "الجيش الوطني السوري" and row["type"] == "local"
    assert row["type_label"] == "جهة محلية"  # the codebook's label, in Arabic


def test_sources_are_found_by_name_without_identity(client, monitor, source):
    client.force_login(monitor)
    response = client.get("/entry/sources.json", {"q": "daraa"})
    [row] = response.json()["results"]
    assert row["id"] == source.pk and row["name"] == "Daraa 24"
    assert "identity" not in row and "contact" not in row
    body = response.content.decode()
    assert "Abu Hamza" not in body and "944" not in body
    # Searching by what only the identity says finds nothing.
    assert client.get("/entry/sources.json", {"q": "pharmacist"}).json()["results"] == []


def test_people_allowed_to_know_sources_see_who_they_are(client, trusted_monitor, source):
    client.force_login(trusted_monitor)
    [row] = client.get("/entry/sources.json", {"q": "Daraa"}).json()["results"]
    assert row["identity"] == "Abu Hamza, the pharmacist in Jasim"


def test_suggestions_are_for_logged_in_staff_only(client, source):
    for url in ("/entry/places.json", "/entry/actors.json", "/entry/sources.json"):
        response = client.get(url, {"q": "Daraa"})
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
