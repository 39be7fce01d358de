"""Labels of coded values in the reader's language, looked up once per request."""

from __future__ import annotations

import datetime
import functools

from django.utils.formats import date_format

from marsad.codebook import labels as codebook_labels
from marsad.codebook.services import active_codebook
from marsad.engines import control
from marsad.engines.security_report.language import LEVANTINE_MONTHS
from marsad.records.models import Incident

# Codebook choice lists the desk shows, by the record field that stores their codes.
CHOICE_LISTS = {
    "method": "method",
    "target_status": "target_status",
    "perpetrator_type": "perpetrator_type",
    "source_type": "source_type",
    "date_precision": "date_precision",
    "place_precision": "place_precision",
}


class Labels:
    """``labels.of("method", "ied")`` → "IED" or "عبوة ناسفة"; an unknown code as stored."""

    def __init__(self) -> None:
        self.lang = codebook_labels.current_lang()

    @functools.cached_property
    def _lists(self) -> dict[str, dict[str, str]]:
        book = active_codebook()
        lists = {
            field: dict(codebook_labels.choices(name))
            for field, name in CHOICE_LISTS.items()
            if name in book.choice_lists
        }
        lists["type"] = {code: kind.label[self.lang] for code, kind in book.incident_types.items()}
        lists["confidence"] = dict(codebook_labels.choices(codebook_labels.CONFIDENCE))
        lists["status"] = {code: str(label) for code, label in Incident.Status.choices}
        return lists

    def choices(self, field: str) -> list[tuple[str, str]]:
        return list(self._lists.get(field, {}).items())

    def of(self, field: str, code: str) -> str:
        if not code:
            return ""
        return self._lists.get(field, {}).get(code, code)

    def party(self, party: str, sub_label: str = "") -> str:
        return control.party_label(party, sub_label, self.lang) if party else ""

    def party_choices(self) -> list[tuple[str, str]]:
        """Each party, then each of its sub-labels as ``party:sub`` (e.g. one opposition area)."""
        choices = []
        for code, party in control.PARTIES.items():
            main = party.label(self.lang)
            choices.append((code, main))
            for sub in party.sub_labels:
                label = control.party_label(code, sub, self.lang)
                if label != main:  # the AA's one sub-label is already in its name
                    choices.append((f"{code}:{sub}", label))
        return choices

    def month(self, day: datetime.date) -> str:
        """ "June 2020" or "حزيران 2020"."""
        if self.lang == "ar":
            return f"{LEVANTINE_MONTHS[day.month - 1]} {day.year}"
        return date_format(day, "F Y")
