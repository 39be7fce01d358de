"""Problems found in a codebook or in a record, with messages in English and Arabic.

Every check in :mod:`marsad.engines.codebook` reports a :class:`Problem` instead of raising at the
first error, so a user fixing a codebook or a spreadsheet sees everything that is wrong at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a codebook or a record.

    ``field`` is a dotted path into the codebook (``choice_lists.method[3].label.ar``), a record
    field name (``date_end``), or empty for the file as a whole (a YAML syntax error, whose
    ``value`` is ``{"line": .., "column": ..}``, both 1-based). ``row`` is the import row a record
    came from, when the caller gave one. ``severity`` is ``"warning"`` for problems that do not
    stop a record being saved (a point outside Syria's bounding box).
    """

    field: str
    code: str
    message_en: str
    message_ar: str
    value: object = None
    row: int | None = None
    severity: Severity = "error"

    def message(self, lang: str = "en") -> str:
        """The message in ``lang`` (``"ar"`` or ``"en"``)."""
        return self.message_ar if lang == "ar" else self.message_en

    def __str__(self) -> str:
        text = self.message_en
        if self.field and not text.startswith(self.field):
            text = f"{self.field}: {text}"
        return text if self.row is None else f"row {self.row}: {text}"


class CodebookError(Exception):
    """A codebook that cannot be used; ``problems`` lists everything found wrong with it."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        lines = [str(p) for p in self.problems]
        super().__init__(
            f"{len(lines)} problem(s) in the codebook:\n" + "\n".join(f"- {x}" for x in lines)
        )


# code -> (English template, Arabic template). ``{where}`` is a codebook path or a field label in
# the message's language; other placeholders are filled from the keyword arguments of ``problem``.
MESSAGES: dict[str, tuple[str, str]] = {
    # codebook schema
    "bad_yaml": (
        "the file is not valid YAML at line {line}, column {column}: {reason}",
        "الملف ليس بصيغة YAML صحيحة في السطر {line}، العمود {column}: {reason}",
    ),
    "bad_json": (
        "the file is not valid JSON at line {line}, column {column}: {reason}",
        "الملف ليس بصيغة JSON صحيحة في السطر {line}، العمود {column}: {reason}",
    ),
    "unreadable": (
        "the file cannot be read: {reason}",
        "تعذّرت قراءة الملف: {reason}",
    ),
    "not_a_mapping": (
        "{where} must be a mapping of names to values",
        "يجب أن يكون {where} جدولاً من الأسماء والقيم",
    ),
    "not_a_list": (
        "{where} must be a list",
        "يجب أن يكون {where} قائمة",
    ),
    "empty": (
        "{where} must not be empty",
        "يجب ألا يكون {where} فارغاً",
    ),
    "missing": (
        "{where} is missing",
        "{where} غير موجود",
    ),
    "wrong_type": (
        "{where} must be {expected}",
        "يجب أن يكون {where} {expected}",
    ),
    "unknown_key": (
        "{where} is not a setting the codebook knows",
        "{where} ليس إعداداً معروفاً في دليل الترميز",
    ),
    "unknown_language": (
        "{where} is in a language the codebook does not declare in `languages`",
        "{where} بلغة غير مذكورة في `languages` في دليل الترميز",
    ),
    "missing_language": (
        "`languages` must include {language}",
        "يجب أن تتضمن `languages` اللغة {language}",
    ),
    "invalid_code": (
        "{where}: {value!r} is not a valid code (lower-case letters, digits and _, "
        "starting with a letter)",
        "{where}: ‏{value!r} ليس رمزاً صالحاً (أحرف لاتينية صغيرة وأرقام و _ ويبدأ بحرف)",
    ),
    "duplicate_code": (
        "{where}: the code {value!r} is used more than once in {scope}",
        "{where}: الرمز {value!r} مستخدم أكثر من مرة في {scope}",
    ),
    "duplicate_key": (
        "{where}: the key {value!r} appears twice (line {line})",
        "{where}: المفتاح {value!r} مكرر (السطر {line})",
    ),
    "ambiguous_alias": (
        "{where}: {value!r} would match both {first!r} and {second!r}",
        "{where}: ‏{value!r} يطابق كلاً من {first!r} و{second!r}",
    ),
    "unknown_list": (
        "{where} refers to the choice list {value!r}, which does not exist",
        "{where} يشير إلى قائمة الخيارات {value!r} وهي غير موجودة",
    ),
    "unknown_field": (
        "{where} refers to the field {value!r}, which does not exist",
        "{where} يشير إلى الحقل {value!r} وهو غير موجود",
    ),
    "field_not_in_form": (
        "{where} refers to the field {value!r}, which is not in this form",
        "{where} يشير إلى الحقل {value!r} وهو غير موجود في هذه الاستمارة",
    ),
    "duplicate_field": (
        "{where}: the field {value!r} appears more than once in this form",
        "{where}: الحقل {value!r} مذكور أكثر من مرة في هذه الاستمارة",
    ),
    "unknown_form": (
        "{where} refers to the form {value!r}, which does not exist",
        "{where} يشير إلى الاستمارة {value!r} وهي غير موجودة",
    ),
    "unknown_family": (
        "{where} refers to the family {value!r}, which does not exist",
        "{where} يشير إلى الفئة {value!r} وهي غير موجودة",
    ),
    "unknown_kind": (
        "{where}: {value!r} is not a field kind (one of {kinds})",
        "{where}: ‏{value!r} ليس نوع حقل معروفاً (الأنواع: {kinds})",
    ),
    "not_applicable": (
        "{where} does not apply to a field of kind {kind!r}",
        "{where} لا ينطبق على حقل من نوع {kind!r}",
    ),
    "wrong_kind": (
        "{where} refers to the field {value!r}, which must be of kind {kind!r}",
        "{where} يشير إلى الحقل {value!r} ويجب أن يكون من نوع {kind!r}",
    ),
    "min_above_max": (
        "{where}: min ({min}) is greater than max ({max})",
        "{where}: الحد الأدنى ({min}) أكبر من الحد الأعلى ({max})",
    ),
    "derived_required": (
        "{where}: a derived field is filled by the system and cannot be required",
        "{where}: الحقل المشتق يملؤه النظام ولا يمكن أن يكون إلزامياً",
    ),
    # records
    "unknown_incident_type": (
        "{where}: {value!r} is not an incident type in codebook {version}",
        "«{where}»: ‏{value!r} ليس نوع حادثة في دليل الترميز {version}",
    ),
    "type_mismatch": (
        "{where} is {value!r} but the record is validated as {expected!r}",
        "«{where}» هو {value!r} لكن السجل يُتحقق منه على أنه {expected!r}",
    ),
    "required": (
        "{where} is required",
        "الحقل «{where}» إلزامي",
    ),
    "required_if": (
        "{where} is required when {other} is {condition}",
        "الحقل «{where}» إلزامي عندما يكون «{other}» {condition}",
    ),
    "unknown_choice": (
        "{where}: {value!r} is not one of the codes in the list {list} ({codes})",
        "«{where}»: ‏{value!r} ليس من رموز القائمة {list} ({codes})",
    ),
    "not_integer": (
        "{where} must be a whole number, not {value!r}",
        "يجب أن يكون «{where}» عدداً صحيحاً، وليس {value!r}",
    ),
    "negative": (
        "{where} cannot be negative ({value!r})",
        "لا يمكن أن يكون «{where}» سالباً ({value!r})",
    ),
    "not_a_number": (
        "{where} must be a number, not {value!r}",
        "يجب أن يكون «{where}» رقماً، وليس {value!r}",
    ),
    "below_min": (
        "{where} must be at least {min} (got {value!r})",
        "يجب ألا يقل «{where}» عن {min} (القيمة {value!r})",
    ),
    "above_max": (
        "{where} must be at most {max} (got {value!r})",
        "يجب ألا يزيد «{where}» على {max} (القيمة {value!r})",
    ),
    "invalid_date": (
        "{where} must be a date written YYYY-MM-DD, not {value!r}",
        "يجب أن يكون «{where}» تاريخاً بالصيغة YYYY-MM-DD، وليس {value!r}",
    ),
    "date_order": (
        "{where} ({value}) is before {other} ({other_value})",
        "«{where}» ({value}) يسبق «{other}» ({other_value})",
    ),
    "out_of_range": (
        "{where} must lie between {min} and {max} (got {value!r})",
        "يجب أن يقع «{where}» بين {min} و{max} (القيمة {value!r})",
    ),
    "outside_syria": (
        "{where} ({value}) lies outside {region}: check the coordinates",
        "«{where}» ({value}) يقع خارج {region}: تحقق من الإحداثيات",
    ),
    "incomplete_coordinates": (
        "{where} is given without {other}",
        "أُدخل «{where}» دون «{other}»",
    ),
    "breakdown_exceeds_total": (
        "{where} ({value}) is less than the sum of its breakdown {parts} ({total})",
        "«{where}» ({value}) أقل من مجموع تفصيله {parts} ({total})",
    ),
    "invalid_url": (
        "{where} must be a web address starting with http:// or https://, not {value!r}",
        "يجب أن يكون «{where}» عنوان ويب يبدأ بـ http:// أو https://، وليس {value!r}",
    ),
    "invalid_value": (
        "{where} must be {expected}, not {value!r}",
        "يجب أن يكون «{where}» {expected}، وليس {value!r}",
    ),
}


class Bilingual:
    """A placeholder value that differs by language (a field label, a path, a list of labels)."""

    __slots__ = ("ar", "en")

    def __init__(self, en: str, ar: str | None = None) -> None:
        self.en = en
        self.ar = en if ar is None else ar


def problem(
    field: str,
    code: str,
    *,
    where: str | Bilingual | None = None,
    value: object = None,
    row: int | None = None,
    severity: Severity = "error",
    template: str | None = None,
    **params: object,
) -> Problem:
    """Build a :class:`Problem` from the message catalogue.

    ``where`` names the place in each language (a codebook path, or a field's label); it defaults
    to ``field``. Placeholder values that are :class:`Bilingual` are rendered per language.
    ``template`` picks a message other than the code's own (a record's missing field says "is
    required" where a codebook's says "is missing").
    """
    en_template, ar_template = MESSAGES[template or code]
    place = where if where is not None else field or "(top level)"
    messages = []
    for lang, template in (("en", en_template), ("ar", ar_template)):
        values: dict[str, object] = {"value": value}
        for key, item in {"where": place, **params}.items():
            values[key] = getattr(item, lang) if isinstance(item, Bilingual) else item
        messages.append(template.format_map(_Defaulting(values)))
    return Problem(field, code, messages[0], messages[1], value, row, severity)


class _Defaulting(dict[str, object]):
    """Format mapping: a placeholder with no value renders as empty rather than raising."""

    def __missing__(self, key: str) -> object:
        return ""
