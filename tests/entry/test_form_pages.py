"""Every incident type of the codebook has an entry form, in Arabic and in English."""

import json
import re

import pytest

from marsad.codebook.services import active_codebook, load_codebook_file
from marsad.records.models import SourceReport

pytestmark = pytest.mark.django_db


def shown_inputs(page: str) -> set[str]:
    """The names of the entry form's inputs (not the language switcher's)."""
    form = page[page.index('id="entry-form"') :]
    form = form[: form.index("</form>")]
    return set(re.findall(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"', form))


def test_every_codebook_type_has_a_form_with_exactly_its_fields(client, monitor):
    client.force_login(monitor)
    codebook = active_codebook()
    chooser = client.get("/entry/new/").content.decode()
    for code, kind in codebook.incident_types.items():
        assert f'href="/entry/new/{code}/"' in chooser and kind.label.ar in chooser
        page = client.get(f"/entry/new/{code}/").content.decode()
        assert f"<h1>{kind.label.ar}</h1>" in page
        form = codebook.form_for(code)
        names = shown_inputs(page)
        for field in form.fields:
            if field.name == "type":
                continue  # the page is for this one type
            assert field.label.ar in page, (code, field.name)
            if not field.derived:
                assert {field.name, f"{field.name}_text"} & names, (code, field.name)
        # Nothing the codebook does not list for this form (beyond the source picker).
        offered = {n.removesuffix("_text") for n in names} - {"csrfmiddlewaretoken", "draft"}
        offered -= {n for n in names if n.startswith("source") or n.endswith(("_new", "_new_type"))}
        offered -= {"date_week", "date_month"}
        assert offered <= set(form.field_names), (code, offered - set(form.field_names))


def test_the_two_forms_of_the_centre_differ_as_the_codebook_says(client, monitor):
    client.force_login(monitor)
    attack = shown_inputs(client.get("/entry/new/explosion/").content.decode())
    detention = shown_inputs(client.get("/entry/new/abduction/").content.decode())
    assert {"method", "killed_civilian", "target"} <= attack
    assert not {"operation_type", "number_targeted", "target_gender"} & attack
    assert {"operation_type", "number_targeted", "target_gender", "observation_place"} <= detention
    assert "killed_civilian" not in detention
    page = client.get("/entry/new/abduction/").content.decode()
    assert "الجهة المستهدِفة" in page  # the detention form calls the perpetrator so
    assert "الجهة المسيطرة على المكان" in page  # derived: explained, not typed


def test_labels_and_choices_follow_the_interface_language(client, monitor):
    client.force_login(monitor)
    arabic = client.get("/entry/new/assassination/").content.decode()
    assert 'dir="rtl"' in arabic
    assert "وسيلة الاستهداف" in arabic and ">إطلاق نار</option>" in arabic
    assert ">يوم محدد</label>" in arabic
    client.cookies["django_language"] = "en"
    english = client.get("/entry/new/assassination/").content.decode()
    assert 'dir="ltr"' in english
    assert "Targeting method" in english and ">Gunfire</option>" in english
    assert ">Exact day</label>" in english and "إطلاق نار" not in english


def test_a_type_added_to_the_codebook_gets_a_form_without_code(client, monitor, source, tmp_path):
    content = active_codebook().as_dict()
    content["version"] = "2026.1-shelling"
    content["incident_types"]["shelling"] = {
        "label": {"en": "Shelling", "ar": "قصف"},
        "form": "shelling",
        "family": "attack",
        "description": {"en": "Artillery or mortar fire.", "ar": "قصف بالمدفعية أو الهاون."},
    }
    content["fields"]["shells"] = {
        "kind": "integer",
        "min": 1,
        "label": {"en": "Number of shells", "ar": "عدد القذائف"},
    }
    content["forms"]["shelling"] = {
        "label": {"en": "Shelling", "ar": "القصف"},
        "fields": ["date", "date_precision", "place", "place_precision", "type", "shells"],
    }
    path = tmp_path / "with-shelling.json"
    path.write_text(json.dumps(content), encoding="utf-8")
    load_codebook_file(path)

    client.force_login(monitor)
    assert 'href="/entry/new/shelling/"' in client.get("/entry/new/").content.decode()
    page = client.get("/entry/new/shelling/").content.decode()
    assert "<h1>قصف</h1>" in page and "عدد القذائف" in page and 'name="shells"' in page
    assert 'name="method"' not in page
    response = client.post(
        "/entry/new/shelling/",
        {
            "source": source.pk,
            "source_query": source.name,
            "date_precision": "month",
            "date_month": "2020-02",
            "place": "C2338",
            "place_text": "دوما",
            "place_precision": "community",
            "shells": "12",
        },
    )
    assert response.status_code == 302
    report = SourceReport.objects.get(type="shelling")
    assert report.codebook_version.version == "2026.1-shelling"
    assert report.raw["entry"]["shells"] == "12"  # a field with no column is kept as entered
    assert str(report.date) == "2020-02-01" and report.date_precision == "month"


def test_an_unknown_type_is_not_found(client, monitor):
    client.force_login(monitor)
    assert client.get("/entry/new/looting/").status_code == 404


def test_the_form_is_usable_from_the_keyboard_and_by_screen_readers(client, monitor):
    client.force_login(monitor)
    page = client.get("/entry/new/assassination/").content.decode()
    combo = re.search(r'<input[^>]*name="place_text"[^>]*>', page).group(0)
    assert 'role="combobox"' in combo and 'aria-autocomplete="list"' in combo
    assert 'aria-controls="id_place_text-list"' in combo and 'aria-expanded="false"' in combo
    assert '<ul id="id_place_text-list" role="listbox"' in page
    assert '<label for="id_place_text"' in page
    # No tabindex games: the order is the page's order, source first, then when and where.
    assert 'tabindex="1' not in page
    assert (
        page.index('name="source_query"')
        < page.index('name="date"')
        < page.index('name="place_text"')
    )
    # Scripts come from files (the Content-Security-Policy forbids inline ones).
    assert "<script>" not in page and "onclick" not in page
