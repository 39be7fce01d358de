"""The review pages' forms. Every decision form carries a reason; the workflow table says
when it may be left empty."""

from __future__ import annotations

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from marsad.records.models import Incident

REASON_HELP = _("Say why, for whoever opens this incident next.")


def reason_field(required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=_("Reason"),
        required=required,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=REASON_HELP,
    )


class Prefixed(forms.Form):
    """Several forms share the incident page: element ids start with ``id_prefix`` so that
    each label points at its own field (the posted names stay plain)."""

    id_prefix = "id"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


class ReasonForm(forms.Form):
    reason = reason_field()


class TransitionForm(forms.Form):
    target = forms.ChoiceField(choices=Incident.Status.choices)
    reason = reason_field()


class _EvaluatedChoices(ModelChoiceIterator):
    """Reads the choices with one plain query. Django's default, ``QuerySet.iterator()``, opens
    a PostgreSQL server-side cursor, which cost the incident page about 30 ms for a handful of
    reviewers."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for choice in self.queryset:
            yield self.choice(choice)


class _SmallModelChoiceField(forms.ModelChoiceField):
    iterator = _EvaluatedChoices


class AssignForm(Prefixed):
    id_prefix = "assign"
    assignee = _SmallModelChoiceField(
        label=_("Assign to"), queryset=None, required=False, empty_label=_("nobody")
    )

    def __init__(self, *args, reviewers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = reviewers


def _count(label) -> forms.IntegerField:
    return forms.IntegerField(label=label, required=False, min_value=0, max_value=100000)


class ReconcileForm(Prefixed):
    id_prefix = "figures"
    killed_low = _count(_("killed (low)"))
    killed_best = _count(_("killed (best)"))
    killed_high = _count(_("killed (high)"))
    injured_low = _count(_("injured (low)"))
    injured_best = _count(_("injured (best)"))
    injured_high = _count(_("injured (high)"))
    reason = reason_field(required=True)
    rule = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        for measure in ("killed", "injured"):
            low, best, high = (data.get(f"{measure}_{p}") for p in ("low", "best", "high"))
            given = [v for v in (low, best, high) if v is not None]
            if given and len(given) != 3:
                raise forms.ValidationError(_("Give low, best and high together, or none of them."))
            if given and not low <= best <= high:
                raise forms.ValidationError(_("The figures must read low ≤ best ≤ high."))
        return data


class AccountForm(forms.Form):
    report = forms.IntegerField(min_value=1)
    reason = reason_field()


class SplitForm(forms.Form):
    reports = forms.TypedMultipleChoiceField(coerce=int, choices=())
    reason = reason_field()

    def __init__(self, *args, report_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reports"].choices = [(pk, pk) for pk in report_ids]


class MergeForm(Prefixed):
    id_prefix = "merge"
    other = forms.IntegerField(
        label=_("Incident number"),
        min_value=1,
        help_text=_("Its accounts move here; it is rejected as merged, never deleted."),
    )
    reason = reason_field()


class LinkForm(forms.Form):
    incident = forms.IntegerField(label=_("Incident number"), min_value=1)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class CommentForm(Prefixed):
    id_prefix = "comment"
    text = forms.CharField(
        label=_("Comment"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Plain text. Everyone who can open this incident can read it."),
    )


class IncidentSearchForm(forms.Form):
    """Find the incident an account belongs to: by its number, or by date and place."""

    number = forms.IntegerField(label=_("Incident number"), required=False, min_value=1)
    date = forms.DateField(
        label=_("Around the date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    days = forms.IntegerField(
        label=_("Days either side"), required=False, min_value=0, max_value=90, initial=7
    )
    place = forms.CharField(
        label=_("In the place"),
        required=False,
        max_length=200,
        help_text=_("A name in Arabic or English, or a P-code; places inside it count too."),
    )
    same_type = forms.BooleanField(label=_("Same incident type only"), required=False)
