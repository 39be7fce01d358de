"""Numbers, counted nouns, dates and lists in report text, in Arabic and English (pure).

Numbers are written in digits in both languages; only one and two are words in Arabic, because
Arabic counts them with the noun itself (``حادثة واحدة``, ``حادثتان``).  That keeps every figure
searchable and identical to its table cell, and it is what the centre's Arabic reports do.

Arabic counted nouns follow the number's plural class (the CLDR classes for Arabic):

=========  ==================  =====================================================
class      numbers             form of the counted noun
=========  ==================  =====================================================
zero       0                   singular: ``0 حادثة`` (sentences avoid a zero count)
one        1                   noun + ``واحد``/``واحدة`` agreeing in gender, no digit
two        2                   dual, no digit: ``حادثتان`` (nominative) or ``حادثتين``
few        n % 100 in 3..10    plural, genitive: ``308 تفجيرات``, ``5 حوادث``
many       n % 100 in 11..99   singular, accusative (tamyiz): ``72 اغتيالًا``
other      100, 101, 1000 …    singular, genitive: ``100 تفجير``
=========  ==================  =====================================================

The case of a slot (``nom``, ``acc`` or ``gen``) matters only for the dual; sentence templates
use constructions (``تمّ تسجيل``, ``بلغ عدد``) that spare verb agreement with a counted subject.

Digits: Western (``0-9``) with a comma every three digits (``1,008``) by default in both
languages; ``digits="arab"`` writes Arabic-Indic digits with the Arabic separators
(``١٬٠٠٨``, ``١٢٫٥٪``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "LANGUAGES",
    "LEVANTINE_MONTHS",
    "Case",
    "Lang",
    "Noun",
    "arabic_plural_class",
    "count_phrase",
    "format_date",
    "format_number",
    "format_percent",
    "join_list",
    "month_label",
    "noun_from_data",
    "separators",
]

Lang = Literal["ar", "en"]
Case = Literal["nom", "acc", "gen"]
LANGUAGES: tuple[Lang, ...] = ("ar", "en")

_ARABIC_DIGITS = str.maketrans("0123456789,.%", "٠١٢٣٤٥٦٧٨٩٬٫٪")

# Levantine month names, as Syrian publications write them (Django's Arabic has the Egyptian
# ones); the web pages use them too.
LEVANTINE_MONTHS = (
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
)
_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True, slots=True)
class Noun:
    """A countable noun in both languages.

    ``ar_many`` is the accusative singular used after 11..99 (``اغتيالًا``); ``ar_other`` the
    genitive singular after 100, 1000 … (defaults to ``ar_one``).  ``ar_gender`` is ``m`` or
    ``f`` and chooses ``واحد`` or ``واحدة``.
    """

    en_one: str
    en_many: str
    ar_one: str
    ar_two_nom: str
    ar_two_acc: str
    ar_few: str
    ar_many: str
    ar_gender: Literal["m", "f"]
    ar_other: str = ""
    ar_one_phrase: str = ""  # the whole phrase for 1 when the noun has a complement

    def english(self, n: int) -> str:
        return self.en_one if n == 1 else self.en_many


def noun_from_data(data: Mapping[str, object]) -> Noun:
    """A :class:`Noun` from its data-file form::

    {en: [incident, incidents],
     ar: {one: حادثة, two: [حادثتان, حادثتين], few: حوادث, many: حادثة, gender: f}}
    """
    en = data["en"]
    ar = data["ar"]
    if not isinstance(en, Sequence) or len(en) != 2 or not isinstance(ar, Mapping):
        raise ValueError(f"a noun needs en: [one, many] and ar: {{...}}, not {data!r}")
    two = ar["two"]
    if not isinstance(two, Sequence) or len(two) != 2:
        raise ValueError(f"ar.two needs [nominative, accusative/genitive], not {two!r}")
    gender = str(ar.get("gender", "m"))
    if gender not in ("m", "f"):
        raise ValueError(f"ar.gender is m or f, not {gender!r}")
    return Noun(
        en_one=str(en[0]),
        en_many=str(en[1]),
        ar_one=str(ar["one"]),
        ar_two_nom=str(two[0]),
        ar_two_acc=str(two[1]),
        ar_few=str(ar["few"]),
        ar_many=str(ar.get("many", ar["one"])),
        ar_gender="f" if gender == "f" else "m",
        ar_other=str(ar.get("other", "")),
        ar_one_phrase=str(ar.get("one_phrase", "")),
    )


def arabic_plural_class(n: int) -> str:
    """``zero``, ``one``, ``two``, ``few``, ``many`` or ``other`` (CLDR rules for Arabic)."""
    if n < 0:
        raise ValueError(f"a count cannot be negative: {n}")
    if n <= 2:
        return ("zero", "one", "two")[n]
    rest = n % 100
    if 3 <= rest <= 10:
        return "few"
    if 11 <= rest <= 99:
        return "many"
    return "other"


def _digits(text: str, digits: str) -> str:
    return text.translate(_ARABIC_DIGITS) if digits == "arab" else text


def format_number(n: int | float, lang: Lang = "en", digits: str = "latn") -> str:
    """``1,008`` (``١٬٠٠٨`` with ``digits="arab"``); floats keep one decimal place."""
    text = f"{n:,}" if isinstance(n, int) else f"{n:,.1f}"
    return _digits(text, digits if lang == "ar" else "latn")


def format_percent(
    value: float, lang: Lang = "en", digits: str = "latn", signed: bool = False
) -> str:
    """``12.5%`` (``+12.5%`` when ``signed``); Arabic-Indic digits give ``١٢٫٥٪``.

    In Arabic the percentage is a left-to-right isolate, so its sign stays before the digits.
    """
    text = f"{value:+,.1f}%" if signed else f"{value:,.1f}%"
    if lang != "ar":
        return text
    return f"\u2066{_digits(text, digits)}\u2069"


def count_phrase(n: int, noun: Noun, lang: Lang, case: Case = "nom", digits: str = "latn") -> str:
    """``n`` with its noun in the right form: ``308 explosions``, ``72 اغتيالًا``, ``حادثتين``."""
    if lang == "en":
        return f"{format_number(n, lang)} {noun.english(n)}"
    kind = arabic_plural_class(n)
    number = format_number(n, lang, digits)
    if kind == "one":
        if noun.ar_one_phrase:
            return noun.ar_one_phrase
        return f"{noun.ar_one} {'واحدة' if noun.ar_gender == 'f' else 'واحد'}"
    if kind == "two":
        return noun.ar_two_nom if case == "nom" else noun.ar_two_acc
    if kind == "few":
        return f"{number} {noun.ar_few}"
    if kind == "many":
        return f"{number} {noun.ar_many}"
    return f"{number} {noun.ar_other or noun.ar_one}"


def join_list(items: Sequence[str], lang: Lang) -> str:
    """``a, b and c`` / ``أ وب وج`` (the Arabic ``و`` joins the word that follows it)."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    if lang == "ar":
        return " و".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def separators(count: int, lang: Lang, clauses: bool = False) -> list[str]:
    """The ``count - 1`` separators that :func:`join_list` puts between ``count`` items.

    ``clauses`` (items that are phrases with numbers) puts a comma before each Arabic ``و``.
    """
    if count < 2:
        return []
    if lang == "ar":
        return ["، و" if clauses else " و"] * (count - 1)
    return [", "] * (count - 2) + [" and "]


def month_label(month: str, lang: Lang, digits: str = "latn") -> str:
    """``2020-01`` as ``January 2020`` / ``كانون الثاني 2020``."""
    year, number = month.split("-")
    names = LEVANTINE_MONTHS if lang == "ar" else _MONTHS_EN
    return f"{names[int(number) - 1]} {_digits(year, digits if lang == 'ar' else 'latn')}"


def format_date(day: dt.date, lang: Lang, digits: str = "latn") -> str:
    """``1 July 2019`` / ``1 تموز 2019``."""
    names = LEVANTINE_MONTHS if lang == "ar" else _MONTHS_EN
    text = f"{day.day} {names[day.month - 1]} {day.year}"
    return _digits(text, digits) if lang == "ar" else text
