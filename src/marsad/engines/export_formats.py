"""Export writers: CSV, JSON, GeoJSON, HXL and XLSX from flat records (pure, no Django).

A record is a mapping from the field names of :mod:`marsad.engines.export_fields` to values:
``str``, ``int``, ``float``, ``datetime.date``/``datetime.datetime``, a list (for ``list``
fields) or None. Missing keys count as None; keys not in ``fields`` are ignored. Every writer
has the same signature, ``writer(records, fields, out, *, codebook=None) -> rows written``,
writes bytes to ``out`` and reads ``records`` once, as it goes (XLSX keeps its rows in
openpyxl's temporary files until the workbook is saved). :func:`iter_export` gives the same
bytes as an iterator, for streamed HTTP responses. ``docs/export.md`` describes the formats.

>>> import io
>>> from marsad.engines.export_fields import INCIDENT_FIELDS
>>> out = io.BytesIO()
>>> write_csv([{"incident_id": "1", "type": "explosion"}], INCIDENT_FIELDS, out)
1
>>> out.getvalue()[:14]
b'\\xef\\xbb\\xbfincident_id'
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, BinaryIO, Final, Protocol

from marsad.engines.export_fields import ExportField
from marsad.engines.export_values import json_value, neutralise, restore, text_cell
from marsad.engines.export_xlsx import write_xlsx

if TYPE_CHECKING:
    from marsad.engines.codebook import Codebook

__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "MEDIA_TYPES",
    "Writer",
    "iter_export",
    "neutralise",
    "restore",
    "write_csv",
    "write_geojson",
    "write_hxl",
    "write_json",
    "write_xlsx",
]

Record = Mapping[str, object]
CHUNK: Final = 64 * 1024


class Writer(Protocol):
    def __call__(
        self,
        records: Iterable[Record],
        fields: Sequence[ExportField],
        out: BinaryIO,
        *,
        codebook: Codebook | None = None,
    ) -> int: ...


class _Count:
    """Rows written by a chunk generator (read once it is exhausted)."""

    def __init__(self) -> None:
        self.rows = 0


def _batched(parts: Iterable[str]) -> Iterator[bytes]:
    """UTF-8 chunks of about :data:`CHUNK` bytes from many small strings."""
    buffer: list[str] = []
    size = 0
    for part in parts:
        buffer.append(part)
        size += len(part)
        if size >= CHUNK:
            yield "".join(buffer).encode("utf-8")
            buffer, size = [], 0
    if buffer:
        yield "".join(buffer).encode("utf-8")


def _csv_lines(rows: Iterable[Sequence[str]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # excel dialect: "," and "\r\n", quotes where needed
    for row in rows:
        writer.writerow(row)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def _data_rows(
    records: Iterable[Record], fields: Sequence[ExportField], count: _Count
) -> Iterator[list[str]]:
    for record in records:
        count.rows += 1
        yield [text_cell(f, record.get(f.name)) for f in fields]


def _csv_parts(
    records: Iterable[Record], fields: Sequence[ExportField], count: _Count
) -> Iterator[str]:
    yield "\ufeff"  # the BOM tells Excel the file is UTF-8 (Arabic opens correctly)
    yield from _csv_lines([[f.name for f in fields]])
    yield from _csv_lines(_data_rows(records, fields, count))


def _hxl_parts(
    records: Iterable[Record], fields: Sequence[ExportField], count: _Count
) -> Iterator[str]:
    # No BOM: libhxl would keep it as part of the first header.
    yield from _csv_lines([[f.name for f in fields], [f.hxl or "" for f in fields]])
    yield from _csv_lines(_data_rows(records, fields, count))


def _json_object(record: Record, fields: Sequence[ExportField]) -> dict[str, object]:
    return {f.name: json_value(f, record.get(f.name)) for f in fields}


def _dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, allow_nan=False)


def _json_parts(
    records: Iterable[Record], fields: Sequence[ExportField], count: _Count
) -> Iterator[str]:
    yield "["
    for record in records:
        yield (",\n" if count.rows else "\n") + _dumps(_json_object(record, fields))
        count.rows += 1
    yield "\n]\n" if count.rows else "]\n"


def _point(record: Record) -> dict[str, object] | None:
    lat, lon = json_value(_NUM, record.get("latitude")), json_value(_NUM, record.get("longitude"))
    if isinstance(lat, int | float) and isinstance(lon, int | float):
        return {"type": "Point", "coordinates": [lon, lat]}
    return None


def _geojson_parts(
    records: Iterable[Record], fields: Sequence[ExportField], count: _Count
) -> Iterator[str]:
    properties = [f for f in fields if f.name not in ("latitude", "longitude")]
    yield '{"type": "FeatureCollection", "features": ['
    for record in records:
        feature = {
            "type": "Feature",
            "geometry": _point(record),
            "properties": _json_object(record, properties),
        }
        yield (",\n" if count.rows else "\n") + _dumps(feature)
        count.rows += 1
    yield "\n]}\n"


_NUM: Final = ExportField("number", "float", "", "", None)

_PARTS: Final = {
    "csv": _csv_parts,
    "json": _json_parts,
    "geojson": _geojson_parts,
    "hxl": _hxl_parts,
}


def _write(
    kind: str, records: Iterable[Record], fields: Sequence[ExportField], out: BinaryIO
) -> int:
    count = _Count()
    for chunk in _batched(_PARTS[kind](records, fields, count)):
        out.write(chunk)
    return count.rows


def write_csv(
    records: Iterable[Record],
    fields: Sequence[ExportField],
    out: BinaryIO,
    *,
    codebook: Codebook | None = None,
) -> int:
    """CSV in UTF-8 with a BOM, a header of field names, lists joined with ``"; "``, ISO dates,
    empty cells for None, text neutralised (:func:`neutralise`). Returns the rows written."""
    return _write("csv", records, fields, out)


def write_json(
    records: Iterable[Record],
    fields: Sequence[ExportField],
    out: BinaryIO,
    *,
    codebook: Codebook | None = None,
) -> int:
    """A UTF-8 JSON array of objects, every field under its name (lists as arrays, ISO dates,
    null for None). Text is not neutralised. Returns the rows written."""
    return _write("json", records, fields, out)


def write_geojson(
    records: Iterable[Record],
    fields: Sequence[ExportField],
    out: BinaryIO,
    *,
    codebook: Codebook | None = None,
) -> int:
    """A GeoJSON FeatureCollection: a Point ``[longitude, latitude]`` per record (null geometry
    without both), the other fields as properties. Returns the features written."""
    return _write("geojson", records, fields, out)


def write_hxl(
    records: Iterable[Record],
    fields: Sequence[ExportField],
    out: BinaryIO,
    *,
    codebook: Codebook | None = None,
) -> int:
    """HXL-tagged CSV (UTF-8, no BOM): the field names, the hashtag row, then the data as in
    :func:`write_csv`. Returns the data rows written."""
    return _write("hxl", records, fields, out)


FORMATS: Final[Mapping[str, Writer]] = {
    "csv": write_csv,
    "json": write_json,
    "geojson": write_geojson,
    "hxl": write_hxl,
    "xlsx": write_xlsx,
}

MEDIA_TYPES: Final[Mapping[str, str]] = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "geojson": "application/geo+json",
    "hxl": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

EXTENSIONS: Final[Mapping[str, str]] = {
    "csv": ".csv",
    "json": ".json",
    "geojson": ".geojson",
    "hxl": ".hxl.csv",
    "xlsx": ".xlsx",
}


def iter_export(
    fmt: str,
    records: Iterable[Record],
    fields: Sequence[ExportField],
    *,
    codebook: Codebook | None = None,
) -> Iterator[bytes]:
    """The bytes ``FORMATS[fmt]`` would write, as chunks (for ``StreamingHttpResponse``).

    Text formats are produced as the iterator is consumed; XLSX is built in a temporary file
    first (a zip file cannot be streamed) and then read out.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    if fmt in _PARTS:
        return _batched(_PARTS[fmt](records, fields, _Count()))
    if codebook is None:
        raise ValueError("the xlsx format needs codebook=")
    return _xlsx_chunks(records, fields, codebook)


def _xlsx_chunks(
    records: Iterable[Record], fields: Sequence[ExportField], codebook: Codebook | None
) -> Iterator[bytes]:
    with tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024) as spool:
        write_xlsx(records, fields, spool, codebook=codebook)  # type: ignore[arg-type]
        spool.seek(0)
        while chunk := spool.read(CHUNK):
            yield chunk
