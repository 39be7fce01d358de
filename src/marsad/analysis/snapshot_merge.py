"""Merging re-read incidents into the snapshot, and visibility, on Arrow tables (no database).

The stored order is: unrestricted incidents by id, then restricted ones by id.  Restricted
incidents are few, so hiding them is a zero-copy slice of the first part plus the handful of
restricted rows the user may see, instead of a filter copying every row.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc


def _restricted(table: pa.Table) -> pa.Array:
    lengths = pc.list_value_length(table["restricted_groups"])
    return pc.fill_null(pc.greater(lengths, 0), False)


def in_stored_order(table: pa.Table) -> pa.Table:
    keys = pa.table({"restricted": _restricted(table), "incident_id": table["incident_id"]})
    order = pc.sort_indices(
        keys, sort_keys=[("restricted", "ascending"), ("incident_id", "ascending")]
    )
    return table.take(order)


def _split(table: pa.Table) -> tuple[pa.Table, pa.Table]:
    """The unrestricted and the restricted part of a table in stored order (free slices)."""
    first = len(table) - int(pc.sum(_restricted(table)).as_py() or 0)
    return table.slice(0, first), table.slice(first)


def _ids_before(head: pa.Table, tail: pa.Table) -> bool:
    if not len(head) or not len(tail):
        return True
    return bool(pc.max(head["incident_id"]).as_py() < pc.min(tail["incident_id"]).as_py())


def _shared_dictionary(old: pa.ChunkedArray, new: pa.ChunkedArray) -> tuple[list, list]:
    """The chunks of ``old`` and ``new`` re-expressed over one dictionary: ``old``'s, extended
    with the values it lacks.  ``old``'s indices stay as they are (no copy)."""
    old_chunks = [c for c in old.chunks if len(c)] or [old.combine_chunks()]
    dictionary = old_chunks[0].dictionary
    if any(not c.dictionary.equals(dictionary) for c in old_chunks[1:]):
        old_chunks = [old.combine_chunks()]
        dictionary = old_chunks[0].dictionary
    values = new.cast(dictionary.type).combine_chunks()
    lacking = pc.unique(pc.filter(values, pc.invert(pc.is_in(values, value_set=dictionary))))
    lacking = pc.drop_null(lacking)
    if len(lacking):
        dictionary = pa.concat_arrays([dictionary, lacking])
    indices = pc.index_in(values, value_set=dictionary).cast(old_chunks[0].indices.type)
    rebuilt = [pa.DictionaryArray.from_arrays(c.indices, dictionary) for c in old_chunks]
    return rebuilt, [pa.DictionaryArray.from_arrays(indices, dictionary)]


def _align(kept: pa.Table, added: pa.Table) -> tuple[pa.Table, pa.Table]:
    """``kept`` and ``added`` with each text column over the same dictionary, so the merged
    table is written (and concatenated) without re-encoding a million values."""
    if not len(kept):
        return kept, added
    old_columns, new_columns = {}, {}
    for field in kept.schema:
        if pa.types.is_dictionary(field.type):
            old, new = _shared_dictionary(kept[field.name], added[field.name])
            old_columns[field.name] = pa.chunked_array(old, field.type)
            new_columns[field.name] = pa.chunked_array(new, field.type)
        else:
            old_columns[field.name] = kept[field.name]
            new_columns[field.name] = added[field.name]
    return pa.table(old_columns, schema=kept.schema), pa.table(new_columns, schema=kept.schema)


def merge(kept: pa.Table, added: pa.Table) -> pa.Table:
    """``kept`` (in stored order) with ``added`` rows, in stored order.

    The usual refresh appends incidents newer than all the others: then the result is made of
    slices of ``kept`` around the new rows, and nothing of the snapshot is copied."""
    kept, added = _align(kept, in_stored_order(added))
    open_kept, restricted_kept = _split(kept)
    open_added, restricted_added = _split(added)
    if _ids_before(open_kept, open_added) and _ids_before(restricted_kept, restricted_added):
        return pa.concat_tables([open_kept, open_added, restricted_kept, restricted_added])
    return in_stored_order(pa.concat_tables([kept, added]))


def _python_rows(table: pa.Table, columns: list[str]) -> list[tuple]:
    values = [table[name].to_pylist() for name in columns]
    return [
        tuple(tuple(v) if isinstance(v, list) else v for v in row)
        for row in zip(*values, strict=True)
    ]


def differences(old: pa.Table, fresh: pa.Table) -> tuple[pa.Array, pa.Array]:
    """``(rows of fresh that are new or changed, ids of old rows they replace)``.

    Only the columns read from the database are compared (``fresh`` is not enriched); the
    rows compared are the few re-read, never the whole snapshot."""
    fresh_ids = fresh["incident_id"].combine_chunks()
    hits = pc.indices_nonzero(pc.is_in(old["incident_id"], value_set=fresh_ids))
    columns = fresh.column_names
    before = {row[0]: row for row in _python_rows(old.take(hits).select(columns), columns)}
    after = _python_rows(fresh, columns)
    changed = [before.get(row[0]) != row for row in after]
    mask = pa.array(changed, pa.bool_())
    replaced = [
        row[0] for row, differs in zip(after, changed, strict=True) if differs and row[0] in before
    ]
    return mask, pa.array(replaced, pa.int64())


def without(table: pa.Table, ids: pa.Array) -> pa.Table:
    """``table`` without the rows of ``ids`` (no copy when there is none)."""
    if not len(ids):
        return table
    ids = ids.combine_chunks() if isinstance(ids, pa.ChunkedArray) else ids
    return table.filter(pc.invert(pc.is_in(table["incident_id"], value_set=ids)))


def only_visible(table: pa.Table, group_ids: set[int] | frozenset[int]) -> pa.Table:
    """Rows of ``table`` that are unrestricted or restricted to one of ``group_ids``."""
    restricted = _restricted(table).combine_chunks()
    open_rows = len(restricted) - int(pc.sum(restricted).as_py() or 0)
    if open_rows == len(table):
        return table
    mine = pa.array([], pa.int64())
    if group_ids:
        groups = table["restricted_groups"].combine_chunks()
        member = pc.is_in(pc.list_flatten(groups), value_set=pa.array(sorted(group_ids)))
        mine = pc.unique(pc.filter(pc.list_parent_indices(groups), member))
    if not pc.any(restricted.slice(0, open_rows)).as_py():  # stored order: a free slice
        extra = pc.filter(mine, pc.greater_equal(mine, open_rows))
        return pa.concat_tables([table.slice(0, open_rows), table.take(extra)])
    allowed = pc.invert(restricted).to_numpy(zero_copy_only=False).copy()
    allowed[mine.to_numpy()] = True
    return table.filter(pa.array(allowed))


def compact(table: pa.Table) -> pa.Table:
    """``table`` with one chunk per column.  Text columns whose chunks share a dictionary (as
    :func:`merge` leaves them) only have their indices joined, four times faster than Arrow's
    general concatenation, which re-encodes every value."""
    columns = {}
    for field in table.schema:
        column = table[field.name]
        chunks = [chunk for chunk in column.chunks if len(chunk)] or column.chunks[:1]
        if len(chunks) > 1 and pa.types.is_dictionary(field.type):
            dictionary = chunks[0].dictionary
            if all(c.dictionary.equals(dictionary) for c in chunks[1:]):
                indices = pa.concat_arrays([c.indices for c in chunks])
                columns[field.name] = pa.DictionaryArray.from_arrays(indices, dictionary)
                continue
        columns[field.name] = column.combine_chunks()
    return pa.table(columns, schema=table.schema)
