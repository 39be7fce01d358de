"""The desk's filters: one GET form for the lists, the map, its data and the exports, so a URL
means the same rows wherever it is opened. The querysets it narrows come from
``visible_incidents`` / ``reports_for``: a filter can only take rows away."""

from __future__ import annotations

import functools
from urllib.parse import urlencode

from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from marsad.desk.labels import Labels
from marsad.desk.search import search_condition
from marsad.engines.gazetteer import default_gazetteer
from marsad.places.models import Place
from marsad.records import generation
from marsad.records.models import Actor, IncidentReport

ALL = ("", _("All"))
# Below this gazetteer score a typed name is a guess, not a place (see gazetteer_index).
MIN_PLACE_SCORE = 0.85


def within_place(place: Place) -> Q:
    """Records placed in ``place`` or anywhere below it. Admin P-codes nest by prefix (SY12 ⊃
    SY1201 ⊃ SY120100) and a community hangs under its sub-district, so one indexed
    ``place_id IN (…)`` over the small places table does it."""
    if place.level == Place.Level.COMMUNITY:
        return Q(place_id=place.pk)
    units = Place.objects.filter(
        Q(pcode__startswith=place.pcode) | Q(parent__pcode__startswith=place.pcode)
    )
    return Q(place_id__in=units.values("pk"))


def _select(label, **kwargs) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, required=False, **kwargs)


class DeskFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("Narratives, target, places and actors, in Arabic or English."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    type = _select(_("Incident type"))
    method = _select(_("Method"))
    governorate = _select(_("Governorate"))
    district = _select(_("District"))
    place = forms.CharField(
        label=_("Place or P-code"),
        required=False,
        max_length=200,
        help_text=_("A sub-district, town or P-code; includes everything within it."),
    )
    party = _select(_("Controlling party"))
    perpetrator = _select(_("Perpetrator"))
    perpetrator_type = _select(_("Perpetrator type"))
    target_status = _select(_("Target status"))
    status = _select(_("Review status"))
    confidence = _select(_("Confidence"))
    source_type = _select(_("Source type"))
    assigned = _select(_("Assigned"), choices=[ALL, ("me", _("to me"))])

    INCIDENT_ONLY = ("party", "status", "confidence", "assigned")
    MAIN = ("q", "date_from", "date_to")  # always in view; the others fold away

    def __init__(self, data=None, *, incidents: bool, labels: Labels | None = None):
        super().__init__(data or None)
        self.incidents = incidents
        self.labels = labels or Labels()
        if not incidents:
            for name in self.INCIDENT_ONLY:
                del self.fields[name]
        # Choices are given as functions: Django then reads them only when a field is shown
        # (its HTML is cached) or has a value to check, not for every request.
        for name in ("type", "method", "perpetrator_type", "target_status", "source_type"):
            self.fields[name].choices = functools.partial(self._with_all, self.labels.choices, name)
        if incidents:
            self.fields["party"].choices = functools.partial(
                self._with_all, self.labels.party_choices
            )
            for name in ("status", "confidence"):
                self.fields[name].choices = functools.partial(
                    self._with_all, self.labels.choices, name
                )
        for name in ("perpetrator", "governorate", "district"):
            self.fields[name].choices = functools.partial(
                self._with_all, self._database_choice_list, name
            )
        self.fields["place"].widget.attrs.update(list="desk-places", autocomplete="off")

    @staticmethod
    def _with_all(read, *args) -> list:
        return [ALL, *read(*args)]

    def _database_choice_list(self, field: str) -> list:
        """Actors, governorates or districts, read once per data generation and language."""
        return generation.cached(
            "desk-filter-choices", (self.labels.lang,), self._database_choices
        )[field]

    def _database_choices(self) -> dict[str, list]:
        actors = [(str(actor.pk), str(actor)) for actor in Actor.objects.all()]
        ar = self.labels.lang == "ar"
        units = Place.objects.filter(level__in=["governorate", "district"]).order_by("pcode")
        governorates, districts = [], {}
        for unit in units.only("pcode", "level", "name_en", "name_ar", "parent_id"):
            name = unit.name_ar if ar else unit.name_en
            if unit.level == "governorate":
                governorates.append((unit.pcode, name))
            else:
                districts.setdefault(unit.pcode[:4], []).append((unit.pcode, name))
        # Grouped by governorate; desk.js shows only the chosen governorate's group.
        grouped = [(name, districts[pcode]) for pcode, name in governorates if pcode in districts]
        return {"perpetrator": actors, "governorate": governorates, "district": grouped}

    def more_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name not in self.MAIN]

    def more_active(self) -> int:
        return sum(1 for name, _value in self.pairs() if name not in self.MAIN)

    def clean_place(self) -> Place | None:
        text = self.cleaned_data["place"].strip()
        if not text:
            return None
        place = Place.objects.filter(pcode__iexact=text).first()
        if place is None:
            found = default_gazetteer().match(text, limit=1)
            if found and found[0].score >= MIN_PLACE_SCORE:
                place = Place.objects.filter(pcode=found[0].pcode).first()
        if place is None:
            raise forms.ValidationError(_("No place of that name or P-code."))
        return place

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date is before the start date."))
        return data

    # -- what the valid part of the form selects ------------------------------------------

    def values(self) -> dict:
        """The valid, non-empty filters (an invalid one is shown with its error and ignored)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}

    def area(self) -> Place | None:
        """The most specific place chosen: a place, else a district, else a governorate."""
        values = self.values()
        if values.get("place"):
            return values["place"]
        pcode = values.get("district") or values.get("governorate")
        return Place.objects.filter(pcode=pcode).first() if pcode else None

    def apply(self, queryset: QuerySet, user) -> QuerySet:
        values = self.values()
        if values.get("q"):
            queryset = queryset.filter(search_condition(values["q"]))
        if values.get("date_from"):
            queryset = queryset.filter(date__gte=values["date_from"])
        if values.get("date_to"):
            queryset = queryset.filter(date__lte=values["date_to"])
        for name in ("type", "method", "perpetrator_type", "target_status"):
            if values.get(name):
                queryset = queryset.filter(**{name: values[name]})
        if values.get("perpetrator"):
            actor = int(values["perpetrator"])  # and the units that are part of it
            queryset = queryset.filter(Q(perpetrator_id=actor) | Q(perpetrator__parent_id=actor))
        area = self.area()
        if area is not None:
            queryset = queryset.filter(within_place(area))
        if values.get("source_type"):
            queryset = self._by_source_type(queryset, values["source_type"])
        if self.incidents:
            queryset = self._incident_filters(queryset, values, user)
        return queryset

    def _by_source_type(self, queryset: QuerySet, source_type: str) -> QuerySet:
        if not self.incidents:
            return queryset.filter(source__source_type=source_type)
        # Any linked account from such a source; EXISTS keeps each incident once.
        linked = IncidentReport.objects.filter(
            incident_id=OuterRef("pk"), report__source__source_type=source_type
        )
        return queryset.filter(Exists(linked))

    @staticmethod
    def _incident_filters(queryset: QuerySet, values: dict, user) -> QuerySet:
        if values.get("party"):
            party, _sep, sub = values["party"].partition(":")
            queryset = queryset.filter(controlling_party=party)
            if sub:
                queryset = queryset.filter(controlling_sub_label=sub)
        if values.get("status"):
            queryset = queryset.filter(status=values["status"])
        if values.get("confidence"):
            queryset = queryset.filter(confidence=values["confidence"])
        if values.get("assigned") == "me":
            queryset = queryset.filter(assignee=user)
        return queryset

    # -- how the filters read back --------------------------------------------------------

    def pairs(self) -> list[tuple[str, str]]:
        """The filters as given in the URL, without the invalid ones, the sort or the page."""
        if not self.is_bound:
            return []
        self.is_valid()
        return [
            (name, self.data[name])
            for name in self.fields
            if self.data.get(name) and name not in self.errors
        ]

    def query(self) -> str:
        """:meth:`pairs` as a query string, for the links between list, map and export."""
        return urlencode(self.pairs())

    def summary(self) -> list[tuple[str, str, str]]:
        """(name, label, value) of each active filter, in the reader's language."""
        lines = []
        for name, value in self.values().items():
            field = self.fields[name]
            if isinstance(field, forms.ChoiceField):
                text = _choice_label(field.choices, value)
            elif isinstance(value, Place):
                text = f"{value.name} ({value.pcode})"
            elif hasattr(value, "isoformat"):
                text = value.isoformat()
            else:
                text = str(value)
            lines.append((name, str(field.label), text))
        return lines


def _choice_label(choices, value: str) -> str:
    for key, label in choices:
        if isinstance(label, list | tuple):  # an optgroup
            found = _choice_label(label, value)
            if found != value:
                return found
        elif str(key) == str(value):
            return str(label)
    return value
