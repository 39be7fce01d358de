"""The review workflow: which status may follow which, who may move it, when a reason is due."""

import pytest

from marsad.records.models import Incident
from marsad.review import services, workflow
from marsad.review.decisions import ReviewError
from marsad.review.models import Decision

S = Incident.Status
ALL = set(S.values)


def holds(*permissions):
    return lambda permission: permission in permissions


REVIEWER = holds(workflow.REVIEW)
PUBLISHER = holds(workflow.REVIEW, workflow.PUBLISH)


def test_the_table_covers_every_status_and_nothing_else():
    assert set(workflow.STATES) == ALL
    for t in workflow.TRANSITIONS:
        assert {t.source, t.target} <= ALL and t.source != t.target
    # Every status can be left, except that published can only go back to verified.
    assert {t.source for t in workflow.TRANSITIONS} == ALL
    assert [t.target for t in workflow.transitions_from(S.PUBLISHED)] == [S.VERIFIED]


@pytest.mark.parametrize(
    ("source", "target", "who", "outcome"),
    [
        (S.DRAFT, S.SUBMITTED, REVIEWER, "ok"),
        (S.SUBMITTED, S.IN_REVIEW, REVIEWER, "ok"),
        (S.IN_REVIEW, S.VERIFIED, REVIEWER, "ok"),
        (S.NEEDS_INFORMATION, S.IN_REVIEW, REVIEWER, "ok"),
        (S.VERIFIED, S.PUBLISHED, PUBLISHER, "ok"),
        (S.VERIFIED, S.PUBLISHED, REVIEWER, "forbidden"),
        (S.PUBLISHED, S.VERIFIED, REVIEWER, "forbidden"),
        (S.SUBMITTED, S.VERIFIED, PUBLISHER, "not_allowed"),  # no skipping the review
        (S.SUBMITTED, S.PUBLISHED, PUBLISHER, "not_allowed"),
        (S.DRAFT, S.PUBLISHED, PUBLISHER, "not_allowed"),
        (S.PUBLISHED, S.DRAFT, PUBLISHER, "not_allowed"),
        (S.IN_REVIEW, S.VERIFIED, holds(), "forbidden"),  # a monitor's permissions
    ],
)
def test_who_may_make_which_move(source, target, who, outcome):
    if outcome == "ok":
        assert workflow.check(source, target, who, "").target == target
    else:
        with pytest.raises(workflow.WorkflowError) as refused:
            workflow.check(source, target, who, "because")
        assert refused.value.code == outcome


@pytest.mark.parametrize(
    ("source", "target", "who"),
    [
        (S.IN_REVIEW, S.REJECTED, REVIEWER),
        (S.SUBMITTED, S.REJECTED, REVIEWER),
        (S.IN_REVIEW, S.NEEDS_INFORMATION, REVIEWER),
        (S.PUBLISHED, S.VERIFIED, PUBLISHER),
        (S.VERIFIED, S.IN_REVIEW, REVIEWER),
    ],
)
def test_sending_work_back_needs_a_reason(source, target, who):
    with pytest.raises(workflow.WorkflowError) as refused:
        workflow.check(source, target, who, "   ")
    assert refused.value.code == "reason_required"
    assert workflow.check(source, target, who, "the source retracted it").target == target


def test_what_each_role_is_offered():
    assert {t.target for t in workflow.available(S.IN_REVIEW, REVIEWER)} == {
        S.VERIFIED,
        S.NEEDS_INFORMATION,
        S.REJECTED,
    }
    assert workflow.available(S.VERIFIED, REVIEWER) == [workflow.find(S.VERIFIED, S.IN_REVIEW)]
    assert S.PUBLISHED in {t.target for t in workflow.available(S.VERIFIED, PUBLISHER)}
    assert workflow.available(S.SUBMITTED, holds()) == []


def test_a_monitor_cannot_change_a_status(client, people, explosion):
    client.force_login(people["monitor"])
    url = f"/incidents/{explosion.pk}/transition"
    assert client.post(url, {"target": S.IN_REVIEW}).status_code == 403
    explosion.refresh_from_db()
    assert explosion.status == S.SUBMITTED
    # The page itself opens for them (they see incidents), without any decision button.
    page = client.get(f"/incidents/{explosion.pk}/").content.decode()
    assert 'data-move="' not in page and f"/incidents/{explosion.pk}/transition" not in page


def test_a_reviewer_without_the_publish_permission_cannot_publish(client, people, explosion):
    explosion.status = S.VERIFIED
    explosion.save()
    client.force_login(people["junior"])
    page = client.get(f"/incidents/{explosion.pk}/").content.decode()
    assert 'data-move="publish"' not in page and 'data-move="reopen"' in page
    response = client.post(f"/incidents/{explosion.pk}/transition", {"target": S.PUBLISHED})
    assert response.status_code == 403
    explosion.refresh_from_db()
    assert explosion.status == S.VERIFIED


def test_a_reviewer_moves_an_incident_through_to_publication(client, people, explosion):
    client.force_login(people["reviewer"])
    url = f"/incidents/{explosion.pk}/transition"
    for target in (S.IN_REVIEW, S.VERIFIED, S.PUBLISHED):
        response = client.post(url, {"target": target}, follow=True)
        assert response.status_code == 200
    explosion.refresh_from_db()
    assert explosion.status == S.PUBLISHED
    page = response.content.decode()
    assert 'data-status="published"' in page
    assert [d.payload["to"] for d in Decision.objects.order_by("pk")] == [
        S.IN_REVIEW,
        S.VERIFIED,
        S.PUBLISHED,
    ]


def test_a_rejection_without_a_reason_is_refused_with_a_message(client, people, explosion):
    client.force_login(people["reviewer"])
    client.post(f"/incidents/{explosion.pk}/transition", {"target": S.IN_REVIEW})
    response = client.post(
        f"/incidents/{explosion.pk}/transition", {"target": S.REJECTED, "reason": ""}, follow=True
    )
    assert '<li class="error">' in response.content.decode()
    explosion.refresh_from_db()
    assert explosion.status == S.IN_REVIEW
    client.post(
        f"/incidents/{explosion.pk}/transition",
        {"target": S.REJECTED, "reason": "نفس الحادثة رقم 12"},
    )
    explosion.refresh_from_db()
    assert explosion.status == S.REJECTED
    page = client.get(f"/incidents/{explosion.pk}/").content.decode()
    assert "نفس الحادثة رقم 12" in page  # why it was rejected, next to its status


def test_the_service_refuses_what_the_table_refuses(people, explosion):
    with pytest.raises(ReviewError):
        services.transition(explosion, S.PUBLISHED, people["reviewer"])
    assert not Decision.objects.exists()


def test_assign_to_me_and_only_reviewers_can_be_assigned(client, people, explosion):
    client.force_login(people["reviewer"])
    client.post(f"/incidents/{explosion.pk}/assign", {"me": "1"})
    explosion.refresh_from_db()
    assert explosion.assignee == people["reviewer"]
    with pytest.raises(ReviewError):
        services.assign(explosion, people["analyst"], people["reviewer"])
    client.force_login(people["monitor"])
    assert client.post(f"/incidents/{explosion.pk}/assign", {"me": "1"}).status_code == 403
