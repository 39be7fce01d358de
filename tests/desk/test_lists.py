"""The incidents and reports lists: every filter narrows, sorting and paging keep the filters in
the URL, coded values read in the user's language, and text is shown as text."""

import re

import pytest

from marsad.desk.services import PAGE_SIZE
from tests.desk.conftest import ids, listed

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst(client, users):
    client.force_login(users.analyst)
    return client


def test_the_unfiltered_list_shows_every_visible_incident_newest_first(analyst, world):
    response = analyst.get("/incidents/")
    rows = response.context["rows"]
    assert [r["pk"] for r in rows] == [
        world.nowhere.pk,
        world.daraa_gov.pk,
        world.jasim.pk,
        world.raqqa.pk,
        world.douma.pk,
    ]
    assert 'data-count="5"' in response.content.decode()


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"date_from": "2020-02-01"}, ["jasim", "daraa_gov", "nowhere"]),
        ({"date_to": "2020-01-31"}, ["raqqa", "douma"]),
        ({"date_from": "2020-01-01", "date_to": "2020-02-10"}, ["raqqa", "jasim"]),
        ({"type": "explosion"}, ["raqqa", "daraa_gov"]),
        ({"method": "gunfire"}, ["jasim"]),
        ({"governorate": "SY12"}, ["jasim", "daraa_gov"]),
        ({"governorate": "SY03"}, ["douma"]),
        ({"district": "SY1203"}, ["jasim"]),
        ({"place": "SY120301"}, ["jasim"]),  # a sub-district by P-code
        ({"place": "C5710"}, ["raqqa"]),  # a town by P-code
        ({"place": "جاسم"}, ["jasim"]),  # or by name
        ({"party": "regime"}, ["jasim", "douma"]),
        ({"party": "aa"}, ["raqqa"]),
        ({"target_status": "military"}, ["jasim", "daraa_gov"]),
        ({"perpetrator_type": "unknown"}, ["jasim", "douma"]),
        ({"status": "draft"}, ["douma"]),
        ({"confidence": "contested"}, ["daraa_gov"]),
        ({"source_type": "observation_point"}, ["jasim"]),
        ({"source_type": "activist_social_media"}, ["raqqa"]),
        ({"type": "explosion", "governorate": "SY11"}, ["raqqa"]),
    ],
)
def test_each_incident_filter_narrows_the_list(analyst, world, query, expected):
    assert listed(analyst.get("/incidents/", query)) == ids(*(getattr(world, n) for n in expected))


def test_the_perpetrator_filter_includes_units_of_the_chosen_actor(analyst, world):
    from marsad.records.models import Actor, Incident

    unit = Actor.objects.create(name_en="A cell", actor_type="local", parent=world.actors.isis)
    Incident.objects.filter(pk=world.douma.pk).update(perpetrator=unit)
    response = analyst.get("/incidents/", {"perpetrator": world.actors.isis.pk})
    assert listed(response) == ids(world.raqqa, world.douma)


def test_assigned_to_me_lists_only_my_incidents(client, users, world):
    client.force_login(users.reviewer)
    assert listed(client.get("/incidents/", {"assigned": "me"})) == ids(world.raqqa)


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"source_type": "observation_point"}, ["jasim"]),
        ({"type": "abduction"}, ["loose"]),
        ({"governorate": "SY11"}, ["raqqa"]),
        ({"method": "ied"}, ["raqqa"]),
        ({"q": "الرقة"}, ["raqqa"]),
    ],
)
def test_each_report_filter_narrows_the_list(analyst, world, query, expected):
    response = analyst.get("/reports/", query)
    assert listed(response) == ids(*(getattr(world.reports, n) for n in expected))


def test_an_invalid_filter_is_explained_and_the_others_still_apply(analyst, world):
    query = {"type": "explosion", "place": "Qwertyville"}
    response = analyst.get("/incidents/", query, HTTP_ACCEPT_LANGUAGE="en")
    assert listed(response) == ids(world.raqqa, world.daraa_gov)
    assert "No place of that name or P-code." in response.content.decode()
    arabic = analyst.get("/incidents/", query, HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert "لا يوجد مكان بهذا الاسم أو الرمز" in arabic


def test_dates_in_the_wrong_order_are_refused(analyst, world):
    response = analyst.get(
        "/incidents/",
        {"date_from": "2020-03-01", "date_to": "2020-01-01"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "The end date is before the start date." in response.content.decode()


def test_sorting_and_paging_keep_the_filters_in_the_url(analyst, world):
    import datetime

    from marsad.codebook.services import active_version
    from marsad.desk.search import refresh_search_text
    from marsad.records.models import Incident

    start = datetime.date(2018, 1, 1)
    Incident.objects.bulk_create(
        Incident(
            codebook_version=active_version(),
            type="explosion",
            date=start + datetime.timedelta(days=i),
            place=world.raqqa.place,
        )
        for i in range(PAGE_SIZE + 5)
    )
    refresh_search_text(Incident.objects.filter(search_text=""))
    query = {"type": "explosion", "sort": "date"}
    first = analyst.get("/incidents/", query, HTTP_ACCEPT_LANGUAGE="en")
    html = first.content.decode()
    assert first.context["page"].paginator.count == PAGE_SIZE + 5 + 2
    assert len(first.context["rows"]) == PAGE_SIZE
    assert first.context["rows"][0]["date"]["value"] == start  # oldest first
    assert 'aria-sort="ascending"' in html
    next_link = re.search(r'<a href="([^"]+)" rel="next">', html).group(1).replace("&amp;", "&")
    assert "type=explosion" in next_link and "sort=date" in next_link and "page=2" in next_link
    second = analyst.get("/incidents/" + next_link)
    page_two = [r["pk"] for r in second.context["rows"]]
    assert len(page_two) == 7 and page_two[-1] == world.daraa_gov.pk  # the newest, last
    assert not set(page_two) & {r["pk"] for r in first.context["rows"]}
    # A column heading sorts the same filtered list the other way, from its first page.
    link = re.search(r'<a href="([^"]+)">Date', html).group(1).replace("&amp;", "&")
    assert "type=explosion" in link and "sort=-date" in link and "page=" not in link
    # The map and the downloads carry the same filters.
    assert 'href="/map/?type=explosion"' in html
    assert 'href="/incidents/export.csv?type=explosion"' in html


def test_sorting_by_date_ascending_and_by_place(analyst, world):
    ascending = analyst.get("/incidents/", {"sort": "date"}).context["rows"]
    assert [r["pk"] for r in ascending][:2] == [world.douma.pk, world.raqqa.pk]
    by_place = analyst.get("/incidents/", {"sort": "place"}).context["rows"]
    assert by_place[-1]["pk"] == world.nowhere.pk  # no place sorts last
    unknown = analyst.get("/incidents/", {"sort": "identity"})
    assert unknown.context["sort"] == "-date"  # only the offered columns sort


def test_coded_values_are_labelled_in_the_readers_language(analyst, world):
    english = analyst.get("/incidents/", {"status": "published"}, HTTP_ACCEPT_LANGUAGE="en")
    row = english.context["rows"][0]
    assert (row["type"], row["method"], row["party"], row["status"]) == (
        "Assassination",
        "Gunfire",
        "Assad regime",
        "published",
    )
    assert row["place"]["name"] == "Jasim" and row["place"]["within"] == "Dar'a"
    arabic = analyst.get("/incidents/", {"status": "published"}, HTTP_ACCEPT_LANGUAGE="ar")
    row = arabic.context["rows"][0]
    assert (row["type"], row["method"], row["place"]["name"]) == ("اغتيال", "إطلاق نار", "جاسم")
    assert row["killed"] == 1 and row["killed_range"] == (1, 2)


def test_arabic_text_with_markup_is_shown_as_text(analyst, world):
    html = analyst.get("/incidents/").content.decode()
    assert "ضابط في &lt;b&gt;الفرقة&lt;/b&gt; الخامسة" in html
    assert "<b>الفرقة</b>" not in html and "<b>workers</b>" not in html
    reports = analyst.get("/reports/").content.decode()
    assert "a bus of &lt;b&gt;workers&lt;/b&gt;" in reports


def test_lists_need_a_login_and_the_right_permission(client, users, django_user_model):
    assert client.get("/incidents/").status_code == 302
    assert client.get("/map/data.json").status_code == 302
    nobody = django_user_model.objects.create_user("nobody", password="x" * 20)
    client.force_login(nobody)
    assert client.get("/incidents/").status_code == 403
    assert client.get("/reports/").status_code == 403
    assert client.get("/incidents/export.csv").status_code == 403
    client.force_login(users.analyst)
    assert client.get("/incidents/export.exe").status_code == 404


def test_place_suggestions_find_names_in_either_script(analyst, world):
    found = analyst.get("/places/suggest.json", {"q": "Jasim"}, HTTP_ACCEPT_LANGUAGE="ar").json()
    first = found["places"][0]
    assert first["pcode"] in ("C6111", "SY120301") and first["name"] == "جاسم"
    assert "درعا" in first["within"]


def test_rows_open_the_incident_and_reviewers_open_the_account(client, users, world):
    client.force_login(users.reviewer)
    incident = client.get("/incidents/", {"status": "published"}).context["rows"][0]
    assert incident["url"].endswith(f"/{world.jasim.pk}/") or "/change/" in incident["url"]
    account = client.get("/reports/", {"source_type": "observation_point"}).context["rows"][0]
    assert account["url"].endswith(f"/{world.reports.jasim.pk}/")
    assert account["incidents"][0]["pk"] == world.jasim.pk
    client.force_login(users.analyst)  # analysts read accounts in the list only
    assert client.get("/reports/").context["rows"][0]["url"] == ""
