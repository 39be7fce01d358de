"""Labels of dimension values in the reader's language (codebook codes, parties, places, ...)."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext as _

from marsad.codebook import labels
from marsad.engines import control
from marsad.engines.analysis import DIMENSIONS
from marsad.records.models import Actor, Incident

# Dimension -> the codebook choice list that labels its codes.
CODEBOOK_LISTS = {
    "type": "incident_types",
    "method": "method",
    "operation_type": "operation_type",
    "target_status": "target_status",
    "target_gender": "gender",
    "perpetrator_type": "perpetrator_type",
    "confidence": labels.CONFIDENCE,
    "source_type": "source_type",
}


def unknown_label() -> str:
    return _("Unknown")


class ValueLabels:
    """Looks labels up lazily, one table per dimension, so a page pays only for what it shows."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._tables: dict[str, Mapping[str, str]] = {}

    def label(self, dimension: str, row: Mapping[str, object]) -> str:
        """The label of ``row[dimension]`` (a row of :func:`analyse`'s result)."""
        code = row.get(dimension)
        if code is None or code == "":
            return unknown_label()
        if DIMENSIONS[dimension].kind == "place":
            name = row.get(f"{dimension}_name_{self.lang}") or row.get(f"{dimension}_name_en")
            return str(name or code)
        if DIMENSIONS[dimension].kind == "period":
            return str(code)
        return self._table(dimension).get(str(code), str(code))

    def _table(self, dimension: str) -> Mapping[str, str]:
        if dimension not in self._tables:
            self._tables[dimension] = self._build(dimension)
        return self._tables[dimension]

    def _build(self, dimension: str) -> Mapping[str, str]:
        if dimension in CODEBOOK_LISTS:
            try:
                return dict(labels.choices(CODEBOOK_LISTS[dimension]))
            except KeyError:  # a codebook without this list: show the codes
                return {}
        if dimension == "status":
            return {code: str(name) for code, name in Incident.Status.choices}
        if dimension == "controlling_party":
            return {code: party.label(self.lang) for code, party in control.PARTIES.items()}
        if dimension == "controlling_sub_label":
            return {
                code: (ar if self.lang == "ar" else en)
                for party in control.PARTIES.values()
                for code, (en, ar) in party.sub_labels.items()
            }
        if dimension == "perpetrator":
            # The snapshot names perpetrators in English; the Arabic name is the actor's own.
            if self.lang != "ar":
                return {}
            return {en: ar or en for en, ar in Actor.objects.values_list("name_en", "name_ar")}
        return {}
