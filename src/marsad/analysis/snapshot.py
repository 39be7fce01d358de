"""The incidents the analysis engine reads: a Parquet snapshot of the database, enriched once
and refreshed incrementally (see ``docs/analysis.md``, "The snapshot").

>>> table = incidents_for(request.user)        # refreshed, enriched, only what the user may see
>>> analysis.analyse(table, by=["controlling_party", "month"])

A refresh reads only the incidents whose ``updated_at`` is at or after the snapshot's watermark
minus :data:`OVERLAP`, drops the ids gone from the database, merges, and replaces the file
atomically.  Changes that do not touch an incident row (an account linked, a restriction set)
bump its ``updated_at`` (``marsad.analysis.signals``), so they are read like any edit.

Why the overlap: ``updated_at`` is set when a row is saved, not when its transaction commits, so
a transaction still open during a refresh can later commit rows older than the watermark.  They
are caught as long as no transaction writing incidents stays open longer than ``OVERLAP``.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
from django.conf import settings
from django.db.models import QuerySet

from marsad.analysis import snapshot_file
from marsad.analysis.snapshot_merge import (
    differences,
    in_stored_order,
    merge,
    only_visible,
    without,
)
from marsad.analysis.snapshot_rows import (
    COUNTS,
    SCHEMA,
    TEXT,
    TRACKING,
    all_ids,
    database_identity,
    probe,
    read_by_ids,
    read_incidents,
)
from marsad.records.models import Incident

__all__ = [
    "COUNTS",
    "OVERLAP",
    "SCHEMA",
    "TEXT",
    "Refresh",
    "incidents_for",
    "incidents_table",
    "only_visible",
    "refresh_snapshot",
    "snapshot_path",
    "snapshot_table",
]

OVERLAP = dt.timedelta(minutes=15)
log = logging.getLogger(__name__)
_refreshed_at: dict[Path, float] = {}


def mark_changed() -> None:
    """Make the next :func:`snapshot_table` of this process refresh, whatever its ``max_age``
    (called by ``marsad.analysis.signals`` whenever an incident changes here)."""
    _refreshed_at.clear()


def incidents_table(queryset: QuerySet[Incident] | None = None) -> pa.Table:
    """Every incident of ``queryset`` (all by default) as a row, with its accounts' source
    types, read straight from the database (not enriched, not from the snapshot)."""
    return read_incidents(queryset)


def snapshot_path() -> Path:
    return Path(settings.DATA_DIR) / "snapshots" / "incidents.parquet"


@dataclass(frozen=True)
class Refresh:
    """What a refresh did: ``read`` rows were read again (``changed`` of them new or different),
    ``deleted`` dropped; ``rebuilt`` means everything was read; ``written`` that the file was
    replaced (nothing changed otherwise)."""

    rows: int
    read: int
    changed: int
    deleted: int
    rebuilt: bool
    written: bool
    seconds: float


def _enriched(rows: pa.Table) -> pa.Table:
    from marsad.engines import analysis
    from marsad.engines.gazetteer import default_gazetteer

    return snapshot_file.as_stored(analysis.enrich(rows, default_gazetteer()))


def _build() -> pa.Table:
    return in_stored_order(_enriched(read_incidents(tracking=True)))


def _plain(table: pa.Table) -> pa.Table:
    """``table`` with dictionary columns decoded, sorted by id: comparable across dictionaries."""
    fields = [
        pa.field(f.name, f.type.value_type) if pa.types.is_dictionary(f.type) else f
        for f in table.schema
    ]
    return table.cast(pa.schema(fields)).sort_by("incident_id").combine_chunks()


def _id_sum(table: pa.Table) -> int:
    return int(pc.sum(table["incident_id"]).as_py() or 0)


def refresh_snapshot(path: Path | None = None, *, full: bool = False) -> Refresh:
    """Bring the snapshot at ``path`` (default :func:`snapshot_path`) up to date with the
    database; ``full`` rebuilds it from scratch.  Safe to call from several processes."""
    path = path or snapshot_path()
    started = time.perf_counter()
    with snapshot_file.locked(path):
        database = database_identity()
        current = None if full else snapshot_file.read(path)
        if current is None or current.database != database or current.watermark is None:
            table = _build()
            snapshot_file.write(path, table, database)
            n = len(table)
            return Refresh(n, n, n, 0, True, True, time.perf_counter() - started)
        old = current.table
        if current.watermark is None:  # an empty snapshot: read everything
            summary, fresh = (
                probe(dt.datetime.max.replace(tzinfo=dt.UTC)),
                read_incidents(tracking=True),
            )
        else:  # one scan finds the rows changed since the watermark, then each is read by key
            summary = probe(current.watermark - OVERLAP)
            fresh = read_by_ids(summary.changed)
        changed, replaced = differences(old, fresh)
        added, gone = fresh.filter(changed), replaced
        expected = len(old) - len(replaced) + len(added)
        if (expected, _id_sum(old) - _id_sum_of(replaced) + _id_sum(added)) != (
            summary.count,
            summary.id_sum,
        ):
            ids = all_ids()
            gone = pc.unique(pa.concat_arrays([replaced, _missing(old["incident_id"], ids)]))
            # Rows older than the watermark yet never seen: a restored database, or rows
            # written with explicit timestamps.  Read them rather than trust the watermark.
            seen = pa.concat_arrays(
                [old["incident_id"].combine_chunks(), fresh["incident_id"].combine_chunks()]
            )
            unseen = _missing(ids, seen)
            if len(unseen):
                added = pa.concat_tables([added, read_by_ids(unseen.to_pylist())])
            added = added.filter(pc.is_in(added["incident_id"], value_set=ids))
        deleted = len(gone) - len(replaced)
        if not len(added) and not len(gone):
            return Refresh(len(old), len(fresh), 0, 0, False, False, time.perf_counter() - started)
        merged = without(old, gone)
        if len(added):
            merged = merge(merged, _enriched(added).cast(old.schema))
        snapshot_file.write(path, merged, database)
        seconds = time.perf_counter() - started
        return Refresh(len(merged), len(fresh), len(added), deleted, False, True, seconds)


def _id_sum_of(ids: pa.Array) -> int:
    return int(pc.sum(ids).as_py() or 0)


def _missing(ids: pa.Array | pa.ChunkedArray, among: pa.Array) -> pa.Array:
    """The ids of ``ids`` that are not in ``among``."""
    ids = ids.combine_chunks() if isinstance(ids, pa.ChunkedArray) else ids
    return pc.filter(ids, pc.invert(pc.is_in(ids, value_set=among)))


def snapshot_table(
    *, refresh: bool = True, path: Path | None = None, max_age: float = 0.0
) -> pa.Table:
    """The whole snapshot (every incident, restricted ones too) with its tracking columns.

    Refreshed first, unless ``max_age`` > 0 and this process refreshed it less than ``max_age``
    seconds ago and changed no incident since: a page drawing several charts at once then asks
    the database once, at the price of seeing another process's change up to ``max_age`` late.

    Falls back to reading the database when the snapshot cannot be written (a read-only data
    directory), so analysis still works, only slower."""
    path = path or snapshot_path()
    try:
        last = _refreshed_at.get(path)
        if refresh and (last is None or time.monotonic() - last >= max_age):
            refresh_snapshot(path)
            _refreshed_at[path] = time.monotonic()
        current = snapshot_file.read(path)
        if current is not None:
            return current.table
    except OSError as error:
        log.warning(
            "cannot use the analysis snapshot at %s (%s); reading the database", path, error
        )
    return _build()


def incidents_for(user, *, max_age: float = 0.0) -> pa.Table:
    """The enriched incidents ``user`` may see (restricted incidents of other groups left out),
    ready for :func:`marsad.engines.analysis.analyse`.

    Read from the refreshed snapshot; visibility is applied here with the same rule as
    :func:`marsad.records.visibility.visible_incidents`.  Text columns are dictionary-encoded
    (values read as plain strings; ``to_pylist`` and the analysis engine see no difference).
    ``max_age``: see :func:`snapshot_table`."""
    from marsad.records.visibility import SEE_RESTRICTED

    table = snapshot_table(max_age=max_age)
    if not (user is not None and user.is_active and user.has_perm(SEE_RESTRICTED)):
        groups: set[int] = set()
        if user is not None and user.is_authenticated:
            groups = set(user.groups.values_list("pk", flat=True))
        table = only_visible(table, groups)
    return table.drop_columns(TRACKING.names)
