"""Value types and code lists of the demo dataset (see :mod:`marsad.engines.demo`).

Kept apart from the generator so that the catalogue and the report builder can import them
without a cycle. Pure Python: nothing here imports Django.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Codes, exactly as the codebook spells them.
INCIDENT_TYPES: tuple[str, ...] = ("assassination", "explosion", "detention", "abduction")
METHODS: tuple[str, ...] = (
    "gunfire",
    "ied",
    "car_bomb",
    "mine",
    "grenade",
    "suicide_attack",
    "shelling",
    "air_strike",
    "other",
)
OPERATION_TYPES: tuple[str, ...] = ("arrest", "abduction", "enforced_disappearance", "raid")
TARGET_STATUSES: tuple[str, ...] = (
    "civilian",
    "military",
    "police_security",
    "civil_defence",
    "media_worker",
    "humanitarian_worker",
    "official",
    "unknown",
)
PERPETRATOR_TYPES: tuple[str, ...] = ("local", "foreign", "unknown")
SOURCE_TYPES: tuple[str, ...] = (
    "activist_social_media",
    "official_local_media",
    "observation_point",
    "partner_ngo",
    "targeted_party_official",
    "private_interview",
)
GENDERS: tuple[str, ...] = ("male", "female", "mixed", "unknown")
DATE_PRECISIONS: tuple[str, ...] = ("day", "week", "month", "range")
PLACE_PRECISIONS: tuple[str, ...] = ("point", "community", "subdistrict", "district", "governorate")

#: Incident types that carry a targeting method (the others carry an operation type).
VIOLENT_TYPES: tuple[str, ...] = ("assassination", "explosion")
#: Incident types recorded with the detention/abduction form.
OPERATION_FORM_TYPES: tuple[str, ...] = ("detention", "abduction")


@dataclass(frozen=True)
class PlaceWanted:
    """A place the demo is about, before the gazetteer has resolved it.

    ``weight`` is the place's relative share of the demo's incidents.
    """

    name_en: str
    name_ar: str
    governorate_pcode: str
    weight: float


@dataclass(frozen=True)
class DemoPlace:
    """A resolved place, supplied by the caller (who looks ``PlaceWanted`` up in the gazetteer).

    ``subdistrict_pcode`` and ``district_pcode`` are optional: when given, some reports locate
    the incident only at that level; when missing, vague reports fall back to the governorate.
    """

    pcode: str
    name_en: str
    name_ar: str
    latitude: float
    longitude: float
    governorate_pcode: str
    subdistrict_pcode: str | None = None
    district_pcode: str | None = None


@dataclass
class DemoSet:
    """The generated dataset: plain dicts, JSON-serialisable except ``date``/``datetime`` values."""

    actors: list[dict[str, Any]] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)
    incidents: list[dict[str, Any]] = field(default_factory=list)
    reports: list[dict[str, Any]] = field(default_factory=list)
