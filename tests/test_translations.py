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


# ``{{ _("text") }}`` in the Jinja2 templates (marsad.web.jinja); makemessages reads only that form.
JINJA_TEXT = re.compile(r"""_\(\s*(["'])(.*?)\1\s*([,)])""")


def test_the_jinja2_templates_text_has_arabic_and_is_extracted():
    entries = po_entries()
    found = []
    for path in Path(marsad.__file__).parent.glob("*/jinja2/**/*.html"):
        for _quote, text, end in JINJA_TEXT.findall(path.read_text(encoding="utf-8")):
            found.append(text)
            assert end == ")", f"{path.name}: translate text with values in Python: {text!r}"
            assert entries.get(text, "").strip(), f"{path.name}: no Arabic for {text!r}"
    assert len(found) > 40
