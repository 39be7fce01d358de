"""The cross-checking pages as a reviewer uses them: the queue, one pair, the verdict and what it
does to the incidents, undo, the runs list, and who may see what."""

import pytest
from django.contrib.auth.models import Group

from marsad.crosscheck.models import CandidatePair, PairDecision, Run
from marsad.crosscheck.services import run_crosscheck
from marsad.records.models import Incident, IncidentReport
from marsad.review.linking import incident_from

pytestmark = pytest.mark.django_db


def incident_of(*reports, status="submitted") -> Incident:
    incident = incident_from(reports[0])
    incident.status = status
    incident.save()
    for report in reports:
        IncidentReport.objects.create(incident=incident, report=report)
    return incident


def incidents_of(*reports) -> list[int]:
    return [IncidentReport.objects.get(report=r).incident_id for r in reports]


@pytest.fixture
def pairs(accounts):
    """Three candidate pairs, most useful first: the two accounts of one explosion, then two
    weaker candidates."""
    run = Run.objects.create(pairs_found=3)

    def pair(a, b, probability, priority):
        return CandidatePair.objects.create(
            report_a=accounts[a],
            report_b=accounts[b],
            probability=probability,
            priority=priority,
            run=run,
            comparisons={"date": 1, "place": 0, "type_method": 0, "perpetrator": None},
        )

    return {
        "same": pair("same1", "same2", 0.62, 2.0),
        "near": pair("same2", "other2", 0.35, 1.2),
        "weak": pair("other1", "other2", 0.08, 0.3),
    }


@pytest.fixture
def reviewer(client, people):
    client.force_login(people["reviewer"])
    return client


def queued(client) -> list[int]:
    response = client.get("/crosscheck/")
    assert response.status_code == 200
    return [row["pair"].pk for row in response.context["rows"]]


def decide(client, pair, verdict, reason=""):
    return client.post(
        f"/crosscheck/pairs/{pair.pk}/decide", {"verdict": verdict, "reason": reason}
    )


def test_queue_lists_undecided_pairs_most_useful_first(reviewer, pairs, accounts, people):
    assert queued(reviewer) == [pairs["same"].pk, pairs["near"].pk, pairs["weak"].pk]
    PairDecision.objects.create(
        report_a=accounts["same2"], report_b=accounts["other2"], verdict="different"
    )
    assert queued(reviewer) == [pairs["same"].pk, pairs["weak"].pk]
    html = reviewer.get("/crosscheck/").content.decode()
    assert "62%" in html and "جاسم" in html  # probability as a percentage, place in Arabic
    english = reviewer.get("/crosscheck/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Jasim" in english.content.decode() or "Jassim" in english.content.decode()


def test_same_puts_two_unlinked_accounts_in_one_new_incident(reviewer, pairs, accounts, people):
    response = decide(reviewer, pairs["same"], "same", "same market, same day ±1")
    first, second = incidents_of(accounts["same1"], accounts["same2"])
    assert first == second
    decision = PairDecision.objects.get(report_a=accounts["same1"], report_b=accounts["same2"])
    assert decision.verdict == "same" and decision.decided_by == people["reviewer"]
    assert decision.reason == "same market, same day ±1"
    # On to the next pair in the queue.
    assert response.status_code == 302
    assert response["Location"] == f"/crosscheck/pairs/{pairs['near'].pk}/"
    assert pairs["same"].pk not in queued(reviewer)


def test_same_links_to_the_existing_incident_or_merges_two(reviewer, pairs, accounts):
    one = incident_of(accounts["same1"])
    decide(reviewer, pairs["same"], "same")
    assert incidents_of(accounts["same1"], accounts["same2"]) == [one.pk, one.pk]

    other = incident_of(accounts["other1"])
    decide(reviewer, pairs["near"], "same")  # same2 (in `one`) and other2 (unlinked)
    decide(reviewer, pairs["weak"], "same")  # other1 (in `other`) and other2 (in `one`)
    assert set(incidents_of(accounts["other1"], accounts["other2"])) == {other.pk}
    one.refresh_from_db()
    assert one.status == "rejected"  # merged into `other`, kept for its history


def test_different_splits_accounts_that_share_an_incident(reviewer, pairs, accounts):
    shared = incident_of(accounts["same1"], accounts["same2"])
    decide(reviewer, pairs["same"], "different", "two explosions that day")
    first, second = incidents_of(accounts["same1"], accounts["same2"])
    assert first == shared.pk and second != shared.pk
    assert PairDecision.objects.get(report_a=accounts["same1"]).verdict == "different"


def test_unsure_changes_nothing_but_takes_the_pair_out_of_the_queue(reviewer, pairs, accounts):
    decide(reviewer, pairs["same"], "unsure")
    assert not IncidentReport.objects.exists() and not Incident.objects.exists()
    assert queued(reviewer) == [pairs["near"].pk, pairs["weak"].pk]


def test_undo_puts_the_pair_back_and_says_where_to_undo_the_links(reviewer, pairs, accounts):
    decide(reviewer, pairs["same"], "same")
    decision = PairDecision.objects.get()
    page = reviewer.get(f"/crosscheck/pairs/{pairs['same'].pk}/").content.decode()
    assert f"/crosscheck/decisions/{decision.pk}/undo" in page
    response = reviewer.post(f"/crosscheck/decisions/{decision.pk}/undo", follow=True)
    decision.refresh_from_db()
    assert decision.undone_at is not None
    assert pairs["same"].pk in queued(reviewer)
    assert "/incidents/" in response.content.decode()  # the links it made are undone there


def test_a_refused_merge_records_nothing_and_says_why(client, people, pairs, accounts):
    junior = Group.objects.create(name="junior reviewers")
    junior.permissions.set(
        Group.objects.get(name="reviewer").permissions.exclude(codename="publish_incident")
    )
    people["reviewer"].groups.set([junior])
    client.force_login(people["reviewer"])
    incident_of(accounts["same1"])
    incident_of(accounts["same2"], status="published")
    response = client.post(
        f"/crosscheck/pairs/{pairs['same'].pk}/decide",
        {"verdict": "same"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response["Location"] == f"/crosscheck/pairs/{pairs['same'].pk}/"
    assert not PairDecision.objects.exists()
    first, second = incidents_of(accounts["same1"], accounts["same2"])
    assert first != second
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'class="error"' in page and "nothing was recorded" in page


def test_a_monitor_may_not_cross_check(client, people, pairs):
    client.force_login(people["monitor"])
    assert client.get("/crosscheck/").status_code == 403
    assert client.get(f"/crosscheck/pairs/{pairs['same'].pk}/").status_code == 403
    assert decide(client, pairs["same"], "same").status_code == 403
    assert client.get("/crosscheck/runs/").status_code == 403
    assert not PairDecision.objects.exists()


def test_a_pair_with_a_restricted_account_is_invisible_to_outsiders(
    client, people, pairs, accounts
):
    desk = Group.objects.create(name="special desk")
    people["reviewer"].groups.add(desk)
    incident_of(accounts["other2"]).restricted_to.set([desk])
    client.force_login(people["outsider"])
    assert queued(client) == [pairs["same"].pk]
    assert client.get(f"/crosscheck/pairs/{pairs['near'].pk}/").status_code == 404
    assert decide(client, pairs["near"], "different").status_code == 404
    client.force_login(people["reviewer"])
    assert queued(client) == [pairs["same"].pk, pairs["near"].pk, pairs["weak"].pk]


def test_pair_page_shows_both_accounts_the_reasons_and_the_buttons(reviewer, pairs, accounts):
    accounts["same2"].narrative_ar = "انفجار <b>عبوة</b> في سوق جاسم"
    accounts["same2"].save()
    html = reviewer.get(f"/crosscheck/pairs/{pairs['same'].pk}/", HTTP_ACCEPT_LANGUAGE="en")
    html = html.content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert (
        'data-field="date" class="less-precise"' in html
        or 'data-field="date" class="differs"' in html
    )
    assert "one day apart" in html and "same place" in html and "not stated in both" in html
    assert 'value="same"' in html and 'value="different"' in html and 'value="unsure"' in html
    assert "csrfmiddlewaretoken" in html and "/static/marsad/crosscheck/keys.js" in html
    assert "<b>عبوة</b>" not in html and "&lt;b&gt;عبوة&lt;/b&gt;" in html


def test_arabic_pair_page_is_right_to_left_and_keys_script_is_served(reviewer, pairs):
    html = reviewer.get(f"/crosscheck/pairs/{pairs['same'].pk}/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html and "جاسم" in html
    script = reviewer.get("/static/marsad/crosscheck/keys.js")
    assert script.status_code == 200
    assert b"event.code" in b"".join(script.streaming_content)
    assert html.count("data-key=") == 3 and 'aria-keyshortcuts="s"' in html


def test_runs_page_lists_what_each_run_did(client, people, accounts):
    run_crosscheck()
    analyst = people["monitor"]
    analyst.groups.set(Group.objects.filter(name="analyst"))
    client.force_login(analyst)
    response = client.get("/crosscheck/runs/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    run = response.context["page"].object_list[0]
    assert (run.new_reports, run.reports_linked) == (4, 4)
    assert "Accounts linked" in response.content.decode()
    assert client.get("/crosscheck/").status_code == 403  # analysts read, reviewers decide
