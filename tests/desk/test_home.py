"""The home dashboard: the reference month against the one before, a year's trend, the review
queue and recent activity, all from what the reader may see."""

import datetime

import pytest

from marsad.audit.models import ChangeLog

pytestmark = pytest.mark.django_db


def home(client, **query):
    response = client.get("/", query, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.context["home"], response.content.decode()


def test_the_month_defaults_to_the_latest_month_with_data(client, users, world):
    client.force_login(users.analyst)
    summary, html = home(client)
    assert summary.month == datetime.date(2020, 2, 1)  # the demo-like data is old
    assert "February 2020 is the latest month with incident data" in html
    assert (summary.total.current, summary.total.previous) == (3, 1)
    assert summary.total.delta == 2 and summary.total.relative == 200


def test_counts_by_type_and_party_compare_two_months(client, users, world):
    client.force_login(users.analyst)
    summary, html = home(client)
    by_type = {row.label: (row.current, row.previous) for row in summary.by_type}
    assert by_type == {"Assassination": (1, 0), "Explosion": (1, 1), "Abduction": (1, 0)}
    explosion = next(row for row in summary.by_type if row.label == "Explosion")
    assert explosion.relative == 0
    assert "type=explosion" in explosion.link and "date_from=2020-02-01" in explosion.link
    by_party = {row.label: (row.current, row.previous) for row in summary.by_party}
    assert by_party == {
        "Assad regime": (1, 0),
        "Opposition": (1, 0),
        "Autonomous Administration (SDF)": (0, 1),
        "No place or no control data": (1, 0),
    }
    assert "(none the month before)" in html


def test_another_month_can_be_chosen_and_the_trend_covers_twelve_months(client, users, world):
    client.force_login(users.analyst)
    summary, html = home(client, month="2020-01")
    assert (summary.total.current, summary.total.previous) == (1, 1)  # raqqa against douma
    assert "The latest month with incident data is February 2020" in html
    assert len(summary.trend) == 12 and summary.trend[-1]["month"] == datetime.date(2020, 1, 1)
    assert [bar["n"] for bar in summary.trend[-2:]] == [1, 1]
    assert "<svg" in html and "January 2020: 1" in html
    nonsense, _html = home(client, month="2020-13")
    assert nonsense.month == datetime.date(2020, 2, 1)


def test_the_review_queue_and_my_assignments(client, users, world):
    client.force_login(users.reviewer)
    summary, html = home(client)
    assert {row["status"]: row["n"] for row in summary.queue} == {
        "draft": 1,
        "submitted": 1,
        "in_review": 1,
        "verified": 1,
        "published": 1,
    }
    assert [(row["status"], row["n"]) for row in summary.mine] == [("verified", 1)]
    assert "assigned=me" in summary.mine[0]["link"]


def test_recent_activity_hides_restricted_records_and_never_shows_values(client, users, world):
    world.jasim.narrative_en = "Edited narrative with a value that must not show"
    world.jasim.save()
    client.force_login(users.reviewer)  # may read the change log
    summary, html = home(client)
    records = [entry["record"] for entry in summary.activity]
    assert any(r.startswith(f"#{world.jasim.pk} · Assassination") for r in records)
    edited = next(e for e in summary.activity if e["record"].startswith(f"#{world.jasim.pk}"))
    assert "narrative (English)" in edited["fields"]
    assert "must not show" not in html
    assert ChangeLog.objects.filter(object_id=str(world.secret.pk), model="records.Incident")
    assert not any(r.startswith(f"#{world.secret.pk} ") for r in records)
    assert "SECRET" not in html


def test_a_monitor_sees_only_their_own_activity(client, users, world):
    from marsad.audit.context import acting_as

    with acting_as(users.monitor, "mon"):
        world.reports.loose.target = "changed by the monitor"
        world.reports.loose.save()
    client.force_login(users.monitor)
    summary, _html = home(client)
    assert summary.activity and all(entry["who"] == "mon" for entry in summary.activity)


def test_the_signed_out_home_page_only_invites_to_log_in(client, world):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert "home" not in response.context or response.context.get("home") is None
    assert "Log in to continue" in html and "Incidents in" not in html
