"""Messages of report-row problems, in English and Arabic (used by ``report_rows``).

``{column}`` is the original header; ``{value!r}`` the cell as given. Codes from the codebook's own
checks (``missing``, ``breakdown_exceeds_total``, ``invalid_url`` …) keep the codebook's messages.
"""

from __future__ import annotations

from typing import Any

MESSAGES: dict[str, tuple[str, str]] = {
    "missing_source_name": (
        "the source name is missing: give a source name column or --source-name",
        "اسم المصدر غير موجود: أضف عموداً لاسم المصدر أو استخدم ‎--source-name",
    ),
    "missing_source_type": (
        "the source type is missing: give a source type column or --source-type ({codes})",
        "نوع المصدر غير موجود: أضف عموداً لنوع المصدر أو استخدم ‎--source-type ‏({codes})",
    ),
    "unknown_choice": (
        "“{column}”: {value!r} is not an accepted value; use one of: {codes}",
        "«{column}»: ‏{value!r} ليست قيمة مقبولة؛ استخدم إحدى القيم: {labels}",
    ),
    "date": ("“{column}”: {reason}", "«{column}»: {reason}"),
    "precision_conflict": (
        "“{column}”: {value!r} does not fit the date {date!r}, which is a {parsed}",
        "«{column}»: ‏{value!r} لا تتفق مع التاريخ {date!r} ودقته {parsed}",
    ),
    "date_end_conflict": (
        "“{column}”: {value!r} does not match the end of the range in “{other}” ({end})",
        "«{column}»: ‏{value!r} لا يطابق نهاية الفترة في «{other}» ({end})",
    ),
    "not_integer": (
        "“{column}” must be a whole number (0, 1, 2 …), not {value!r}",
        "يجب أن يكون «{column}» عدداً صحيحاً (0، 1، 2 …)، وليس {value!r}",
    ),
    "negative": (
        "“{column}” cannot be negative ({value!r})",
        "لا يمكن أن يكون «{column}» سالباً ({value!r})",
    ),
    "not_a_number": (
        "“{column}” must be a number in decimal degrees (like 32.62), not {value!r}",
        "يجب أن يكون «{column}» رقماً بالدرجات العشرية (مثل 32.62)، وليس {value!r}",
    ),
    "outside_region": (
        "“{column}” ({value}) lies outside {region} ({low} to {high}){swap}",
        "«{column}» ({value}) يقع خارج {region_ar} (من {low} إلى {high}){swap_ar}",
    ),
    "unknown_pcode": (
        "“{column}”: {value!r} is not a P-code in the gazetteer",
        "«{column}»: ‏{value!r} ليس رمزاً مكانياً (P-code) في دليل الأماكن",
    ),
    "unknown_place": (
        "“{column}”: no place in the gazetteer matches {value!r} well enough{near}; "
        "give a P-code or a clearer name",
        "«{column}»: لا يوجد مكان في دليل الأماكن يطابق {value!r} بما يكفي{near_ar}؛ "
        "أدخل رمزاً مكانياً (P-code) أو اسماً أوضح",
    ),
    "ambiguous_place": (
        "“{column}”: {value!r} could be {count} places{near}; add the governorate "
        "(“{value}, Daraa”) or give a P-code",
        "«{column}»: ‏{value!r} قد يكون أحد {count} أماكن{near_ar}؛ أضف المحافظة "
        "(«{value}، درعا») أو أدخل رمزاً مكانياً (P-code)",
    ),
    "point_unresolved": (
        "the coordinates ({lat}, {lon}) are not inside any Syrian sub-district",
        "الإحداثيات ({lat}، {lon}) لا تقع ضمن أي ناحية سورية",
    ),
    "missing_place": (
        "the place is missing: give a place name, a P-code or latitude and longitude",
        "المكان غير موجود: أدخل اسم المكان أو رمزه (P-code) أو خطي العرض والطول",
    ),
    "point_needs_coordinates": (
        "“{column}” is {value!r} but the row has no latitude and longitude",
        "«{column}» هو {value!r} لكن السطر لا يحتوي على خطي العرض والطول",
    ),
    "place_precision_conflict": (
        "“{column}” is {value!r}, finer than the place found ({place}, a {level})",
        "«{column}» هو {value!r}، وهذا أدق من المكان المحدد ({place}، {level_ar})",
    ),
}

SHOWN = 80  # messages quote at most this much of a cell (RowProblem.value keeps all of it)

LEVEL_AR = {
    "governorate": "محافظة",
    "district": "منطقة",
    "subdistrict": "ناحية",
    "community": "تجمع سكاني",
    "point": "نقطة",
}


class _Defaulting(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""


def render(code: str, **params: Any) -> tuple[str, str]:
    """The English and Arabic message for ``code`` (a missing placeholder renders empty)."""
    en, ar = MESSAGES[code]
    value = params.get("value")
    if isinstance(value, str) and len(value) > SHOWN:
        params["value"] = value[: SHOWN - 1] + "…"
    values = _Defaulting(params)
    return en.format_map(values), ar.format_map(values)
