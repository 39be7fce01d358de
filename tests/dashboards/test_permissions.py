"""An incident restricted to one group is never counted for anyone outside it: not in the
table, the chart, the map, the JSON, the CSV or the XLSX; its group's members see it in all."""

import csv
import io

import pytest
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db
# The restricted incident is a published explosion in Duma (Rural Damascus, SY03) in January
# 2020 with 100 dead; the visible ones add up to 5 incidents and 10 dead.
QUERY = {"by": "governorate", "then_by": "month", "measure": ["incidents", "killed_best"]}
DUMA_JANUARY = ("SY03", "2020-01")


def numbers(client) -> dict:
    """Every number the dashboard shows, by where it is shown."""
    page = client.get("/analysis/", QUERY)
    payload = page.context["payload"]
    rows = {(r["governorate"], r["month"]): r for r in payload["rows"]}
    chart = {(v["category"], v["series"]): v["value"] for v in payload["spec"]["data"]["values"]}
    html = page.content.decode()
    csv_rows = list(
        csv.reader(io.StringIO(client.get("/analysis/data.csv", QUERY).content.decode("utf-8-sig")))
    )
    book = load_workbook(io.BytesIO(client.get("/analysis/data.xlsx", QUERY).content))
    xlsx_rows = list(book.worksheets[0].iter_rows(values_only=True))
    return {
        "table": rows[DUMA_JANUARY]["incidents"],
        "killed_total": page.context["dashboard"].totals["killed_best"],
        "incidents_total": page.context["dashboard"].totals["incidents"],
        "footer": "110" in html[html.index("<tfoot>") : html.index("</tfoot>")],
        "chart": chart[("2020-01", "ريف دمشق")],
        "map": {r["pcode"]: r["value"] for r in payload["map"]["rows"]}["SY03"],
        "json": client.get("/analysis/data.json", QUERY).json()["totals"]["killed_best"],
        "csv": sum(int(r[-1]) for r in csv_rows[1:]),
        "xlsx": sum(r[-1] for r in xlsx_rows[1:]),
    }


def test_an_outsider_never_counts_the_restricted_incident(client, restricted):
    _secret, _insider, outsider = restricted
    client.force_login(outsider)
    assert numbers(client) == {
        "table": 1,
        "killed_total": 10,
        "incidents_total": 5,
        "footer": False,
        "chart": 1,
        "map": 1,
        "json": 10,
        "csv": 10,
        "xlsx": 10,
    }
    svg = client.get("/analysis/chart.svg", {"by": "type", "measure": "killed_best"})
    assert ">100<" not in svg.content.decode() and ">104<" not in svg.content.decode()


def test_a_member_of_the_group_counts_it_everywhere(client, restricted):
    _secret, insider, _outsider = restricted
    client.force_login(insider)
    assert numbers(client) == {
        "table": 2,
        "killed_total": 110,
        "incidents_total": 6,
        "footer": True,
        "chart": 2,
        "map": 2,
        "json": 110,
        "csv": 110,
        "xlsx": 110,
    }
