import csv
import io

import pytest

from marsad.records.models import SourceReport

pytestmark = pytest.mark.django_db

ROWS = [
    "report_id,source_name,source_type,date,type,method,place,killed",
    "A-1,Daraa 24,activist_social_media,2020-01-15,assassination,gunfire,جاسم,1",
    "A-2,Daraa 24,activist_social_media,2020-01-16,explosion,ied,Qwertyville,2",
]


def upload(client, text, name="reports.csv"):
    file = io.BytesIO(text.encode("utf-8"))
    file.name = name
    return client.post("/import/", {"file": file, "source_name": "", "source_type": ""})


def test_upload_shows_every_problem_before_anything_is_written(client, admin_user_ar):
    client.force_login(admin_user_ar)
    response = upload(client, "\n".join(ROWS))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Qwertyville" in html and 'name="mode" value="rejects"' in html
    assert SourceReport.objects.count() == 0
    token = response.context["token"]
    result = client.post(f"/import/{token}/confirm", {"mode": "rejects"})
    assert result.status_code == 200 and result.context["summary"].created == 1
    from django.conf import settings

    assert not (settings.DATA_DIR / "uploads" / token / "reports.csv").exists()  # no stray copy
    assert client.post(f"/import/{token}/confirm", {"mode": "rejects"}).status_code == 404
    imported = SourceReport.objects.get(report_id="A-1")
    assert imported.created_by == admin_user_ar  # the person who confirmed, also in the change log
    from marsad.audit.models import ChangeLog

    assert (
        ChangeLog.objects.get(model="records.SourceReport", object_id=str(imported.pk)).actor
        == admin_user_ar
    )
    rejects = client.get(f"/import/{token}/rejects")
    text = b"".join(rejects.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["report_id"] for r in rows] == ["A-2"] and rows[0]["error_column"] == "place"


def test_an_upload_belongs_to_whoever_uploaded_it(client, admin_user_ar, django_user_model):
    client.force_login(admin_user_ar)
    token = upload(client, "\n".join(ROWS[:2])).context["token"]
    other = django_user_model.objects.create_superuser("other", password="another long passphrase")
    client.force_login(other)
    assert client.post(f"/import/{token}/confirm", {"mode": "atomic"}).status_code == 403


def test_import_needs_the_right_to_add_reports(client, django_user_model):
    reader = django_user_model.objects.create_user("reader", password="x" * 16)
    client.force_login(reader)
    assert client.get("/import/").status_code == 403


def test_export_page_downloads_a_filtered_file(client, admin_user_ar):
    from marsad.records.demo import load_demo

    load_demo()
    client.force_login(admin_user_ar)
    assert client.get("/export/").status_code == 200
    response = client.get(
        "/export/", {"kind": "incidents", "format": "csv", "type": "explosion", "download": "1"}
    )
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    rows = list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
    )
    assert rows and {r["type"] for r in rows} == {"explosion"}


def test_anonymous_visitors_get_only_the_public_release_and_only_when_enabled(client, settings):
    settings.MARSAD_PUBLIC_DOWNLOADS = False
    assert client.get("/export/").status_code == 403
    settings.MARSAD_PUBLIC_DOWNLOADS = True
    assert client.get("/export/").status_code == 200
    # 'reports' is not offered to them: the form falls back to showing itself, no file.
    response = client.get("/export/", {"kind": "reports", "format": "csv", "download": "1"})
    assert "Content-Disposition" not in response


def test_the_admin_exports_the_selected_incidents(client, admin_user_ar):
    from marsad.records.demo import load_demo
    from marsad.records.models import Incident

    load_demo()
    client.force_login(admin_user_ar)
    chosen = list(Incident.objects.filter(type="explosion").values_list("pk", flat=True)[:5])
    response = client.post(
        "/en/admin/records/incident/",
        {"action": "export_incidents_csv", "_selected_action": chosen},
    )
    assert response.status_code == 200 and response["Content-Disposition"].endswith(
        'marsad-incidents.csv"'
    )
    rows = list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
    )
    assert sorted(int(r["incident_id"]) for r in rows) == sorted(chosen)
