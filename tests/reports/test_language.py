"""Numbers and counted nouns in Arabic and English (pure)."""

import datetime as dt

import pytest

from marsad.engines.security_report.language import (
    arabic_plural_class,
    count_phrase,
    format_date,
    format_number,
    format_percent,
    join_list,
    month_label,
)
from marsad.engines.security_report.strings import load_strings

NOUNS = load_strings().nouns


@pytest.mark.parametrize(
    ("n", "expected"),
    [(0, "zero"), (1, "one"), (2, "two"), (3, "few"), (10, "few"), (11, "many"), (99, "many"),
     (100, "other"), (101, "other"), (102, "other"), (103, "few"), (111, "many"), (200, "other"),
     (308, "few"), (1008, "few"), (1000, "other"), (1011, "many")],
)  # fmt: skip
def test_arabic_plural_classes_follow_cldr(n, expected):
    assert arabic_plural_class(n) == expected


@pytest.mark.parametrize(
    ("n", "noun", "case", "expected"),
    [
        (1, "incident", "nom", "حادثة واحدة"),  # feminine: واحدة
        (1, "explosion", "nom", "تفجير واحد"),  # masculine: واحد
        (2, "incident", "nom", "حادثتان"),  # dual, nominative, no digit
        (2, "incident", "gen", "حادثتين"),  # dual, genitive
        (2, "explosion", "acc", "تفجيرين"),
        (3, "explosion", "gen", "3 تفجيرات"),  # plural after 3..10
        (10, "incident", "nom", "10 حوادث"),
        (11, "assassination", "nom", "11 اغتيالًا"),  # accusative singular after 11..99
        (72, "assassination", "gen", "72 اغتيالًا"),
        (100, "explosion", "nom", "100 تفجير"),  # singular after 100
        (308, "explosion", "gen", "308 تفجيرات"),  # 308 counts like 8
        (1008, "casualty", "nom", "1,008 ضحايا"),
        (518, "civilian", "nom", "518 مدنيًا"),
        (1, "detention", "nom", "حالة اعتقال واحدة خارج نطاق القضاء"),  # a noun with a complement
        (2, "abduction", "nom", "حالتا اختطاف"),
        (144, "unknown_status", "nom", "144 شخصًا مجهول الصفة"),
    ],
)
def test_arabic_count_phrases(n, noun, case, expected):
    assert count_phrase(n, NOUNS[noun], "ar", case) == expected


def test_english_count_phrases_and_thousands():
    assert count_phrase(1, NOUNS["incident"], "en") == "1 incident"
    assert count_phrase(1008, NOUNS["casualty"], "en") == "1,008 casualties"
    assert count_phrase(490, NOUNS["military"], "en") == "490 military personnel"
    assert format_number(1008) == "1,008"
    assert format_number(1008, "ar") == "1,008"
    assert format_number(1008, "ar", digits="arab") == "١٬٠٠٨"


def test_percent_is_an_isolate_in_arabic():
    assert format_percent(102.14, "en", signed=True) == "+102.1%"
    assert format_percent(-12.5, "ar", signed=True) == "\u2066-12.5%\u2069"
    assert format_percent(12.5, "ar", digits="arab") == "\u2066١٢٫٥٪\u2069"


def test_lists_months_and_dates():
    assert join_list(["a", "b", "c"], "en") == "a, b and c"
    assert join_list(["جاسم", "دوما", "الرقة"], "ar") == "جاسم ودوما والرقة"
    assert month_label("2020-01", "en") == "January 2020"
    assert month_label("2020-01", "ar") == "كانون الثاني 2020"
    assert format_date(dt.date(2019, 7, 1), "ar") == "1 تموز 2019"
    assert format_date(dt.date(2019, 7, 1), "en") == "1 July 2019"
