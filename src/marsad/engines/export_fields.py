"""The documented columns of Marsad's exports (pure, no Django).

Two exports exist: ``reports`` (one row per source account; the column names are the canonical
import columns, so a reports export re-imports as is) and ``incidents`` (one row per incident as
reviewers concluded it). Each column is an :class:`ExportField` with a stable name, a kind, an
English and an Arabic label, an HXL hashtag, the choice list its codes come from, and whether it
may appear in a public release. ``docs/export.md`` lists them (a test keeps it in step).

>>> [f.name for f in fields_for("incidents")][:3]
['incident_id', 'type', 'date']
>>> field_map(REPORT_FIELDS)["governorate_pcode"].hxl
'#adm1+code'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from marsad.engines.control_model import PARTIES

if TYPE_CHECKING:
    from marsad.engines.codebook import Codebook

__all__ = [
    "INCIDENT_FIELDS",
    "KINDS",
    "NEVER_PUBLIC",
    "REPORT_FIELDS",
    "REVIEW_STATUSES",
    "SPECIAL_LISTS",
    "ExportField",
    "choice_items",
    "choice_label",
    "field_map",
    "fields_for",
    "markdown_table",
]

KINDS: Final = ("text", "int", "float", "date", "datetime", "code", "list")

# Choice lists that are not in the codebook's ``choice_lists``.
CONFIDENCE_LIST: Final = "confidence_grades"
CONTROL_LIST: Final = "control_party"
CONTROL_SUB_LIST: Final = "control_sub_label"
STATUS_LIST: Final = "review_status"
SPECIAL_LISTS: Final = (CONFIDENCE_LIST, CONTROL_LIST, CONTROL_SUB_LIST, STATUS_LIST)

# Review statuses of an incident (``marsad.records.models.Incident.Status``), in both languages.
REVIEW_STATUSES: Final[Mapping[str, tuple[str, str]]] = {
    "draft": ("Draft", "مسودة"),
    "submitted": ("Submitted", "مُرسَل"),
    "in_review": ("In review", "قيد المراجعة"),
    "verified": ("Verified", "متحقَّق منه"),
    "needs_information": ("Needs information", "بحاجة إلى معلومات"),
    "rejected": ("Rejected", "مرفوض"),
    "published": ("Published", "منشور"),
}

# Columns that never appear in a public release, whatever a field list says: who the source is,
# how to reach them, what they wrote and where from.
NEVER_PUBLIC: Final = frozenset(
    {
        "report_id",
        "source_name",
        "url",
        "observation_place",
        "received_at",
        "raw",
        "identity",
        "contact",
        "place",
        "place_text",
        "perpetrator_text",
    }
)


@dataclass(frozen=True)
class ExportField:
    """One export column.

    ``kind`` is one of :data:`KINDS`; ``choice_list`` names the list a ``code`` (or a ``list`` of
    codes) comes from: a codebook choice list, ``"incident_types"``, or one of
    :data:`SPECIAL_LISTS`. ``public`` says whether the column may appear in a public release.
    """

    name: str
    kind: str
    label_en: str
    label_ar: str
    hxl: str | None
    choice_list: str | None = None
    public: bool = True


Row = tuple[str, str, str, str, str, str | None, bool]


def _build(rows: Sequence[Row]) -> tuple[ExportField, ...]:
    return tuple(ExportField(*row) for row in rows)


# One row per column: name, kind, English label, Arabic label, HXL hashtag, choice list, public.
# fmt: off
_WHEN: Final[tuple[Row, ...]] = (
    ("type", "code", "Type of incident", "نوع الحادثة", "#event+type+code", "incident_types", True),
    ("date", "date", "Date of the incident", "تاريخ الحادثة", "#date", None, True),
    ("date_precision", "code", "Date precision", "دقة التاريخ", "#meta+precision+date+code", "date_precision", True),
    ("date_end", "date", "End date", "تاريخ النهاية", "#date+end", None, True),
)

_PLACE: Final[tuple[Row, ...]] = (
    ("pcode", "text", "Place P-code", "رمز المكان", "#loc+code", None, True),
    ("place_name_en", "text", "Place (English)", "المكان (بالإنجليزية)", "#loc+name+i_en", None, True),
    ("place_name_ar", "text", "Place (Arabic)", "المكان (بالعربية)", "#loc+name+i_ar", None, True),
    ("governorate_pcode", "text", "Governorate P-code", "رمز المحافظة", "#adm1+code", None, True),
    ("governorate_name_en", "text", "Governorate (English)", "المحافظة (بالإنجليزية)", "#adm1+name+i_en", None, True),
    ("governorate_name_ar", "text", "Governorate (Arabic)", "المحافظة (بالعربية)", "#adm1+name+i_ar", None, True),
    ("district_pcode", "text", "District P-code", "رمز المنطقة", "#adm2+code", None, True),
    ("district_name_en", "text", "District (English)", "المنطقة (بالإنجليزية)", "#adm2+name+i_en", None, True),
    ("district_name_ar", "text", "District (Arabic)", "المنطقة (بالعربية)", "#adm2+name+i_ar", None, True),
    ("subdistrict_pcode", "text", "Sub-district P-code", "رمز الناحية", "#adm3+code", None, True),
    ("subdistrict_name_en", "text", "Sub-district (English)", "الناحية (بالإنجليزية)", "#adm3+name+i_en", None, True),
    ("subdistrict_name_ar", "text", "Sub-district (Arabic)", "الناحية (بالعربية)", "#adm3+name+i_ar", None, True),
    ("latitude", "float", "Latitude", "خط العرض", "#geo+lat", None, True),
    ("longitude", "float", "Longitude", "خط الطول", "#geo+lon", None, True),
    ("place_precision", "code", "Location precision", "دقة المكان", "#meta+precision+loc+code", "place_precision", True),
)

_METHOD: Final[tuple[Row, ...]] = (
    ("method", "code", "Targeting method", "وسيلة الاستهداف", "#event+method+code", "method", True),
    ("operation_type", "code", "Type of operation", "نوع العملية", "#event+operation+code", "operation_type", True),
)
_TARGET: Final = ("target", "text", "Target", "الهدف", "#event+target", None)
_ACTOR: Final[tuple[Row, ...]] = (
    ("target_status", "code", "Status of the target", "صفة المستهدف", "#event+target+status+code", "target_status", True),
    ("perpetrator", "text", "Perpetrator", "الجهة المنفذة", "#group+name+perpetrator", None, True),
    ("perpetrator_type", "code", "Type of perpetrator", "نوع الجهة المنفذة", "#group+type+perpetrator+code", "perpetrator_type", True),
)

_BREAKDOWN: Final[tuple[Row, ...]] = (
    ("killed_civilian", "int", "Civilians killed", "القتلى المدنيون", "#affected+killed+civilian", None, True),
    ("killed_military", "int", "Military killed", "القتلى العسكريون", "#affected+killed+military", None, True),
    ("killed_unknown", "int", "Killed, status unknown", "قتلى مجهولو الصفة", "#affected+killed+unknown", None, True),
    ("injured_civilian", "int", "Civilians injured", "الجرحى المدنيون", "#affected+injured+civilian", None, True),
    ("injured_military", "int", "Military injured", "الجرحى العسكريون", "#affected+injured+military", None, True),
    ("injured_unknown", "int", "Injured, status unknown", "جرحى مجهولو الصفة", "#affected+injured+unknown", None, True),
    ("number_targeted", "int", "Number of people targeted", "عدد المستهدفين", "#affected+targeted", None, True),
    ("target_gender", "code", "Gender of the target", "جنس المستهدف", "#event+target+gender+code", "gender", True),
)

REPORT_FIELDS: Final[tuple[ExportField, ...]] = _build((
    ("report_id", "text", "Source's own id", "معرّف المصدر للرواية", "#meta+report+id", None, False),
    ("source_name", "text", "Source (public name)", "المصدر (الاسم المعلن)", "#meta+source", None, False),
    ("source_type", "code", "Source type", "نوع المصدر", "#meta+source+type+code", "source_type", False),
    ("received_at", "datetime", "Received", "تاريخ الاستلام", "#date+received", None, False),
    *_WHEN,
    ("place", "text", "Place as written", "المكان كما ورد", "#loc+reported", None, False),
    *_PLACE,
    *_METHOD,
    (*_TARGET, False),  # the source's own words about whom it targeted
    *_ACTOR,
    # The actor reviewers linked the account to, beside the words the source used (perpetrator).
    ("perpetrator_actor", "text", "Perpetrator (linked actor)", "الجهة المنفذة (الفاعل المرتبط)", "#group+name+perpetrator+linked", None, False),
    ("killed", "int", "Killed", "القتلى", "#affected+killed", None, True),
    ("injured", "int", "Injured", "الجرحى", "#affected+injured", None, True),
    *_BREAKDOWN,
    ("observation_place", "text", "Place of observation", "مكان الرصد", "#loc+observation", None, False),
    ("narrative_ar", "text", "Account (Arabic)", "الرواية (بالعربية)", "#description+i_ar", None, False),
    ("narrative_en", "text", "Account (English)", "الرواية (بالإنجليزية)", "#description+i_en", None, False),
    ("url", "text", "Source link", "رابط المصدر", "#meta+url", None, False),
    ("codebook_version", "text", "Codebook version", "إصدار دليل الترميز", "#meta+codebook+version", None, True),
    ("incident_ids", "list", "Incidents this account is linked to", "الحوادث المرتبطة بالرواية", "#event+id+list", None, False),
))

INCIDENT_FIELDS: Final[tuple[ExportField, ...]] = _build((
    ("incident_id", "text", "Incident id", "معرّف الحادثة", "#event+id", None, True),
    *_WHEN,
    *_PLACE,
    ("controlling_party", "code", "Party in control of the place", "الجهة المسيطرة على المكان", "#group+control+code", CONTROL_LIST, True),
    ("controlling_sub_label", "code", "Area of control (detail)", "منطقة السيطرة (تفصيل)", "#group+control+sub+code", CONTROL_SUB_LIST, True),
    *_METHOD,
    (*_TARGET, True),
    *_ACTOR,
    ("killed_low", "int", "Killed (low)", "القتلى (الحد الأدنى)", "#affected+killed+min", None, True),
    ("killed_best", "int", "Killed (best estimate)", "القتلى (التقدير الأرجح)", "#affected+killed+best", None, True),
    ("killed_high", "int", "Killed (high)", "القتلى (الحد الأعلى)", "#affected+killed+max", None, True),
    ("injured_low", "int", "Injured (low)", "الجرحى (الحد الأدنى)", "#affected+injured+min", None, True),
    ("injured_best", "int", "Injured (best estimate)", "الجرحى (التقدير الأرجح)", "#affected+injured+best", None, True),
    ("injured_high", "int", "Injured (high)", "الجرحى (الحد الأعلى)", "#affected+injured+max", None, True),
    *_BREAKDOWN,
    ("narrative_ar", "text", "Narrative (Arabic)", "الرواية (بالعربية)", "#description+i_ar", None, True),
    ("narrative_en", "text", "Narrative (English)", "الرواية (بالإنجليزية)", "#description+i_en", None, True),
    ("status", "code", "Review status", "حالة المراجعة", "#status+code", STATUS_LIST, True),
    ("confidence", "code", "Confidence", "درجة الثقة", "#indicator+confidence+code", CONFIDENCE_LIST, True),
    ("reconciliation_rule", "text", "Casualty reconciliation rule", "قاعدة التوفيق بين أعداد الضحايا", "#meta+reconciliation", None, True),
    ("report_ids", "list", "Accounts behind the incident", "الروايات التي تستند إليها الحادثة", "#meta+report+id+list", None, False),
    ("source_count", "int", "Number of accounts", "عدد الروايات", "#meta+source+num", None, True),
    ("source_types", "list", "Types of the sources", "أنواع المصادر", "#meta+source+type+code+list", "source_type", False),
))
# fmt: on

_BY_KIND: Final = {"reports": REPORT_FIELDS, "incidents": INCIDENT_FIELDS}


def fields_for(kind: str) -> tuple[ExportField, ...]:
    """The columns of the ``"reports"`` or ``"incidents"`` export; ValueError for anything else."""
    try:
        return _BY_KIND[kind]
    except KeyError:
        raise ValueError(f"unknown export {kind!r}; use one of {', '.join(_BY_KIND)}") from None


def field_map(fields: Sequence[ExportField]) -> dict[str, ExportField]:
    """Fields by name."""
    return {f.name: f for f in fields}


def _party_sub_labels() -> dict[str, tuple[str, str]]:
    return {code: labels for party in PARTIES.values() for code, labels in party.sub_labels.items()}


def choice_items(list_name: str, codebook: Codebook | None) -> list[tuple[str, str, str]]:
    """``(code, English label, Arabic label)`` for every choice of ``list_name``, in order.

    Codebook lists need ``codebook``; the special lists (:data:`SPECIAL_LISTS`) do not.
    """
    if list_name == CONTROL_LIST:
        return [(p.code, p.label_en, p.label_ar) for p in PARTIES.values()]
    if list_name == CONTROL_SUB_LIST:
        return [(code, en, ar) for code, (en, ar) in _party_sub_labels().items()]
    if list_name == STATUS_LIST:
        return [(code, en, ar) for code, (en, ar) in REVIEW_STATUSES.items()]
    if codebook is None:
        return []
    if list_name == CONFIDENCE_LIST:
        return [(g.code, g.label.en, g.label.ar) for g in codebook.confidence_grades]
    if list_name not in codebook.choice_lists:
        return []
    return [(i.code, i.label.en, i.label.ar) for i in codebook.choice_lists[list_name]]


def choice_label(list_name: str, code: str, lang: str, codebook: Codebook | None) -> str | None:
    """The ``lang`` (``"en"``/``"ar"``) label of ``code`` in ``list_name``; None when unknown."""
    for item_code, en, ar in choice_items(list_name, codebook):
        if item_code == code:
            return ar if lang == "ar" else en
    return None


def markdown_table(fields: Sequence[ExportField]) -> str:
    """The field list as the Markdown table ``docs/export.md`` shows."""
    lines = [
        "| name | type | meaning | المعنى | HXL | list | public |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for f in fields:
        public = "yes" if f.public and f.name not in NEVER_PUBLIC else "no"
        lines.append(
            f"| `{f.name}` | {f.kind} | {f.label_en} | {f.label_ar} | `{f.hxl}` "
            f"| {f.choice_list or ''} | {public} |"
        )
    return "\n".join(lines)
