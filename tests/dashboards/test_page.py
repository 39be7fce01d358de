"""The dashboard page: its table is the engine's result, labelled in the reader's language, and
its URL alone reproduces it."""

import re

import pytest
from django.contrib.auth.models import Permission

from marsad.analysis.snapshot import incidents_for
from marsad.engines.analysis import analyse, to_records

pytestmark = pytest.mark.django_db
URL = "/analysis/"
EXTERNAL = re.compile(r"""(?:src|href)=["']?(?:https?:)?//(?!127\.0\.0\.1|localhost|testserver)""")


def footer_numbers(html: str) -> list[str]:
    footer = html[html.index("<tfoot>") : html.index("</tfoot>")]
    return re.findall(r'<td class="num">([^<]*)</td>', footer)


def test_the_page_needs_a_login_and_the_right_to_see_incidents(client, django_user_model):
    assert client.get(URL).status_code == 302
    nobody = django_user_model.objects.create_user("nobody", password="pw-nobody-123456")
    client.force_login(nobody)
    for path in (URL, "/analysis/data.json", "/analysis/data.csv", "/analysis/chart.svg"):
        assert client.get(path).status_code == 403, path
    nobody.user_permissions.add(Permission.objects.get(codename="view_incident"))
    assert client.get(URL).status_code == 200


def test_the_table_and_its_totals_are_what_analyse_gives(client, analyst, incidents):
    client.force_login(analyst)
    measures = ["incidents", "killed_best"]
    response = client.get(URL, {"by": "type", "then_by": "month", "measure": measures})
    assert response.status_code == 200
    table = incidents_for(analyst)
    expected = to_records(analyse(table, by=["type", "month"], measures=measures))
    dashboard = response.context["dashboard"]
    assert [{key: row[key] for key in expected[0]} for row in dashboard.rows] == expected
    totals = to_records(analyse(table, by=[], measures=measures))[0]
    assert dashboard.totals == totals == {"incidents": 5, "killed_best": 10}  # rejected: never
    assert footer_numbers(response.content.decode()) == ["5", "10"]
    assert len(response.context["rows"]) == len(expected)


def test_labels_follow_the_reader_language_and_numbers_are_grouped(client, analyst, incidents):
    incidents[0].killed_best = 1234
    incidents[0].save()
    client.force_login(analyst)
    query = {"by": "type", "measure": ["incidents", "killed_best"]}
    html = client.get(URL, query).content.decode()  # Arabic is the default language
    assert '<html lang="ar" dir="rtl">' in html
    assert "<td>تفجير</td>" in html and '<th scope="col">نوع الحادثة</th>' in html
    assert "1,239" in html  # 1234 + 1 + 4 explosions' dead, grouped by thousands
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get(URL, query).content.decode()
    assert "<td>Explosion</td>" in html and '<th scope="col">Incident type</th>' in html


def test_filters_period_and_published_only(client, analyst, incidents):
    client.force_login(analyst)

    def total(**query):
        response = client.get(URL, {"by": "type", **query})
        return response.context["dashboard"].totals["incidents"]

    assert total() == 5
    assert total(type="explosion") == 3
    assert total(type=["explosion", "detention"]) == 4
    assert total(governorate="SY12") == 3  # Jasim twice, and one known only to Daraa
    assert total(published="on") == 3
    assert total(status=["draft", "verified"]) == 2
    assert total(status="draft", published="on") == 0  # "published only" narrows the ticks
    assert total(date_from="2020-01-01", date_to="2020-01-31") == 2
    party = incidents[0].controlling_party
    table = incidents_for(analyst)
    expected = to_records(analyse(table, where={"controlling_party": [party]}))[0]["incidents"]
    assert total(party=party) == expected > 0


def test_the_share_link_reproduces_the_view(client, analyst, incidents):
    client.force_login(analyst)
    query = {
        "by": "governorate",
        "then_by": "type",
        "measure": ["killed_best", "incidents"],
        "date_from": "2020-01-01",
        "type": ["explosion", "assassination"],
        "chart": "grouped",
    }
    first = client.get(URL, query)
    link = first.context["share_url"]
    assert link.startswith("http://testserver/analysis/?")
    again = client.get(link.removeprefix("http://testserver"))
    assert again.context["dashboard"].rows == first.context["dashboard"].rows
    assert again.context["payload"]["spec"] == first.context["payload"]["spec"]
    html = again.content.decode()
    assert re.search(r'<option value="governorate" selected>', html)
    assert re.search(r'value="assassination"[^>]*checked', html)
    assert 'value="2020-01-01"' in html
    data = client.get("/analysis/data.json", query).json()
    assert data["rows"] == first.context["payload"]["rows"]
    # The export links carry the same query, so the files hold what the page shows.
    for link in first.context["downloads"].values():
        assert link.split("?", 1)[1] == first.wsgi_request.GET.urlencode()


@pytest.mark.parametrize(
    "query",
    [
        {"by": "nonsense"},
        {"by": "type", "then_by": "type"},
        {"by": "type", "measure": "bogus"},
        {"by": "type", "measure": ""},
        {"by": "type", "date_from": "2020-13-45"},
        {"by": "type", "date_from": "2020-02-01", "date_to": "2020-01-01"},
        {"by": "type", "type": "not-a-type"},
        {"by": "type", "governorate": "SY99"},
    ],
)
def test_bad_parameters_give_a_message_not_an_error(client, analyst, incidents, query):
    client.force_login(analyst)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get(URL, query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "please correct the choices marked below" in html
    assert 'class="errorlist' in html
    assert response.context["dashboard"] is None
    for path in ("data.json", "data.csv", "data.xlsx", "chart.svg", "chart.png"):
        refused = client.get(f"/analysis/{path}", query)
        assert refused.status_code == 400, path
        assert refused.json()["errors"]


def test_the_page_loads_only_its_own_scripts_and_no_inline_one(client, analyst, incidents):
    client.force_login(analyst)
    html = client.get(URL).content.decode()
    assert not EXTERNAL.search(html)
    scripts = re.findall(r"<script([^>]*)>", html)
    assert scripts
    for attributes in scripts:
        assert "src=" in attributes or 'type="application/json"' in attributes, attributes
    assert "/static/vendor/vega-interpreter/vega-interpreter.min.js" in html


def test_boundaries_are_served_from_the_package(client):
    response = client.get("/analysis/boundaries/subdistrict.geojson")
    assert response.status_code == 200 and response["Content-Type"] == "application/geo+json"
    features = response.json()["features"]
    assert len(features) == 272 and features[0]["properties"]["pcode"].startswith("SY")
    assert client.get("/analysis/boundaries/community.geojson").status_code == 404
