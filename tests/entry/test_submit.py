"""Sending the form: one report with the claims typed, or every problem next to its field."""

import datetime as dt

import pytest

from marsad.audit.models import ChangeLog
from marsad.codebook.services import active_codebook, active_version
from marsad.entry.models import Draft
from marsad.records.models import Actor, Source, SourceReport

from .conftest import field_error, input_value

pytestmark = pytest.mark.django_db


def test_a_valid_report_is_saved_once_with_the_claims_typed(client, monitor, assassination):
    client.force_login(monitor)
    response = client.post("/entry/new/assassination/", assassination)
    assert response.status_code == 302 and response["Location"] == "/entry/mine/"
    report = SourceReport.objects.get()
    assert report.type == "assassination"
    assert report.created_by == monitor
    assert report.codebook_version == active_version()
    assert (report.date, report.date_precision, report.date_end) == (
        dt.date(2020, 1, 15),
        "day",
        None,
    )
    assert report.place.pcode == "C6111" and report.place_text == "جاسم"
    assert report.place_precision == "community"
    assert (report.method, report.target_status) == ("gunfire", "civilian")
    assert report.perpetrator.name_en == "Unknown gunmen"
    assert report.perpetrator_text == "مسلحون مجهولون"
    assert (report.killed, report.killed_civilian, report.injured) == (1, 1, None)
    assert report.source.name == "Daraa 24"
    assert report.narrative_ar.startswith("اغتيال عضو")
    # The change log names the monitor.
    log = ChangeLog.objects.get(model="records.SourceReport", object_id=str(report.pk))
    assert log.actor == monitor
    mine = client.get(response["Location"]).content.decode()
    assert f"#{report.pk}" in mine and "جاسم" in mine and "اغتيال" in mine
    assert '<ul class="messages" role="status">' in mine  # "report saved"


def test_sending_the_same_form_twice_does_not_record_it_twice(client, monitor, assassination):
    client.force_login(monitor)
    client.post("/entry/new/assassination/", assassination)
    again = client.post("/entry/new/assassination/", assassination)
    assert again.status_code == 200
    assert SourceReport.objects.count() == 1
    assert 'id="error-summary"' in again.content.decode()


@pytest.mark.parametrize(
    "inputs, stored",
    [
        ({"date_precision": "week", "date_week": "2020-W03"}, ("2020-01-13", "week", None)),
        ({"date_precision": "month", "date_month": "2020-01"}, ("2020-01-01", "month", None)),
        (  # browsers without a week input show a text box: a day there means its week
            {"date_precision": "week", "date_week": "15/01/2020"},
            ("2020-01-13", "week", None),
        ),
        (
            {"date_precision": "range", "date": "2020-01-10", "date_end": "2020-01-12"},
            ("2020-01-10", "range", "2020-01-12"),
        ),
        (  # a range of one day is a day, as on import
            {"date_precision": "range", "date": "2020-01-10", "date_end": "2020-01-10"},
            ("2020-01-10", "day", None),
        ),
        (  # only the inputs of the chosen precision count
            {"date_precision": "day", "date": "2020-01-10", "date_end": "2020-03-01"},
            ("2020-01-10", "day", None),
        ),
    ],
)
def test_dates_are_stored_with_their_precision(client, monitor, assassination, inputs, stored):
    client.force_login(monitor)
    data = {k: v for k, v in assassination.items() if not k.startswith("date")}
    response = client.post("/entry/new/assassination/", {**data, **inputs})
    assert response.status_code == 302, field_error(response, "id_date")
    report = SourceReport.objects.get()
    end = report.date_end.isoformat() if report.date_end else None
    assert (report.date.isoformat(), report.date_precision, end) == stored


def breakdown_problem():
    """What the codebook itself says about 2 civilians killed out of 1 killed."""
    record = {"type": "assassination", "killed": "1", "killed_civilian": "2"}
    return [p for p in active_codebook().validate_record(record) if p.field == "killed"]


def _invalid(assassination):
    return {
        **assassination,
        "killed": "1",
        "killed_civilian": "2",  # more civilians killed than killed in all
        "narrative_ar": "قال المصدر: <b>عاجل</b>",
        "target": "حاجز",
    }


def test_a_codebook_problem_is_shown_next_to_its_field_in_arabic(client, monitor, assassination):
    client.force_login(monitor)
    data = _invalid(assassination)
    response = client.post("/entry/new/assassination/", data)
    assert response.status_code == 200 and SourceReport.objects.count() == 0
    [expected] = breakdown_problem()
    assert field_error(response, "id_killed") == expected.message_ar
    assert 'href="#id_killed"' in response.content.decode()  # in the summary at the top too
    # Every value comes back as typed, markup shown as text.
    for name in ("target", "place_text", "perpetrator_text", "method", "date", "source_query"):
        assert input_value(response, name) == data[name], name
    assert input_value(response, "place") == "C6111"
    assert input_value(response, "date_precision") == "day"
    assert input_value(response, "narrative_ar") == "قال المصدر: <b>عاجل</b>"
    assert "<b>عاجل</b>" not in response.content.decode()  # escaped, never markup


def test_the_same_problem_in_english(client, monitor, assassination):
    client.force_login(monitor)
    client.cookies["django_language"] = "en"
    response = client.post("/entry/new/assassination/", _invalid(assassination))
    [expected] = breakdown_problem()
    assert field_error(response, "id_killed") == expected.message_en


def test_a_missing_required_claim_and_a_bad_range(client, monitor, assassination):
    client.force_login(monitor)
    data = {
        **assassination,
        "date_precision": "range",
        "date": "2020-01-12",
        "date_end": "2020-01-10",
    }
    data["place_precision"] = ""
    response = client.post("/entry/new/assassination/", data)
    assert "«تاريخ النهاية»" in field_error(response, "id_date_end")  # ends before it starts
    assert "«دقة المكان»" in field_error(response, "id_place_precision")
    assert input_value(response, "date_end") == "2020-01-10"


def test_a_future_date_is_refused_as_on_import(client, monitor, assassination):
    client.force_login(monitor)
    data = {**assassination, "date": (dt.date.today() + dt.timedelta(days=30)).isoformat()}
    response = client.post("/entry/new/assassination/", data)
    assert "خارج الفترة المقبولة" in field_error(response, "id_date")
    assert SourceReport.objects.count() == 0


def test_a_place_typed_but_not_chosen_offers_the_closest_places(client, monitor, assassination):
    client.force_login(monitor)
    data = {**assassination, "place": "", "place_text": "جاسم"}
    response = client.post("/entry/new/assassination/", data)
    assert SourceReport.objects.count() == 0
    assert field_error(response, "id_place")
    page = response.content.decode()
    assert 'type="radio" name="place_candidate" id="id_place-c1" value="C6111"' in page
    chosen = client.post("/entry/new/assassination/", {**data, "place_candidate": "C6111"})
    assert chosen.status_code == 302
    assert SourceReport.objects.get().place.pcode == "C6111"


def test_a_new_actor_is_created_with_its_type(client, monitor, assassination):
    client.force_login(monitor)
    data = {
        **assassination,
        "perpetrator": "",
        "perpetrator_text": "غرفة عمليات حوران",
        "perpetrator_new": "on",
        "perpetrator_new_type": "local",
    }
    assert client.post("/entry/new/assassination/", data).status_code == 302
    actor = Actor.objects.get(name_ar="غرفة عمليات حوران")
    assert actor.actor_type == "local" and SourceReport.objects.get().perpetrator == actor


def test_a_perpetrator_not_in_the_list_is_kept_as_written(client, monitor, assassination):
    client.force_login(monitor)
    data = {**assassination, "perpetrator": "", "perpetrator_text": "خلية مجهولة"}
    assert client.post("/entry/new/assassination/", data).status_code == 302
    report = SourceReport.objects.get()
    assert report.perpetrator is None and report.perpetrator_text == "خلية مجهولة"
    assert not Actor.objects.filter(name_ar="خلية مجهولة").exists()


def test_a_new_source_from_a_monitor_gets_no_identity(client, monitor, assassination):
    client.force_login(monitor)
    data = {
        **assassination,
        "source": "",
        "source_query": "Horan Free League",
        "source_new": "on",
        "source_name": "Horan Free League",
        "source_type": "official_local_media",
        "source_language": "ar",
        "source_identity": "smuggled in by a forged form",  # not on a monitor's page
    }
    assert client.post("/entry/new/assassination/", data).status_code == 302
    created = Source.objects.get(name="Horan Free League")
    assert (created.source_type, created.language, created.identity) == (
        "official_local_media",
        "ar",
        "",
    )
    assert SourceReport.objects.get().source == created


def test_a_trusted_monitor_records_who_a_new_source_is(client, trusted_monitor, assassination):
    client.force_login(trusted_monitor)
    page = client.get("/entry/new/assassination/").content.decode()
    assert 'name="source_identity"' in page and 'name="source_contact"' in page
    data = {
        **assassination,
        "source": "",
        "source_query": "Jasim observer",
        "source_new": "on",
        "source_type": "private_interview",
        "source_identity": "the teacher at the western school",
        "source_contact": "Signal +963 900 000 000",
    }
    assert client.post("/entry/new/assassination/", data).status_code == 302
    created = Source.objects.get(name="Jasim observer")
    assert created.identity == "the teacher at the western school"
    assert not Draft.objects.exists()


def test_a_source_is_needed(client, monitor, assassination):
    client.force_login(monitor)
    data = {**assassination, "source": "", "source_query": ""}
    response = client.post("/entry/new/assassination/", data)
    assert field_error(response, "id_source_query")
    data["source_query"] = "No such outlet"
    response = client.post("/entry/new/assassination/", data)
    assert field_error(response, "id_source_query")
    assert 'id="new-source"' in response.content.decode()
    assert SourceReport.objects.count() == 0
