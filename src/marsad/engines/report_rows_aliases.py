"""The canonical columns of a report import and the header spellings each one accepts.

``marsad.engines.report_rows`` re-exports ``CANONICAL_COLUMNS`` and ``HEADER_ALIASES``; import
from there. ``docs/import.md`` lists them for users; a test keeps the two in step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.engines.arabic import normalise_arabic

CANONICAL_COLUMNS: tuple[str, ...] = (
    "report_id",
    "source_type",
    "source_name",
    "received_at",
    "date",
    "date_precision",
    "date_end",
    "type",
    "method",
    "operation_type",
    "place",
    "pcode",
    "latitude",
    "longitude",
    "place_precision",
    "target",
    "target_status",
    "perpetrator",
    "perpetrator_type",
    "killed",
    "injured",
    "killed_civilian",
    "killed_military",
    "killed_unknown",
    "injured_civilian",
    "injured_military",
    "injured_unknown",
    "number_targeted",
    "target_gender",
    "observation_place",
    "narrative",
    "narrative_ar",
    "narrative_en",
    "url",
)

# canonical -> spellings in English and Arabic (the canonical name itself always matches).
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "report_id": (
        "report_id", "report id", "id", "record id", "reference", "ref", "رقم التقرير",
        "معرف التقرير", "الرقم المرجعي", "رقم السجل", "المعرف",
    ),
    "source_type": ("source_type", "source type", "type of source", "نوع المصدر"),
    "source_name": ("source_name", "source name", "source", "المصدر", "اسم المصدر"),
    "received_at": (
        "received_at", "received at", "received", "date received", "reported at",
        "تاريخ الاستلام", "تاريخ الورود", "وقت الاستلام",
    ),
    "date": (
        "date", "incident date", "date of incident", "event date", "التاريخ", "تاريخ الحادثة",
        "تاريخ الحادث", "تاريخ الواقعة", "تاريخ الحدث",
    ),
    "date_precision": ("date_precision", "date precision", "دقة التاريخ"),
    "date_end": (
        "date_end", "end date", "date end", "to date", "تاريخ النهاية", "تاريخ الانتهاء",
        "إلى تاريخ",
    ),
    "type": (
        "type", "incident type", "type of incident", "event type", "النوع", "نوع الحادثة",
        "نوع الحادث", "نوع الحدث",
    ),
    "method": (
        "method", "targeting method", "weapon", "means", "الوسيلة", "الأسلوب", "وسيلة الاستهداف",
        "طريقة الاستهداف", "أداة الاستهداف",
    ),
    "operation_type": ("operation_type", "operation type", "type of operation", "نوع العملية"),
    "place": (
        "place", "location", "locality", "place name", "town", "village", "المكان", "الموقع",
        "مكان الحادثة", "البلدة", "القرية", "المدينة", "المنطقة",
    ),
    "pcode": (
        "pcode", "p-code", "p code", "place code", "location code", "admin code", "الرمز",
        "رمز المكان", "الرمز المكاني",
    ),
    "latitude": ("latitude", "lat", "y", "خط العرض", "دائرة العرض"),
    "longitude": ("longitude", "lon", "lng", "long", "x", "خط الطول"),
    "place_precision": (
        "place_precision", "place precision", "location precision", "geo precision",
        "دقة المكان", "دقة الموقع",
    ),
    "target": ("target", "victim", "الهدف", "المستهدف", "الضحية"),
    "target_status": (
        "target_status", "target status", "status of the target", "victim status",
        "صفة المستهدف", "صفة الهدف", "حالة المستهدف",
    ),
    "perpetrator": (
        "perpetrator", "actor", "perpetrator name", "responsible party", "الجهة المنفذة",
        "الفاعل", "المنفذ", "الجهة الفاعلة", "الجهة المسؤولة",
    ),
    "perpetrator_type": (
        "perpetrator_type", "perpetrator type", "actor type", "type of perpetrator",
        "نوع الجهة المنفذة", "نوع الفاعل",
    ),
    "killed": ("killed", "deaths", "fatalities", "dead", "القتلى", "عدد القتلى"),
    "injured": (
        "injured", "wounded", "injuries", "الجرحى", "عدد الجرحى", "المصابون", "عدد المصابين",
    ),
    "killed_civilian": (
        "killed_civilian", "civilians killed", "killed civilians", "civilian deaths",
        "القتلى المدنيون", "القتلى المدنيين", "قتلى مدنيون",
    ),
    "killed_military": (
        "killed_military", "military killed", "killed military", "military deaths",
        "القتلى العسكريون", "القتلى العسكريين", "قتلى عسكريون",
    ),
    "killed_unknown": (
        "killed_unknown", "killed unknown", "killed status unknown", "قتلى مجهولو الصفة",
        "قتلى مجهولي الصفة",
    ),
    "injured_civilian": (
        "injured_civilian", "civilians injured", "injured civilians", "الجرحى المدنيون",
        "الجرحى المدنيين", "جرحى مدنيون",
    ),
    "injured_military": (
        "injured_military", "military injured", "injured military", "الجرحى العسكريون",
        "الجرحى العسكريين", "جرحى عسكريون",
    ),
    "injured_unknown": (
        "injured_unknown", "injured unknown", "injured status unknown", "جرحى مجهولو الصفة",
        "جرحى مجهولي الصفة",
    ),
    "number_targeted": (
        "number_targeted", "number targeted", "number of people targeted", "number of targets",
        "عدد المستهدفين", "عدد المعتقلين", "عدد المختطفين",
    ),
    "target_gender": (
        "target_gender", "target gender", "gender", "sex", "gender of the target", "الجنس",
        "جنس المستهدف",
    ),
    "observation_place": (
        "observation_place", "observation place", "place of observation", "observation point",
        "مكان الرصد", "نقطة الرصد",
    ),
    "narrative": (
        "narrative", "description", "details", "summary", "account", "text", "الرواية",
        "الوصف", "التفاصيل", "الملخص", "النص", "السرد",
    ),
    "narrative_ar": (
        "narrative_ar", "narrative (arabic)", "arabic narrative", "description ar",
        "الرواية بالعربية", "الوصف بالعربية",
    ),
    "narrative_en": (
        "narrative_en", "narrative (english)", "english narrative", "description en",
        "الرواية بالإنجليزية", "الرواية بالانكليزية", "الوصف بالإنجليزية",
    ),
    "url": ("url", "link", "source link", "source url", "الرابط", "رابط المصدر"),
}  # fmt: skip

_NOT_WORD = re.compile(r"[\W_]+")


def header_key(text: str) -> str:
    """How headers are compared: :func:`normalise_arabic`, case folded, without spaces,
    underscores or punctuation ("Incident_Date", "incident date" and "INCIDENT-DATE" are equal)."""
    return _NOT_WORD.sub("", normalise_arabic(text))


def alias_keys() -> dict[str, str]:
    """header key -> canonical column, from ``HEADER_ALIASES`` (first spelling wins)."""
    keys: dict[str, str] = {}
    for canonical in CANONICAL_COLUMNS:
        for spelling in (canonical, *HEADER_ALIASES[canonical]):
            keys.setdefault(header_key(spelling), canonical)
    return keys


class MappingError(ValueError):
    """A column mapping that cannot be used; ``str()`` gives English, then `` / `` Arabic."""

    def __init__(self, message_en: str, message_ar: str) -> None:
        super().__init__(f"{message_en} / {message_ar}")
        self.message_en = message_en
        self.message_ar = message_ar


@dataclass(frozen=True)
class ColumnMapping:
    """Original header -> canonical column; ``unknown`` headers are kept in the raw record."""

    to_canonical: dict[str, str]
    unknown: list[str]
