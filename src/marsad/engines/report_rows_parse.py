"""Parsing one report row into a draft or a list of problems (``report_rows`` re-exports it).

The rules are in ``docs/import.md``; in short: choices accept codes, labels and aliases in either
language; dates go through :func:`marsad.engines.dates.parse_date`; counts are whole numbers of 0 or
more; the place comes from a P-code, a name matched in the gazetteer, or coordinates; and the
record is finally checked by the codebook. A row gives a draft only when it has no problem.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from marsad.engines.arabic import has_arabic
from marsad.engines.codebook import Codebook
from marsad.engines.dates import DateProblem, ParsedDate, parse_date, parse_datetime
from marsad.engines.gazetteer import Gazetteer, Place
from marsad.engines.report_rows_aliases import ColumnMapping, MappingError
from marsad.engines.report_rows_messages import LEVEL_AR, render
from marsad.engines.report_rows_places import (
    PRECISION_ORDER,
    choose_place,
    describe_place,
    governorate_of,
    parse_coordinate,
    parse_count,
)
from marsad.engines.tabular import RawRow

COUNTS = (
    "killed",
    "injured",
    "killed_civilian",
    "killed_military",
    "killed_unknown",
    "injured_civilian",
    "injured_military",
    "injured_unknown",
    "number_targeted",
)
CHOICES = {  # canonical column -> codebook choice list
    "type": "incident_types",
    "method": "method",
    "operation_type": "operation_type",
    "target_status": "target_status",
    "perpetrator_type": "perpetrator_type",
    "target_gender": "gender",
}
_ALLOWED_PRECISION = {  # the precision a date has -> the precisions a row may claim for it
    "day": ("day", "week", "month", "range"),
    "week": ("week", "month"),
    "month": ("month",),
    "range": ("range",),
}
LONGEST_PLACE = 200  # longer text is not a place name (and would be slow to match)
PARSED_NAMES = {"day": ("a day", "يوم"), "week": ("a week", "أسبوع"), "month": ("a month", "شهر")}


@dataclass(frozen=True)
class RowProblem:
    """One thing wrong with one row: ``column`` is the original header ("" for the row)."""

    row: int
    column: str
    value: str
    code: str
    message_en: str
    message_ar: str
    candidates: tuple[str, ...] = ()


@dataclass
class ReportDraft:
    """A valid row, in the report model's field names (see ``docs/import.md``)."""

    row: int
    source_name: str
    source_type: str
    report_id: str
    fields: dict[str, object]
    raw: dict[str, str] = field(default_factory=dict)


def empty_fields() -> dict[str, object]:
    """Every draft field with its "not given" value: "" for text and choices, None otherwise."""
    fields: dict[str, object] = dict.fromkeys(
        ("type", "date_precision", "method", "operation_type", "target", "target_status",
         "perpetrator_text", "perpetrator_type", "target_gender", "observation_place",
         "place_text", "place_precision", "narrative_ar", "narrative_en", "url"),
        "",
    )  # fmt: skip
    fields.update(dict.fromkeys(("date", "date_end", "place_pcode", "latitude", "longitude"), None))
    fields.update(dict.fromkeys(COUNTS, None))
    fields["received_at"] = None
    return fields


class RowParser:
    """Parses rows of one file; build it once per import (it caches nothing per row)."""

    def __init__(
        self,
        codebook: Codebook,
        gazetteer: Gazetteer,
        mapping: ColumnMapping,
        *,
        default_source_name: str = "",
        default_source_type: str = "",
        place_score_threshold: float = 0.85,
        place_margin: float = 0.025,
        day_first: bool = True,
    ) -> None:
        to_canonical = mapping.to_canonical
        self.codebook = codebook
        self.gazetteer = gazetteer
        self.header_of = {canonical: header for header, canonical in to_canonical.items()}
        self.threshold = place_score_threshold
        self.margin = place_margin
        self.day_first = day_first
        self.default_source_name = default_source_name.strip()
        self.default_source_type = ""
        if default_source_type.strip():
            code = codebook.resolve_choice("source_type", default_source_type)
            if code is None:
                codes = ", ".join(codebook.choice_lists["source_type"].codes)
                raise MappingError(
                    f"--source-type {default_source_type!r} is not a source type; use one of: "
                    f"{codes}",
                    f"‏‎--source-type {default_source_type!r} ليس نوع مصدر؛ استخدم أحد: {codes}",
                )
            self.default_source_type = code

    def parse(self, row: RawRow) -> tuple[ReportDraft | None, list[RowProblem]]:
        """A draft and no problems, or None and every problem the row has."""
        return _Row(self, row).run()


class _Row:
    def __init__(self, parser: RowParser, row: RawRow) -> None:
        self.p = parser
        self.cb = parser.codebook
        self.row = row
        self.cells = {
            canonical: str(row.values.get(header, "")).strip()
            for canonical, header in parser.header_of.items()
        }
        self.problems: list[RowProblem] = []
        self.bad: set[str] = set()  # codebook fields that already have a problem
        self.fields = empty_fields()

    def add(self, canonical: str, code: str, *, field: str | None = None,
            value: str | None = None, candidates: tuple[str, ...] = (),
            messages: tuple[str, str] | None = None, **params: object) -> None:  # fmt: skip
        column = self.p.header_of.get(canonical, "")
        shown = self.cells.get(canonical, "") if value is None else value
        en, ar = messages or render(code, column=column or canonical, value=shown, **params)
        self.problems.append(RowProblem(self.row.number, column, shown, code, en, ar, candidates))
        self.bad.add(field or canonical)

    def run(self) -> tuple[ReportDraft | None, list[RowProblem]]:
        source_name = self.cells.get("source_name") or self.p.default_source_name
        if not source_name:
            self.add("source_name", "missing_source_name", field="-")
        source_type = self.source_type()
        for canonical, list_name in CHOICES.items():
            self.fields[canonical] = self.choice(canonical, list_name)
        self.dates()
        self.place()
        self.counts()
        self.texts()
        self.validate()
        if self.problems:
            return None, self.problems
        draft = ReportDraft(
            self.row.number, source_name, source_type, self.cells.get("report_id", ""),
            self.fields, dict(self.row.values),
        )  # fmt: skip
        return draft, []

    # -- values --------------------------------------------------------------------------------

    def choice(self, canonical: str, list_name: str) -> str:
        value = self.cells.get(canonical, "")
        if not value:
            return ""
        code = self.cb.resolve_choice(list_name, value)
        if code is None:
            items = self.cb.choice_lists[list_name]
            codes = ", ".join(items.codes)
            labels = "، ".join(f"{i.code} ({i.label.ar})" for i in items)
            self.add(canonical, "unknown_choice", codes=codes, labels=labels)
            return ""
        return code

    def source_type(self) -> str:
        if self.cells.get("source_type"):
            return self.choice("source_type", "source_type")
        if not self.p.default_source_type:
            codes = ", ".join(self.cb.choice_lists["source_type"].codes)
            self.add("source_type", "missing_source_type", field="-", codes=codes)
        return self.p.default_source_type

    def date_cell(self, canonical: str, *, moment: bool = False) -> ParsedDate | None:
        value = self.cells.get(canonical, "")
        if not value:
            return None
        try:
            if moment:
                self.fields["received_at"] = parse_datetime(value, day_first=self.p.day_first)
                return None
            return parse_date(value, day_first=self.p.day_first)
        except DateProblem as problem:
            column = self.p.header_of.get(canonical, canonical)
            self.add(canonical, problem.code, field=canonical if canonical != "received_at" else "-",
                     messages=(f"“{column}”: {problem.message_en}",
                               f"«{column}»: {problem.message_ar}"))  # fmt: skip
            return None

    def dates(self) -> None:
        self.date_cell("received_at", moment=True)
        parsed, end = self.date_cell("date"), self.date_cell("date_end")
        given = self.choice("date_precision", "date_precision")
        if "date_precision" in self.bad:
            self.bad.add("date")
        if parsed is None:
            self.bad.add("date_precision")  # the date's own problem says it all
            return
        date, precision, last = parsed.date, parsed.precision, parsed.end
        if end is not None:
            end_day = end.end or end.date
            if end.precision == "month":
                end_day = (end.date.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
                end_day -= dt.timedelta(days=1)
            if precision == "range" and end_day != last:
                self.add("date_end", "date_end_conflict", field="date_end",
                         other=self.p.header_of["date"], end=str(last))  # fmt: skip
            elif end_day != date:
                precision, last = "range", end_day
        if given and given != precision:
            if given not in _ALLOWED_PRECISION[precision]:
                en, ar = PARSED_NAMES.get(precision, ("a range", "فترة"))
                self.add("date_precision", "precision_conflict", field="date_precision",
                         date=self.cells["date"], parsed=en, parsed_ar=ar)  # fmt: skip
                self.bad.add("date")
                return
            precision = given
            if given == "month":
                date = date.replace(day=1)
        self.fields.update(date=date, date_precision=precision, date_end=last)

    def coordinates(self) -> tuple[float, float] | None:
        values: dict[str, float] = {}
        region = self.cb.region
        for axis in ("latitude", "longitude"):
            text = self.cells.get(axis, "")
            if not text:
                continue
            number = parse_coordinate(text)
            if number is None:
                self.add(axis, "not_a_number")
                continue
            values[axis] = number
            self.fields[axis] = number
        if "latitude" in self.bad or "longitude" in self.bad:
            self.bad.update(("latitude", "longitude"))  # the pair is unusable
        if region is None or len(values) < 2:
            return None
        lat, lon = values["latitude"], values["longitude"]
        ok = True
        for axis, value, low, high in (
            ("latitude", lat, region.south, region.north),
            ("longitude", lon, region.west, region.east),
        ):
            if not low <= value <= high:
                swapped = region.contains_latitude(lon) and region.contains_longitude(lat)
                self.add(axis, "outside_region", region=region.name.en, region_ar=region.name.ar,
                         low=low, high=high,
                         swap="; latitude and longitude look swapped" if swapped else "",
                         swap_ar="؛ يبدو أن خطي العرض والطول متبادلان" if swapped else "")  # fmt: skip
                ok = False
        if not ok:
            self.bad.update(("latitude", "longitude"))
        return (lat, lon) if ok else None

    def place(self) -> None:
        gz = self.p.gazetteer
        precision = self.choice("place_precision", "place_precision")
        point = self.coordinates()
        self.fields["place_text"] = self.cells.get("place", "")
        hint, found, level = None, None, ""
        if point is not None:
            match = gz.resolve_point(*point)
            nearest = match.community or match.subdistrict
            if match.subdistrict is not None:
                hint = governorate_of(gz, match.subdistrict)
            if nearest is None and not (self.cells.get("pcode") or self.cells.get("place")):
                self.add("latitude", "point_unresolved", field="place", lat=point[0], lon=point[1])
            found = nearest
        pcode, name = self.cells.get("pcode", ""), self.cells.get("place", "")
        if pcode:
            found = gz.get(pcode) or gz.get(pcode.upper())
            if found is None:
                self.add("pcode", "unknown_pcode", field="place")
        elif len(name) > LONGEST_PLACE:
            self.add("place", "unknown_place", field="place")
        elif name:
            choice = choose_place(gz, name, level=precision or None, within=hint,
                                  threshold=self.p.threshold, margin=self.p.margin)  # fmt: skip
            found = gz.get(choice.chosen.pcode) if choice.chosen else None
            if found is None:
                count = len(choice.candidates)
                near, near_ar = "", ""
                if count and choice.code == "ambiguous_place":
                    near, near_ar = (
                        ": " + "; ".join(choice.candidates),
                        ": " + "؛ ".join(choice.candidates),
                    )
                elif count:
                    near = " (closest: " + "; ".join(choice.candidates) + ")"
                    near_ar = " (الأقرب: " + "؛ ".join(choice.candidates) + ")"
                self.add("place", choice.code, field="place", candidates=choice.candidates,
                         count=count, near=near, near_ar=near_ar)  # fmt: skip
        elif point is None and "latitude" not in self.bad and "longitude" not in self.bad:
            self.add("place", "missing_place", field="place", value="")
            self.bad.add("place_precision")
        if found is not None:
            self.fields["place_pcode"] = found.pcode
            level = found.level
        elif not precision:
            self.bad.add("place_precision")  # the place's own problem says it all
        self.place_precision(precision, point, found, level)

    def place_precision(self, precision: str, point: object, found: Place | None,
                        level: str) -> None:  # fmt: skip
        if precision == "point" and point is None:
            self.add("place_precision", "point_needs_coordinates", field="place_precision")
            return
        if (
            precision not in ("", "point")
            and found is not None
            and PRECISION_ORDER.index(precision) > PRECISION_ORDER.index(level)
        ):
            place = describe_place(self.p.gazetteer, found)
            self.add("place_precision", "place_precision_conflict", field="place_precision",
                     place=place, level=level, level_ar=LEVEL_AR[level])  # fmt: skip
            return
        self.fields["place_precision"] = precision or level

    def counts(self) -> None:
        for canonical in COUNTS:
            text = self.cells.get(canonical, "")
            if not text:
                continue
            number = parse_count(text)
            if number is None:
                negative = parse_count(text.lstrip().lstrip("-−")) is not None
                self.add(canonical, "negative" if negative else "not_integer")
            else:
                self.fields[canonical] = number

    def texts(self) -> None:
        self.fields["target"] = self.cells.get("target", "")
        self.fields["perpetrator_text"] = self.cells.get("perpetrator", "")
        self.fields["observation_place"] = self.cells.get("observation_place", "")
        self.fields["url"] = self.cells.get("url", "")
        for lang in ("ar", "en"):
            self.fields[f"narrative_{lang}"] = self.cells.get(f"narrative_{lang}", "")
        narrative = self.cells.get("narrative", "")
        if narrative:
            slot = "narrative_ar" if has_arabic(narrative) else "narrative_en"
            before = str(self.fields[slot])
            self.fields[slot] = f"{before}\n\n{narrative}" if before else narrative

    # -- the codebook's own checks -------------------------------------------------------------

    def validate(self) -> None:
        f = self.fields
        record: dict[str, object] = {
            "type": f["type"], "date": f["date"], "date_precision": f["date_precision"],
            "date_end": f["date_end"], "place": f["place_pcode"] or f["place_text"],
            "place_precision": f["place_precision"], "latitude": f["latitude"],
            "longitude": f["longitude"], "target": f["target"], "method": f["method"],
            "target_status": f["target_status"], "operation_type": f["operation_type"],
            "number_targeted": f["number_targeted"], "observation_place": f["observation_place"],
            "perpetrator": f["perpetrator_text"], "perpetrator_type": f["perpetrator_type"],
            "target_gender": f["target_gender"], "narrative_ar": f["narrative_ar"],
            "narrative_en": f["narrative_en"], "url": f["url"],
            **{name: f[name] for name in COUNTS},
        }  # fmt: skip
        for name in self.bad:
            record.pop(name, None)
        record = {k: v for k, v in record.items() if v not in (None, "")}
        if "type" in self.bad:
            return  # the type decides the form; its problem is already reported
        for problem in self.cb.validate_record(record, row=self.row.number):
            if problem.severity != "error" or problem.field in self.bad:
                continue
            canonical = problem.field
            if canonical == "place":
                canonical = next((c for c in ("pcode", "place", "latitude") if self.cells.get(c)),
                                 "place")  # fmt: skip
            column = self.p.header_of.get(canonical, "")
            value = self.cells.get(canonical) or (
                "" if problem.value is None else str(problem.value)
            )
            self.problems.append(RowProblem(self.row.number, column, value, problem.code,
                                            problem.message_en, problem.message_ar))  # fmt: skip
