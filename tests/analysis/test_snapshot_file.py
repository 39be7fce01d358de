"""Refreshes running at the same time: one writer at a time, and a reader never sees half a
file, only the previous snapshot or the next."""

import threading

import pyarrow as pa

from marsad.analysis import snapshot_file, snapshot_merge


def table(rows: int) -> pa.Table:
    return pa.table(
        {
            "incident_id": pa.array(range(rows), pa.int64()),
            "type": pa.array(["explosion"] * rows),
            "updated_at": pa.array([None] * rows, pa.timestamp("us", tz="UTC")),
        }
    )


def test_concurrent_refreshes_take_turns_and_readers_see_whole_files(tmp_path):
    path = tmp_path / "snapshots" / "incidents.parquet"
    sizes = [20_000 + n for n in range(4)]
    inside, overlaps, seen, errors = [0], [], set(), []
    guard = threading.Lock()

    def refresh(rows: int) -> None:
        for _ in range(3):
            with snapshot_file.locked(path):
                with guard:
                    inside[0] += 1
                    overlaps.append(inside[0])
                snapshot_file.write(path, table(rows), "db")
                with guard:
                    inside[0] -= 1

    def read() -> None:
        while any(t.is_alive() for t in writers):
            snapshot_file.forget(path)
            try:
                found = snapshot_file.read(path)
            except Exception as error:  # noqa: BLE001 - any failure is the finding
                errors.append(error)
                return
            if found is not None:
                ids = found.table["incident_id"].to_pylist()
                assert ids == list(range(len(ids)))
                seen.add(len(ids))

    writers = [threading.Thread(target=refresh, args=(rows,)) for rows in sizes]
    readers = [threading.Thread(target=read) for _ in range(2)]
    for thread in writers + readers:
        thread.start()
    for thread in writers + readers:
        thread.join()
    assert not errors
    assert max(overlaps) == 1
    assert seen <= set(sizes)
    assert len(snapshot_file.read(path).table) in sizes
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


def incidents(groups_by_id):
    return pa.table(
        {
            "incident_id": pa.array(list(groups_by_id), pa.int64()),
            "restricted_groups": pa.array(list(groups_by_id.values()), pa.list_(pa.int64())),
        }
    )


def test_visibility_and_merging_keep_restricted_incidents_to_their_groups():
    stored = snapshot_merge.in_stored_order(incidents({1: [], 2: [7], 3: [], 4: [8, 9], 5: []}))
    assert stored["incident_id"].to_pylist() == [1, 3, 5, 2, 4]  # restricted ones last
    merged = snapshot_merge.merge(stored, incidents({6: [], 7: [9]}))
    assert merged["incident_id"].to_pylist() == [1, 3, 5, 6, 2, 4, 7]
    unsorted = incidents({2: [7], 1: [], 4: [8, 9], 6: [], 7: [9], 3: [], 5: []})
    for table in (merged, unsorted):

        def seen(groups, table=table):
            return sorted(snapshot_merge.only_visible(table, groups)["incident_id"].to_pylist())

        assert seen(set()) == [1, 3, 5, 6]
        assert seen({9}) == [1, 3, 4, 5, 6, 7]
        assert seen({7, 8}) == [1, 2, 3, 4, 5, 6]
