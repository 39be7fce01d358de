"""Clustering scored pairs into incidents without undoing human decisions (pure; numpy).

Constraints, applied on every run:

* a pair a reviewer confirmed as the same incident is always in one cluster (must-link);
* a pair a reviewer confirmed as different incidents is never in one cluster (cannot-link);
* existing incident assignments are kept: an existing report never leaves its incident, and two
  existing incidents are never merged by the machine (only a reviewer's link merges them);
* with ``clustering.same_source_apart`` two accounts from one source are not put together by the
  machine (a source tells an incident once).

Pairs at or above ``thresholds.link`` are edges.  Connected components (vectorised union-find)
that are cliques of strong edges and break no constraint become clusters as they are; the others
(with ``clustering.method: average``; with ``components`` only those that break a constraint or
hold a pair scored below ``clustering.weak_link``) are re-clustered by constrained greedy average
linkage: edges in order of decreasing probability; two clusters merge when no constraint forbids
it and the mean match weight over all their pairs (an unscored pair counts
``clustering.missing_pair_weight``) is at least the link weight.

Cluster ids: an existing incident keeps its id; a new cluster gets the smallest report id in it
(or, if an existing incident already uses that number, a number above every id in use).
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from marsad.engines.crosscheck_model import Model

__all__ = ["cluster", "components"]

IntArray = npt.NDArray[np.int64]


def components(n: int, u: IntArray, v: IntArray) -> IntArray:
    """Connected components of ``n`` nodes and edges ``u``-``v``: the smallest node of each."""
    parent = np.arange(n, dtype=np.int64)
    while True:
        pu, pv = parent[u], parent[v]
        moving = pu != pv
        if not moving.any():
            return parent
        lo, hi = np.minimum(pu[moving], pv[moving]), np.maximum(pu[moving], pv[moving])
        np.minimum.at(parent, hi, lo)
        while True:
            jumped = parent[parent]
            if np.array_equal(jumped, parent):
                break
            parent = jumped


def _index(ids: IntArray, values: IntArray) -> tuple[IntArray, npt.NDArray[np.bool_]]:
    pos = np.searchsorted(ids, values)
    pos = np.clip(pos, 0, max(len(ids) - 1, 0))
    found = ids[pos] == values if len(ids) else np.zeros(len(values), dtype=bool)
    return pos.astype(np.int64), found


def _col(table: pa.Table | None, name: str) -> IntArray:
    if table is None or name not in table.column_names:
        return np.zeros(0, dtype=np.int64)
    return np.asarray(table.column(name).to_numpy(zero_copy_only=False), dtype=np.int64)


class _Greedy:
    """Constrained average linkage over the accounts of the components that need it."""

    def __init__(self, link_weight: float, same_source_apart: bool, missing: float) -> None:
        self.link_weight = link_weight
        self.same_source_apart = same_source_apart
        self.missing = missing
        self.size: dict[int, int] = {}
        self.parent: dict[int, int] = {}
        self.sources: dict[int, set[int]] = {}
        self.existing: dict[int, bool] = {}
        self.cannot: dict[int, set[int]] = {}
        # neighbour -> (sum of weights, number of scored pairs), kept symmetric
        self.sums: dict[int, dict[int, tuple[float, int]]] = {}

    def find(self, x: int) -> int:
        parent = self.parent
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def try_merge(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if self.same_source_apart and not self.sources[ra].isdisjoint(self.sources[rb]):
            return
        if self.existing[ra] and self.existing[rb]:
            return
        blocked = self.cannot.get(ra)
        if blocked and rb in blocked:
            return
        total, count = self.sums[ra].get(rb, (0.0, 0))
        pairs = self.size[ra] * self.size[rb]
        if count == 0 or (total + (pairs - count) * self.missing) / pairs < self.link_weight:
            return
        if len(self.sums[ra]) < len(self.sums[rb]):
            ra, rb = rb, ra  # merge the smaller neighbourhood into the larger
        self.parent[rb] = ra
        self.size[ra] += self.size.pop(rb)
        self.sources[ra] |= self.sources.pop(rb)
        self.existing[ra] = self.existing[ra] or self.existing.pop(rb)
        moved = self.cannot.pop(rb, None)
        if moved:
            mine = self.cannot.setdefault(ra, set())
            for other in moved:
                mine.add(other)
                theirs = self.cannot[other]
                theirs.discard(rb)
                theirs.add(ra)
        mine_sums = self.sums[ra]
        mine_sums.pop(rb, None)
        for other, (tot, cnt) in self.sums.pop(rb).items():
            if other == ra:
                continue
            old_tot, old_cnt = mine_sums.get(other, (0.0, 0))
            entry = (old_tot + tot, old_cnt + cnt)
            mine_sums[other] = entry
            back = self.sums[other]
            del back[rb]
            back[ra] = entry


def cluster(
    pairs: pa.Table,
    reports: pa.Table,
    *,
    existing: pa.Table | None = None,
    decisions: pa.Table | None = None,
    model: Model,
) -> pa.Table:
    """``report_id -> cluster_id`` for every report in ``reports`` (see the module docs)."""
    ids = np.unique(_col(reports, "report_id"))
    n = len(ids)
    order, _ = _index(ids, _col(reports, "report_id"))
    sources = np.full(n, -1, dtype=np.int64)
    if "source_id" in reports.column_names:
        filled = pc.fill_null(reports.column("source_id").cast(pa.int64()), -1)
        sources[order] = np.asarray(filled.to_numpy(), dtype=np.int64)
    link = model.threshold("link")
    link_weight = math.log2(link / (1.0 - link))
    settings = model.section("clustering")
    weak = float(settings.get("weak_link", 0.0))
    apart = bool(settings.get("same_source_apart", True))
    missing = float(settings.get("missing_pair_weight", 0.0))
    linkage_all = str(settings.get("method", "components")) == "average"

    # must-link: existing incidents and confirmed links.
    ex_ids, ex_clusters = _col(existing, "report_id"), _col(existing, "cluster_id")
    ex_pos, ex_found = _index(ids, ex_ids)
    ex_pos, ex_clusters = ex_pos[ex_found], ex_clusters[ex_found]
    existing_of = np.full(n, -1, dtype=np.int64)
    existing_of[ex_pos] = ex_clusters
    must_u: list[IntArray] = []
    must_v: list[IntArray] = []
    if len(ex_pos):
        srt = np.argsort(ex_clusters, kind="stable")
        first = np.unique(ex_clusters[srt], return_index=True)[1]
        head = np.repeat(ex_pos[srt][first], np.diff(np.append(first, len(srt))))
        must_u.append(head)
        must_v.append(ex_pos[srt])
    dl, dr = _col(decisions, "report_id_l"), _col(decisions, "report_id_r")
    same = (
        np.asarray(decisions.column("same").to_numpy(zero_copy_only=False), dtype=bool)
        if decisions is not None and decisions.num_rows
        else np.zeros(0, dtype=bool)
    )
    dlp, dlf = _index(ids, dl)
    drp, drf = _index(ids, dr)
    ok = dlf & drf
    must_u.append(dlp[ok & same])
    must_v.append(drp[ok & same])
    base = components(n, np.concatenate(must_u), np.concatenate(must_v))
    cannot = {(int(a), int(b)) for a, b in zip(dlp[ok & ~same], drp[ok & ~same], strict=True)}

    # candidate edges between base groups.
    pl, plf = _index(ids, _col(pairs, "report_id_l"))
    pr, prf = _index(ids, _col(pairs, "report_id_r"))
    prob = np.asarray(pairs.column("match_probability").to_numpy(zero_copy_only=False), float)
    weight = np.asarray(pairs.column("match_weight").to_numpy(zero_copy_only=False), float)
    keep = plf & prf
    pl, pr, prob, weight = pl[keep], pr[keep], prob[keep], weight[keep]
    if cannot:
        banned = np.array([(min(a, b) * n + max(a, b)) for a, b in cannot], dtype=np.int64)
        keyed = np.minimum(pl, pr) * n + np.maximum(pl, pr)
        allowed = ~np.isin(keyed, banned)
    else:
        allowed = np.ones(len(pl), dtype=bool)
    edge = (prob >= link) & allowed & (base[pl] != base[pr])
    comp = components(n, base[pl[edge]], base[pr[edge]])[base]

    # components that need the careful pass.
    bad = np.zeros(n, dtype=bool)
    groups_with_existing = np.unique(
        np.stack([comp[existing_of >= 0], base[existing_of >= 0]]), axis=1
    )
    if groups_with_existing.size:
        roots, counts = np.unique(groups_with_existing[0], return_counts=True)
        bad[roots[counts > 1]] = True
    for a, b in cannot:
        if comp[a] == comp[b]:
            bad[comp[a]] = True
    if apart:
        has = sources >= 0
        trip = np.unique(np.stack([comp[has], sources[has], base[has]]), axis=1)
        key = np.unique(trip[:2], axis=1, return_counts=True)
        bad[key[0][0][key[1] > 1]] = True
    inside = (comp[pl] == comp[pr]) & (base[pl] != base[pr]) & (prob < weak)
    bad[comp[pl[inside]]] = True
    if linkage_all:
        # a component whose every pair is a strong edge needs no second look
        sizes = np.bincount(comp, minlength=n).astype(np.int64)
        strong = np.bincount(comp[pl[edge]], minlength=n).astype(np.int64)
        grouped = np.bincount(comp, weights=(base != np.arange(n)).astype(np.float64), minlength=n)
        bad |= (sizes > 2) & ((strong < sizes * (sizes - 1) // 2) | (grouped > 0))

    final = comp.copy()
    if bad.any():
        _recluster(final, base, bad, pl, pr, prob, weight, allowed, link, link_weight, sources,
                   existing_of, cannot, apart, missing)  # fmt: skip
    return _label(ids, final, existing_of)


def _recluster(
    final: IntArray, base: IntArray, bad: npt.NDArray[np.bool_], pl: IntArray, pr: IntArray,
    prob: npt.NDArray[np.float64], weight: npt.NDArray[np.float64],
    allowed: npt.NDArray[np.bool_], link: float, link_weight: float, sources: IntArray,
    existing_of: IntArray, cannot: set[tuple[int, int]], apart: bool, missing: float,
) -> None:  # fmt: skip
    members = np.flatnonzero(bad[final])
    greedy = _Greedy(link_weight, apart, missing)
    groups = base[members]
    for g in np.unique(groups).tolist():
        greedy.parent[g] = g
        greedy.size[g] = 0
        greedy.sources[g] = set()
        greedy.existing[g] = False
        greedy.sums[g] = {}
    for node, g in zip(members.tolist(), groups.tolist(), strict=True):
        greedy.size[g] += 1
        if sources[node] >= 0:
            greedy.sources[g].add(int(sources[node]))
        if existing_of[node] >= 0:
            greedy.existing[g] = True
    for a, b in cannot:
        if bad[final[a]]:
            greedy.cannot.setdefault(int(base[a]), set()).add(int(base[b]))
            greedy.cannot.setdefault(int(base[b]), set()).add(int(base[a]))
    sel = bad[final[pl]] & (final[pl] == final[pr]) & (base[pl] != base[pr]) & allowed
    el, er, ep, ew = base[pl[sel]], base[pr[sel]], prob[sel], weight[sel]
    lo, hi = np.minimum(el, er), np.maximum(el, er)
    n = len(final)
    keys, inverse = np.unique(lo * n + hi, return_inverse=True)
    totals = np.bincount(inverse, weights=ew, minlength=len(keys))
    counts = np.bincount(inverse, minlength=len(keys))
    sums = greedy.sums
    for key, tot, cnt in zip(keys.tolist(), totals.tolist(), counts.tolist(), strict=True):
        a, b = divmod(key, n)
        sums[a][b] = sums[b][a] = (tot, cnt)
    strong = np.flatnonzero(ep >= link)
    order = strong[np.argsort(-ep[strong], kind="stable")]
    for a, b in zip(el[order].tolist(), er[order].tolist(), strict=True):
        greedy.try_merge(a, b)
    for node, g in zip(members.tolist(), groups.tolist(), strict=True):
        final[node] = greedy.find(g)


def _label(ids: IntArray, final: IntArray, existing_of: IntArray) -> pa.Table:
    n = len(ids)
    labels = np.full(n, -1, dtype=np.int64)
    if n == 0:
        return pa.table(
            {"report_id": pa.array([], pa.int64()), "cluster_id": pa.array([], pa.int64())}
        )
    has = existing_of >= 0
    # an existing incident keeps its id (the cluster's existing id; merges keep the smallest).
    roots_ex = final[has]
    order = np.lexsort((existing_of[has], roots_ex))
    r_sorted, e_sorted = roots_ex[order], existing_of[has][order]
    first = np.unique(r_sorted, return_index=True)[1]
    root_to_existing = dict(zip(r_sorted[first].tolist(), e_sorted[first].tolist(), strict=True))
    min_id = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(min_id, final, ids)
    used = set(np.unique(existing_of[has]).tolist())
    next_free = int(max([*used, int(ids.max())])) + 1
    mapping: dict[int, int] = {}
    for root in np.unique(final).tolist():
        if root in root_to_existing:
            mapping[root] = root_to_existing[root]
            continue
        candidate = int(min_id[root])
        if candidate in used:
            candidate, next_free = next_free, next_free + 1
        mapping[root] = candidate
    keys = np.array(list(mapping), dtype=np.int64)
    vals = np.array(list(mapping.values()), dtype=np.int64)
    lookup = np.zeros(n, dtype=np.int64)
    lookup[keys] = vals
    labels = lookup[final]
    return pa.table(
        {"report_id": pa.array(ids, pa.int64()), "cluster_id": pa.array(labels, pa.int64())}
    )
