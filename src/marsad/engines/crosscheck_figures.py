"""The casualty rule of :mod:`marsad.engines.crosscheck_reconcile` for one incident, in Python.

The incident page shows the engine's figures on every view.  For a handful of accounts,
DuckDB's planning of the reconciliation's statements takes about 50 ms; this takes well under
one.  Same rule, same answers (the tests run both on random incidents and compare):

* an account's *origin* is the source it repeats, else its own source (an account with neither
  is an origin of its own);
* each origin gives one figure: its latest own account that gives one, else the latest account
  repeating it ("latest": the highest report id);
* low = min, best = the lower middle value, high = max of those figures.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

__all__ = ["MEASURES", "figures"]

MEASURES = ("killed", "injured")


def figures(accounts: Iterable[Mapping[str, object]]) -> dict[str, int | None]:
    """``killed_low`` … ``injured_high`` from accounts with ``report_id``, ``source_id``,
    ``repeats_source_id``, ``killed`` and ``injured``."""
    rows = list(accounts)
    out: dict[str, int | None] = {}
    for measure in MEASURES:
        chosen: dict[object, tuple[bool, int, int]] = {}
        for row in rows:
            value = row.get(measure)
            if value is None:
                continue
            repeats = row.get("repeats_source_id")
            origin = (
                ("source", repeats)
                if repeats is not None
                else ("source", row.get("source_id"))
                if row.get("source_id") is not None
                else ("account", row["report_id"])
            )
            key = (repeats is None, _whole(row["report_id"]), _whole(value))
            if origin not in chosen or key[:2] > chosen[origin][:2]:
                chosen[origin] = key
        values = sorted(key[2] for key in chosen.values())
        out[f"{measure}_low"] = values[0] if values else None
        out[f"{measure}_best"] = values[(len(values) - 1) // 2] if values else None
        out[f"{measure}_high"] = values[-1] if values else None
    return out


def _whole(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected a whole number, got {value!r}")
    return value
