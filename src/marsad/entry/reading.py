"""Reading a submitted entry form into a codebook record and an unsaved source report.

Places, actors and sources are typed as text and usually picked from a suggestion list, which
fills in the P-code or id. When nothing was picked, a name that means exactly one actor or
source is taken; a place is never guessed (a wrong P-code moves an incident to another area of
control), the page offers the closest places instead.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from marsad.codebook.services import active_version
from marsad.engines.codebook_records import parse_decimal, parse_integer
from marsad.entry import dating, lookups, places
from marsad.places.models import Place
from marsad.records.models import Actor, Source, SourceReport


class Reader:
    def __init__(self, form, values: dict[str, str]) -> None:
        self.form, self.values = form, values
        self.failed: set[str] = set()  # inputs with a problem of their own
        self.parsed: dict[str, object] = {}  # spec name -> value for the model
        self.new_actors: dict[str, tuple[str, str]] = {}  # spec name -> (name, type)
        self.source: Source | None = None
        self.new_source: Source | None = None

    def fail(self, name: str, message: str) -> None:
        self.failed.add(name)
        self.form.add_error(name if name in self.form.fields else None, message)

    # -- the record -------------------------------------------------------------------------

    def record(self) -> dict[str, object]:
        record: dict[str, object] = {"type": self.form.incident_type}
        for spec in self.form.specs:
            if spec.widget == "derived":
                continue
            if spec.widget == "place":
                value = self.place(spec)
            elif spec.widget == "actor":
                value = self.actor(spec)
            else:
                value = self.values.get(spec.name, "")
            if value not in ("", None):
                record[spec.name] = value
        if "date" in self.form.fields:
            self.dates(record)
        self.read_source()
        return record

    def dates(self, record: dict[str, object]) -> None:
        read = dating.read(self.values)
        for name, problem in (read.problems or {}).items():
            self.fail(name, problem.message_ar if self.form.lang == "ar" else problem.message_en)
        record.pop("date_end", None)
        for name, value in (("date", read.date), ("date_end", read.end)):
            if value is not None:
                record[name] = value.isoformat()
                self.parsed[name] = value
            elif name in self.failed:
                record[name] = self.values.get(name, "")  # not "missing": it is unreadable
        if read.precision:
            record["date_precision"] = read.precision

    def place(self, spec) -> str:
        pcode = self.values.get(spec.name, "") or self.values.get(f"{spec.name}_candidate", "")
        text = self.values.get(f"{spec.name}_text", "")
        if not pcode and not text:
            pcode = self.place_at_point()
            if pcode:
                found = places.get(pcode, self.form.lang, {})
                self.values[f"{spec.name}_text"] = found["name"] if found else ""
        if pcode:
            place = Place.objects.filter(pcode=pcode).first()
            if place is None:
                self.fail(f"{spec.name}_text", _("This place is not in the gazetteer."))
                return text or pcode
            self.parsed[spec.name] = place
            return pcode
        if text:
            labels = places.level_labels(self.form.codebook, self.form.lang)
            self.form.place_candidates = places.suggest(text, self.form.lang, labels, limit=5)
            self.fail(
                f"{spec.name}_text",
                _(
                    "Choose the place from the list. If it is not in the gazetteer, choose the "
                    "smallest area that contains it and name the exact place in the account."
                ),
            )
        return text

    def place_at_point(self) -> str:
        """A point given without a place: the place is the community (or sub-district) there."""
        latitude = parse_decimal(self.values.get("latitude", ""))
        longitude = parse_decimal(self.values.get("longitude", ""))
        if latitude is None or longitude is None:
            return ""
        found = places.at_point(latitude, longitude, self.form.lang, {})
        return found["pcode"] if found else ""

    def actor(self, spec) -> str:
        ident, text = self.values.get(spec.name, ""), self.values.get(f"{spec.name}_text", "")
        if ident:
            actor = Actor.objects.filter(pk=ident).first() if ident.isdigit() else None
            if actor is None:
                self.fail(f"{spec.name}_text", _("This actor is no longer in the list."))
                return text
            self.parsed[spec.name] = actor
            return text or str(actor)
        if not text:
            return ""
        if self.values.get(f"{spec.name}_new") and self.form.may_add_actor:
            actor_type = self.values.get(f"{spec.name}_new_type", "")
            if actor_type not in dict(Actor._meta.get_field("actor_type").choices):
                self.fail(f"{spec.name}_new_type", _("Choose the type of the new actor."))
            self.new_actors[spec.name] = (text, actor_type)
            return text
        actor = lookups.find_actor(text)
        if actor is not None:
            self.parsed[spec.name] = actor
        return text

    def read_source(self) -> None:
        ident, query = self.values.get("source", ""), self.values.get("source_query", "")
        if ident:
            self.source = (
                Source.objects.only("id", "name").filter(pk=ident).first()
                if ident.isdigit()
                else None
            )
            if self.source is None:
                self.fail("source_query", _("This source is no longer in the list."))
            return
        if self.values.get("source_new") and self.form.may_add_source:
            self.read_new_source(query)
            return
        self.source = lookups.find_source(query) if query else None
        if self.source is None and query:
            self.fail(
                "source_query",
                _("No source has this name: choose one from the list, or add it as a new source."),
            )
        elif self.source is None:
            self.fail("source_query", _("Say which source gave this account."))

    def read_new_source(self, query: str) -> None:
        name = self.values.get("source_name", "") or query
        source_type = self.values.get("source_type", "")
        if not name:
            self.fail("source_name", _("Give the new source a name."))
        if source_type not in dict(self.form.source_types):
            self.fail("source_type", _("Choose the type of the new source."))
        identity = {
            field.removeprefix("source_"): self.values.get(field, "")
            for field in self.form.identity_fields  # only for users allowed to see them
        }
        language = self.values.get("source_language", "")
        self.new_source = Source(name=name, source_type=source_type, language=language, **identity)

    # -- the report -------------------------------------------------------------------------

    def fill(self, report: SourceReport, record: dict[str, object]) -> None:
        """Put the checked values on ``report`` (unsaved), and the rest in ``report.raw``."""
        report.type = self.form.incident_type
        for spec in self.form.specs:
            if spec.widget == "derived":
                continue
            if spec.model_field is None:
                continue  # a field the report has no column for: kept in ``raw`` below
            setattr(report, spec.model_field, self.model_value(spec, record.get(spec.name)))
            if spec.text_field:
                setattr(report, spec.text_field, self.values.get(f"{spec.name}_text", ""))
        report.date_precision = str(record.get("date_precision", "") or "day")
        # What was typed, beside (never instead of) what an importer kept as received.
        raw = dict(report.raw) if isinstance(report.raw, dict) else {}
        report.raw = {**raw, "entry": {k: str(v) for k, v in record.items()}}

    def model_value(self, spec, value: object) -> object:
        if spec.name in self.parsed:
            return self.parsed[spec.name]
        if spec.widget in ("place", "actor", "date"):
            return None
        if spec.widget == "integer":
            return parse_integer(value) if value not in (None, "") else None
        if spec.widget == "decimal":
            return parse_decimal(value) if value not in (None, "") else None
        return "" if value is None else str(value)

    def check_model(self, record: dict[str, object]) -> None:
        """The model's own checks (lengths, the codebook again) on the report about to be saved."""
        report = self.form.report or SourceReport(created_by=self.form.user)
        self.fill(report, record)
        if report.codebook_version_id is None:
            report.codebook_version = active_version()
        if self.source is not None:
            report.source = self.source
        exclude = ["source"] if self.source is None else []
        exclude += [name for name in self.new_actors]
        try:
            report.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                target = {"place": "place_text", "perpetrator": "perpetrator_text"}.get(name, name)
                for message in messages:
                    self.form.add_error(target if target in self.form.fields else None, message)
        self.report = report
        if self.source is not None and report.pk is None and not report.report_id:
            twin = SourceReport.objects.filter(
                source=self.source, content_hash=report.fingerprint()
            )
            if twin.exists():
                self.form.add_error(
                    None, _("This source's account is already recorded with exactly these details.")
                )

    def create_linked(self) -> None:
        """Create the new source and actors the form asked for (inside the save's transaction)."""
        if self.new_source is not None:
            self.new_source.save()
            self.report.source = self.new_source
        for name, (text, actor_type) in self.new_actors.items():
            setattr(self.report, name, lookups.new_actor(text, actor_type))
