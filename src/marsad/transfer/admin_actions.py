"""Admin actions: download the selected (or filtered) rows of a list in any export format."""

from __future__ import annotations

import tempfile

from django.contrib import admin
from django.http import FileResponse
from django.utils.translation import gettext_lazy as _

from marsad.transfer.exporting import export
from marsad.transfer.views import CONTENT_TYPES, EXTENSIONS

LABELS = {
    "xlsx": _("Export selected to Excel (XLSX)"),
    "csv": _("Export selected to CSV"),
    "geojson": _("Export selected to GeoJSON"),
    "json": _("Export selected to JSON"),
}


def export_action(kind: str, fmt: str):
    @admin.action(description=LABELS[fmt])
    def action(modeladmin, request, queryset):
        out = tempfile.TemporaryFile()  # noqa: SIM115 - the response closes it
        export(kind, fmt, out, queryset=queryset)
        out.seek(0)
        return FileResponse(
            out,
            as_attachment=True,
            filename=f"marsad-{kind}.{EXTENSIONS[fmt]}",
            content_type=CONTENT_TYPES[fmt],
        )

    action.__name__ = f"export_{kind}_{fmt}"
    return action


def export_actions(kind: str) -> list:
    return [export_action(kind, fmt) for fmt in LABELS]
