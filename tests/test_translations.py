"""Every user-facing string has Arabic, and the compiled catalogue matches its source."""

import gettext
import re
from pathlib import Path

import marsad

LOCALE = Path(marsad.__file__).parent / "locale" / "ar" / "LC_MESSAGES"
ENTRY = re.compile(r'^msgid ((?:".*"\n)+)msgstr ((?:".*"\n)+)', re.MULTILINE)


def po_entries() -> dict[str, str]:
    def joined(block: str) -> str:
        return "".join(re.findall(r'"(.*)"', block)).replace('\\"', '"').replace("\\n", "\n")

    text = (LOCALE / "django.po").read_text(encoding="utf-8")
    return {joined(msgid): joined(msgstr) for msgid, msgstr in ENTRY.findall(text) if joined(msgid)}


def test_every_string_has_an_arabic_translation():
    entries = po_entries()
    assert len(entries) > 100
    untranslated = [msgid for msgid, msgstr in entries.items() if not msgstr.strip()]
    assert untranslated == []
    assert "#, fuzzy" not in (LOCALE / "django.po").read_text(encoding="utf-8")


def test_compiled_catalogue_matches_the_source():
    with open(LOCALE / "django.mo", "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for msgid, msgstr in po_entries().items():
        assert compiled.gettext(msgid) == msgstr, msgid
