from django import forms
from django.utils.translation import gettext_lazy as _

from marsad.codebook import labels
from marsad.engines import control

KIND_CHOICES = [("incidents", _("incidents")), ("reports", _("source reports"))]
FORMAT_CHOICES = [
    ("xlsx", _("Excel (XLSX)")),
    ("csv", "CSV"),
    ("json", "JSON"),
    ("geojson", _("GeoJSON (QGIS)")),
    ("hxl", _("HXL (HDX)")),
]


class UploadForm(forms.Form):
    file = forms.FileField(label=_("File (CSV, XLSX or JSON Lines; UCDP and ACLED exports too)"))
    source_name = forms.CharField(
        label=_("Source of rows that name none"), required=False, max_length=200
    )
    source_type = forms.ChoiceField(label=_("Its type"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source_type"].choices = [("", "—"), *labels.choices("source_type")]


class ExportForm(forms.Form):
    kind = forms.ChoiceField(label=_("What"), choices=KIND_CHOICES, initial="incidents")
    format = forms.ChoiceField(label=_("Format"), choices=FORMAT_CHOICES, initial="xlsx")
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    type = forms.MultipleChoiceField(
        label=_("Incident type"), required=False, widget=forms.CheckboxSelectMultiple
    )
    place = forms.CharField(label=_("Within P-code"), required=False, max_length=20)
    party = forms.MultipleChoiceField(
        label=_("Controlling party"), required=False, widget=forms.CheckboxSelectMultiple
    )
    status = forms.MultipleChoiceField(
        label=_("Review status"), required=False, widget=forms.CheckboxSelectMultiple
    )
    public = forms.BooleanField(
        label=_("Public release (published incidents, coarsened, no sensitive field)"),
        required=False,
    )

    def __init__(self, *args, statuses=(), public_only=False, **kwargs):
        super().__init__(*args, **kwargs)
        lang = labels.current_lang()
        self.fields["type"].choices = labels.choices("incident_types")
        self.fields["party"].choices = [
            (code, p.label(lang)) for code, p in control.PARTIES.items()
        ]
        self.fields["status"].choices = list(statuses)
        if public_only:
            self.fields["kind"].choices = KIND_CHOICES[:1]
            self.fields["public"].initial = True
            self.fields["public"].disabled = True
