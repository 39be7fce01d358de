"""What a report covers: its areas and its case-study places (pure, no Django).

An area is a place (governorate, district, sub-district or community, by P-code or name) or a
party in control (``regime``, ``opposition``, ``aa``/``sdf``, or an opposition zone such as
``olive_branch``). The report counts assassinations and explosions that lie in any of its areas;
no areas means all of Syria. A name is matched with the gazetteer among governorates, sub-districts and
communities; of the matches within 0.02 of the best score the coarsest wins, so ``Raqqa`` is the
governorate and ``Afrin`` the sub-district. ``community:Raqqa`` or a P-code chooses exactly.

A case-study place (where abductions and detentions are counted, whatever the areas) is always a
sub-district: a name gives the sub-district of its best community match (the town with its
villages), a community P-code its sub-district.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from marsad.engines.arabic import normalise_arabic
from marsad.engines.control_model import PARTIES
from marsad.engines.gazetteer import Gazetteer
from marsad.engines.security_report.strings import load_strings

__all__ = ["Area", "filter_areas", "resolve_area", "resolve_case_study"]

_NAME_LEVELS = ("governorate", "subdistrict", "community")
_ALL_LEVELS = ("governorate", "district", "subdistrict", "community")
_CLOSE = 0.02
_GOOD_ENOUGH = 0.8


@dataclass(frozen=True, slots=True)
class Area:
    """``kind`` is ``place`` (``level`` is its admin level), ``party`` or ``sub_label``."""

    kind: str
    code: str
    level: str
    name_en: str
    name_ar: str
    given: str

    @property
    def column(self) -> str:
        """The incident-table column an incident in this area has ``code`` in."""
        if self.kind == "party":
            return "controlling_party"
        if self.kind == "sub_label":
            return "controlling_sub_label"
        return self.level

    def name(self, lang: str) -> str:
        return self.name_ar if lang == "ar" else self.name_en

    def describe(self) -> str:
        """``governorate SY08 (Al-Hasakeh)``: how the appendix names the area."""
        return f"{self.level} {self.code} ({self.name_en})"


def _key(text: str) -> str:
    return normalise_arabic(text.strip().casefold().replace("-", " ").replace("_", " "))


def _party(text: str, aliases: Mapping[str, Sequence[str]]) -> Area | None:
    wanted = _key(text)
    for code, party in PARTIES.items():
        names = [code, party.label_en, party.label_ar, *aliases.get(code, ())]
        if wanted in {_key(n) for n in names}:
            return Area("party", code, "party", party.label_en, party.label_ar, text)
        for sub, (en, ar) in party.sub_labels.items():
            if sub == "sdf":  # all of the AA is the SDF: "sdf" means the party
                continue
            if wanted in {_key(sub), _key(en), _key(ar)}:
                return Area("sub_label", sub, "sub_label", en, ar, text)
    return None


def _place_area(gazetteer: Gazetteer, pcode: str, given: str) -> Area:
    place = gazetteer.get(pcode)
    if place is None or place.level not in _ALL_LEVELS:
        raise load_strings().error("unknown_pcode", text=given)
    return Area("place", place.pcode, place.level, place.name_en, place.name_ar, given)


def _match(gazetteer: Gazetteer, text: str, levels: Sequence[str]) -> tuple[str, str, str]:
    """The P-code ``text`` names and the names of the best match (a town, when the chosen unit
    is the sub-district or governorate around it: ``عفرين`` rather than ``مركز عفرين``)."""
    candidates = gazetteer.match(text, level=levels, limit=10)
    if not candidates or candidates[0].score < _GOOD_ENOUGH:
        raise load_strings().error("no_match", text=text)
    best = candidates[0].score
    close = [c for c in candidates if c.score >= best - _CLOSE]
    chosen = min(close, key=lambda c: _ALL_LEVELS.index(c.level)).pcode
    return chosen, candidates[0].name_en, candidates[0].name_ar


def _split_level(text: str) -> tuple[tuple[str, ...], str]:
    prefix, sep, rest = text.partition(":")
    if sep and prefix.strip().casefold() in _ALL_LEVELS:
        return (prefix.strip().casefold(),), rest.strip()
    return _NAME_LEVELS, text.strip()


def resolve_area(
    text: str, gazetteer: Gazetteer, party_aliases: Mapping[str, Sequence[str]]
) -> Area:
    """The area ``text`` names (see the module documentation); :class:`ReportError` if none."""
    if not text.strip():
        raise load_strings().error("empty_area")
    party = _party(text, party_aliases)
    if party is not None:
        return party
    if gazetteer.get(text.strip().upper()) is not None:
        return _place_area(gazetteer, text.strip().upper(), text)
    levels, name = _split_level(text)
    pcode, name_en, name_ar = _match(gazetteer, name, levels)
    area = _place_area(gazetteer, pcode, text)
    # A name is shown as the user spelt it in its own script, the gazetteer's in the other.
    arabic = any("\u0600" <= ch <= "\u06ff" for ch in name)
    return Area(
        area.kind,
        area.code,
        area.level,
        name_en if arabic else name,
        name if arabic else name_ar,
        text,
    )


def resolve_case_study(
    text: str, gazetteer: Gazetteer, name_en: str = "", name_ar: str = ""
) -> Area:
    """The sub-district a case-study place ``text`` stands for, named ``name_en``/``name_ar``
    (by default the name of the community matched, or of the sub-district)."""
    code = text.strip().upper()
    place = gazetteer.get(code)
    if place is None:
        place = gazetteer.get(_match(gazetteer, text, ("community",))[0])
    if place is None:
        raise load_strings().error("no_match", text=text)
    named = place
    if place.level == "community":
        parents = [p for p in gazetteer.parents(place.pcode) if p.level == "subdistrict"]
        if not parents:
            raise load_strings().error("no_subdistrict", text=text)
        place = parents[0]
    if place.level != "subdistrict":
        raise load_strings().error("not_a_town", text=text, level=place.level)
    return Area(
        "place",
        place.pcode,
        "subdistrict",
        name_en or named.name_en,
        name_ar or named.name_ar,
        text,
    )


def filter_areas(table: pa.Table, areas: Sequence[Area]) -> pa.Table:
    """The incidents of ``table`` (enriched with place columns) lying in any of ``areas``."""
    if not areas:
        return table
    keep = pa.array([False] * len(table), pa.bool_())
    for area in areas:
        if area.column not in table.column_names:
            raise load_strings().error("no_column", text=area.column)
        column = table[area.column].cast(pa.string())
        inside = pc.fill_null(pc.equal(column, area.code), False)
        keep = pc.or_(keep, inside)
    return table.filter(keep)
