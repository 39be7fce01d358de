"""Reading spreadsheets as rows of text, streaming (pure, no Django).

:func:`open_table` opens a CSV, XLSX or JSON Lines file and returns a :class:`Table` whose
``rows`` are read lazily, so a file of a million rows is read in flat memory:

* **CSV** is decoded with :func:`detect_encoding` (BOM, then strict UTF-8, then Windows-1256 when
  the text is plausibly Arabic; anything else is refused, never turned into mojibake), its
  delimiter (comma, semicolon or tab) is sniffed, and cells of any size are accepted.
* **XLSX** is read with openpyxl in read-only mode: the cached value of a formula (as Excel shows
  it), integers without ``.0``, date cells as ISO ``2020-01-15`` / ``2020-01-15T10:30:00``.
* **JSON Lines**: one JSON object per line; nested values are kept as JSON text.

Every cell is a ``str`` (``""`` when empty); nothing is evaluated. Rows keep the *original*
header text as keys. Any failure to read, at opening or later while iterating, raises
:class:`TableError` with an English and an Arabic message, and nothing else.

:func:`write_rejects` writes rejected rows back in the input's format with two more columns,
``error_column`` and ``error``, so the file can be fixed and imported again as it is.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import math
import sys
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO, Any

__all__ = [
    "FORMATS",
    "RawRow",
    "Table",
    "TableError",
    "cell_text",
    "detect_encoding",
    "open_table",
    "write_rejects",
]

FORMATS = ("csv", "xlsx", "jsonl")
SAMPLE_BYTES = 256 * 1024
REJECT_COLUMNS = ("error_column", "error")
_DELIMITERS = (",", ";", "\t")
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Non-ASCII characters a Windows-1256 Arabic text may contain besides Arabic: typographic
# punctuation and direction marks. Latin letters with accents are *not* here on purpose: a file in
# Latin-1 decoded as Windows-1256 would show them, and must be refused.
_CP1256_EXTRA = set("«»“”‘’–—…•€×÷°\u00a0\u200c\u200d\u200e\u200f")
_CP1256_LETTERS = set("پچژگکھہےںٹڈڑ")


class TableError(Exception):
    """A file that cannot be read as a table; ``message_ar`` says the same in Arabic."""

    def __init__(self, message_en: str, message_ar: str) -> None:
        super().__init__(message_en)
        self.message_en = message_en
        self.message_ar = message_ar


@dataclass(frozen=True)
class RawRow:
    """One data row: ``number`` as the user sees it (CSV/XLSX: the header is row 1, the first
    data row is 2; JSON Lines: the line number); ``values`` keyed by the original header text."""

    number: int
    values: dict[str, str]


@dataclass
class Table:
    """An open table. ``rows`` streams; ``warnings`` may grow while rows are read (extra cells,
    new JSON keys). Close it (or use ``with``) to release the file before reading all rows."""

    format: str
    encoding: str | None
    columns: list[str]
    rows: Iterator[RawRow]
    warnings: list[str] = field(default_factory=list)
    sheet: str | None = None
    delimiter: str | None = None
    _closer: Callable[[], None] | None = field(default=None, repr=False, compare=False)

    def close(self) -> None:
        if self._closer is not None:
            closer, self._closer = self._closer, None
            closer()

    def __enter__(self) -> Table:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


# -- encodings ---------------------------------------------------------------------------------


def _decode_prefix(sample: bytes, codec: str) -> str:
    """Decode ``sample`` strictly, allowing it to end in the middle of a character."""
    return codecs.getincrementaldecoder(codec)("strict").decode(sample, final=False)


def _not_text() -> TableError:
    return TableError(
        "the file is not text: it looks like binary data, not a CSV or JSON Lines file",
        "الملف ليس نصاً: يبدو أنه بيانات ثنائية وليس ملف CSV أو JSON Lines",
    )


def _check_text(text: str) -> None:
    """Refuse decoded text that has NUL bytes or many control or unassigned characters."""
    if "\x00" in text:
        raise _not_text()
    bad = sum(
        1
        for ch in text
        if unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs") and ch not in "\t\n\r\f\v"
    )
    if bad > max(2, len(text) // 200):
        raise _not_text()


def _is_arabic_letter(ch: str) -> bool:
    return "\u0621" <= ch <= "\u064a" or ch in _CP1256_LETTERS


def _plausible_arabic(text: str) -> bool:
    """Arabic letters, with harakat and tatweel only after an Arabic letter; ASCII; typographic
    punctuation. Latin-1 text read as cp1256 fails: its accented letters become Latin letters
    or harakat after Latin letters."""
    arabic = foreign = mirrored = 0
    previous = ""
    for ch in text:
        if ord(ch) < 0x80 or ch in _CP1256_EXTRA or ch in "،؛؟":
            pass
        elif _is_arabic_letter(ch):
            arabic += 1
            mirrored += ch in "طظ"
        elif ("\u064b" <= ch <= "\u0652" or ch == "\u0640") and (
            _is_arabic_letter(previous) or "\u064b" <= previous <= "\u0652" or previous == "\u0640"
        ):
            pass
        else:
            foreign += 1
        previous = ch
    # UTF-8 Arabic misread as Windows-1256 is mostly ط and ظ (its lead bytes) with symbols
    return arabic > 0 and foreign <= arabic // 50 and mirrored * 3 <= arabic


def detect_encoding(sample: bytes) -> str:
    """The text encoding of a file, from its first bytes.

    A byte-order mark decides first (``utf-8-sig``, ``utf-16-le``, ``utf-16-be``); then UTF-16
    without a BOM (NUL in every other byte); then strict ``utf-8``; then ``cp1256`` when the
    decoded text is plausibly Arabic (Arabic letters, ASCII and typographic punctuation only).
    Anything else, and binary data, raises :class:`TableError`: a wrong guess never yields
    mojibake. The sample may end in the middle of a character.
    """
    if sample.startswith(codecs.BOM_UTF8):
        codec = "utf-8-sig"
    elif sample.startswith(codecs.BOM_UTF16_LE):
        codec = "utf-16-le"
    elif sample.startswith(codecs.BOM_UTF16_BE):
        codec = "utf-16-be"
    else:
        codec = _utf16_without_bom(sample) or ""
    if codec:
        try:
            _check_text(_decode_prefix(sample, codec))
        except UnicodeDecodeError:
            raise _undecodable(codec) from None
        return codec
    try:
        text = _decode_prefix(sample, "utf-8")
    except UnicodeDecodeError:
        pass
    else:
        _check_text(text)
        return "utf-8"
    text = sample.decode("cp1256")  # every byte is defined in cp1256
    _check_text(text)
    if _plausible_arabic(text):
        return "cp1256"
    raise TableError(
        "the file's text encoding is not UTF-8 and does not look like Arabic Windows-1256; "
        "save it as CSV UTF-8 and try again",
        "ترميز نص الملف ليس UTF-8 ولا يبدو عربياً بترميز Windows-1256؛ "
        "احفظه بصيغة CSV UTF-8 وأعد المحاولة",
    )


def _utf16_without_bom(sample: bytes) -> str | None:
    head = sample[:2000]
    if len(head) < 4 or b"\x00" not in head:
        return None
    even = head[0::2].count(0) / len(head[0::2])
    odd = head[1::2].count(0) / len(head[1::2])
    if odd > 0.4 and even < 0.05:
        return "utf-16-le"
    if even > 0.4 and odd < 0.05:
        return "utf-16-be"
    return None


def _undecodable(codec: str, row: int | None = None) -> TableError:
    where_en = f" after row {row}" if row else ""
    where_ar = f" بعد السطر {row}" if row else ""
    return TableError(
        f"the file is not valid {codec} text{where_en}; save it as CSV UTF-8 and try again",
        f"الملف ليس نصاً صالحاً بترميز {codec}{where_ar}؛ احفظه بصيغة CSV UTF-8 وأعد المحاولة",
    )


# -- cells and headers -------------------------------------------------------------------------


def cell_text(value: object) -> str:
    """A cell value as text: integers without ``.0``, dates as ISO, ``""`` for nothing."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isfinite(value) and value == int(value) and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.15g}"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0) and value.tzinfo is None:
            return value.date().isoformat()
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _headers(cells: Sequence[str]) -> tuple[list[str], list[str]]:
    """Clean header names: blanks become ``column N``, repeats ``name (2)``."""
    names: list[str] = []
    notes: list[str] = []
    seen: set[str] = set()
    for index, cell in enumerate(cells, start=1):
        name = cell.strip().lstrip("\ufeff").strip() or f"column {index}"
        if name in seen:
            count = 2
            while f"{name} ({count})" in seen:
                count += 1
            renamed = f"{name} ({count})"
            notes.append(
                f"the column {name!r} appears more than once; column {index} is {renamed!r}"
            )
            name = renamed
        seen.add(name)
        names.append(name)
    return names, notes


def _row(number: int, columns: list[str], cells: Sequence[str], table: Table) -> RawRow | None:
    """A RawRow from a list of cells, or None for a blank row."""
    if not any(cell.strip() for cell in cells):
        return None
    values = dict(zip(columns, cells, strict=False))
    for name in columns[len(cells) :]:
        values[name] = ""
    for index in range(len(columns), len(cells)):
        if cells[index].strip():
            key = f"column {index + 1}"
            values[key] = cells[index]
            note = f"some rows have more cells than there are headers (row {number}: {key!r})"
            if not any(w.startswith("some rows have more cells") for w in table.warnings):
                table.warnings.append(note)
    return RawRow(number, values)


# -- opening -----------------------------------------------------------------------------------


def _detect_format(head: bytes, suffix: str) -> str:
    if head.startswith(_OLE_MAGIC):
        raise TableError(
            "this is an old Excel 97-2003 (.xls) file; save it as .xlsx or CSV UTF-8",
            "هذا ملف Excel قديم (‎.xls)؛ احفظه بصيغة ‎.xlsx أو CSV UTF-8",
        )
    if head.startswith(_ZIP_MAGIC) or suffix in (".xlsx", ".xlsm"):
        return "xlsx"
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    stripped = head.lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n\x00")
    return "jsonl" if stripped.startswith(b"{") else "csv"


def open_table(path: str | Path, *, format: str | None = None, sheet: str | None = None) -> Table:
    """Open a CSV, XLSX or JSON Lines file; ``format`` ("csv", "xlsx", "jsonl"; None or "auto"
    to detect it from the content and the extension); ``sheet`` names an XLSX sheet (the first
    one by default). Raises :class:`TableError`, now or while ``rows`` are read."""
    path = Path(path)
    fmt = None if format in (None, "", "auto") else str(format).lower()
    if fmt is not None and fmt not in FORMATS:
        raise TableError(
            f"unknown file format {format!r}; use one of {', '.join(FORMATS)}",
            f"صيغة الملف {format!r} غير معروفة؛ استخدم إحدى: {', '.join(FORMATS)}",
        )
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise TableError(
            f"cannot open {path}: {exc.strerror or exc}",
            f"تعذّر فتح الملف {path}: {exc.strerror or exc}",
        ) from None
    try:
        head = handle.read(SAMPLE_BYTES)
        if not head:
            raise TableError("the file is empty", "الملف فارغ")
        fmt = fmt or _detect_format(head, path.suffix.lower())
        if fmt == "xlsx":
            handle.close()
            return _open_xlsx(path, sheet)
        encoding = detect_encoding(head)
        handle.seek(0)
        text = io.TextIOWrapper(handle, encoding=encoding, errors="strict", newline="")
        sample = _decode_prefix(head, encoding).lstrip("\ufeff")
        if fmt == "jsonl":
            return _open_jsonl(text, sample, encoding, complete=len(head) < SAMPLE_BYTES)
        return _open_csv(text, sample, encoding)
    except TableError:
        handle.close()
        raise
    except Exception as exc:  # anything a broken file makes a library raise
        handle.close()
        raise _broken(fmt or "csv", exc) from exc


def _broken(fmt: str, exc: BaseException, row: int | None = None) -> TableError:
    if isinstance(exc, UnicodeDecodeError):
        return _undecodable(exc.encoding, row)
    where_en = f" after row {row}" if row else ""
    where_ar = f" بعد السطر {row}" if row else ""
    reason = str(exc).strip() or type(exc).__name__
    return TableError(
        f"the file cannot be read as {fmt.upper()}{where_en}: {reason}",
        f"تعذّرت قراءة الملف بصيغة {fmt.upper()}{where_ar}: {reason}",
    )


def _guarded(rows: Iterator[RawRow], fmt: str, close: Callable[[], None]) -> Iterator[RawRow]:
    """Turn every failure while reading into TableError, and close the file at the end."""
    last = 1
    try:
        for row in rows:
            last = row.number
            yield row
    except TableError:
        raise
    except Exception as exc:
        raise _broken(fmt, exc, last) from exc
    finally:
        close()


def _sniff_delimiter(sample: str) -> str:
    best, best_score = ",", (0.0, 0)
    for delimiter in _DELIMITERS:
        try:
            records = [r for r in csv.reader(io.StringIO(sample), delimiter=delimiter) if r]
        except csv.Error:
            continue
        records = records[:-1] if len(records) > 1 else records  # the last may be cut short
        records = records[:50]
        if not records or len(records[0]) < 2:
            continue
        width = len(records[0])
        consistent = sum(len(r) == width for r in records) / len(records)
        score = (round(consistent, 1), width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _raise_field_limit() -> None:
    limit = sys.maxsize
    while True:
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:
            limit //= 2


def _open_csv(text: IO[str], sample: str, encoding: str) -> Table:
    _raise_field_limit()
    delimiter = _sniff_delimiter(sample)
    reader = csv.reader(text, delimiter=delimiter, strict=False)
    number, header = 0, None
    for cells in reader:
        number += 1
        if any(cell.strip() for cell in cells):
            header = cells
            break
    if header is None:
        text.close()
        raise TableError("the file has no header row", "لا يحتوي الملف على سطر عناوين")
    columns, notes = _headers(header)
    table = Table("csv", encoding, columns, iter(()), notes, delimiter=delimiter)

    def rows() -> Iterator[RawRow]:
        for index, cells in enumerate(reader, start=number + 1):
            row = _row(index, columns, cells, table)
            if row is not None:
                yield row

    table.rows = _guarded(rows(), "csv", text.close)
    table._closer = text.close
    return table


def _open_jsonl(text: IO[str], sample: str, encoding: str, *, complete: bool) -> Table:
    """Columns are the keys found in the first bytes of the file (all of it when it is small);
    a key first seen later is added to ``columns`` with a warning as its row is read."""
    columns: list[str] = []
    lines = sample.splitlines()
    for line in lines if complete else lines[:-1]:
        try:
            item = json.loads(line)
        except ValueError:
            continue
        if isinstance(item, dict):
            columns.extend(str(k) for k in item if str(k) not in columns)
    table = Table("jsonl", encoding, columns, iter(()))

    def rows() -> Iterator[RawRow]:
        known = set(columns)
        for number, line in enumerate(text, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except ValueError as exc:
                raise TableError(
                    f"line {number} is not valid JSON: {exc}",
                    f"السطر {number} ليس JSON صالحاً: {exc}",
                ) from None
            if not isinstance(item, dict):
                raise TableError(
                    f"line {number} is not a JSON object ({{...}}); each line must be one record",
                    f"السطر {number} ليس كائن JSON ‏({{...}})؛ يجب أن يكون كل سطر سجلاً واحداً",
                )
            values = dict.fromkeys(columns, "")
            values.update((str(k), cell_text(v)) for k, v in item.items())
            for key in values:
                if key not in known:
                    known.add(key)
                    columns.append(key)
                    table.warnings.append(f"line {number} adds the column {key!r}")
            if any(v.strip() for v in values.values()):
                yield RawRow(number, values)

    table.rows = _guarded(rows(), "jsonl", text.close)
    table._closer = text.close
    return table


def _open_xlsx(path: Path, sheet: str | None) -> Table:
    import openpyxl

    stream: IO[bytes] | None = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            # a file object: openpyxl would refuse a name not ending in .xlsx
            stream = path.open("rb")
            book = openpyxl.load_workbook(stream, read_only=True, data_only=True)
    except Exception as exc:
        if stream is not None:
            stream.close()
        raise TableError(
            f"the file is not a readable .xlsx workbook (truncated or damaged?): {exc}",
            f"الملف ليس مصنف ‎.xlsx قابلاً للقراءة (مقطوع أو تالف؟): {exc}",
        ) from None

    def close() -> None:
        book.close()
        stream.close()

    try:
        names = list(book.sheetnames)
        if sheet is not None and sheet not in names:
            raise TableError(
                f"the workbook has no sheet {sheet!r}; its sheets are: {', '.join(names)}",
                f"لا توجد ورقة باسم {sheet!r} في المصنف؛ أوراقه: {'، '.join(names)}",
            )
        if not book.worksheets:
            raise TableError("the workbook has no sheets", "لا يحتوي المصنف على أوراق")
        ws: Any = book[sheet] if sheet is not None else book.worksheets[0]
        ws.reset_dimensions()  # some writers store wrong dimensions; read what is there
        source = ws.iter_rows(values_only=True)
        number, header = 0, None
        for values in source:
            number += 1
            cells = [cell_text(v) for v in values]
            if any(c.strip() for c in cells):
                header = cells
                break
    except TableError:
        close()
        raise
    except Exception as exc:
        close()
        raise _broken("xlsx", exc) from exc
    if header is None:
        close()
        raise TableError("the sheet is empty", "الورقة فارغة")
    while header and not header[-1].strip():
        header.pop()
    columns, notes = _headers(header)
    table = Table("xlsx", None, columns, iter(()), notes, sheet=ws.title)

    def rows() -> Iterator[RawRow]:
        for index, values in enumerate(source, start=number + 1):
            row = _row(index, columns, [cell_text(v) for v in values], table)
            if row is not None:
                yield row

    table.rows = _guarded(rows(), "xlsx", close)
    table._closer = close
    return table


# -- rejects -----------------------------------------------------------------------------------


def write_rejects(
    path: str | Path,
    columns: Sequence[str],
    rejected: Iterable[tuple[RawRow, str, str]],
    *,
    format: str,
) -> None:
    """Write rejected rows: the original ``columns`` plus ``error_column`` and ``error``.

    ``rejected`` yields ``(row, error_column, error)`` (see ``report_rows.reject_entry``). The
    format is the input's: CSV as UTF-8 with a BOM (so Excel shows Arabic), XLSX with every cell as
    text (a cell like ``=HYPERLINK(...)`` stays text), or JSON Lines. The file reads back with
    :func:`open_table` to the same original values. Raises :class:`TableError` if it cannot be
    written.
    """
    header = [c for c in columns if c not in REJECT_COLUMNS] + list(REJECT_COLUMNS)
    fmt = str(format).lower()
    try:
        if fmt == "csv":
            with Path(path).open("w", encoding="utf-8-sig", newline="") as fh:
                writer = csv.writer(fh)
                writer.writerow(header)
                for row, column, error in rejected:
                    writer.writerow(_reject_cells(header, row, column, error))
        elif fmt == "jsonl":
            with Path(path).open("w", encoding="utf-8", newline="\n") as fh:
                for row, column, error in rejected:
                    cells = _reject_cells(header, row, column, error)
                    record = dict(zip(header, cells, strict=True))
                    fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        elif fmt == "xlsx":
            _write_xlsx(Path(path), header, rejected)
        else:
            raise TableError(
                f"cannot write rejects as {format!r}; use one of {', '.join(FORMATS)}",
                f"لا يمكن كتابة المرفوضات بصيغة {format!r}؛ استخدم إحدى: {', '.join(FORMATS)}",
            )
    except OSError as exc:
        raise TableError(
            f"cannot write {path}: {exc.strerror or exc}",
            f"تعذّرت الكتابة إلى {path}: {exc.strerror or exc}",
        ) from None


def _reject_cells(header: Sequence[str], row: RawRow, column: str, error: str) -> list[str]:
    cells = [row.values.get(name, "") for name in header[: -len(REJECT_COLUMNS)]]
    return [*cells, column, error]


def _write_xlsx(path: Path, header: list[str], rejected: Iterable[tuple[RawRow, str, str]]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    book = Workbook(write_only=True)
    ws: Any = book.create_sheet("rejects")

    def cells(values: Sequence[str]) -> list[Any]:
        out = []
        for value in values:
            cell = WriteOnlyCell(ws, value=ILLEGAL_CHARACTERS_RE.sub("", value))
            cell.data_type = "s"  # text, never a formula
            out.append(cell)
        return out

    ws.append(cells(header))
    for row, column, error in rejected:
        ws.append(cells(_reject_cells(header, row, column, error)))
    book.save(path)
