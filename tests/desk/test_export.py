"""Downloading a list gives exactly its rows, in each offered format."""

import csv
import io
import json

import openpyxl
import pytest

from tests.desk.conftest import ids, listed

pytestmark = pytest.mark.django_db


def content(response) -> bytes:
    assert response.status_code == 200
    return b"".join(response.streaming_content)


@pytest.mark.parametrize(
    "query",
    [{}, {"type": "explosion"}, {"governorate": "SY12"}, {"q": "الرقة"}, {"party": "regime"}],
)
def test_the_export_holds_exactly_the_filtered_rows(client, users, world, query):
    client.force_login(users.analyst)
    shown = listed(client.get("/incidents/", query))
    rows = csv.DictReader(
        io.StringIO(content(client.get("/incidents/export.csv", query)).decode("utf-8-sig"))
    )
    assert {int(row["incident_id"]) for row in rows} == shown
    records = json.loads(content(client.get("/incidents/export.json", query)))
    assert {int(r["incident_id"]) for r in records} == shown


def test_each_format_downloads_with_its_type_and_name(client, users, world):
    client.force_login(users.analyst)
    geojson = client.get("/incidents/export.geojson", {"type": "explosion"})
    assert geojson["Content-Disposition"].startswith(
        'attachment; filename="marsad-incidents.geojson'
    )
    features = json.loads(content(geojson))["features"]
    assert {int(f["properties"]["incident_id"]) for f in features} == ids(
        world.raqqa, world.daraa_gov
    )
    xlsx = client.get("/incidents/export.xlsx", {"type": "explosion"})
    book = openpyxl.load_workbook(io.BytesIO(content(xlsx)), read_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert len(rows) == 3  # a header and the two explosions


def test_the_reports_export_follows_the_report_filters(client, users, world):
    client.force_login(users.analyst)
    query = {"source_type": "activist_social_media"}
    shown = listed(client.get("/reports/", query))
    assert shown == ids(world.reports.raqqa, world.reports.loose)
    rows = list(
        csv.DictReader(
            io.StringIO(content(client.get("/reports/export.csv", query)).decode("utf-8-sig"))
        )
    )
    assert len(rows) == 2 and {row["source_name"] for row in rows} == {"Raqqa 24"}
