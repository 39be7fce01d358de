"""The incident page as a reviewer reads it: accounts side by side with their disagreements,
the figures, the map, comments; and what stays hidden from whom."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group

from marsad.places.models import Place
from marsad.records.models import Incident
from marsad.review import services
from marsad.review.models import Comment, Decision

from .conftest import account, incident_of


def row(page: str, field: str) -> str:
    """The table row of one claim (its opening tag and cells)."""
    match = re.search(rf'<tr data-field="{field}"[^>]*>.*?</tr>', page, re.S)
    assert match, field
    return match.group(0)


def test_disagreeing_killed_counts_and_dates_are_highlighted(client, people, explosion):
    client.force_login(people["reviewer"])
    page = client.get(f"/incidents/{explosion.pk}/").content.decode()
    assert 'class="differs"' in row(page, "killed")
    assert 'class="differs"' in row(page, "date")
    assert (
        "<td>" in row(page, "killed")
        and ">3<" in row(page, "killed")
        and ">5<" in row(page, "killed")
    )
    # Both accounts agree on the place, the type and the injured: nothing to flag there.
    for field in ("place", "type", "injured", "method"):
        assert "differs" not in row(page, field) and "less-precise" not in row(page, field)
    assert 'class="disagree-count"' in page


def test_a_vaguer_account_is_less_precise_not_a_contradiction(client, people, sources):
    daraa = Place.objects.get(pcode="SY12")
    exact = account(sources["activist"], report_id="A-7")
    vague = account(
        sources["point"],
        report_id="P-7",
        date=datetime.date(2020, 1, 1),
        date_precision="month",
        place=daraa,
        place_precision="governorate",
    )
    incident = incident_of([exact, vague])
    client.force_login(people["reviewer"])
    page = client.get(f"/incidents/{incident.pk}/").content.decode()
    for field in ("date", "place"):
        tag = row(page, field)
        assert 'class="less-precise"' in tag and 'class="differs"' not in tag
        assert tag.count('<td class="vaguer"') == 1  # only the vaguer account's cell
    assert 'class="disagree-count"' not in page
    # A month that does not contain the other account's day is a contradiction all the same.
    vague.date = datetime.date(2020, 2, 1)
    vague.save()
    page = client.get(f"/incidents/{incident.pk}/").content.decode()
    assert 'class="differs"' in row(page, "date")


def test_the_page_shows_figures_rule_control_and_map(client, people, explosion):
    client.force_login(people["analyst"])
    page = client.get(f"/incidents/{explosion.pk}/").content.decode()
    assert "copied from account" in page  # the rule behind the stored figures
    said = re.search(r'<td class="said">(.*?)</td>', page, re.S).group(1)
    assert re.findall(r'class="chip">(\d+) ', said) == ["3", "5"]  # what each account said
    assert 'id="incident-map-data"' in page and '"pcode": "SY12"' in page  # Daraa's outline
    assert "vendor/leaflet/leaflet.js" in page
    if explosion.controlling_party:
        from marsad.codebook.labels import party_label

        assert party_label(explosion.controlling_party, explosion.controlling_sub_label) in page
    # Analysts read and discuss, they do not decide.
    assert 'data-move="' not in page and 'data-unlink="' not in page


def test_reviewer_sets_the_reconciled_figures_with_a_reason(client, people, explosion):
    client.force_login(people["reviewer"])
    url = f"/incidents/{explosion.pk}/reconcile"
    figures = {"killed_low": 3, "killed_best": 5, "killed_high": 5}
    bad = client.post(url, {**figures, "killed_best": 9, "reason": "x"})
    assert bad.status_code == 400
    assert client.post(url, figures).status_code == 400  # no reason
    client.post(url, {**figures, "reason": "observation point counted the dead"})
    explosion.refresh_from_db()
    assert (explosion.killed_low, explosion.killed_best, explosion.killed_high) == (3, 5, 5)
    assert "observation point counted the dead" in explosion.reconciliation_rule
    assert Decision.objects.get(kind="reconcile").reason == "observation point counted the dead"


def test_comments_are_plain_text(client, people, explosion):
    text = 'انفجار ثانٍ؟ <script>alert("x")</script> <b>عاجل</b>'
    client.force_login(people["analyst"])
    client.post(f"/incidents/{explosion.pk}/comments", {"text": text})
    assert Comment.objects.get().text == text
    page = client.get(f"/incidents/{explosion.pk}/").content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "&lt;b&gt;عاجل&lt;/b&gt;" in page
    assert '<script>alert("x")' not in page
    client.force_login(people["monitor"])
    response = client.post(f"/incidents/{explosion.pk}/comments", {"text": "hello"})
    assert response.status_code == 403 and Comment.objects.count() == 1


def test_source_identity_only_with_its_permission(client, people, explosion):
    client.force_login(people["reviewer"])
    page = client.get(f"/incidents/{explosion.pk}/").content.decode()
    assert "Daraa 24" in page and "Abu Khaled" not in page and "+963 999" not in page
    client.force_login(people["identities"])
    page = client.get(f"/incidents/{explosion.pk}/").content.decode()
    assert "Abu Khaled, Jasim" in page and "+963 999 000 111" in page


@pytest.fixture
def restricted(explosion, people):
    investigators = Group.objects.create(name="investigators")
    explosion.restricted_to.add(investigators)
    people["insider"] = people["reviewer2"]
    people["insider"].groups.add(investigators)
    services.transition(explosion, Incident.Status.IN_REVIEW, people["insider"])
    return explosion


def test_a_restricted_incident_does_not_exist_for_outsiders(client, people, restricted):
    pk = restricted.pk
    report = restricted.reports.first()
    decision = Decision.objects.get()
    client.force_login(people["reviewer"])
    for url in [f"/incidents/{pk}/", f"/review/accounts/{report.pk}/"]:
        assert client.get(url).status_code == 404, url
    for action in ("transition", "assign", "reconcile", "unlink", "split", "merge", "comments"):
        assert client.post(f"/incidents/{pk}/{action}", {"report": report.pk}).status_code == 404
    assert client.post(f"/review/decisions/{decision.pk}/undo").status_code == 404
    other = incident_of([account(restricted.reports.first().source, report_id="X-1")])
    assert client.post(f"/incidents/{other.pk}/merge", {"other": pk}).status_code == 404
    queue = client.get("/review/?type=explosion").content.decode()
    assert f'data-incident="{pk}"' not in queue
    client.force_login(people["insider"])
    assert client.get(f"/incidents/{pk}/").status_code == 200
    assert client.get(f"/review/accounts/{report.pk}/").status_code == 200


def test_the_queue_lists_each_kind_of_waiting_work(client, people, explosion, sources):
    loose = account(sources["activist"], report_id="A-loose")
    waiting = incident_of([account(sources["point"], report_id="P-w")], status="needs_information")
    mine = incident_of([account(sources["point"], report_id="P-m")], status="in_review")
    services.assign(mine, people["reviewer"], people["reviewer"])
    client.force_login(people["reviewer"])
    page = client.get("/review/").content.decode()

    def section(name):
        return page[page.index(f'<section id="{name}"') :].split("</section>")[0]

    assert f'data-incident="{mine.pk}"' in section("mine")
    assert f'data-incident="{explosion.pk}"' in section("new")
    assert f'data-report="{loose.pk}"' in section("unlinked")
    assert f'data-incident="{waiting.pk}"' in section("information")
    assert f'data-incident="{mine.pk}"' not in section("new")
    assert (
        client.get("/review/", {"type": "detention"}).content.decode().count("data-incident") == 0
    )
    client.force_login(people["monitor"])
    assert client.get("/review/").status_code == 403


def test_the_change_history_names_who_changed_what(client, people, explosion):
    client.force_login(people["reviewer"])
    client.post(f"/incidents/{explosion.pk}/transition", {"target": "in_review"})
    page = client.get(f"/incidents/{explosion.pk}/").content.decode()
    history = page[page.index('id="history"') :]
    assert "reviewer1" in history
    assert history.index('data-kind="transition"') < history.index("<details")


def test_markup_in_accounts_and_decisions_is_shown_as_text(client, people, sources):
    """The page's content is rendered by Jinja2 (marsad.web.jinja): it escapes as Django does."""
    markup = '<img src=x onerror="alert(1)"> «هجوم»'
    reports = [account(sources["activist"], target=markup, narrative_ar=markup)]
    incident = incident_of(reports)
    incident.reconciliation_rule = markup
    incident.save()
    services.transition(incident, "in_review", people["reviewer"], reason=markup)
    client.force_login(people["reviewer"])
    page = client.get(f"/incidents/{incident.pk}/").content.decode()
    assert "<img src=x" not in page
    assert page.count("&lt;img src=x onerror=") >= 4  # target, narrative, rule, reason
    assert "«هجوم»" in page


def test_every_field_description_the_forms_point_to_is_on_the_page(client, people, explosion):
    """``aria-describedby`` names an element a screen reader can read."""
    client.force_login(people["reviewer"])
    page = client.get(f"/incidents/{explosion.pk}/").content.decode()
    described = re.findall(r'aria-describedby="([^"]+)"', page)
    assert len(described) >= 4
    for element_id in described:
        assert f'id="{element_id}"' in page, element_id
