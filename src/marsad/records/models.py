"""Actors, sources, source reports (one account from one source) and incidents (what
reviewers conclude from one or more accounts)."""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from marsad.codebook.models import CodebookVersion
from marsad.places.models import Place

PERPETRATOR_TYPES = [("local", _("local")), ("foreign", _("foreign")), ("unknown", _("unknown"))]


class Actor(models.Model):
    """A perpetrator or targeted party: a force, a faction, a militia, or 'unknown gunmen'."""

    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name_ar = models.CharField(_("name (Arabic)"), max_length=200, blank=True)
    aliases = models.JSONField(_("other names"), default=list, blank=True)
    actor_type = models.CharField(_("type"), max_length=10, choices=PERPETRATOR_TYPES)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    demo_key = models.CharField(max_length=40, blank=True, editable=False, db_index=True)

    class Meta:
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        ordering = ["name_en", "name_ar"]

    def __str__(self) -> str:
        ar = (get_language() or "").startswith("ar")
        return (self.name_ar if ar else self.name_en) or self.name_en or self.name_ar


class Source(models.Model):
    """Where accounts come from. Who the source is and how to reach them can get people killed:
    the fields the codebook declares sensitive (``sensitive.source_fields``) are shown only with
    the ``view_source_identity`` permission, never logged and never exported."""

    name = models.CharField(
        _("public name"),
        max_length=200,
        help_text=_(
            "How the source may be referred to inside the centre, e.g. an outlet name or a code name."
        ),
    )
    source_type = models.CharField(_("source type"), max_length=40)
    identity = models.TextField(_("identity (sensitive)"), blank=True)
    contact = models.TextField(_("contact (sensitive)"), blank=True)
    language = models.CharField(_("language"), max_length=5, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    demo_key = models.CharField(max_length=40, blank=True, editable=False, db_index=True)

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["name"]
        permissions = [("view_source_identity", _("Can see who a source is and how to reach them"))]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def sensitive_fields(cls) -> tuple[str, ...]:
        from marsad.codebook.services import active_codebook

        declared = active_codebook().sensitive_source_fields
        return tuple(field.name for field in cls._meta.fields if field.name in declared)


def _count(label):
    return models.PositiveIntegerField(label, null=True, blank=True)


class Claims(models.Model):
    """What an account claims, or what reviewers concluded: shared by reports and incidents."""

    codebook_version = models.ForeignKey(
        CodebookVersion,
        verbose_name=_("codebook version"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    type = models.CharField(_("incident type"), max_length=40, db_index=True)
    date = models.DateField(_("date"), null=True, blank=True, db_index=True)
    date_precision = models.CharField(_("date precision"), max_length=10, default="day")
    date_end = models.DateField(_("date (end)"), null=True, blank=True)
    place = models.ForeignKey(
        Place,
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    place_precision = models.CharField(_("place precision"), max_length=20, default="community")
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    method = models.CharField(_("method"), max_length=40, blank=True)
    operation_type = models.CharField(_("operation type"), max_length=40, blank=True)
    target = models.CharField(_("target"), max_length=300, blank=True)
    target_status = models.CharField(_("target status"), max_length=40, blank=True)
    perpetrator = models.ForeignKey(
        Actor,
        verbose_name=_("perpetrator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    perpetrator_type = models.CharField(_("perpetrator type"), max_length=10, blank=True)
    number_targeted = models.PositiveIntegerField(_("number targeted"), null=True, blank=True)
    target_gender = models.CharField(_("gender of the target"), max_length=10, blank=True)
    observation_place = models.CharField(_("place of observation"), max_length=200, blank=True)
    killed_civilian = _count(_("killed: civilians"))
    killed_military = _count(_("killed: military"))
    killed_unknown = _count(_("killed: status unknown"))
    injured_civilian = _count(_("injured: civilians"))
    injured_military = _count(_("injured: military"))
    injured_unknown = _count(_("injured: status unknown"))
    narrative_ar = models.TextField(_("narrative (Arabic)"), blank=True)
    narrative_en = models.TextField(_("narrative (English)"), blank=True)
    search_text = models.TextField(_("search text"), blank=True, default="", editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True

    RECORD_FIELDS = (
        "type",
        "date",
        "date_precision",
        "date_end",
        "place_precision",
        "latitude",
        "longitude",
        "method",
        "operation_type",
        "target",
        "target_status",
        "perpetrator_type",
        "number_targeted",
        "target_gender",
        "observation_place",
        "narrative_ar",
        "narrative_en",
        "killed_civilian",
        "killed_military",
        "killed_unknown",
        "injured_civilian",
        "injured_military",
        "injured_unknown",
    )

    def as_record(self) -> dict:
        """The claims as a codebook record (field name to value), for validation and export."""
        record = {name: getattr(self, name) for name in self.RECORD_FIELDS}
        record["place"] = self.place.pcode if self.place_id else None
        record["perpetrator"] = str(self.perpetrator) if self.perpetrator_id else None
        return {k: v for k, v in record.items() if v not in (None, "")}

    def compute_search_text(self) -> str:
        """What full-text search matches (``marsad.desk.search``): the texts, the place's names
        and aliases with those of the units above it, and the perpetrator's names and aliases,
        in both scripts, normalised (``marsad.engines.arabic``) and lower-cased, so one
        ``contains`` query matches spelling variants on SQLite and PostgreSQL alike."""
        from marsad.engines.arabic import normalise_arabic

        parts = [self.target, self.observation_place, self.narrative_ar, self.narrative_en]
        # Reports also keep the place and perpetrator as the source wrote them.
        parts += [getattr(self, "place_text", ""), getattr(self, "perpetrator_text", "")]
        for start in (self.place, self.perpetrator):
            node, depth = start, 0
            while node is not None and depth < 5:  # a bounded walk up: parents may form a loop
                parts += [node.name_en, node.name_ar, *(node.aliases or [])]
                node, depth = node.parent, depth + 1
        return normalise_arabic(" ".join(str(part) for part in parts if part))

    def codebook_problems(self):
        from marsad.codebook.services import codebook_of

        return codebook_of(self.codebook_version).validate_record(self.as_record())

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        from marsad.codebook.services import active_version

        if not self.codebook_version_id:
            # A new record is entered under the codebook in force now, and keeps that version.
            self.codebook_version = active_version()
        problems = self.codebook_problems()
        if problems:
            ar = (get_language() or "").startswith("ar")
            errors: dict[str, list[str]] = {}
            field_names = {f.name for f in self._meta.fields}
            for problem in problems:
                key = problem.field if problem.field in field_names else "__all__"
                errors.setdefault(key, []).append(problem.message_ar if ar else problem.message_en)
            raise ValidationError(errors)


class SourceReport(Claims):
    """One account of one incident from one source, kept as the source told it."""

    RECORD_FIELDS = Claims.RECORD_FIELDS + ("killed", "injured", "url")

    source = models.ForeignKey(
        Source, verbose_name=_("source"), on_delete=models.PROTECT, related_name="reports"
    )
    report_id = models.CharField(_("source's own id"), max_length=100, blank=True)
    content_hash = models.CharField(_("content hash"), max_length=64, blank=True, db_index=True)
    received_at = models.DateTimeField(_("received"), null=True, blank=True)
    place_text = models.CharField(_("place as written"), max_length=300, blank=True)
    perpetrator_text = models.CharField(_("perpetrator as written"), max_length=300, blank=True)
    killed = _count(_("killed"))
    injured = _count(_("injured"))
    killed_male = _count(_("killed: men"))
    killed_female = _count(_("killed: women"))
    injured_male = _count(_("injured: men"))
    injured_female = _count(_("injured: women"))
    url = models.URLField(_("link"), max_length=500, blank=True)
    repeats_source = models.ForeignKey(
        Source,
        verbose_name=_("repeats the account of"),
        help_text=_(
            "The source this account only repeats (a page reposting an activist's post). "
            "A repeated account is not an independent second source."
        ),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="repeated_in",
    )
    raw = models.JSONField(_("raw input as received"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    demo_key = models.CharField(max_length=40, blank=True, editable=False, db_index=True)

    class Meta:
        verbose_name = _("source report")
        verbose_name_plural = _("source reports")
        ordering = ["-date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "report_id"],
                condition=~models.Q(report_id=""),
                name="one_report_per_source_id",
            ),
            models.UniqueConstraint(
                fields=["source", "content_hash"],
                condition=~models.Q(content_hash=""),
                name="one_report_per_source_content",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.report_id or self.pk} ({self.type}, {self.date or '?'})"

    def save(self, *args, **kwargs):
        # Without the source's own id, the content is the identity (see one_report_per_source_content).
        if not self.report_id and not self.content_hash:
            self.content_hash = self.fingerprint()
        self.search_text = self.compute_search_text()
        super().save(*args, **kwargs)

    def fingerprint(self) -> str:
        from marsad.engines.fingerprint import content_hash

        record = self.as_record()
        record.update(place_text=self.place_text, perpetrator_text=self.perpetrator_text)
        return content_hash(record)


class Incident(Claims):
    """What reviewers conclude from one or more accounts."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        IN_REVIEW = "in_review", _("in review")
        VERIFIED = "verified", _("verified")
        NEEDS_INFORMATION = "needs_information", _("needs information")
        REJECTED = "rejected", _("rejected")
        PUBLISHED = "published", _("published")

    reports = models.ManyToManyField(
        SourceReport, through="IncidentReport", verbose_name=_("accounts"), related_name="incidents"
    )
    killed_low = _count(_("killed (low)"))
    killed_best = _count(_("killed (best)"))
    killed_high = _count(_("killed (high)"))
    injured_low = _count(_("injured (low)"))
    injured_best = _count(_("injured (best)"))
    injured_high = _count(_("injured (high)"))
    reconciliation_rule = models.CharField(_("reconciliation rule"), max_length=200, blank=True)
    # The reconciled casualty figures, low / best / high, as the rule of `reconciliation_rule`
    # gives them from the accounts.
    FIGURES = (
        "killed_low",
        "killed_best",
        "killed_high",
        "injured_low",
        "injured_best",
        "injured_high",
    )
    controlling_party = models.CharField(
        _("controlling party"), max_length=20, blank=True, editable=False
    )
    controlling_sub_label = models.CharField(
        _("controlling party (detail)"), max_length=30, blank=True, editable=False
    )
    status = models.CharField(
        _("review status"),
        max_length=20,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
    )
    confidence = models.CharField(_("confidence"), max_length=30, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned reviewer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_incidents",
    )
    restricted_to = models.ManyToManyField(
        "auth.Group",
        blank=True,
        related_name="restricted_incidents",
        verbose_name=_("restricted to groups"),
        help_text=_(
            "If any group is chosen, only members of these groups (and users allowed to see "
            "restricted incidents) can see this incident anywhere: lists, counts, maps, exports."
        ),
    )
    demo_key = models.CharField(max_length=40, blank=True, editable=False, db_index=True)

    class Meta:
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        ordering = ["-date", "-id"]
        # The desk's usual filters (type, controlling party, a period) answered from an index
        # alone, newest first, without visiting the wide incident rows.
        indexes = [
            models.Index(
                fields=["type", "controlling_party", "date", "id"], name="incident_type_party_date"
            ),
            models.Index(fields=["controlling_party", "date", "id"], name="incident_party_date"),
        ]
        permissions = [
            (
                "view_restricted_incident",
                _("Can see incidents restricted to groups they are not in"),
            ),
            ("publish_incident", _("Can publish and unpublish incidents")),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.type} {self.date or '?'} {self.place.pcode if self.place else ''}".strip()

    def as_record(self) -> dict:
        record = super().as_record()
        for measure in ("killed", "injured"):
            if getattr(self, f"{measure}_best") is not None:
                record[measure] = getattr(self, f"{measure}_best")
        return record

    def derive_control(self, layer=None) -> None:
        """Look the controlling party up in the area-of-control layer; never typed by hand."""
        from marsad.places.services import control_layer

        period = None
        if self.place is not None and self.date is not None:
            period = (layer or control_layer()).party_on(self.place.pcode, self.date)
        self.controlling_party = period.party if period else ""
        self.controlling_sub_label = period.sub_label if period else ""
        self._control_derived_for = (self.place_id, self.date)

    def save(self, *args, **kwargs):
        if getattr(self, "_control_derived_for", None) != (self.place_id, self.date):
            self.derive_control()
        self.search_text = self.compute_search_text()
        super().save(*args, **kwargs)


class IncidentReport(models.Model):
    """A reviewer's link between an incident and one of its accounts."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="links")
    report = models.ForeignKey(SourceReport, on_delete=models.PROTECT, related_name="links")
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    linked_at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("link to an account")
        verbose_name_plural = _("links to accounts")
        constraints = [models.UniqueConstraint(fields=["incident", "report"], name="link_once")]

    def __str__(self) -> str:
        return f"{self.incident} ← {self.report}"


class DataGeneration(models.Model):
    """One value, changed in the same transaction as every change to what the desk shows
    (see :mod:`marsad.records.generation`)."""

    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("data generation")
        verbose_name_plural = _("data generations")
