"""Linking accounts to incidents, splitting and merging, and undoing each exactly."""

import pytest

from marsad.audit.models import ChangeLog
from marsad.records.models import Incident, IncidentReport
from marsad.review import services
from marsad.review.decisions import ReviewError
from marsad.review.models import Decision

from .conftest import account, incident_of

S = Incident.Status


def state(*incidents):
    """What reviewers decide about, for before/after comparisons."""
    out = {}
    for incident in incidents:
        incident.refresh_from_db()
        out[incident.pk] = (
            incident.status,
            incident.assignee_id,
            incident.killed_best,
            incident.reconciliation_rule,
            sorted(incident.links.values_list("report_id", "linked_by_id", "note", "linked_at")),
        )
    return out


def test_unlink_then_link_from_the_account_page(client, people, explosion):
    client.force_login(people["reviewer"])
    report = explosion.reports.order_by("pk").last()
    client.post(f"/incidents/{explosion.pk}/unlink", {"report": report.pk})
    assert not report.links.exists()
    queue = client.get("/review/").content.decode()
    assert f'data-report="{report.pk}"' in queue  # now waiting in "accounts not linked"
    page = client.get(f"/review/accounts/{report.pk}/").content.decode()
    assert f'data-incident="{explosion.pk}"' in page  # found by date and place
    response = client.post(f"/review/accounts/{report.pk}/link", {"incident": explosion.pk})
    assert response.status_code == 302 and response["Location"].startswith(
        f"/incidents/{explosion.pk}/"
    )
    link = IncidentReport.objects.get(report=report)
    assert link.incident == explosion and link.linked_by == people["reviewer"]
    kinds = list(Decision.objects.order_by("pk").values_list("kind", flat=True))
    assert kinds == ["unlink", "link"]
    # ... and both landed in the change log, attributed to the reviewer.
    entries = ChangeLog.objects.filter(model="records.IncidentReport", actor=people["reviewer"])
    assert set(entries.values_list("action", flat=True)) == {"create", "delete"}
    assert ChangeLog.objects.filter(model="review.Decision", actor=people["reviewer"]).count() == 2


def test_an_account_belongs_to_one_incident(people, explosion, sources):
    other = incident_of([account(sources["point"], report_id="P-2")])
    report = explosion.reports.first()
    with pytest.raises(ReviewError):
        services.link(other, report, people["reviewer"])
    with pytest.raises(ReviewError):
        services.new_incident(report, people["reviewer"])


def test_new_incident_from_an_account_copies_its_claims(client, people, sources):
    report = account(sources["activist"], killed=4, injured=2, narrative_ar="انفجار عبوة")
    client.force_login(people["reviewer"])
    response = client.post(f"/review/accounts/{report.pk}/new-incident")
    created = Incident.objects.get(links__report=report)
    assert response["Location"].startswith(f"/incidents/{created.pk}/")
    assert created.status == S.SUBMITTED
    assert (created.type, created.date, created.place_id) == (
        report.type,
        report.date,
        report.place_id,
    )
    assert (created.killed_low, created.killed_best, created.killed_high) == (4, 4, 4)
    assert created.narrative_ar == "انفجار عبوة"
    # Undone: the account is unlinked again and the incident rejected, never deleted.
    services.undo(Decision.objects.get(kind="create"), people["reviewer"])
    created.refresh_from_db()
    assert created.status == S.REJECTED and not report.links.exists()


def test_every_decision_is_undone_exactly(people, explosion, sources):
    reviewer = people["reviewer"]
    other = incident_of([account(sources["point"], report_id="P-9", killed=7)], status=S.IN_REVIEW)
    other.assignee = people["reviewer2"]
    other.save()
    first, second = explosion.reports.order_by("pk")
    original = state(explosion, other)

    steps = [
        lambda: services.transition(explosion, S.IN_REVIEW, reviewer),
        lambda: services.assign(explosion, reviewer, reviewer),
        lambda: services.reconcile(
            explosion,
            reviewer,
            {"killed_low": 3, "killed_best": 5, "killed_high": 5},
            "the observation point saw the bodies",
        ),
        lambda: services.unlink(explosion, second, reviewer),
        lambda: services.link(explosion, second, reviewer, note="same blast"),
        lambda: services.split(explosion, [second.pk], reviewer, "a second device"),
        lambda: services.merge(explosion, other, reviewer, "same event"),
    ]
    states = [original]
    for step in steps:
        step()
        states.append(state(explosion, other))
        assert states[-1] != states[-2]
    merged = Decision.objects.get(kind="merge")
    assert merged.reason.startswith(f"merged into #{explosion.pk}")
    assert Incident.objects.get(pk=other.pk).status == S.REJECTED  # kept, never deleted

    # Undo newest first: each undo gives back exactly the state before that decision.
    for decision, expected in zip(
        Decision.objects.exclude(kind="undo").order_by("-pk"), reversed(states[:-1]), strict=True
    ):
        undo = services.undo(decision, reviewer)
        assert undo.kind == "undo" and undo.payload["undoes"] == decision.pk
        assert state(explosion, other) == expected, decision.kind
    assert state(explosion, other) == original
    assert not Decision.objects.exclude(kind="undo").filter(undone_at__isnull=True).exists()


def test_an_undo_never_overwrites_a_later_decision(people, explosion):
    reviewer = people["reviewer"]
    started = services.transition(explosion, S.IN_REVIEW, reviewer)
    verified = services.transition(explosion, S.VERIFIED, reviewer)
    with pytest.raises(ReviewError):
        services.undo(started, reviewer)
    explosion.refresh_from_db()
    assert explosion.status == S.VERIFIED
    services.undo(verified, reviewer)
    with pytest.raises(ReviewError):  # nothing is undone twice
        services.undo(verified, reviewer)
    services.undo(started, reviewer)  # its turn now
    explosion.refresh_from_db()
    assert explosion.status == S.SUBMITTED


def test_undoing_a_publication_needs_the_publish_permission(client, people, explosion):
    explosion.status = S.VERIFIED
    explosion.save()
    published = services.transition(explosion, S.PUBLISHED, people["reviewer"])
    client.force_login(people["junior"])
    assert client.post(f"/review/decisions/{published.pk}/undo").status_code == 403
    client.force_login(people["reviewer"])
    response = client.post(f"/review/decisions/{published.pk}/undo", follow=True)
    assert response.status_code == 200
    explosion.refresh_from_db()
    assert explosion.status == S.VERIFIED
    page = response.content.decode()
    assert 'data-kind="undo"' in page and 'class="undone"' in page


def test_split_keeps_at_least_one_account_and_merge_needs_two_incidents(people, explosion):
    reviewer = people["reviewer"]
    ids = list(explosion.reports.values_list("pk", flat=True))
    with pytest.raises(ReviewError):
        services.split(explosion, ids, reviewer)
    with pytest.raises(ReviewError):
        services.merge(explosion, explosion, reviewer)
    assert not Decision.objects.exists()


def test_split_from_the_page_moves_the_ticked_accounts(client, people, explosion):
    client.force_login(people["reviewer"])
    second = explosion.reports.order_by("pk").last()
    response = client.post(
        f"/incidents/{explosion.pk}/split", {"reports": [second.pk], "reason": "two blasts"}
    )
    assert response.status_code == 302
    moved_to = Incident.objects.get(links__report=second)
    assert moved_to != explosion and moved_to.status == S.SUBMITTED
    assert list(explosion.reports.all()) == [explosion.reports.first()]
    assert Decision.objects.get(kind="split").reason == "two blasts"
