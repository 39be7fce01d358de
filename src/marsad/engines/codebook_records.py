"""Checking one record (one source's account of one incident) against a codebook's form.

A record is a mapping of field names to values as a form, an import or an API call gives them:
strings, numbers or dates. Fields the form does not know are ignored (the raw input keeps them);
derived fields (the party in control of the place) are filled by the system and not checked.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from marsad.engines.arabic import normalise_digits
from marsad.engines.codebook_model import Condition, Field, Form
from marsad.engines.codebook_problems import Bilingual, Problem, problem

if TYPE_CHECKING:
    from marsad.engines.codebook import Codebook

_INTEGER = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}([T ].*)?")
_TYPE_LABEL = Bilingual("“Type of incident”", "نوع الحادثة")


def is_empty(value: object) -> bool:
    """None, an empty string and a string of spaces all count as "not given"."""
    return value is None or (isinstance(value, str) and not value.strip())


def parse_integer(value: object) -> int | None:
    """An int from an int, an integral float or a digit string (Arabic-Indic digits too)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float | Decimal):
        return int(value) if math.isfinite(value) and value == int(value) else None
    if isinstance(value, str):
        text = normalise_digits(value).strip()
        return int(text) if _INTEGER.fullmatch(text) else None
    return None


def parse_decimal(value: object) -> float | None:
    """A float from a number or a numeric string (Arabic-Indic digits, ``٫`` as decimal point)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float | Decimal):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, str):
        text = normalise_digits(value).strip().replace("\u066b", ".")
        return float(text) if _DECIMAL.fullmatch(text) else None
    return None


def parse_date(value: object) -> dt.date | None:
    """A date from a ``date``/``datetime`` or an ISO string ``YYYY-MM-DD`` (time ignored)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = normalise_digits(value).strip()
        if _ISO_DATE.fullmatch(text):
            try:
                return dt.date.fromisoformat(text[:10])
            except ValueError:
                return None
    return None


def _label(item: Field) -> Bilingual:
    """A field's label for messages: quoted in English (the Arabic templates add «»)."""
    return Bilingual(f"“{item.label.en}”", item.label.ar)


class _RecordCheck:
    def __init__(self, cb: Codebook, form: Form, record: Mapping[str, object], row: int | None):
        self.cb = cb
        self.form = form
        self.record = record
        self.row = row
        self.problems: list[Problem] = []
        self.parsed: dict[str, object] = {}

    def add(self, item: Field | str, code: str, value: object = None, **params: Any) -> None:
        if isinstance(item, Field):
            name, where = item.name, _label(item)
        else:
            name, where = item, Bilingual(item)
        self.problems.append(problem(name, code, where=where, value=value, row=self.row, **params))

    def run(self) -> list[Problem]:
        for item in self.form.fields:
            if not item.derived:
                self.check_field(item)
        self.check_dates()
        self.check_breakdowns()
        self.check_coordinates()
        return self.problems

    def choice_label(self, list_name: str | None, code: object) -> Bilingual:
        if list_name is not None and isinstance(code, str):
            try:
                en, ar = (self.cb.label(list_name, code, lang) for lang in ("en", "ar"))
                return Bilingual(f"“{en}”", f"«{ar}»")
            except KeyError:
                pass
        return Bilingual(str(code))

    def check_field(self, item: Field) -> None:
        raw = self.record.get(item.name)
        if is_empty(raw):
            condition = item.required_if
            if item.required:
                self.add(item, "missing", template="required")
            elif condition is not None and _equals(self.record.get(condition.field), condition):
                other = self.form.field(condition.field)
                self.add(
                    item,
                    "missing",
                    template="required_if",
                    other=_label(other),
                    condition=self.choice_label(other.list, condition.equals),
                )
            return
        parsed = self.parse(item, raw)
        if parsed is not None:
            self.parsed[item.name] = parsed

    def parse(self, item: Field, raw: object) -> object:
        kind = item.kind
        if kind == "date":
            date = parse_date(raw)
            if date is None:
                self.add(item, "invalid_date", raw)
            return date
        if kind == "choice":
            choices = self.cb.choice_lists[str(item.list)]
            code = raw.strip() if isinstance(raw, str) else raw
            if code not in choices:
                self.add(
                    item, "unknown_choice", raw, list=item.list, codes=", ".join(choices.codes)
                )
                return None
            return code
        if kind in ("integer", "decimal"):
            return self.parse_number(item, raw)
        if kind == "url":
            parts = urlsplit(raw.strip()) if isinstance(raw, str) else None
            if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
                self.add(item, "invalid_url", raw)
                return None
            return raw
        if kind == "text":
            if not isinstance(raw, str):
                self.add(item, "invalid_value", raw, expected=Bilingual("a text", "نصاً"))
                return None
            return raw
        # place and actor: a name as entered, or the identifier of a gazetteer/actor entry
        if isinstance(raw, bool) or not isinstance(raw, str | int):
            expected = Bilingual("a name or an identifier", "اسماً أو معرّفاً")
            self.add(item, "invalid_value", raw, expected=expected)
            return None
        return raw

    def parse_number(self, item: Field, raw: object) -> int | float | None:
        number: int | float | None
        if item.kind == "integer":
            number = parse_integer(raw)
            if number is None:
                self.add(item, "not_integer", raw)
                return None
            if number < 0:
                self.add(item, "negative", raw)
                return None
        else:
            number = parse_decimal(raw)
            if number is None:
                self.add(item, "not_a_number", raw)
                return None
        low, high = item.min, item.max
        if low is not None and high is not None and not low <= number <= high:
            self.add(item, "out_of_range", raw, min=low, max=high)
        elif low is not None and number < low:
            self.add(item, "below_min", raw, min=low)
        elif high is not None and number > high:
            self.add(item, "above_max", raw, max=high)
        else:
            return number
        return None

    def check_dates(self) -> None:
        for item in self.form.fields:
            if item.not_before is None:
                continue
            value, other = self.parsed.get(item.name), self.parsed.get(item.not_before)
            if isinstance(value, dt.date) and isinstance(other, dt.date) and value < other:
                self.add(
                    item,
                    "date_order",
                    value.isoformat(),
                    other=_label(self.form.field(item.not_before)),
                    other_value=other.isoformat(),
                )

    def check_breakdowns(self) -> None:
        for total in self.form.fields:
            value = self.parsed.get(total.name)
            given = [
                (item, part)
                for item in self.form.fields
                if item.breakdown_of == total.name
                and isinstance(part := self.parsed.get(item.name), int)
            ]
            if not given or not isinstance(value, int):
                continue
            subtotal = sum(part for _, part in given)
            if subtotal > value:
                names = Bilingual(
                    " + ".join(item.label.en for item, _ in given),
                    " + ".join(item.label.ar for item, _ in given),
                )
                self.add(total, "breakdown_exceeds_total", value, parts=names, total=subtotal)

    def check_coordinates(self) -> None:
        axes = {item.coordinate: item for item in self.form.fields if item.coordinate}
        latitude, longitude = axes.get("latitude"), axes.get("longitude")
        if latitude is None or longitude is None:
            return
        for one, other in ((latitude, longitude), (longitude, latitude)):
            if not is_empty(self.record.get(one.name)) and is_empty(self.record.get(other.name)):
                self.add(
                    one, "incomplete_coordinates", self.record.get(one.name), other=_label(other)
                )
        region = self.cb.region
        if region is None:
            return
        name = Bilingual(region.name.en, region.name.ar)
        for item, inside in (
            (latitude, region.contains_latitude),
            (longitude, region.contains_longitude),
        ):
            value = self.parsed.get(item.name)
            if isinstance(value, float) and not inside(value):
                self.add(item, "outside_syria", value, region=name, severity="warning")


def _equals(value: object, condition: Condition) -> bool:
    if isinstance(value, str):
        return value.strip() == str(condition.equals)
    return value == condition.equals


def validate_record(
    cb: Codebook,
    record: Mapping[str, object],
    incident_type: str | None = None,
    row: int | None = None,
) -> list[Problem]:
    """Every problem with ``record`` under ``cb``; see :meth:`Codebook.validate_record`."""
    given_type = record.get("type")
    code = given_type if incident_type is None else incident_type
    if is_empty(code):
        return [problem("type", "missing", where=_TYPE_LABEL, row=row, template="required")]
    if not isinstance(code, str) or code.strip() not in cb.incident_types:
        return [
            problem(
                "type",
                "unknown_incident_type",
                where=_TYPE_LABEL,
                value=code,
                row=row,
                version=cb.version,
            )
        ]
    code = code.strip()
    if is_empty(given_type):
        record = {**record, "type": code}  # the caller said which type; the form need not
    check = _RecordCheck(cb, cb.form_for(code), record, row)
    problems = check.run()
    if isinstance(given_type, str) and given_type.strip() in cb.incident_types.keys() - {code}:
        problems.insert(
            0,
            problem(
                "type",
                "type_mismatch",
                where=_TYPE_LABEL,
                value=given_type,
                row=row,
                expected=code,
            ),
        )
    return problems
