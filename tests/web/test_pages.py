import re

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from marsad.records.models import Source

pytestmark = pytest.mark.django_db
ADMIN_MODELS = [
    "audit/changelog",
    "codebook/codebookversion",
    "places/place",
    "places/controlperiod",
    "records/actor",
    "records/source",
    "records/sourcereport",
    "records/incident",
    "records/incidentreport",
    "auth/user",
    "auth/group",
]
EXTERNAL = re.compile(r"""(?:src|href)=["']?(?:https?:)?//(?!127\.0\.0\.1|localhost|testserver)""")


def switch_language(client, code):
    response = client.post("/i18n/setlang/", {"language": code, "next": "/"})
    assert response.status_code == 302


def test_home_renders_right_to_left_in_arabic_by_default(client):
    html = client.get("/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "مرصد" in html


def test_language_switch_gives_english_left_to_right(client):
    switch_language(client, "en")
    html = client.get("/").content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert "Marsad security observatory" in html
    switch_language(client, "ar")
    assert 'dir="rtl"' in client.get("/").content.decode()


def test_logged_in_home_shows_what_the_observatory_holds(client, admin_user_ar):
    from marsad.records.demo import load_demo

    load_demo()
    client.force_login(admin_user_ar)
    switch_language(client, "en")
    html = client.get("/").content.decode()
    assert "places in the gazetteer" in html
    assert "Administration" in html
    # The dashboard compares the latest month of the demo data (June 2020) with May.
    assert "Incidents in June 2020" in html
    assert re.search(
        r'<th scope="row"><a href="/incidents/\?type=explosion&amp;[^"]*">Explosion</a>', html
    )
    switch_language(client, "ar")
    html = client.get("/").content.decode()
    assert "حزيران 2020" in html and ">تفجير</a></th>" in html


@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize("model", ADMIN_MODELS)
def test_admin_list_and_add_pages_render(client, admin_user_ar, model, language):
    client.force_login(admin_user_ar)
    listing = client.get(f"/{language}/admin/{model}/")
    assert listing.status_code == 200
    assert f'dir="{"rtl" if language == "ar" else "ltr"}"' in listing.content.decode()
    add = client.get(f"/{language}/admin/{model}/add/")
    assert add.status_code in (200, 403)


def test_no_page_references_another_host(client, admin_user_ar):
    client.force_login(admin_user_ar)
    for url in ["/", "/ar/admin/", "/en/admin/records/sourcereport/add/", "/ar/admin/login/"]:
        html = client.get(url).content.decode()
        assert not EXTERNAL.search(html), url


def test_pages_carry_a_content_security_policy_without_inline_script(client):
    policy = client.get("/")["Content-Security-Policy"]
    assert (
        "script-src 'self'" in policy
        and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    )
    assert "frame-ancestors 'none'" in policy


def test_source_identity_is_hidden_without_the_permission(client, django_user_model):
    source = Source.objects.create(
        name="Observer J-2",
        source_type="observation_point",
        identity="Abu Khaled",
        contact="+963944000111",
    )
    analyst = django_user_model.objects.create_user("analyst", password="x" * 16, is_staff=True)
    analyst.user_permissions.add(Permission.objects.get(codename="view_source"))
    client.force_login(analyst)
    page = client.get(f"/en/admin/records/source/{source.pk}/change/").content.decode()
    assert "Observer J-2" in page and "Abu Khaled" not in page and "963944000111" not in page
    search = client.get("/en/admin/records/source/", {"q": "Abu Khaled"}).content.decode()
    assert "Observer J-2" not in search  # searching by identity must not reveal it
    analyst.user_permissions.add(Permission.objects.get(codename="view_source_identity"))
    analyst = django_user_model.objects.get(pk=analyst.pk)
    client.force_login(analyst)
    assert (
        "Abu Khaled" in client.get(f"/en/admin/records/source/{source.pk}/change/").content.decode()
    )


def test_static_assets_are_served_from_the_package(client):
    css = client.get("/static/marsad/marsad.css")
    assert css.status_code == 200
    font = client.get("/static/marsad/fonts/noto-sans-arabic-arabic-400-normal.woff2")
    assert font.status_code == 200 and len(b"".join(font.streaming_content)) > 10_000


def test_attribution_page_names_the_data_sources(client):
    text = client.get(reverse("web:attribution")).content.decode()
    for name in ["OCHA", "OpenSyria", "GeoNames", "CC BY"]:
        assert name in text


def test_an_overlapping_control_period_is_refused_in_the_admin(client, admin_user_ar):
    from marsad.places.models import ControlPeriod

    period = ControlPeriod.objects.select_related("place").order_by("pk").first()
    before = ControlPeriod.objects.count()
    client.force_login(admin_user_ar)
    response = client.post(
        "/en/admin/places/controlperiod/add/",
        {
            "place": period.place.pk,
            "party": "contested",
            "sub_label": "",
            "start": period.start.isoformat(),
            "end": period.start.isoformat(),
            "source": "test",
            "note": "",
            "approximate": "on",
        },
    )
    assert response.status_code == 200  # the form again, with the error
    assert "overlap" in response.content.decode().lower()
    assert ControlPeriod.objects.count() == before


def report_form(source, **overrides):
    data = {
        "source": source.pk,
        "report_id": "D24-77",
        "type": "assassination",
        "date": "2020-01-14",
        "date_precision": "day",
        "place_precision": "community",
        "method": "gunfire",
        "target_status": "civilian",
        "killed": "1",
        "narrative_ar": "اغتيال مدني <b>بإطلاق نار</b>",
    }
    return {**data, **overrides}


def test_a_report_entered_in_the_admin_keeps_the_codebook_version_and_its_author(
    client, admin_user_ar
):
    from marsad.codebook.services import active_version
    from marsad.records.models import SourceReport

    source = Source.objects.create(name="Daraa 24", source_type="activist_social_media")
    client.force_login(admin_user_ar)
    response = client.post("/ar/admin/records/sourcereport/add/", report_form(source))
    assert response.status_code == 302, response.content.decode()[:2000]
    report = SourceReport.objects.get(report_id="D24-77")
    assert report.codebook_version == active_version()
    assert report.created_by == admin_user_ar
    page = client.get(f"/ar/admin/records/sourcereport/{report.pk}/change/").content.decode()
    assert "&lt;b&gt;بإطلاق نار&lt;/b&gt;" in page  # Arabic text with markup in it stays text


def test_codebook_rules_are_explained_next_to_the_field_in_arabic(client, admin_user_ar):
    from marsad.records.models import SourceReport

    source = Source.objects.create(name="Daraa 24", source_type="activist_social_media")
    client.force_login(admin_user_ar)
    response = client.post(
        "/ar/admin/records/sourcereport/add/", report_form(source, date_precision="range")
    )
    assert response.status_code == 200
    html = response.content.decode()
    date_end_errors = re.search(
        r'<ul class="errorlist" id="id_date_end_error">(.*?)</ul>', html, re.S
    )
    assert date_end_errors, "the message should stand next to the end-date field"
    assert re.search("[\u0600-\u06ff]", date_end_errors.group(1))
    assert not SourceReport.objects.filter(report_id="D24-77").exists()
