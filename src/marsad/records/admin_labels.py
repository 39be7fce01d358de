"""Admin support for fields whose values are codebook codes: labelled drop-downs, columns and
filters in the reader's language, so nobody types or reads a raw code."""

from __future__ import annotations

from django import forms
from django.contrib import admin

from marsad.codebook import labels

# Model field -> codebook choice list.
CODED_FIELDS = {
    "type": "incident_types",
    "method": "method",
    "operation_type": "operation_type",
    "target_status": "target_status",
    "perpetrator_type": "perpetrator_type",
    "target_gender": "gender",
    "date_precision": "date_precision",
    "place_precision": "place_precision",
    "source_type": "source_type",
    "confidence": labels.CONFIDENCE,
}


class CodebookChoicesMixin:
    """Drop-downs with the active codebook's labels for coded fields."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        list_name = CODED_FIELDS.get(db_field.name)
        if list_name is None:
            return super().formfield_for_dbfield(db_field, request, **kwargs)
        return forms.ChoiceField(
            choices=[("", "---------"), *labels.choices(list_name)],
            required=not db_field.blank,
            label=db_field.verbose_name.capitalize(),
        )


def coded_filter(field_name: str, title) -> type[admin.SimpleListFilter]:
    list_name = CODED_FIELDS[field_name]

    class CodedFilter(admin.SimpleListFilter):
        parameter_name = field_name

        def lookups(self, request, model_admin):
            return labels.choices(list_name)

        def queryset(self, request, queryset):
            return queryset.filter(**{field_name: self.value()}) if self.value() else queryset

    CodedFilter.title = title
    return CodedFilter


def coded_column(field_name: str, description):
    list_name = CODED_FIELDS[field_name]

    @admin.display(description=description, ordering=field_name)
    def column(self, obj):
        return labels.label(list_name, getattr(obj, field_name))

    return column
