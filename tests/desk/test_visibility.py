"""What the desk never shows: incidents restricted to other groups (in lists, counts, the map,
search and exports), other monitors' reports, and who a source is."""

import csv
import io
import json

import pytest

from tests.desk.conftest import SECRET, ids, listed

pytestmark = pytest.mark.django_db


def body(response) -> str:
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8-sig")


def test_a_restricted_incident_appears_nowhere_for_outsiders(client, users, world):
    client.force_login(users.analyst)
    everything = client.get("/incidents/")
    assert world.secret.pk not in listed(everything)
    assert 'data-count="5"' in everything.content.decode()
    assert listed(client.get("/incidents/", {"q": SECRET})) == set()
    assert listed(client.get("/incidents/", {"q": f"#{world.secret.pk}"})) == set()
    assert world.reports.secret.pk not in listed(client.get("/reports/"))
    assert listed(client.get("/reports/", {"q": SECRET})) == set()
    data = client.get("/map/data.json").json()
    assert data["count"] == 5 and world.secret.pk not in {p[0] for p in data["points"]}
    for kind in ("incidents", "reports"):
        for fmt in ("csv", "json", "geojson"):
            assert SECRET not in body(client.get(f"/{kind}/export.{fmt}")), (kind, fmt)
    home = client.get("/?month=2020-02")
    assert home.context["home"].total.current == 3  # jasim, daraa_gov, nowhere; not the secret
    assert SECRET not in home.content.decode()


def test_members_of_the_group_see_the_restricted_incident(client, users, world):
    client.force_login(users.insider)
    assert world.secret.pk in listed(client.get("/incidents/", {"q": SECRET}))
    assert client.get("/map/data.json").json()["count"] == 6
    assert SECRET in body(client.get("/incidents/export.csv"))


def test_a_monitor_lists_only_the_reports_they_entered(client, users, world):
    client.force_login(users.monitor)
    response = client.get("/reports/", HTTP_ACCEPT_LANGUAGE="en")
    assert listed(response) == ids(world.reports.raqqa, world.reports.loose)  # secret: hidden
    assert "You see the reports you entered yourself." in response.content.decode()
    exported = list(csv.DictReader(io.StringIO(body(client.get("/reports/export.csv")))))
    assert len(exported) == 2
    client.force_login(users.other_monitor)
    assert listed(client.get("/reports/")) == ids(world.reports.jasim)
    client.force_login(users.reviewer)
    assert listed(client.get("/reports/")) == ids(
        world.reports.raqqa, world.reports.jasim, world.reports.loose
    )


def test_who_a_source_is_never_appears_in_a_list_or_export(client, users, world):
    for person in (users.analyst, users.identities):
        client.force_login(person)
        html = client.get("/reports/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert "Raqqa 24" in html and "Activists&#x27; accounts" in html  # name and type: fine
        for secret in ("Abu Sirr", "Umm Khafi", "963944111", "963933222"):
            assert secret not in html
            assert secret not in body(client.get("/reports/export.json"))
            assert secret not in client.get("/incidents/").content.decode()
        # Searching by identity finds nothing: it is not in the search text.
        assert listed(client.get("/reports/", {"q": "Abu Sirr"})) == set()


def test_the_map_data_of_an_outsider_has_no_trace_of_the_restricted_incident(client, users, world):
    client.force_login(users.analyst)
    raw = client.get("/map/data.json", {"party": "aa"}).content.decode()
    data = json.loads(raw)
    assert [p[0] for p in data["points"]] == [world.raqqa.pk]
    assert data["types"][[t["code"] for t in data["types"]].index("explosion")]["count"] == 1
