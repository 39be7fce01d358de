"""The report-entry form, built from the codebook form of one incident type.

Every input is a plain text field: the codebook decides what is valid (``validate_record``)
and its messages, in Arabic or English, are put next to the field they are about. Whatever was
typed comes back on the page unchanged when something is wrong.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from marsad.codebook.labels import current_lang
from marsad.engines.codebook import Codebook
from marsad.entry import layout
from marsad.entry.reading import Reader
from marsad.records.models import Source

SOURCE_LANGUAGES = [
    ("", "—"),
    ("ar", _("Arabic")),
    ("en", _("English")),
    ("ku", _("Kurdish")),
    ("tr", _("Turkish")),
]
SEE_IDENTITY = "records.view_source_identity"
ADD_ACTOR = "records.add_actor"
ADD_SOURCE = "records.add_source"
# Not form values, so never kept in a draft (nor are a source's identity fields: see draft_data).
NEVER_DRAFTED = ("csrfmiddlewaretoken", "draft")


class _Lookup:
    """``form.vals.name`` in a template: a value by input name."""

    def __init__(self, get) -> None:
        self._get = get

    def __getitem__(self, name: str):
        return self._get(name)


def _text(**kwargs) -> forms.CharField:
    return forms.CharField(required=False, strip=True, **kwargs)


class ReportForm(forms.Form):
    draft = _text(widget=forms.HiddenInput)
    source = _text(widget=forms.HiddenInput)
    source_query = _text(label=_("Source"), max_length=200)
    source_new = forms.BooleanField(required=False, label=_("Add it as a new source"))
    source_name = _text(label=_("Public name of the source"), max_length=200)
    source_type = _text(label=_("Source type"))
    source_language = forms.ChoiceField(
        required=False, label=_("Language"), choices=SOURCE_LANGUAGES
    )

    def __init__(self, *args, codebook: Codebook, incident_type: str, user, report=None, **kw):
        super().__init__(*args, **kw)
        self.codebook, self.incident_type, self.user = codebook, incident_type, user
        self.report = report  # the report being edited; None for a new one
        self.lang = current_lang()
        self.sections = layout.build(codebook, incident_type, self.lang)
        self.specs = [spec for section in self.sections for spec in section.specs]
        self.source_types = [
            (c.code, c.label[self.lang]) for c in codebook.choice_lists["source_type"]
        ]
        self.place_candidates: list[dict] = []
        self.identity_fields = []
        if user.has_perm(SEE_IDENTITY):
            for name in Source.sensitive_fields():
                label = Source._meta.get_field(name).verbose_name
                self.fields[f"source_{name}"] = _text(label=label, widget=forms.Textarea)
                self.identity_fields.append(f"source_{name}")
        for spec in self.specs:
            self._add_inputs(spec)

    def _add_inputs(self, spec: layout.Spec) -> None:
        self.fields[spec.name] = _text(label=spec.label)
        if spec.name == "date":
            self.fields["date_week"] = _text(label=spec.label)
            self.fields["date_month"] = _text(label=spec.label)
        if spec.widget in ("place", "actor"):
            self.fields[f"{spec.name}_text"] = _text(label=spec.label, max_length=300)
        if spec.widget == "place":  # one of the places offered when the text matched none
            self.fields[f"{spec.name}_candidate"] = _text()
        if spec.widget == "actor":
            self.fields[f"{spec.name}_new"] = forms.BooleanField(required=False)
            self.fields[f"{spec.name}_new_type"] = _text()

    # -- what the page needs ------------------------------------------------------------------

    @property
    def may_add_actor(self) -> bool:
        return self.user.has_perm(ADD_ACTOR)

    @property
    def may_add_source(self) -> bool:
        return self.user.has_perm(ADD_SOURCE)

    def value(self, name: str) -> str:
        """What an input shows: as typed when the form was sent, else its initial value."""
        if self.is_bound:
            return str(self.data.get(name, "") or "")
        return str(self.initial.get(name, "") or "")

    def checked(self, name: str) -> bool:
        return self.value(name) in ("on", "1", "true", "True")

    @property
    def vals(self) -> _Lookup:
        return _Lookup(self.value)

    @property
    def errs(self) -> _Lookup:
        return _Lookup(self.error_for)

    @property
    def checks(self) -> _Lookup:
        return _Lookup(self.checked)

    @property
    def value_draft(self) -> str:
        return self.value("draft")

    @property
    def identity_inputs(self) -> list:
        return [self[name] for name in self.identity_fields]

    @property
    def show_new_source(self) -> bool:
        return self.checked("source_new") or bool(self.error_for("source_query"))

    @property
    def source_chosen(self) -> str:
        ident = self.value("source")
        source = (
            Source.objects.only("name", "source_type").filter(pk=ident).first()
            if ident.isdigit()
            else None
        )
        if source is None:
            return ""
        kind = dict(self.source_types).get(source.source_type, "")
        return f"{source.name} — {kind}" if kind else source.name

    def draft_data(self) -> dict[str, str]:
        """The values worth keeping in a draft (never a source's identity or contact)."""
        keep = set(self.fields) - set(self.identity_fields) - set(NEVER_DRAFTED)
        return {name: self.value(name) for name in sorted(keep) if self.value(name)}

    # -- checking -----------------------------------------------------------------------------

    def clean(self):
        cleaned = super().clean()
        values = {name: cleaned.get(name) or "" for name in self.fields}
        reader = Reader(self, values)
        record = reader.record()
        typed_into = {
            s.name: f"{s.name}_text" for s in self.specs if s.widget in ("place", "actor")
        }
        for problem in self.codebook.validate_record(record, self.incident_type):
            name = typed_into.get(problem.field, problem.field)
            if name in reader.failed:
                continue  # the input's own problem already says what is wrong
            target = name if name in self.fields else None
            self.add_error(target, problem.message(self.lang))
        if not self.errors:
            self.reader = reader
            reader.check_model(record)
        return cleaned

    def error_for(self, name: str) -> list[str]:
        return list(self.errors.get(name, []))
