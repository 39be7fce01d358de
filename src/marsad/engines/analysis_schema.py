"""Whitelists of the analysis engine: the dimensions one may group or filter by and the measures
one may compute (pure, no Django).  SQL identifiers in :mod:`marsad.engines.analysis` come only
from these tables; user values are always bound parameters.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ATTRIBUTES",
    "DIMENSIONS",
    "MEASURES",
    "PERIODS",
    "PLACE_LEVELS",
    "AnalysisError",
    "Dimension",
    "Measure",
]


class AnalysisError(ValueError):
    """An unknown dimension, measure or filter, or a table the engine cannot analyse."""


@dataclass(frozen=True, slots=True)
class Dimension:
    """A column one can group by.  ``kind`` is ``attribute``, ``place``, ``period`` or ``source``."""

    name: str
    kind: str
    label_en: str
    label_ar: str


@dataclass(frozen=True, slots=True)
class Measure:
    """An aggregate.  ``column`` is the summed incident column (``None`` for the incident count);
    a rate (``per_100k``) divides ``base`` by the population of the finest place dimension."""

    name: str
    label_en: str
    label_ar: str
    column: str | None = None
    base: str | None = None

    @property
    def is_rate(self) -> bool:
        return self.base is not None


# Coarse to fine.
PLACE_LEVELS: tuple[str, ...] = ("governorate", "district", "subdistrict", "community")
PERIODS: tuple[str, ...] = ("day", "week", "month", "quarter", "half", "year")

_ATTRIBUTE_LABELS: dict[str, tuple[str, str]] = {
    "type": ("Incident type", "نوع الحادثة"),
    "method": ("Method", "طريقة الاستهداف"),
    "operation_type": ("Type of operation", "نوع العملية"),
    "target_status": ("Status of the target", "صفة المستهدف"),
    "target_gender": ("Gender of the target", "جنس المستهدف"),
    "perpetrator": ("Perpetrator", "الجهة المنفذة"),
    "perpetrator_type": ("Type of perpetrator", "نوع الجهة المنفذة"),
    "status": ("Review status", "حالة المراجعة"),
    "confidence": ("Confidence", "درجة الثقة"),
    "controlling_party": ("Party in control", "الجهة المسيطرة"),
    "controlling_sub_label": ("Area of control", "منطقة السيطرة"),
}
ATTRIBUTES: tuple[str, ...] = tuple(_ATTRIBUTE_LABELS)

_PLACE_LABELS = {
    "governorate": ("Governorate", "المحافظة"),
    "district": ("District", "المنطقة"),
    "subdistrict": ("Sub-district", "الناحية"),
    "community": ("Community", "التجمع السكاني"),
}
_PERIOD_LABELS = {
    "day": ("Day", "اليوم"),
    "week": ("Week (ISO)", "الأسبوع"),
    "month": ("Month", "الشهر"),
    "quarter": ("Quarter", "الربع"),
    "half": ("Half-year", "نصف السنة"),
    "year": ("Year", "السنة"),
}

DIMENSIONS: dict[str, Dimension] = {
    **{k: Dimension(k, "attribute", en, ar) for k, (en, ar) in _ATTRIBUTE_LABELS.items()},
    **{k: Dimension(k, "place", en, ar) for k, (en, ar) in _PLACE_LABELS.items()},
    **{k: Dimension(k, "period", en, ar) for k, (en, ar) in _PERIOD_LABELS.items()},
    "source_type": Dimension("source_type", "source", "Source type", "نوع المصدر"),
}

_SUMS: dict[str, tuple[str, str]] = {
    "reports": ("Reports", "التقارير"),
    "killed_low": ("Killed (low)", "القتلى (الحد الأدنى)"),
    "killed_best": ("Killed (best estimate)", "القتلى (التقدير الأرجح)"),
    "killed_high": ("Killed (high)", "القتلى (الحد الأعلى)"),
    "injured_low": ("Injured (low)", "الجرحى (الحد الأدنى)"),
    "injured_best": ("Injured (best estimate)", "الجرحى (التقدير الأرجح)"),
    "injured_high": ("Injured (high)", "الجرحى (الحد الأعلى)"),
    "killed_civilian": ("Civilians killed", "القتلى المدنيون"),
    "killed_military": ("Military killed", "القتلى العسكريون"),
    "killed_unknown": ("Killed, status unknown", "قتلى مجهولو الصفة"),
    "injured_civilian": ("Civilians injured", "الجرحى المدنيون"),
    "injured_military": ("Military injured", "الجرحى العسكريون"),
    "injured_unknown": ("Injured, status unknown", "جرحى مجهولو الصفة"),
    "number_targeted": ("Number targeted", "عدد المستهدفين"),
}

MEASURES: dict[str, Measure] = {
    "incidents": Measure("incidents", "Incidents", "الحوادث"),
    **{
        k: Measure(k, en, ar, column="report_count" if k == "reports" else k)
        for k, (en, ar) in _SUMS.items()
    },
    "killed_best_per_100k": Measure(
        "killed_best_per_100k",
        "Killed per 100,000 inhabitants",
        "القتلى لكل 100 ألف نسمة",
        base="killed_best",
    ),
    "incidents_per_100k": Measure(
        "incidents_per_100k",
        "Incidents per 100,000 inhabitants",
        "الحوادث لكل 100 ألف نسمة",
        base="incidents",
    ),
}
