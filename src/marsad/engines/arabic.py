"""Arabic text normalisation for matching, never for storage.

Text is stored as entered; these functions produce a comparison key so that spellings that
differ only in hamza forms, taa marbuta, alef maqsura, tatweel, diacritics or digit script
compare equal.
"""

from __future__ import annotations

import re
import unicodedata

_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_TATWEEL = "\u0640"
_CHAR_MAP = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ٲ": "ا",
        "ٳ": "ا",
        "ة": "ه",
        "ى": "ي",
        "ئ": "ي",
        "ی": "ي",  # Persian yeh, common from some keyboards
        "ؤ": "و",
        "ک": "ك",  # Persian kaf
        "ء": "",
        # Arabic-Indic and Eastern Arabic-Indic digits
        **{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0x06F0 + i): str(i) for i in range(10)},
        "،": ",",
        "؛": ";",
        "؟": "?",
    }
)
_ARABIC_LETTER = re.compile("[\u0621-\u064a]")
_SPACES = re.compile(r"\s+")


def has_arabic(text: str) -> bool:
    """True when the text contains at least one Arabic letter."""
    return bool(_ARABIC_LETTER.search(text))


def normalise_digits(text: str) -> str:
    """Replace Arabic-Indic digits with ASCII digits, leaving everything else alone."""
    return text.translate(
        {
            **{0x0660 + i: str(i) for i in range(10)},
            **{0x06F0 + i: str(i) for i in range(10)},
        }
    )


def normalise_arabic(text: str) -> str:
    """Return a comparison key for Arabic (or mixed) text.

    >>> normalise_arabic("الرَّقَّة") == normalise_arabic("الرقه")
    True
    >>> normalise_arabic("إدلب") == normalise_arabic("ادلب")
    True
    """
    text = unicodedata.normalize("NFKC", text)
    text = _DIACRITICS.sub("", text).replace(_TATWEEL, "")
    text = text.translate(_CHAR_MAP)
    return _SPACES.sub(" ", text).strip().casefold()
