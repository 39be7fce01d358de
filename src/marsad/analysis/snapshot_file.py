"""The snapshot on disk: one Parquet file, replaced atomically, read once per process.

* Writers hold an exclusive lock on ``<file>.lock`` (``fcntl.flock``) so two refreshes never
  merge from the same old file; where ``fcntl`` is missing (Windows) they still cannot corrupt
  it, because the file is only ever replaced whole: written to a temporary file beside it, then
  ``os.replace``-d.  Readers take no lock: they see the old file or the new one, never half.
* Text columns are read dictionary-encoded: a third of the memory of plain strings, and
  filtering or concatenating a million rows takes a fraction of the time.
* The file's schema metadata says what it is (format), which database it mirrors and up to
  when (watermark); a file of another format or database is ignored and rebuilt.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from marsad.analysis.snapshot_merge import compact

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: atomic replace alone keeps the file whole
    fcntl = None  # type: ignore[assignment]

FORMAT = "marsad-incidents-2"
_KEY_FORMAT, _KEY_DATABASE, _KEY_WATERMARK = (
    b"marsad.format",
    b"marsad.database",
    b"marsad.watermark",
)
# Statistics on text columns double the write time and nothing reads them: the snapshot is
# loaded whole.  Keep them where a reader scanning the file directly could prune row groups.
_STATISTICS = ["incident_id", "date", "updated_at"]


@dataclass(frozen=True)
class Snapshot:
    table: pa.Table
    database: str
    watermark: dt.datetime | None  # the latest ``updated_at`` the file has seen


_cache: dict[Path, tuple[tuple[int, int, int], Snapshot]] = {}
_cache_lock = threading.Lock()


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return (stat.st_ino, stat.st_mtime_ns, stat.st_size)


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the writers' lock of ``path`` (creating its directory, owner-only)."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if fcntl is None:  # pragma: no cover
        yield
        return
    with open(path.with_name(path.name + ".lock"), "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _text_columns(schema: pa.Schema) -> list[str]:
    return [
        f.name
        for f in schema
        if pa.types.is_string(f.type)
        or (pa.types.is_dictionary(f.type) and pa.types.is_string(f.type.value_type))
    ]


def read(path: Path) -> Snapshot | None:
    """The snapshot at ``path`` (from memory when the file has not changed), or None when there
    is none or it is of another format."""
    stamp = _stamp(path)
    if stamp is None:
        return None
    with _cache_lock:
        cached = _cache.get(path)
        if cached is not None and cached[0] == stamp:
            return cached[1]
    try:
        schema = pq.read_schema(path)
        meta = schema.metadata or {}
        if meta.get(_KEY_FORMAT) != FORMAT.encode():
            return None
        table = pq.read_table(path, read_dictionary=_text_columns(schema))
    except (OSError, pa.ArrowException):
        return None  # unreadable (e.g. a disk filled mid-write before os.replace existed)
    watermark = meta.get(_KEY_WATERMARK, b"").decode()
    snapshot = Snapshot(
        table.replace_schema_metadata(None),
        meta.get(_KEY_DATABASE, b"").decode(),
        dt.datetime.fromisoformat(watermark) if watermark else None,
    )
    with _cache_lock:
        _cache[path] = (stamp, snapshot)
    return snapshot


def as_stored(table: pa.Table) -> pa.Table:
    """``table`` with text columns dictionary-encoded, as :func:`read` returns them."""
    texts = set(_text_columns(table.schema))
    fields = [
        pa.field(f.name, pa.dictionary(pa.int32(), pa.string())) if f.name in texts else f
        for f in table.schema
    ]
    return table.cast(pa.schema(fields))


def latest_change(table: pa.Table) -> dt.datetime | None:
    value = pc.max(table["updated_at"]).as_py() if len(table) else None
    return value


def write(path: Path, table: pa.Table, database: str) -> Snapshot:
    """Replace the file at ``path`` with ``table`` atomically; the caller holds :func:`locked`."""
    # One chunk per column, so a process refreshing all day does not pile chunks up.
    stored = compact(as_stored(table))
    watermark = latest_change(stored)
    meta = {
        _KEY_FORMAT: FORMAT.encode(),
        _KEY_DATABASE: database.encode(),
        _KEY_WATERMARK: watermark.isoformat().encode() if watermark else b"",
    }
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".incidents-", suffix=".tmp")
    os.close(handle)
    try:
        pq.write_table(
            stored.replace_schema_metadata(meta),
            temporary,
            compression="none",  # a cache rebuilt at will: read and write speed first
            write_statistics=[c for c in _STATISTICS if c in stored.column_names],
        )
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    snapshot = Snapshot(stored, database, watermark)
    stamp = _stamp(path)
    if stamp is not None:
        with _cache_lock:
            _cache[path] = (stamp, snapshot)
    return snapshot


def forget(path: Path | None = None) -> None:
    """Drop the in-memory copy of ``path`` (of every file when None)."""
    with _cache_lock:
        if path is None:
            _cache.clear()
        else:
            _cache.pop(path, None)
