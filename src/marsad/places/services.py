"""Loading the gazetteer and the control layer into the database, and looking control up."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

from django.db import transaction

from marsad.audit.context import acting_as
from marsad.engines import control
from marsad.engines.gazetteer import Gazetteer, default_gazetteer
from marsad.places.models import ControlPeriod, Place
from marsad.places.signals import control_changed

LEVEL_ORDER = ["governorate", "district", "subdistrict", "community"]
PLACE_FIELDS = [
    "level",
    "name_en",
    "name_ar",
    "parent_id",
    "latitude",
    "longitude",
    "aliases",
    "population",
    "source",
]
Progress = Callable[[int], None]


def load_gazetteer(
    gazetteer: Gazetteer | None = None, progress: Progress | None = None
) -> dict[str, int]:
    """Insert or update every gazetteer place (idempotent). Returns counts created/updated."""
    gazetteer = gazetteer or default_gazetteer()
    existing = {p.pcode: p for p in Place.objects.all()}
    created = updated = 0
    with transaction.atomic():
        for level in LEVEL_ORDER:  # parents before children
            ids = {pcode: place.pk for pcode, place in existing.items()}
            new_rows, changed_rows = [], []
            for gp in gazetteer.places_at(level):
                values = dict(
                    level=gp.level,
                    name_en=gp.name_en,
                    name_ar=gp.name_ar,
                    parent_id=ids.get(gp.parent) if gp.parent else None,
                    latitude=gp.latitude,
                    longitude=gp.longitude,
                    aliases=list(gp.aliases),
                    population=gp.population,
                    source=gp.source,
                )
                row = existing.get(gp.pcode)
                if row is None:
                    new_rows.append(Place(pcode=gp.pcode, **values))
                elif any(getattr(row, k) != v for k, v in values.items()):
                    for key, value in values.items():
                        setattr(row, key, value)
                    changed_rows.append(row)
            Place.objects.bulk_create(new_rows, batch_size=500)
            if changed_rows:
                Place.objects.bulk_update(changed_rows, PLACE_FIELDS, batch_size=500)
            if new_rows or changed_rows:
                from marsad.records import generation

                generation.bump()  # bulk writes send no signals
            for row in Place.objects.filter(pcode__in=[r.pcode for r in new_rows]):
                existing[row.pcode] = row
            created += len(new_rows)
            updated += len(changed_rows)
            if progress:
                progress(len(gazetteer.places_at(level)))
    return {"created": created, "updated": updated, "total": Place.objects.count()}


def import_control_csv(path: Path | str, *, replace: bool = False) -> dict[str, int]:
    """Import a control-layer CSV atomically: every problem is reported and nothing changes.

    With ``replace`` the rows replace the stored periods of the places the file covers (how the
    shipped layer is reloaded); otherwise they are added and must not overlap what is stored.
    Importing the same file twice adds nothing.
    """
    places = {p.pcode: p for p in Place.objects.filter(level__in=["subdistrict", "community"])}
    periods = control.parse_control_csv(Path(path), known_pcodes=places.keys())
    with transaction.atomic():
        covered = {p.pcode for p in periods}
        stored = ControlPeriod.objects.select_related("place").filter(place__pcode__in=covered)
        if replace:
            stored_set = {s.as_period() for s in stored}
            if stored_set == set(periods):
                return {"created": 0, "unchanged": len(periods), "deleted": 0}
            deleted = stored.count()
            for row in stored:
                row.delete()
            existing: list[control.ControlPeriod] = []
        else:
            deleted = 0
            existing = [s.as_period() for s in stored]
        already = set(existing)
        fresh = [p for p in periods if p not in already]
        problems = control.validate_periods(fresh, existing=existing)
        if problems:
            raise control.ControlLayerError(problems)
        for period in fresh:
            ControlPeriod.objects.create(
                place=places[period.pcode],
                party=period.party,
                sub_label=period.sub_label,
                start=period.start,
                end=period.end,
                source=period.source,
                note=period.note,
                approximate=period.approximate,
            )
        if fresh or deleted:
            control_changed.send(sender=ControlPeriod, pcodes=covered)
    return {"created": len(fresh), "unchanged": len(periods) - len(fresh), "deleted": deleted}


def load_default_control_layer() -> dict[str, int]:
    with acting_as(None, "marsad init"):
        return import_control_csv(control.default_control_path(), replace=True)


def control_layer() -> control.ControlLayer:
    """The whole layer as an in-memory lookup (communities inherit from their sub-district)."""
    parents = dict(Place.objects.values_list("pcode", "parent__pcode"))
    periods = [row.as_period() for row in ControlPeriod.objects.select_related("place")]
    return control.ControlLayer(periods, parents=parents)


def controlling_party(pcode: str, on: datetime.date) -> control.ControlPeriod | None:
    return control_layer().party_on(pcode, on)
