"""From spreadsheet rows to report drafts: column mapping and row parsing (pure, no Django).

The front half of ``marsad import reports FILE``: :func:`map_columns` maps the file's headers
(English or Arabic, any case or spacing, or a saved mapping) to :data:`CANONICAL_COLUMNS`;
:class:`RowParser` turns each :class:`~marsad.engines.tabular.RawRow` into a :class:`ReportDraft`
or a list of :class:`RowProblem`, each naming the original header, the value and the reason in
English and Arabic. ``docs/import.md`` is the user's guide.

>>> from marsad.engines.codebook import default_codebook_path, load_codebook
>>> cb = load_codebook(default_codebook_path())
>>> map_columns(["التاريخ", "Location", "Notes"], codebook=cb).to_canonical
{'التاريخ': 'date', 'Location': 'place'}
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import yaml

from marsad.engines.codebook import Codebook
from marsad.engines.report_rows_aliases import (
    CANONICAL_COLUMNS,
    HEADER_ALIASES,
    ColumnMapping,
    MappingError,
    alias_keys,
    header_key,
)
from marsad.engines.report_rows_parse import ReportDraft, RowParser, RowProblem
from marsad.engines.tabular import RawRow

__all__ = [
    "CANONICAL_COLUMNS",
    "HEADER_ALIASES",
    "ColumnMapping",
    "MappingError",
    "ReportDraft",
    "RowParser",
    "RowProblem",
    "header_key",
    "load_mapping",
    "map_columns",
    "reject_entry",
]


def _codebook_keys(codebook: Codebook) -> dict[str, str]:
    """Header keys from the codebook's field labels in every language (after HEADER_ALIASES)."""
    keys: dict[str, str] = {}
    for form in codebook.forms.values():
        for item in form.fields:
            if item.name in CANONICAL_COLUMNS:
                for label in item.label.values():
                    keys.setdefault(header_key(label), item.name)
    return keys


def map_columns(
    columns: Sequence[str],
    *,
    codebook: Codebook,
    saved: Mapping[str, str] | None = None,
) -> ColumnMapping:
    """Map headers to canonical columns.

    A ``saved`` mapping (from :func:`load_mapping`; ``""`` means "ignore this column") wins; then
    :data:`HEADER_ALIASES`, then the codebook's field labels, compared with :func:`header_key`.
    Two headers meaning the same column raise :class:`MappingError` (a ``ValueError``).
    """
    saved = dict(saved or {})
    saved_keys = {header_key(k): v for k, v in saved.items()}
    for target in saved.values():
        if target and target not in CANONICAL_COLUMNS:
            raise _unknown_canonical(target)
    keys = {**_codebook_keys(codebook), **alias_keys()}
    to_canonical: dict[str, str] = {}
    unknown: list[str] = []
    owner: dict[str, str] = {}
    for column in columns:
        key = header_key(column)
        if column in saved:
            canonical = saved[column]
        elif key in saved_keys:
            canonical = saved_keys[key]
        else:
            canonical = keys.get(key, "") if key else ""
        if not canonical:
            unknown.append(column)
            continue
        if canonical in owner:
            first = owner[canonical]
            raise MappingError(
                f"the columns “{first}” and “{column}” both mean “{canonical}”; rename or remove "
                f"one, or map it to another column in a mapping file (--mapping)",
                f"العمودان «{first}» و«{column}» يعنيان كلاهما «{canonical}»؛ غيّر اسم أحدهما أو "
                f"احذفه، أو اربطه بعمود آخر في ملف ربط الأعمدة (‎--mapping)",
            )
        owner[canonical] = column
        to_canonical[column] = canonical
    return ColumnMapping(to_canonical, unknown)


def _unknown_canonical(name: object) -> MappingError:
    names = ", ".join(CANONICAL_COLUMNS)
    return MappingError(
        f"{name!r} is not a Marsad column; use one of: {names}",
        f"‏{name!r} ليس عموداً في مرصد؛ استخدم أحد الأعمدة: {names}",
    )


def load_mapping(path: str | Path) -> dict[str, str]:
    """Read a column-mapping YAML file: ``columns: {"Original header": canonical, …}``.

    A canonical name of ``null`` (or ``""``) means "do not import this column" (it stays in the
    raw record). Raises :class:`MappingError` (a ``ValueError``) for an unreadable file, bad YAML,
    a wrong shape or an unknown canonical name.
    """
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        raise MappingError(
            f"cannot read the mapping file {path}: {exc}",
            f"تعذّرت قراءة ملف ربط الأعمدة {path}: {exc}",
        ) from None
    except yaml.YAMLError as exc:
        raise MappingError(
            f"the mapping file {path} is not valid YAML: {exc}",
            f"ملف ربط الأعمدة {path} ليس بصيغة YAML صحيحة: {exc}",
        ) from None
    columns = data.get("columns") if isinstance(data, dict) else None
    if not isinstance(columns, dict):
        raise MappingError(
            f"the mapping file {path} must have a `columns:` section of "
            '`"Original header": canonical_column` lines',
            f"يجب أن يحتوي ملف ربط الأعمدة {path} على قسم `columns:` بأسطر "
            '`"اسم العمود الأصلي": اسم_العمود_في_مرصد`',
        )
    mapping: dict[str, str] = {}
    for header, target in columns.items():
        if target is None or target == "":
            mapping[str(header)] = ""
        elif isinstance(target, str) and target.strip() in CANONICAL_COLUMNS:
            mapping[str(header)] = target.strip()
        else:
            raise _unknown_canonical(target)
    return mapping


def reject_entry(row: RawRow, problems: Sequence[RowProblem]) -> tuple[RawRow, str, str]:
    """The ``(row, error_column, error)`` triple :func:`~marsad.engines.tabular.write_rejects`
    takes: the columns with problems (``; ``-separated) and every message, English then `` / ``
    then Arabic."""
    columns = list(dict.fromkeys(p.column for p in problems if p.column))
    english = "; ".join(
        f"{p.column}: {p.message_en}" if p.column else p.message_en for p in problems
    )
    arabic = "؛ ".join(
        f"{p.column}: {p.message_ar}" if p.column else p.message_ar for p in problems
    )
    return row, "; ".join(columns), f"{english} / {arabic}"
