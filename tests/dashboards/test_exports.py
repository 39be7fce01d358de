"""The chart, the map and the files show the table's numbers."""

import csv
import io

import pytest
from openpyxl import load_workbook

from marsad.codebook.services import active_version
from marsad.dashboards.charts import chart_axes, chart_kind
from marsad.dashboards.results import map_level
from marsad.records.models import Incident

pytestmark = pytest.mark.django_db
QUERY = {"by": "type", "then_by": "governorate", "measure": ["incidents", "killed_best"]}


def spec_values(payload: dict) -> list[dict]:
    return payload["spec"]["data"]["values"]


def test_the_chart_data_are_the_table_numbers(client, analyst, incidents):
    client.force_login(analyst)
    payload = client.get("/analysis/data.json", QUERY).json()
    rows = payload["rows"]
    values = spec_values(payload)
    assert [(v["category"], v["series"], v["value"]) for v in values] == [
        (r["type__label"], r["governorate__label"], r["incidents"]) for r in rows
    ]
    assert payload["spec"]["usermeta"]["kind"] == "bar"  # no period: bars
    # The map colours the first measure by governorate, with the same filters.
    by_governorate = {r["pcode"]: r["value"] for r in payload["map"]["rows"]}
    assert by_governorate == {"SY03": 1, "SY11": 1, "SY12": 3}
    assert payload["map"]["level"] == "governorate" and payload["map"]["unplaced"] == 0


def test_a_period_goes_on_the_axis_and_an_undated_incident_is_left_out_of_it(
    client, analyst, incidents
):
    Incident.objects.create(
        codebook_version=active_version(), type="explosion", date=None, status="verified"
    )
    client.force_login(analyst)
    payload = client.get("/analysis/data.json", {"by": "type", "then_by": "month"}).json()
    spec = payload["spec"]
    assert spec["usermeta"] == {
        "kind": "line",
        "category": "month",
        "series": "type",
        "left_out": 1,
    }
    dated = [r for r in payload["rows"] if r["month"] is not None]
    assert [(v["category"], v["series"], v["value"]) for v in spec["data"]["values"]] == [
        (r["month"], r["type__label"], r["incidents"]) for r in dated
    ]
    assert len(payload["rows"]) == len(dated) + 1  # the table keeps the undated one
    assert payload["map"]["unplaced"] == 1  # and it has no place either


def test_axes_kind_and_map_level_rules():
    assert chart_axes(["controlling_party", "month"]) == ("month", "controlling_party")
    assert chart_axes(["month", "type"]) == ("month", "type")
    assert chart_axes(["type"]) == ("type", None)
    assert chart_kind("month", "") == "line" and chart_kind("type", "") == "bar"
    assert chart_kind("month", "grouped") == "grouped"
    assert map_level(["type", "month"]) == "governorate"
    assert map_level(["governorate", "subdistrict"]) == "subdistrict"
    assert map_level(["community"]) == "subdistrict"
    assert map_level(["district", "type"]) == "district"


def test_a_sub_district_dimension_maps_sub_districts(client, analyst, incidents):
    client.force_login(analyst)
    payload = client.get("/analysis/data.json", {"by": "subdistrict"}).json()
    assert payload["map"]["level"] == "subdistrict"
    assert payload["map"]["boundaries"] == "/analysis/boundaries/subdistrict.geojson"
    mapped = {r["pcode"]: r["value"] for r in payload["map"]["rows"]}
    assert mapped == {"SY120301": 2, "SY030200": 1, "SY110100": 1}
    assert payload["map"]["unplaced"] == 1  # known only to its governorate


def read_csv(response) -> list[list[str]]:
    assert response["Content-Disposition"].startswith("attachment")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_csv_has_headers_in_the_reader_language(client, analyst, incidents):
    client.force_login(analyst)
    rows = read_csv(client.get("/analysis/data.csv", QUERY))
    header = rows[0]
    assert header[0::2] == ["نوع الحادثة", "المحافظة", "الحوادث"]
    assert header[1].startswith("نوع الحادثة (") and header[3].startswith("المحافظة (")
    assert header[5] == "القتلى (التقدير الأرجح)"
    assert ["تفجير", "explosion", "درعا", "SY12", "2", "7"] in rows
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    rows = read_csv(client.get("/analysis/data.csv", QUERY))
    assert rows[0][:2] == ["Incident type", "Incident type (code)"]
    assert ["Explosion", "explosion", "Dar'a", "SY12", "2", "7"] in rows
    assert sum(int(r[4]) for r in rows[1:]) == 5


def test_xlsx_is_right_to_left_in_arabic_and_holds_numbers(client, analyst, incidents):
    client.force_login(analyst)
    response = client.get("/analysis/data.xlsx", QUERY)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    data = book.worksheets[0]
    assert data.sheet_view.rightToLeft
    rows = list(data.iter_rows(values_only=True))
    assert rows[0][0] == "نوع الحادثة" and rows[0][-1] == "القتلى (التقدير الأرجح)"
    assert ("تفجير", "explosion", "درعا", "SY12", 2, 7) in rows
    about = dict(book.worksheets[1].iter_rows(values_only=True))
    assert any(str(v).startswith("http://testserver/analysis/?by=type") for v in about.values())
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    book = load_workbook(io.BytesIO(client.get("/analysis/data.xlsx", QUERY).content))
    assert not book.worksheets[0].sheet_view.rightToLeft
    assert book.worksheets[0]["A1"].value == "Incident type"


def test_text_that_looks_like_a_formula_is_neutralised(client, analyst, incidents):
    from marsad.records.models import Actor

    actor = Actor.objects.create(name_en="=HYPERLINK(1)", name_ar="=HYPERLINK(1)")
    Incident.objects.filter(pk=incidents[0].pk).update(perpetrator=actor)
    client.force_login(analyst)
    rows = read_csv(client.get("/analysis/data.csv", {"by": "perpetrator"}))
    assert ["'=HYPERLINK(1)", "'=HYPERLINK(1)", "1"] in rows


def test_chart_images_are_drawn_on_the_server(client, analyst, incidents):
    client.force_login(analyst)
    svg = client.get("/analysis/chart.svg", QUERY)
    assert svg["Content-Type"] == "image/svg+xml"
    text = svg.content.decode()
    assert text.startswith("<svg") and "تفجير" in text and "درعا" in text
    png = client.get("/analysis/chart.png", {"by": "controlling_party", "then_by": "month"})
    assert png["Content-Type"] == "image/png" and png.content.startswith(b"\x89PNG")
    assert png["Content-Disposition"] == 'attachment; filename="marsad-controlling_party-month.png"'


def test_rates_need_a_place_and_are_shown_with_decimals(client, analyst, incidents):
    client.force_login(analyst)
    query = {"by": "governorate", "measure": ["killed_best_per_100k", "killed_best"]}
    payload = client.get("/analysis/data.json", query).json()
    daraa = next(r for r in payload["rows"] if r["governorate"] == "SY12")
    assert daraa["killed_best"] == 9 and 0 < daraa["killed_best_per_100k"] < 9
    html = client.get("/analysis/", query).content.decode()
    assert f"{daraa['killed_best_per_100k']:,.2f}" in html
    # Without a place there is no population to divide by: shown as unknown, not as 0.
    payload = client.get("/analysis/data.json", {**query, "by": "type"}).json()
    assert {r["killed_best_per_100k"] for r in payload["rows"]} == {None}
