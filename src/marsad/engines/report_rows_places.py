"""Cell values of a report row: counts, coordinates and places (used by ``report_rows``).

Place rule: a ``pcode`` must exist; a place name goes to :meth:`Gazetteer.match` (with the
governorate of the coordinates as ``within`` when there are coordinates) and its top candidate is
taken when it scores at least the threshold *and* is clearly ahead of the best candidate that is
not its own ancestor or descendant (a town beats the sub-district and governorate of the same
name). Coordinates alone resolve with :meth:`Gazetteer.resolve_point`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.engines.arabic import normalise_digits
from marsad.engines.gazetteer import Candidate, Gazetteer, Place

#: Place precision codes from coarse to fine.
PRECISION_ORDER = ("governorate", "district", "subdistrict", "community", "point")
_COUNT = re.compile(r"\+?(\d+)(?:\.0*)?")
_THOUSANDS = re.compile(r"\d{1,3}(?:[,\u066c]\d{3})+")
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")


def parse_count(text: str) -> int | None:
    """A non-negative whole number: ``3``, ``٣``, ``3.0``, ``1,008``; None otherwise."""
    key = normalise_digits(text).strip().replace("\u066b", ".")
    if _THOUSANDS.fullmatch(key):
        key = key.replace(",", "").replace("\u066c", "")
    match = _COUNT.fullmatch(key)
    return int(match.group(1)) if match else None


def parse_coordinate(text: str) -> float | None:
    """Decimal degrees: ``36.5``, ``٣٦٫٥``, ``36,5`` (one comma as the decimal point)."""
    key = normalise_digits(text).strip().replace("\u066b", ".").replace("°", "")
    if key.count(",") == 1 and "." not in key:
        key = key.replace(",", ".")
    return float(key) if _DECIMAL.fullmatch(key) else None


def describe(candidate: Candidate) -> str:
    """``C6124 Nawa / نوى (Nawa, Izra', Dar'a)``: code, names, then the parents nearest first."""
    chain = ", ".join(name_en for _, _, name_en, _ in candidate.parents)
    names = " / ".join(n for n in (candidate.name_en, candidate.name_ar) if n)
    return f"{candidate.pcode} {names}" + (f" ({chain})" if chain else "")


def describe_place(gazetteer: Gazetteer, place: Place) -> str:
    chain = ", ".join(p.name_en for p in gazetteer.parents(place.pcode))
    names = " / ".join(n for n in (place.name_en, place.name_ar) if n)
    return f"{place.pcode} {names}" + (f" ({chain})" if chain else "")


@dataclass(frozen=True)
class PlaceChoice:
    """The outcome of matching a place name: ``chosen`` or a ``code`` with ``candidates``."""

    chosen: Candidate | None
    code: str  # "" when chosen, else "unknown_place" or "ambiguous_place"
    candidates: tuple[str, ...] = ()


def _related(a: Candidate, b: Candidate) -> bool:
    return any(p[0] == b.pcode for p in a.parents) or any(p[0] == a.pcode for p in b.parents)


def choose_place(
    gazetteer: Gazetteer,
    text: str,
    *,
    level: str | None,
    within: str | None,
    threshold: float,
    margin: float,
) -> PlaceChoice:
    levels = level if level in ("governorate", "district", "subdistrict", "community") else None
    found = gazetteer.match(text, level=levels, within=within, limit=12) if within else []
    if not found:
        found = gazetteer.match(text, level=levels, limit=12)
    if not found:
        return PlaceChoice(None, "unknown_place")
    top = found[0]
    rivals = [c for c in found[1:] if not _related(c, top)]
    if top.score >= threshold and (not rivals or top.score - rivals[0].score >= margin):
        return PlaceChoice(top, "")
    if top.score >= threshold:  # the rivals that made it ambiguous, not every weak match
        shown_candidates = [top, *(c for c in rivals if c.score >= top.score - 0.1)]
    else:
        shown_candidates = found
    shown = tuple(describe(c) for c in shown_candidates[:5])
    return PlaceChoice(
        None, "ambiguous_place" if top.score >= threshold else "unknown_place", shown
    )


def governorate_of(gazetteer: Gazetteer, place: Place) -> str | None:
    if place.level == "governorate":
        return place.pcode
    for parent in gazetteer.parents(place.pcode):
        if parent.level == "governorate":
            return parent.pcode
    return None
