"""How a codebook form becomes an entry page: which widget each field gets and which section
it sits in. Nothing here names an incident type: a type added to the codebook gets a form.

Widgets follow the field's *kind* (and, for places and actors, whether the report stores a
link or text); sections follow what the field describes, so the page reads in the order a
monitor thinks: who reported it, when, where, what happened, casualties, the account itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _

from marsad.engines.codebook import Codebook
from marsad.engines.codebook import Field as CodebookField
from marsad.records.models import SourceReport

DATE_PRECISION = "date_precision"
PLACE_PRECISION = "place_precision"
# Inputs a precision shows; every other date input of the group is hidden.
PRECISION_INPUTS = {
    "day": ("date",),
    "week": ("date_week",),
    "month": ("date_month",),
    "range": ("date", "date_end"),
}
SECTIONS = [
    ("when", _("When")),
    ("where", _("Where")),
    ("details", _("What happened")),
    ("casualties", _("Casualties")),
    ("account", _("The account")),
]


@dataclass
class Spec:
    """One codebook field on the page."""

    name: str
    widget: str
    label: str
    hint: str = ""
    required: bool = False
    choices: list[tuple[str, str]] = field(default_factory=list)
    model_field: str | None = None  # where the value is stored; None: only in ``raw``
    text_field: str | None = None  # for places and actors: where the text as typed goes
    direction: str = ""  # "rtl"/"ltr" for text known to be in one script
    breakdown_of: str | None = None


def model_field(name: str) -> models.Field | None:
    try:
        return SourceReport._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _widget(item: CodebookField) -> str:
    stored = model_field(item.name)
    if item.derived:
        return "derived"
    if item.kind == "choice":
        return "radio" if item.list == DATE_PRECISION else "select"
    if item.kind == "place":
        return "place" if isinstance(stored, models.ForeignKey) else "place-text"
    if item.kind == "text":
        return "textarea" if isinstance(stored, models.TextField) else "text"
    return item.kind  # date, integer, decimal, url, actor


def _section(item: CodebookField, totals: set[str]) -> str:
    if item.kind == "date" or item.list == DATE_PRECISION:
        return "when"
    if item.name == "place" or item.list == PLACE_PRECISION or item.coordinate:
        return "where"
    if item.breakdown_of or item.name in totals:
        return "casualties"
    if item.kind == "url" or item.name.startswith("narrative"):
        return "account"
    return "details"


def _direction(name: str) -> str:
    if name.endswith("_ar"):
        return "rtl"
    if name.endswith("_en"):
        return "ltr"
    return ""


def spec_of(codebook: Codebook, item: CodebookField, lang: str) -> Spec:
    widget = _widget(item)
    stored = model_field(item.name)
    text = model_field(f"{item.name}_text")
    choices = []
    if item.list is not None:
        choices = [(c.code, c.label[lang]) for c in codebook.choice_lists[item.list]]
    return Spec(
        name=item.name,
        widget=widget,
        label=item.label[lang],
        hint=item.hint[lang] if item.hint else "",
        required=item.required,
        choices=choices,
        model_field=stored.name if stored is not None and not item.derived else None,
        text_field=text.name if text is not None else None,
        direction=_direction(item.name),
        breakdown_of=item.breakdown_of,
    )


@dataclass
class Section:
    code: str
    title: str
    specs: list[Spec]


def build(codebook: Codebook, incident_type: str, lang: str) -> list[Section]:
    """The sections of the form ``incident_type`` uses, each with its fields in codebook order.

    The ``type`` field itself is not shown: the page is for one type, chosen before.
    """
    form = codebook.form_for(incident_type)
    totals = {f.breakdown_of for f in form.fields if f.breakdown_of}
    totals |= {name for name in ("killed", "injured") if name in form.field_names}
    grouped: dict[str, list[Spec]] = {code: [] for code, _title in SECTIONS}
    for item in form.fields:
        if item.name == "type":
            continue
        grouped[_section(item, totals)].append(spec_of(codebook, item, lang))
    return [Section(code, str(title), grouped[code]) for code, title in SECTIONS if grouped[code]]


def casualty_rows(specs: list[Spec]) -> list[dict]:
    """Casualty fields as rows of a grid: each total (killed, injured) with its breakdown."""
    names = {s.name for s in specs}
    rows = [
        {"total": spec, "parts": [p for p in specs if p.breakdown_of == spec.name]}
        for spec in specs
        if spec.breakdown_of not in names
    ]
    return rows
