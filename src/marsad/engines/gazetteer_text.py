"""Name keys for place matching (pure; used by the matcher and by ``scripts/build_gazetteer.py``).

Two keys per name and script:

* the *name key* (``name_key``): case-folded, diacritics and punctuation removed, descriptor words
  (``محافظة``, ``Governorate``, ``Nahiya`` …) and the article (``ال``, ``al-``/``ash-`` …)
  dropped, spaces removed.  Equal name keys mean "the same spelling".
* the *sound key* (``sound_key``): a rough phonetic skeleton.  For Latin script it folds the
  usual transliteration variants of Arabic (q/k/g, kh/h, sh/ch, dh/th/z, ou/u/oo, ei/ay/ai, y/i,
  w/ou, doubled letters, -eh/-ah/-a endings); for Arabic script it drops the long vowels and a
  final haa.  Equal sound keys mean "probably the same name"; typos are handled by fuzzy matching
  over the sound keys.
"""

from __future__ import annotations

import re
import unicodedata

from marsad.engines.arabic import has_arabic, normalise_arabic

LEVELS: tuple[str, ...] = ("governorate", "district", "subdistrict", "community")

# Descriptor words and the level they suggest (``None``: no level preference).
_LATIN_DESCRIPTORS: dict[str, str | None] = {
    "governorate": "governorate",
    "governate": "governorate",
    "province": "governorate",
    "muhafazat": "governorate",
    "muhafaza": "governorate",
    "muhafazah": "governorate",
    "mohafazat": "governorate",
    "district": "district",
    "mantika": "district",
    "mantikat": "district",
    "mantiqa": "district",
    "mantiqat": "district",
    "mantiqah": "district",
    "subdistrict": "subdistrict",
    "nahiya": "subdistrict",
    "nahiyah": "subdistrict",
    "nahiyat": "subdistrict",
    "nahia": "subdistrict",
    "nahya": "subdistrict",
    "city": "community",
    "town": "community",
    "village": "community",
    "camp": "community",
    "neighbourhood": "community",
    "neighborhood": "community",
    "markaz": None,
    "center": None,
    "centre": None,
}
_ARABIC_DESCRIPTORS: dict[str, str | None] = {
    "محافظه": "governorate",
    "منطقه": "district",
    "ناحيه": "subdistrict",
    "مدينه": "community",
    "بلده": "community",
    "قريه": "community",
    "مخيم": "community",
    "حي": "community",
    "مركز": "subdistrict",  # "مركز حمص" is the central sub-district (Markaz)
}
# Standalone article tokens, including sun-letter assimilated forms.
_LATIN_ARTICLES = frozenset(
    [
        "al",
        "el",
        "il",
        "ul",
        "l",
        "at",
        "ath",
        "ad",
        "adh",
        "ar",
        "az",
        "as",
        "ash",
        "an",
        "ed",
        "edh",
        "er",
        "ez",
        "es",
        "esh",
        "et",
        "eth",
        "en",
        "ed-d",
        "ad-d",
    ]
)
# Words that carry direction/position, dropped from hints (and from the place part as a fallback).
DIRECTION_WORDS = frozenset(
    [
        "east",
        "eastern",
        "west",
        "western",
        "north",
        "northern",
        "south",
        "southern",
        "northeast",
        "northeastern",
        "northwest",
        "northwestern",
        "southeast",
        "southeastern",
        "southwest",
        "southwestern",
        "central",
        "middle",
        "rural",
        "outskirts",
        "suburbs",
        "suburb",
        "area",
        "region",
        "vicinity",
        "the",
        "of",
        "near",
        "in",
        "at",
        "around",
        "countryside",
        "province",
        "governorate",
        "city",
        "town",
        "village",
        "district",
        "شرق",
        "شرقي",
        "شرقيه",
        "الشرقي",
        "الشرقيه",
        "غرب",
        "غربي",
        "غربيه",
        "الغربي",
        "الغربيه",
        "شمال",
        "شمالي",
        "شماليه",
        "الشمالي",
        "الشماليه",
        "جنوب",
        "جنوبي",
        "جنوبيه",
        "الجنوبي",
        "الجنوبيه",
        "وسط",
        "اطراف",
        "محيط",
        "قرب",
        "في",
        "ريف",
        "بريف",
        "منطقه",
        "محافظه",
        "مدينه",
        "بلده",
        "قريه",
    ]
)

_QUOTES = re.compile("['`´ʿʾ‘’ʼʻ\u02bf\u02be\u2019\u2018]")
_NON_WORD = re.compile(r"[^\w]+")
_DIGIT_ONLY = re.compile(r"^\d+$")
_SPECIAL_LATIN = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss"})

# Sound-key rules for Latin script, applied in order on a token.
_LATIN_DIGRAPHS: tuple[tuple[str, str], ...] = (
    ("dj", "j"),
    ("kh", "h"),
    ("gh", "k"),
    ("sh", "x"),
    ("ch", "x"),
    ("sch", "x"),
    ("dh", "z"),
    ("th", "z"),
    ("ph", "f"),
    ("ck", "k"),
)
_LATIN_SINGLE = str.maketrans({"q": "k", "g": "k", "c": "k", "p": "b", "v": "f", "o": "u"})
_VOWELS = re.compile(r"[aeiouyw]+")
_GLUED_ARTICLE = re.compile(r"^(?:a|e|i|u)l?(x|z|t|d|r|s|n|l)\1(?=.)")
_DOUBLE = re.compile(r"(.)\1+")
_ARABIC_VOWELS = re.compile("[اوي]")


def fold_latin(text: str) -> str:
    """Lower-case Latin text without diacritics or apostrophes (keeps spaces and digits)."""
    text = unicodedata.normalize("NFKD", text.translate(_SPECIAL_LATIN))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _QUOTES.sub("", text).casefold()


def tokens(text: str) -> list[str]:
    """Word tokens of a normalised text (Arabic via ``normalise_arabic``, Latin via folding)."""
    text = normalise_arabic(_QUOTES.sub("", text)) if has_arabic(text) else fold_latin(text)
    return [t for t in _NON_WORD.sub(" ", text.replace("_", " ")).split() if t]


def strip_descriptors(toks: list[str]) -> tuple[list[str], str | None]:
    """Drop descriptor words (and a leading article before them); return the level they suggest.

    Descriptors are only dropped while at least one other token remains.
    """
    level: str | None = None
    out: list[str] = []
    for tok in toks:  # "sub district" / "sub-district" -> "subdistrict"
        if tok == "district" and out and out[-1] == "sub":
            out[-1] = "subdistrict"
        else:
            out.append(tok)
    changed = True
    while changed and len(out) > 1:
        changed = False
        for idx in (0, len(out) - 1):
            tok = out[idx]
            hit = (
                _LATIN_DESCRIPTORS.get(tok, "-")
                if tok.isascii()
                else _ARABIC_DESCRIPTORS.get(tok.removeprefix("ال"), "-")
            )
            if hit != "-":
                if level is None:
                    level = hit
                del out[idx]
                changed = True
                break
    return out, level


def _strip_articles(toks: list[str]) -> list[str]:
    if not toks:
        return toks
    if toks[0].isascii():
        kept = [t for i, t in enumerate(toks) if not (t in _LATIN_ARTICLES and i < len(toks) - 1)]
        return kept or toks
    return [t[2:] if t.startswith("ال") and len(t) > 3 else t for t in toks]


def clean_tokens(text: str) -> tuple[list[str], str | None]:
    """Tokens with descriptors and articles removed, plus the level the descriptors suggest."""
    toks = [t for t in tokens(text) if not _DIGIT_ONLY.match(t)]
    toks, level = strip_descriptors(toks)
    return _strip_articles(toks), level


def name_key_from_tokens(toks: list[str]) -> str:
    return "".join(toks)


def _latin_sound_token(tok: str, *, glued: bool) -> str:
    if glued:
        unglued = _GLUED_ARTICLE.sub(r"\1", tok)
        if unglued == tok and len(tok) >= 6 and tok[:2] in ("al", "el"):
            unglued = tok[2:]
        tok = unglued
    for src, dst in _LATIN_DIGRAPHS:
        tok = tok.replace(src, dst)
    tok = tok.translate(_LATIN_SINGLE)
    head = ""
    if tok[:1] in ("y", "w") and len(tok) > 1 and tok[1] in "aeiou":
        head, tok = tok[0], tok[1:]
    tok = head + _VOWELS.sub("a", tok)
    tok = _DOUBLE.sub(r"\1", tok)
    if len(tok) > 2 and tok.endswith("ah"):
        tok = tok[:-1]
    return tok


def unglue_tokens(toks: list[str]) -> list[str]:
    """Latin tokens with an article written joined to the word removed
    (``ezzor`` → ``zor``, ``arraqqa`` → ``raqqa``, ``albukamal`` → ``bukamal``)."""
    out = []
    for tok in toks:
        unglued = _GLUED_ARTICLE.sub(r"\1", tok)
        if unglued == tok and len(tok) >= 6 and tok[:2] in ("al", "el"):
            unglued = tok[2:]
        out.append(unglued)
    return out


def sound_key_from_tokens(toks: list[str], *, glued: bool = False) -> str:
    """Phonetic skeleton of cleaned tokens. ``glued`` also strips articles written joined
    to the word (``Ezzor``, ``Arraqqa``)."""
    if not toks:
        return ""
    if toks[0].isascii():
        key = "".join(_latin_sound_token(t, glued=glued) for t in toks)
        return _DOUBLE.sub(r"\1", key)
    key = "".join(toks)
    if len(key) > 2 and key.endswith("ه"):
        key = key[:-1]
    return key[:1] + _ARABIC_VOWELS.sub("", key[1:])


def name_keys(text: str) -> tuple[str, str]:
    """(name key, sound key) of a place name, descriptors and articles removed."""
    toks, _ = clean_tokens(text)
    return name_key_from_tokens(toks), sound_key_from_tokens(toks)


def is_arabic_key(key: str) -> bool:
    return bool(key) and not key.isascii()
