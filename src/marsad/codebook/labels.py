"""Codebook labels in the reader's language, for pages, forms and filters."""

from __future__ import annotations

from django.utils.translation import get_language

from marsad.codebook.services import active_codebook
from marsad.engines import control

CONFIDENCE = "confidence_grades"


def current_lang() -> str:
    return "ar" if (get_language() or "").startswith("ar") else "en"


def choices(list_name: str) -> list[tuple[str, str]]:
    """(code, label) pairs of a choice list of the active codebook, in the current language."""
    book, lang = active_codebook(), current_lang()
    if list_name == CONFIDENCE:
        return [(grade.code, grade.label[lang]) for grade in book.confidence_grades]
    return [(item.code, item.label[lang]) for item in book.choice_lists[list_name]]


def label(list_name: str, code: str) -> str:
    """The label of a stored code; the code itself when this codebook no longer has it."""
    if not code:
        return ""
    return dict(choices(list_name)).get(code, code)


def party_label(party: str, sub_label: str = "") -> str:
    if not party:
        return ""
    return control.party_label(party, sub_label, current_lang())
