from django.core.exceptions import ValidationError
from django.db import connection, models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from marsad.engines import control


class Place(models.Model):
    """A gazetteer entry: governorate, district, sub-district or community, keyed by P-code."""

    class Level(models.TextChoices):
        GOVERNORATE = "governorate", _("governorate")
        DISTRICT = "district", _("district")
        SUBDISTRICT = "subdistrict", _("sub-district")
        COMMUNITY = "community", _("community")

    pcode = models.CharField(_("P-code"), max_length=20, unique=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, db_index=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_ar = models.CharField(_("name (Arabic)"), max_length=200)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    aliases = models.JSONField(_("other spellings"), default=list, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["pcode"]

    def __str__(self) -> str:
        return f"{self.name} ({self.pcode})"

    @property
    def name(self) -> str:
        return self.name_ar if (get_language() or "").startswith("ar") else self.name_en

    def ancestors(self) -> list["Place"]:
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain


class ControlPeriod(models.Model):
    """Which party controlled a place (sub-district or finer) from ``start`` to ``end``."""

    PARTY_CHOICES = [(code, party.label_en) for code, party in control.PARTIES.items()]

    place = models.ForeignKey(
        Place,
        verbose_name=_("place"),
        on_delete=models.PROTECT,
        related_name="control_periods",
        limit_choices_to={"level__in": ["subdistrict", "community"]},
    )
    party = models.CharField(_("controlling party"), max_length=20, choices=PARTY_CHOICES)
    sub_label = models.CharField(_("sub-label"), max_length=30, blank=True)
    start = models.DateField(_("from"))
    end = models.DateField(_("to (inclusive)"), null=True, blank=True)
    source = models.TextField(_("source"))
    note = models.TextField(_("note"), blank=True)
    approximate = models.BooleanField(_("approximate"), default=True)

    class Meta:
        verbose_name = _("control period")
        verbose_name_plural = _("area of control")
        ordering = ["place__pcode", "start"]
        indexes = [models.Index(fields=["place", "start"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="control_period_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.place.pcode} {self.party} {self.start}–{self.end or '…'}"

    def as_period(self) -> control.ControlPeriod:
        return control.ControlPeriod(
            pcode=self.place.pcode,
            party=self.party,
            sub_label=self.sub_label,
            start=self.start,
            end=self.end,
            source=self.source,
            note=self.note,
            approximate=self.approximate,
        )

    def clean(self) -> None:
        if self.place_id is None or self.start is None:
            return
        others = ControlPeriod.objects.filter(place_id=self.place_id).exclude(pk=self.pk)
        problems = control.validate_periods(
            [self.as_period()], existing=[other.as_period() for other in others]
        )
        if problems:
            lang_ar = (get_language() or "").startswith("ar")
            raise ValidationError([p.message_ar if lang_ar else p.message_en for p in problems])


_CHAIN_COLUMNS = (
    "id",
    "pcode",
    "level",
    "name_en",
    "name_ar",
    "parent_id",
    "latitude",
    "longitude",
)


def _chain_query(count: int) -> str:
    """SQL for ``count`` places and every unit above them (one recursive query)."""
    table = Place._meta.db_table
    marks = ", ".join(["%s"] * count)
    return (
        f"WITH RECURSIVE chain(id) AS ("  # noqa: S608 (the marks are placeholders)
        f" SELECT id FROM {table} WHERE id IN ({marks})"
        f" UNION SELECT parent_id FROM {table} JOIN chain USING (id) WHERE parent_id IS NOT NULL"
        f") SELECT {', '.join(_CHAIN_COLUMNS)} FROM {table} WHERE id IN (SELECT id FROM chain)"
    )


def attach_places(records, field: str = "place") -> None:
    """Give each record its place with every unit above it, read in one query.

    A place's parents through ``select_related("place__parent__parent__parent")`` cost four
    joins in each query that reads records; PostgreSQL spent more time planning them than
    running the query.  Here one recursive query reads the places and their parents, and
    ``place.parent`` is set all the way up."""
    wanted = sorted({getattr(record, f"{field}_id") for record in records} - {None})
    if not wanted:
        return
    by_id = {place.pk: place for place in Place.objects.raw(_chain_query(len(wanted)), wanted)}
    for place in by_id.values():
        place.parent = by_id.get(place.parent_id)
    for record in records:
        setattr(record, field, by_id.get(getattr(record, f"{field}_id")))


def names_with_governorate(place_ids, ar: bool) -> dict[int, tuple[str, str, str]]:
    """``{place id: (name, pcode, the name of its governorate or "")}`` in one query, for
    lists that show many places (the governorate is empty for a governorate itself)."""
    wanted = sorted(set(place_ids) - {None})
    if not wanted:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(_chain_query(len(wanted)), wanted)
        units = {row[0]: dict(zip(_CHAIN_COLUMNS, row, strict=True)) for row in cursor.fetchall()}
    name = "name_ar" if ar else "name_en"
    found = {}
    for pk in wanted:
        place = top = units.get(pk)
        if place is None:
            continue
        while top["parent_id"] in units and top["level"] != Place.Level.GOVERNORATE:
            top = units[top["parent_id"]]
        found[pk] = (place[name], place["pcode"], top[name] if top is not place else "")
    return found
