"""The dashboard's query form: every choice lives in the URL, so the URL is the share link."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from marsad.codebook import labels
from marsad.engines import control
from marsad.engines.analysis import DIMENSIONS, MEASURES
from marsad.engines.gazetteer import default_gazetteer
from marsad.records.models import Incident

DEFAULT_BY = "type"
DEFAULT_MEASURE = "incidents"
CHART_CHOICES = [
    ("", _("Automatic")),
    ("bar", _("Stacked bars")),
    ("grouped", _("Grouped bars")),
    ("line", _("Line")),
]
# The engine never counts rejected incidents, so offering them as a filter would only ever
# give an empty dashboard.
COUNTED_STATUSES = [(code, name) for code, name in Incident.Status.choices if code != "rejected"]
_DIMENSION_GROUPS = [
    ("attribute", _("What happened")),
    ("place", _("Where")),
    ("period", _("When")),
    ("source", _("Sources")),
]


def dimension_label(name: str, lang: str) -> str:
    dimension = DIMENSIONS[name]
    return dimension.label_ar if lang == "ar" else dimension.label_en


def measure_label(name: str, lang: str) -> str:
    measure = MEASURES[name]
    return measure.label_ar if lang == "ar" else measure.label_en


def _dimension_choices(lang: str) -> list:
    return [
        (title, [(n, dimension_label(n, lang)) for n, d in DIMENSIONS.items() if d.kind == kind])
        for kind, title in _DIMENSION_GROUPS
    ]


def governorate_choices(lang: str) -> list[tuple[str, str]]:
    places = default_gazetteer().places_at("governorate")
    return [(p.pcode, p.name_ar if lang == "ar" else p.name_en) for p in places]


def with_defaults(query: QueryDict) -> QueryDict:
    """``query`` with the first dimension and measure filled in when the URL names none, so
    the bare page shows something and a shared link still reproduces exactly what it shows."""
    query = query.copy()
    if not query.get("by"):
        query["by"] = DEFAULT_BY
    if not query.getlist("measure"):
        query.setlist("measure", [DEFAULT_MEASURE])
    return query


def _checkboxes(label) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, required=False, widget=forms.CheckboxSelectMultiple
    )


class AnalysisForm(forms.Form):
    by = forms.ChoiceField(label=_("Group by"))
    then_by = forms.ChoiceField(label=_("Then by"), required=False)
    measure = _checkboxes(_("Measures"))
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    chart = forms.ChoiceField(label=_("Chart"), choices=CHART_CHOICES, required=False)
    type = _checkboxes(_("Incident type"))
    party = _checkboxes(_("Controlling party"))
    governorate = _checkboxes(_("Governorate"))
    status = _checkboxes(_("Review status"))
    published = forms.BooleanField(label=_("Published incidents only"), required=False)

    FILTERS = ("type", "party", "governorate", "status")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        lang = labels.current_lang()
        dimensions = _dimension_choices(lang)
        self.fields["by"].choices = dimensions
        self.fields["then_by"].choices = [("", "—"), *dimensions]
        self.fields["measure"].choices = [(n, measure_label(n, lang)) for n in MEASURES]
        self.fields["type"].choices = labels.choices("incident_types")
        self.fields["party"].choices = [(c, p.label(lang)) for c, p in control.PARTIES.items()]
        self.fields["governorate"].choices = governorate_choices(lang)
        self.fields["status"].choices = COUNTED_STATUSES

    def clean(self):
        data = super().clean()
        if data.get("by") and data.get("by") == data.get("then_by"):
            self.add_error("then_by", _("Choose a second dimension different from the first."))
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date is before the start date."))
        if "measure" in data and not data["measure"]:
            self.add_error("measure", _("Choose at least one measure."))
        return data

    def query(self) -> Query:
        """The analysis the valid form asks for."""
        data = self.cleaned_data
        statuses: list[str] | None = list(data["status"]) or None
        if data["published"]:
            # "Published only" narrows whatever statuses were ticked (the CLI's --status).
            statuses = [s for s in (statuses or ["published"]) if s == "published"]
        where = {
            dimension: list(data[name])
            for name, dimension in (
                ("type", "type"),
                ("party", "controlling_party"),
                ("governorate", "governorate"),
            )
            if data[name]
        }
        return Query(
            by=[data["by"], *([data["then_by"]] if data["then_by"] else [])],
            measures=list(data["measure"]),
            where=where,
            date_from=data["date_from"],
            date_to=data["date_to"],
            statuses=statuses,
            chart=data["chart"],
        )

    def active_filters(self) -> int:
        """How many filter lists have a choice, to show on the closed filter panel."""
        if not self.is_bound:
            return 0
        return sum(1 for name in self.FILTERS if self.data.getlist(name)) + int(
            bool(self.data.get("published"))
        )


@dataclass(frozen=True)
class Query:
    """What to count: the arguments of :func:`marsad.engines.analysis.analyse`, plus the chart."""

    by: list[str]
    measures: list[str]
    where: dict[str, list[str]] = field(default_factory=dict)
    date_from: date | None = None
    date_to: date | None = None
    statuses: list[str] | None = None
    chart: str = ""
