"""Evaluation of a clustering against a truth clustering (pure; numpy).

Pairwise precision / recall / F1 count pairs of reports put in one cluster; B-cubed (Bagga &
Baldwin 1998) averages, over reports, the share of a report's predicted cluster that is in its
true cluster (precision) and the share of its true cluster that is in its predicted cluster
(recall).  The truth defines the reports evaluated; a report missing from the prediction counts
as a cluster of its own.  With no predicted pair, pairwise precision is 1; with no true pair,
pairwise recall is 1.

>>> m = evaluate({1: 1, 2: 1, 3: 3}, {1: 1, 2: 1, 3: 1})
>>> round(m.pairwise_precision, 3), round(m.pairwise_recall, 3), round(m.bcubed_recall, 3)
(1.0, 0.333, 0.556)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import TypeAlias

import numpy as np
import numpy.typing as npt
import pyarrow as pa

__all__ = ["Metrics", "evaluate"]

Clusters: TypeAlias = "pa.Table | Mapping[int, int]"


@dataclass(frozen=True)
class Metrics:
    pairwise_precision: float
    pairwise_recall: float
    pairwise_f1: float
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    reports: int
    predicted_clusters: int
    true_clusters: int

    def as_dict(self) -> dict[str, float | int]:
        return asdict(self)


def _arrays(clusters: Clusters) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    if isinstance(clusters, pa.Table):
        label = next((c for c in ("cluster_id", "incident_id") if c in clusters.column_names), None)
        if label is None or "report_id" not in clusters.column_names:
            raise ValueError("a clustering table needs report_id and cluster_id (or incident_id)")
        ids = np.asarray(clusters.column("report_id").to_numpy(zero_copy_only=False), np.int64)
        labels = np.asarray(clusters.column(label).to_numpy(zero_copy_only=False), np.int64)
        return ids, labels
    return (
        np.fromiter((int(k) for k in clusters), np.int64, len(clusters)),
        np.fromiter((int(v) for v in clusters.values()), np.int64, len(clusters)),
    )


def _f1(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def _codes(values: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    return np.unique(values, return_inverse=True)[1].astype(np.int64)


def evaluate(predicted: Clusters, truth: Clusters) -> Metrics:
    """Pairwise and B-cubed precision, recall and F1 of ``predicted`` against ``truth``."""
    t_ids, t_lab = _arrays(truth)
    p_ids, p_lab = _arrays(predicted)
    n = len(t_ids)
    if n == 0:
        return Metrics(1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0, 0, 0)
    order = np.argsort(p_ids)
    p_ids, p_lab = p_ids[order], p_lab[order]
    pos = np.clip(np.searchsorted(p_ids, t_ids), 0, max(len(p_ids) - 1, 0))
    found = (p_ids[pos] == t_ids) if len(p_ids) else np.zeros(n, dtype=bool)
    pred = np.where(found, _codes(p_lab)[pos] if len(p_ids) else 0, -1)
    missing = ~found
    pred[missing] = pred.max(initial=-1) + 1 + np.arange(int(missing.sum()))
    pred = _codes(pred)
    true = _codes(t_lab)
    a = np.bincount(pred).astype(np.float64)  # predicted cluster sizes
    b = np.bincount(true).astype(np.float64)  # true cluster sizes
    joint = pred * (int(true.max()) + 1) + true
    cells, n_ij = np.unique(joint, return_counts=True)
    n_ij = n_ij.astype(np.float64)
    ci, cj = cells // (int(true.max()) + 1), cells % (int(true.max()) + 1)
    tp = float((n_ij * (n_ij - 1) / 2).sum())
    pp = float((a * (a - 1) / 2).sum())
    tt = float((b * (b - 1) / 2).sum())
    precision = tp / pp if pp else 1.0
    recall = tp / tt if tt else 1.0
    b3p = float((n_ij**2 / a[ci]).sum() / n)
    b3r = float((n_ij**2 / b[cj]).sum() / n)
    return Metrics(
        pairwise_precision=precision,
        pairwise_recall=recall,
        pairwise_f1=_f1(precision, recall),
        bcubed_precision=b3p,
        bcubed_recall=b3r,
        bcubed_f1=_f1(b3p, b3r),
        reports=n,
        predicted_clusters=len(a),
        true_clusters=len(b),
    )
