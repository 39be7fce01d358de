"""Fill the Arabic catalogue from tab-separated files of translations, then list what is missing.

Run after ``marsad django makemessages -l ar``; each TSV line is ``msgid<TAB>msgstr``, or for a
plural ``msgid|msgid_plural<TAB>form0|form1|form2|form3|form4|form5``.  A fuzzy guess by gettext
is never kept: it is replaced by the translation given, or left empty and reported.

    python scripts/merge_translations.py src/marsad/locale/ar/LC_MESSAGES/django.po new.tsv ...
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')


def _unquote(lines: list[str]) -> str:
    text = "".join(m.group(1) for line in lines for m in QUOTED.finditer(line))
    return text.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _field(lines: list[str], key: str) -> tuple[int, int] | None:
    """Start and end (exclusive) line index of ``key`` (e.g. ``msgid``) in an entry."""
    for start, line in enumerate(lines):
        if line.startswith(key + " "):
            end = start + 1
            while end < len(lines) and lines[end].startswith('"'):
                end += 1
            return start, end
    return None


def _get(lines: list[str], key: str) -> str | None:
    span = _field(lines, key)
    return None if span is None else _unquote(lines[span[0] : span[1]])


def _set(lines: list[str], key: str, value: str) -> list[str]:
    start, end = _field(lines, key)  # type: ignore[misc]
    return lines[:start] + [f"{key} {_quote(value)}"] + lines[end:]


def read_tsv(paths: list[str]) -> dict[str, list[str]]:
    translations: dict[str, list[str]] = {}
    for path in paths:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if "\t" not in line:
                continue
            source, target = line.split("\t", 1)
            translations[source.split("|")[0]] = target.split("|")
    return translations


def merge(po_text: str, translations: dict[str, list[str]]) -> tuple[str, list[str]]:
    entries = po_text.split("\n\n")
    missing = []
    for index, entry in enumerate(entries):
        lines = entry.split("\n")
        msgid = _get(lines, "msgid")
        if not msgid:
            continue
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        plural = _field(lines, "msgid_plural") is not None
        keys = [f"msgstr[{n}]" for n in range(6)] if plural else ["msgstr"]
        empty = all(not (_get(lines, k) or "") for k in keys if _field(lines, k))
        if msgid in translations and (empty or fuzzy):
            forms = translations[msgid]
            if plural:
                lines = [line for line in lines if not line.startswith("msgstr")]
                lines += [f"msgstr[{n}] {_quote(forms[min(n, len(forms) - 1)])}" for n in range(6)]
            else:
                lines = _set(lines, "msgstr", forms[0])
            empty = fuzzy = False
        if fuzzy:
            for key in keys:
                if _field(lines, key):
                    lines = _set(lines, key, "")
            empty = True
        lines = [re.sub(r",? fuzzy", "", line) if line.startswith("#,") else line for line in lines]
        lines = [line for line in lines if line.strip() != "#,"]
        if empty:
            missing.append(msgid)
        entries[index] = "\n".join(lines)
    return "\n\n".join(entries), missing


def main(argv: list[str]) -> int:
    po_path, *tsv_paths = argv
    text, missing = merge(Path(po_path).read_text(encoding="utf-8"), read_tsv(tsv_paths))
    Path(po_path).write_text(text, encoding="utf-8")
    for msgid in missing:
        print(f"missing\t{msgid}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
