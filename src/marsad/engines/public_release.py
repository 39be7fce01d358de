"""Public releases: which records and columns may leave the centre, and how coarse (pure).

A public release keeps only incidents whose review status the policy allows
(:func:`is_releasable`), only the columns marked public minus those the caller drops
(:func:`public_fields`), and places and dates no finer than the policy (:func:`coarsen`): a
village becomes its sub-district, a day becomes its ISO week. Coarsening never makes a record
more precise than it was. ``docs/export.md`` states the rules.

>>> from marsad.engines.export_fields import INCIDENT_FIELDS
>>> from marsad.engines.gazetteer import default_gazetteer
>>> out = coarsen({"pcode": "C6111", "place_precision": "community", "date": "2020-01-08",
...                "date_precision": "day", "status": "published"}, ReleasePolicy(),
...               default_gazetteer())
>>> out["pcode"], out["place_precision"], out["date"].isoformat(), out["date_precision"]
('SY120301', 'subdistrict', '2020-01-06', 'week')
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

from marsad.engines.export_fields import INCIDENT_FIELDS, NEVER_PUBLIC, ExportField
from marsad.engines.export_values import as_date
from marsad.engines.gazetteer import Gazetteer, Place

__all__ = [
    "DATE_LEVELS",
    "PLACE_LEVELS",
    "RELEASE_PLACE_LEVELS",
    "ReleasePolicy",
    "coarsen",
    "is_releasable",
    "public_fields",
    "release",
]

# Place precisions from the finest to the coarsest.
PLACE_LEVELS: Final = ("point", "community", "subdistrict", "district", "governorate")
RELEASE_PLACE_LEVELS: Final = PLACE_LEVELS[1:]
DATE_LEVELS: Final = ("day", "week", "month")
_PLACE_RANK: Final = {level: rank for rank, level in enumerate(PLACE_LEVELS)}
_ADMIN: Final = ("governorate", "district", "subdistrict")


@dataclass(frozen=True)
class ReleasePolicy:
    """How coarse a public release is and what it leaves out.

    ``place_level``: community, subdistrict, district or governorate; ``date_level``: day, week
    or month; ``statuses``: the review statuses released; ``drop_fields``: further columns to
    leave out (the codebook's sensitive fields, passed in by the caller).
    """

    place_level: str = "subdistrict"
    date_level: str = "week"
    statuses: tuple[str, ...] = ("published",)
    drop_fields: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if self.place_level not in RELEASE_PLACE_LEVELS:
            raise ValueError(
                f"place_level {self.place_level!r}: use one of {', '.join(RELEASE_PLACE_LEVELS)}"
            )
        if self.date_level not in DATE_LEVELS:
            raise ValueError(f"date_level {self.date_level!r}: use one of {', '.join(DATE_LEVELS)}")
        object.__setattr__(self, "drop_fields", frozenset(self.drop_fields))
        object.__setattr__(self, "statuses", tuple(self.statuses))


def public_fields(fields: Sequence[ExportField], policy: ReleasePolicy) -> tuple[ExportField, ...]:
    """The columns a release may carry: ``public`` ones, never :data:`NEVER_PUBLIC` ones,
    minus ``policy.drop_fields``, in their order."""
    return tuple(
        f
        for f in fields
        if f.public and f.name not in NEVER_PUBLIC and f.name not in policy.drop_fields
    )


def is_releasable(record: Mapping[str, object], policy: ReleasePolicy) -> bool:
    """Whether the record's ``status`` is one the policy releases (False without a status)."""
    return record.get("status") in policy.statuses


# -- places ----------------------------------------------------------------------------------


def _anchor(record: Mapping[str, object], gazetteer: Gazetteer) -> Place | None:
    """The most specific place of the record the gazetteer knows."""
    for key in ("pcode", "subdistrict_pcode", "district_pcode", "governorate_pcode"):
        code = record.get(key)
        if isinstance(code, str) and code:
            place = gazetteer.get(code.strip())
            if place is not None:
                return place
    return None


def _has_point(record: Mapping[str, object]) -> bool:
    return all(
        isinstance(record.get(k), int | float) and not isinstance(record.get(k), bool)
        for k in ("latitude", "longitude")
    )


def _coarsen_place(
    record: Mapping[str, object], policy: ReleasePolicy, gazetteer: Gazetteer
) -> dict[str, object]:
    anchor = _anchor(record, gazetteer)
    rank = _PLACE_RANK.get(str(record.get("place_precision")), 0)  # unknown: the finest
    if anchor is not None and record.get("pcode") == anchor.pcode:
        rank = max(rank, _PLACE_RANK[anchor.level])
    target = max(rank, _PLACE_RANK[policy.place_level])
    out: dict[str, object] = {
        "pcode": None,
        "place_name_en": None,
        "place_name_ar": None,
        "latitude": None,
        "longitude": None,
        "place_precision": PLACE_LEVELS[target],
    }
    for level in _ADMIN:
        out.update({f"{level}_pcode": None, f"{level}_name_en": None, f"{level}_name_ar": None})
    if anchor is None:
        return out
    chain = [anchor, *gazetteer.parents(anchor.pcode)]
    released = next((p for p in chain if _PLACE_RANK[p.level] >= target), None)
    if released is None:
        return out
    out.update(
        pcode=released.pcode,
        place_name_en=released.name_en,
        place_name_ar=released.name_ar,
        place_precision=released.level,
    )
    if _has_point(record):  # the released place's point, never the recorded one
        out.update(latitude=released.latitude, longitude=released.longitude)
    for place in chain[chain.index(released) :]:
        if place.level in _ADMIN:
            out.update(
                {
                    f"{place.level}_pcode": place.pcode,
                    f"{place.level}_name_en": place.name_en,
                    f"{place.level}_name_ar": place.name_ar,
                }
            )
    return out


# -- dates -----------------------------------------------------------------------------------


def _period(start: datetime.date, level: str) -> tuple[datetime.date, datetime.date]:
    """The week (Monday to Sunday) or month containing ``start``."""
    if level == "week":
        monday = start - datetime.timedelta(days=start.weekday())
        return monday, monday + datetime.timedelta(days=6)
    last = calendar.monthrange(start.year, start.month)[1]
    return start.replace(day=1), start.replace(day=last)


def _extent(record: Mapping[str, object]) -> tuple[str, datetime.date, datetime.date] | None:
    start = as_date(record.get("date"))
    if start is None:
        return None
    precision = str(record.get("date_precision") or "day")
    if precision == "week":
        return precision, start, start + datetime.timedelta(days=6)
    if precision == "month":
        return precision, start, _period(start, "month")[1]
    if precision == "range":
        end = as_date(record.get("date_end"))
        return precision, start, end if end is not None and end >= start else start
    return "day", start, start


def _coarsen_date(record: Mapping[str, object], policy: ReleasePolicy) -> dict[str, object]:
    extent = _extent(record)
    if extent is None:
        return {"date": None, "date_end": None, "date_precision": record.get("date_precision")}
    precision, start, end = extent
    level = policy.date_level
    if level == "day" or (level == "week" and precision == "month"):
        # Nothing finer than the policy to hide (a month is already coarser than a week).
        return {
            "date": start,
            "date_end": end if precision == "range" else None,
            "date_precision": precision,
        }
    first, _ = _period(start, level)
    last_start, last = _period(end, level)
    if last_start == first:
        return {"date": first, "date_end": None, "date_precision": level}
    return {"date": first, "date_end": last, "date_precision": "range"}


# -- records ---------------------------------------------------------------------------------


def coarsen(
    record: Mapping[str, object],
    policy: ReleasePolicy,
    gazetteer: Gazetteer,
    *,
    fields: Sequence[ExportField] = INCIDENT_FIELDS,
) -> dict[str, object]:
    """A new record with only ``public_fields(fields, policy)``, its place and date coarsened.

    Place: the most specific P-code the gazetteer knows (``pcode``, else the sub-district,
    district or governorate P-code) moves up to ``policy.place_level``, or stays where it is if
    the record is already as coarse; names, admin columns and precision follow it, admin
    columns finer than it are emptied, and latitude/longitude become the released place's point
    (None when the record had none). A place the gazetteer does not know is released empty.

    Date: a record finer than ``policy.date_level`` gets the first day of its ISO week (Monday)
    or month, with that precision; one that spans more than one such period becomes a
    ``range`` from the first day of its first period to the last day of its last.
    """
    changed = {**_coarsen_place(record, policy, gazetteer), **_coarsen_date(record, policy)}
    return {
        f.name: changed[f.name] if f.name in changed else record.get(f.name)
        for f in public_fields(fields, policy)
    }


def release(
    records: Iterable[Mapping[str, object]],
    policy: ReleasePolicy,
    gazetteer: Gazetteer,
    *,
    fields: Sequence[ExportField] = INCIDENT_FIELDS,
) -> Iterator[dict[str, object]]:
    """The releasable records, coarsened: feed this and ``public_fields(fields, policy)`` to a
    writer of :mod:`marsad.engines.export_formats`."""
    for record in records:
        if is_releasable(record, policy):
            yield coarsen(record, policy, gazetteer, fields=fields)
