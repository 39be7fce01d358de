from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from marsad.codebook import labels
from marsad.engines import control
from marsad.records.admin_labels import CodebookChoicesMixin, coded_column, coded_filter
from marsad.records.models import Actor, Incident, IncidentReport, Source, SourceReport
from marsad.records.visibility import visible_incidents, visible_reports
from marsad.transfer.admin_actions import export_actions


def may_see_identities(user) -> bool:
    return user.has_perm("records.view_source_identity")


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_ar", "actor_type", "parent"]
    list_filter = ["actor_type"]
    search_fields = ["name_en", "name_ar", "aliases"]
    autocomplete_fields = ["parent"]


@admin.register(Source)
class SourceAdmin(CodebookChoicesMixin, admin.ModelAdmin):
    list_display = ["name", "source_type_label", "language", "created_at"]
    list_filter = [coded_filter("source_type", _("source type")), "language"]
    source_type_label = coded_column("source_type", _("source type"))
    search_fields = ["name"]

    def get_fields(self, request, obj=None):
        fields = ["name", "source_type", "language"]
        if may_see_identities(request.user):
            fields += list(Source.sensitive_fields())
        return fields

    def get_search_fields(self, request):
        # Searching by identity would reveal it through which rows match.
        if may_see_identities(request.user):
            return ["name", *Source.sensitive_fields()]
        return ["name"]


class PartyFilter(admin.SimpleListFilter):
    title = _("controlling party")
    parameter_name = "controlling_party"

    def lookups(self, request, model_admin):
        lang = labels.current_lang()
        return [(code, party.label(lang)) for code, party in control.PARTIES.items()]

    def queryset(self, request, queryset):
        return queryset.filter(controlling_party=self.value()) if self.value() else queryset


class LinkInline(admin.TabularInline):
    model = IncidentReport
    extra = 0
    autocomplete_fields = ["report"]
    readonly_fields = ["linked_by", "linked_at"]


CLAIM_FIELDSETS = [
    (_("When"), {"fields": ["type", "date", "date_precision", "date_end"]}),
    (_("Where"), {"fields": ["place", "place_precision", "latitude", "longitude"]}),
    (
        _("What"),
        {
            "fields": [
                "method",
                "operation_type",
                "target",
                "target_status",
                "perpetrator",
                "perpetrator_type",
                "number_targeted",
                "target_gender",
                "observation_place",
            ]
        },
    ),
    (_("Narrative"), {"fields": ["narrative_ar", "narrative_en"]}),
]
BREAKDOWN = [
    "killed_civilian",
    "killed_military",
    "killed_unknown",
    "injured_civilian",
    "injured_military",
    "injured_unknown",
]


@admin.register(SourceReport)
class SourceReportAdmin(CodebookChoicesMixin, admin.ModelAdmin):
    list_display = ["id", "report_id", "source", "type_label", "date", "place", "killed", "injured"]

    def get_queryset(self, request):
        return visible_reports(request.user, super().get_queryset(request))

    list_filter = [
        coded_filter("type", _("incident type")),
        coded_filter("date_precision", _("date precision")),
    ]
    actions = export_actions("reports")
    type_label = coded_column("type", _("incident type"))
    search_fields = ["report_id", "place_text", "narrative_ar", "narrative_en"]
    date_hierarchy = "date"
    autocomplete_fields = ["place", "perpetrator", "source"]
    readonly_fields = [
        "codebook_version",
        "content_hash",
        "raw",
        "created_by",
        "created_at",
        "updated_at",
    ]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (
            _("Account"),
            {"fields": ["source", "report_id", "received_at", "url", "codebook_version"]},
        ),
        *CLAIM_FIELDSETS,
        (_("As written"), {"fields": ["place_text", "perpetrator_text"]}),
        (
            _("Casualties"),
            {
                "fields": [
                    "killed",
                    "injured",
                    *BREAKDOWN,
                    "killed_male",
                    "killed_female",
                    "injured_male",
                    "injured_female",
                ]
            },
        ),
        (
            _("Record"),
            {"fields": ["content_hash", "raw", "created_by", "created_at", "updated_at"]},
        ),
    ]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Incident)
class IncidentAdmin(CodebookChoicesMixin, admin.ModelAdmin):
    list_display = [
        "id",
        "type_label",
        "date",
        "place",
        "party",
        "killed_best",
        "status",
        "confidence_label",
    ]
    list_filter = [
        "status",
        coded_filter("type", _("incident type")),
        PartyFilter,
        coded_filter("confidence", _("confidence")),
    ]
    type_label = coded_column("type", _("incident type"))
    actions = export_actions("incidents")
    confidence_label = coded_column("confidence", _("confidence"))

    @admin.display(description=_("controlling party"), ordering="controlling_party")
    def party(self, obj):
        return labels.party_label(obj.controlling_party, obj.controlling_sub_label)

    search_fields = ["narrative_ar", "narrative_en", "target"]
    date_hierarchy = "date"
    autocomplete_fields = ["place", "perpetrator"]
    readonly_fields = [
        "codebook_version",
        "controlling_party",
        "controlling_sub_label",
        "created_at",
        "updated_at",
    ]
    inlines = [LinkInline]
    filter_horizontal = ["restricted_to"]

    def get_queryset(self, request):
        return visible_incidents(request.user, super().get_queryset(request))

    def save_formset(self, request, form, formset, change):
        for link in formset.save(commit=False):
            if link.linked_by_id is None:
                link.linked_by = request.user
            link.save()
        for link in formset.deleted_objects:
            link.delete()

    fieldsets = [
        (_("Review"), {"fields": ["status", "confidence", "codebook_version", "restricted_to"]}),
        *CLAIM_FIELDSETS,
        (
            _("Area of control (derived)"),
            {"fields": ["controlling_party", "controlling_sub_label"]},
        ),
        (
            _("Casualties"),
            {
                "fields": [
                    *Incident.FIGURES,
                    *BREAKDOWN,
                    "reconciliation_rule",
                ]
            },
        ),
    ]


@admin.register(IncidentReport)
class IncidentReportAdmin(admin.ModelAdmin):
    list_display = ["incident", "report", "linked_by", "linked_at"]
    autocomplete_fields = ["incident", "report"]

    def get_queryset(self, request):
        visible = visible_incidents(request.user).values("pk")
        return super().get_queryset(request).filter(incident__in=visible)
