"""Admin actions: download the selected (or filtered) rows of a list in any export format."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from marsad.transfer.views import download

LABELS = {
    "xlsx": _("Export selected to Excel (XLSX)"),
    "csv": _("Export selected to CSV"),
    "geojson": _("Export selected to GeoJSON"),
    "json": _("Export selected to JSON"),
}


def export_action(kind: str, fmt: str):
    @admin.action(description=LABELS[fmt])
    def action(modeladmin, request, queryset):
        return download(kind, fmt, name=f"marsad-{kind}", queryset=queryset)

    action.__name__ = f"export_{kind}_{fmt}"
    return action


def export_actions(kind: str) -> list:
    return [export_action(kind, fmt) for fmt in LABELS]
