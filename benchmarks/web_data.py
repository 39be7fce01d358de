"""Bulk-load synthetic incidents and accounts for benchmarks/web.py (run as a child process with
MARSAD_DATABASE_URL and MARSAD_DATA_DIR set, after ``marsad init``).

    python benchmarks/web_data.py INCIDENTS REPORTS

Prints ``FIRST-LAST USERNAME PASSWORD``: the incident ids and a reviewer-analyst to sign in as.
"""

from __future__ import annotations

import datetime as dt
import random
import sys

from marsad.bootstrap import setup_django

setup_django()

from django.contrib.auth.models import Group  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from marsad.accounts import roles  # noqa: E402
from marsad.codebook.services import active_version  # noqa: E402
from marsad.places.models import Place  # noqa: E402
from marsad.places.services import control_layer  # noqa: E402
from marsad.records.models import (  # noqa: E402
    Actor,
    Incident,
    IncidentReport,
    Source,
    SourceReport,
)

KINDS = [  # (type, method, operation type, weight)
    ("assassination", "gunfire", "", 3),
    ("explosion", "ied", "", 3),
    ("explosion", "car_bomb", "", 1),
    ("explosion", "mine", "", 1),
    ("detention", "", "arrest", 2),
    ("abduction", "", "abduction", 2),
]
STATUSES = ["published"] * 3 + ["verified"] * 3 + ["in_review", "submitted", "draft"]
BATCH = 5000


def main(incidents: int, reports: int) -> None:
    rng = random.Random(11)
    version = active_version()
    layer = control_layer()
    places = list(Place.objects.filter(level="community").select_related("parent__parent__parent"))
    places = rng.sample(places, min(1500, len(places)))
    actors = Actor.objects.bulk_create(
        Actor(name_en=f"Armed group {n}", name_ar=f"مجموعة مسلحة {n}", actor_type="local")
        for n in range(60)
    )
    sources = Source.objects.bulk_create(
        Source(
            name=f"Source {n}",
            source_type=rng.choice(["activist", "local_media", "observation_point"]),
        )
        for n in range(400)
    )
    start = dt.date(2019, 1, 1)
    first_id = None
    with transaction.atomic():
        made = 0
        while made < incidents:
            batch = []
            for _ in range(min(BATCH, incidents - made)):
                kind = rng.choices(KINDS, weights=[k[3] for k in KINDS])[0]
                place = rng.choice(places)
                killed = rng.choice([0, 0, 1, 1, 2, 3, 5])
                incident = Incident(
                    codebook_version=version,
                    type=kind[0],
                    method=kind[1],
                    operation_type=kind[2],
                    date=start + dt.timedelta(days=rng.randrange(730)),
                    place=place,
                    place_precision="community",
                    latitude=place.latitude,
                    longitude=place.longitude,
                    target_status=rng.choice(["civilian", "military", "unknown"]),
                    perpetrator=rng.choice(actors) if rng.random() < 0.4 else None,
                    perpetrator_type=rng.choice(["local", "foreign", "unknown"]),
                    killed_low=killed,
                    killed_best=killed,
                    killed_high=killed + rng.choice([0, 0, 1]),
                    status=rng.choice(STATUSES),
                    narrative_en=f"{kind[0].title()} in {place.name_en}",
                    narrative_ar=f"حادثة في {place.name_ar}",
                )
                incident.derive_control(layer)
                incident.search_text = incident.compute_search_text()
                batch.append(incident)
            created = Incident.objects.bulk_create(batch)
            first_id = first_id or created[0].pk
            made += len(batch)
        ids = list(Incident.objects.order_by("pk").values_list("pk", "type", "date", "place_id"))
        by_id = {place.pk: place for place in places}
        made = 0
        while made < reports:
            batch, links = [], []
            for n in range(min(BATCH, reports - made)):
                # Every incident gets at least one account; the rest go to random incidents.
                pk, kind, date, place_id = (
                    ids[(made + n) % len(ids)] if made + n < len(ids) else rng.choice(ids)
                )
                place = by_id[place_id]
                report = SourceReport(
                    codebook_version=version,
                    source=rng.choice(sources),
                    report_id=f"bench-{made + n}",
                    type=kind,
                    date=date + dt.timedelta(days=rng.choice([0, 0, 0, 1, -1])),
                    place=place,
                    place_precision="community",
                    place_text=place.name_ar,
                    killed=rng.choice([0, 1, 2, 3]),
                    narrative_ar=f"رواية عن حادثة في {place.name_ar}",
                )
                report.search_text = report.compute_search_text()
                batch.append((pk, report))
            created = SourceReport.objects.bulk_create([r for _, r in batch])
            links = [
                IncidentReport(incident_id=pk, report_id=report.pk)
                for (pk, _), report in zip(batch, created, strict=True)
            ]
            IncidentReport.objects.bulk_create(links)
            made += len(batch)
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("bench", password="bench-passphrase-2026")
    user.groups.set(Group.objects.filter(name__in=[roles.REVIEWER, roles.ANALYST]))
    last_id = ids[-1][0]
    if connection.vendor == "postgresql":
        # What docs/postgresql.md asks after a large import: the planner's statistics, and the
        # visibility map that lets counts be answered from the indexes alone.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    print(f"{first_id}-{last_id} bench bench-passphrase-2026")


def already_loaded() -> None:
    ids = Incident.objects.order_by("pk").values_list("pk", flat=True)
    print(f"{ids.first()}-{ids.last()} bench bench-passphrase-2026")


if __name__ == "__main__":
    if "--loaded" in sys.argv:
        already_loaded()
    else:
        main(int(sys.argv[1]), int(sys.argv[2]))
