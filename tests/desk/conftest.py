"""A small, fully known world for the desk: six incidents, their accounts, and one user per role.

name        type           date        place (precision)        party       status
raqqa       explosion      2020-01-10  Ar-Raqqa city            aa          verified
jasim       assassination  2020-02-05  Jasim (Daraa)            regime      published
douma       detention      2019-12-20  Duma (Rural Damascus)    regime      draft
daraa_gov   explosion      2020-02-14  Dar'a governorate only   opposition  in_review
nowhere     abduction      2020-02-20  (no place)               —           submitted
secret      explosion      2020-02-11  Ar-Raqqa city            aa          verified, restricted
"""

import datetime
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group

from marsad.codebook.services import active_version
from marsad.places.models import Place
from marsad.records.models import Actor, Incident, IncidentReport, Source, SourceReport

SECRET = "SECRET-7f3a"


@pytest.fixture
def users(db, django_user_model):
    def user(name, *groups):
        person = django_user_model.objects.create_user(name)  # force_login needs no password
        person.groups.set(Group.objects.filter(name__in=groups))
        return person

    return SimpleNamespace(
        analyst=user("ana", "analyst"),
        reviewer=user("rev", "reviewer"),
        monitor=user("mon", "monitor"),
        other_monitor=user("mon2", "monitor"),
        insider=user("insider", "analyst", "investigators-test"),
        identities=user("ids", "analyst", "source identities"),
    )


@pytest.fixture
def world(db, users):
    Group.objects.get_or_create(name="investigators-test")
    insiders = Group.objects.get(name="investigators-test")
    users.insider.groups.add(insiders)
    place = {
        p.pcode: p for p in Place.objects.filter(pcode__in=["C5710", "C6111", "C2338", "SY12"])
    }
    isis = Actor.objects.create(
        name_en="ISIS cells", name_ar="خلايا تنظيم الدولة", actor_type="local"
    )
    gunmen = Actor.objects.create(
        name_en="unknown gunmen", name_ar="مسلحون مجهولون", actor_type="unknown"
    )
    activists = Source.objects.create(
        name="Raqqa 24",
        source_type="activist_social_media",
        identity="Abu Sirr",
        contact="+963944111",
    )
    observers = Source.objects.create(
        name="Point J-2",
        source_type="observation_point",
        identity="Umm Khafi",
        contact="+963933222",
    )

    def incident(party, restricted=False, **fields):
        record = Incident(codebook_version=active_version(), **fields)
        record.save()
        # The party is looked up in the area-of-control layer; pin it so the tests read plainly.
        Incident.objects.filter(pk=record.pk).update(controlling_party=party)
        if restricted:
            record.restricted_to.add(insiders)
        record.refresh_from_db()
        return record

    def report(incident, source, by, **fields):
        account = SourceReport(
            codebook_version=active_version(), source=source, created_by=by, **fields
        )
        account.save()
        if incident is not None:
            IncidentReport.objects.create(incident=incident, report=account)
        return account

    raqqa = incident(
        "aa",
        type="explosion",
        date=datetime.date(2020, 1, 10),
        place=place["C5710"],
        method="ied",
        target_status="civilian",
        target="a bus of <b>workers</b>",
        perpetrator=isis,
        perpetrator_type="local",
        narrative_ar="انفجار عبوة ناسفة في حافلة",
        status="verified",
        confidence="corroborated",
    )
    jasim = incident(
        "regime",
        type="assassination",
        date=datetime.date(2020, 2, 5),
        place=place["C6111"],
        method="gunfire",
        target_status="military",
        target="ضابط في <b>الفرقة</b> الخامسة",
        perpetrator=gunmen,
        perpetrator_type="unknown",
        narrative_ar="إغتيال ضابط بإطلاق النار في جـاسم",
        status="published",
        confidence="single_source",
        killed_low=1,
        killed_best=1,
        killed_high=2,
    )
    douma = incident(
        "regime",
        type="detention",
        date=datetime.date(2019, 12, 20),
        place=place["C2338"],
        target_status="civilian",
        target="شاب من أهالي الرقه",
        perpetrator_type="unknown",
        narrative_ar="اعتقال شاب من أهالي الرقه على حاجز في دوما",
        status="draft",
    )
    daraa_gov = incident(
        "opposition",
        type="explosion",
        date=datetime.date(2020, 2, 14),
        place=place["SY12"],
        place_precision="governorate",
        method="car_bomb",
        target_status="military",
        narrative_en="A car bomb somewhere in Daraa governorate.",
        status="in_review",
        confidence="contested",
    )
    nowhere = incident(
        "",
        type="abduction",
        date=datetime.date(2020, 2, 20),
        narrative_en="A man abducted; the place was not reported.",
        status="submitted",
    )
    secret = incident(
        "aa",
        restricted=True,
        type="explosion",
        date=datetime.date(2020, 2, 11),
        place=place["C5710"],
        method="ied",
        narrative_en=f"{SECRET} explosion",
        status="verified",
    )
    Incident.objects.filter(pk=raqqa.pk).update(assignee=users.reviewer)
    reports = SimpleNamespace(
        raqqa=report(
            raqqa,
            activists,
            users.monitor,
            type="explosion",
            date=raqqa.date,
            place=raqqa.place,
            place_text="الرقة",
            method="ied",
            target="a bus of <b>workers</b>",
            narrative_ar="انفجار في الرقة",
        ),
        jasim=report(
            jasim,
            observers,
            users.other_monitor,
            type="assassination",
            date=jasim.date,
            place=jasim.place,
            place_text="جاسم",
            method="gunfire",
        ),
        secret=report(
            secret,
            observers,
            users.monitor,
            type="explosion",
            date=secret.date,
            place=secret.place,
            narrative_en=f"{SECRET} account",
        ),
        loose=report(
            None,
            activists,
            users.monitor,
            type="abduction",
            date=datetime.date(2020, 2, 21),
            place_text="somewhere",
        ),
    )
    return SimpleNamespace(
        raqqa=raqqa,
        jasim=jasim,
        douma=douma,
        daraa_gov=daraa_gov,
        nowhere=nowhere,
        secret=secret,
        reports=reports,
        sources=SimpleNamespace(activists=activists, observers=observers),
        actors=SimpleNamespace(isis=isis, gunmen=gunmen),
    )


def listed(response) -> set[int]:
    """The record numbers a list page shows."""
    assert response.status_code == 200, response.content[:500]
    return {row["pk"] for row in response.context["rows"]}


def ids(*records) -> set[int]:
    return {record.pk for record in records}
