"""The reviewer's verdict on a candidate pair, and how the model's comparisons read on the page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from marsad.crosscheck.models import PairDecision


class DecisionForm(forms.Form):
    verdict = forms.ChoiceField(choices=PairDecision.Verdict.choices)
    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto", "maxlength": 500}),
    )


# The engine names its comparisons and levels in code; reviewers read them in their language.
COMPARISONS = {
    "date": _("Date"),
    "place": _("Place"),
    "type_method": _("Type and method"),
    "perpetrator": _("Perpetrator"),
    "target_status": _("Status of the target"),
    "casualties": _("Casualties"),
    "narrative": _("Narrative wording"),
    "target": _("What was hit"),
    "source": _("Source"),
}
LEVELS = {
    ("date", "same_day"): _("same day"),
    ("date", "one_day"): _("one day apart"),
    ("date", "few_days"): _("a few days apart"),
    ("date", "overlap_narrow"): _("a week or short range containing the other"),
    ("date", "overlap_wide"): _("a month or long range containing the other"),
    ("date", "near"): _("close dates"),
    ("date", "apart"): _("far apart"),
    ("place", "same"): _("same place"),
    ("place", "nested_subdistrict"): _("one gives only the sub-district"),
    ("place", "nested_wide"): _("one gives only the district or governorate"),
    ("place", "ambiguous"): _("a shared place name that fits"),
    ("place", "near"): _("within 3 km"),
    ("place", "same_subdistrict"): _("same sub-district"),
    ("place", "within"): _("within 10 km"),
    ("place", "different"): _("different places"),
    ("type_method", "same_both"): _("same type and method"),
    ("type_method", "same_type_no_method"): _("same type, method not given"),
    ("type_method", "same_type_related_method"): _("same type, related method"),
    ("type_method", "same_type_other_method"): _("same type, other method"),
    ("type_method", "related_type_same_method"): _("related type, same method"),
    ("type_method", "related_type"): _("related type"),
    ("perpetrator", "same"): _("same actor"),
    ("perpetrator", "related"): _("one actor is part of the other"),
    ("perpetrator", "one_unknown"): _("unknown in one account"),
    ("perpetrator", "different"): _("different actors"),
    ("target_status", "same"): _("same"),
    ("target_status", "different"): _("different"),
    ("casualties", "exact_notable"): _("same counts, two or more killed"),
    ("casualties", "exact_one"): _("same counts"),
    ("casualties", "zero"): _("no casualties in either"),
    ("casualties", "close"): _("close counts"),
    ("casualties", "different"): _("different counts"),
    ("narrative", "very_high"): _("very similar"),
    ("narrative", "high"): _("similar"),
    ("narrative", "medium"): _("somewhat similar"),
    ("narrative", "low"): _("little in common"),
    ("narrative", "none"): _("nothing in common"),
    ("target", "same"): _("same target"),
    ("target", "overlap"): _("targets overlap"),
    ("target", "different"): _("different targets"),
    ("source", "repeat"): _("one repeats the other"),
    ("source", "same_source"): _("same source"),
    ("source", "different"): _("different sources"),
}
NOT_COMPARED = _("not stated in both")


def comparison_label(name: str) -> str:
    return str(COMPARISONS.get(name, name))


def level_label(comparison: str, level: str) -> str:
    if level == "null":
        return str(NOT_COMPARED)
    return str(LEVELS.get((comparison, level), level))
