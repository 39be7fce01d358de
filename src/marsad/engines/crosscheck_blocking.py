"""Blocking: which pairs of reports are compared at all (pure SQL; see ``crosscheck.py``).

Four rules, each an equi-join on DuckDB (so the same SQL runs on Spark), their pair sets
disjoint by construction:

``place_chain``
    one report's place (a town or a sub-district) is the other's place or one of its parents
    (same town; a report that only knows the sub-district meets every report inside it); a
    report with an ambiguous place name joins through each of its candidate places;
    same incident family; date intervals within ``date_tolerance_days``.
``place_wide``
    the same for a report that only knows the district or the governorate (it meets every
    report inside), with its own, usually tighter, window, and one shared target concept.
``nearby``
    two different towns or points (both community level or GPS) within ``max_km``, not related
    by the rules above, found through a grid of ``grid_degrees`` cells and their eight
    neighbours; same incident family (the rule's ``same``); date intervals within
    ``date_tolerance_days``.
``no_place``
    a report without any place meets reports of the same type within ``date_tolerance_days``.

A rule with ``same_target: true`` also requires one shared target concept (the lexicon's target
words in both narratives, or none in either): at high density this keeps the wide rules from
proposing every report of a district or a neighbourhood.

Dates respect precision: a report covers the interval ``d0..d1`` (a day, the week, the month,
or the range), and two reports meet when ``a.d0 <= b.d1 + t`` and ``b.d0 <= a.d1 + t``.  The
joins use date buckets of ``bucket_days``: each report joins in every bucket its interval
(extended by ``t``) touches, and a pair is kept only in its first common bucket.

Incremental runs (``score(new, existing)``) join new reports against all reports, and existing
reports against new ones, never existing against existing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from marsad.engines.crosscheck_model import Model

__all__ = ["candidates_sql"]


def _side(alias: str, where: str, same: str, tol: int, width: int, extra: str = "") -> str:
    """One side of a join: a row per report (per ``extra`` unnest) per date bucket."""
    inner = (
        f"SELECT id, is_new, amb, {same} AS grp, d0, d1, d0 // {width} AS b0, "
        f"(d1 + {tol}) // {width} AS b1{extra} FROM feat WHERE d0 IS NOT NULL AND {where}"
    )
    return f"{alias} AS (SELECT * EXCLUDE (b1), unnest(range(b0, b1 + 1)) AS bk FROM ({inner}))"


#: The columns of ``feat`` the joins read (a rule's input is materialised once: keep it narrow).
_COLUMNS = "id, is_new, amb, fam, typ, d0, d1, opts, ochain, pid, prank, fine, lat, lon"


def _target(rule: Mapping[str, Any]) -> tuple[str, str]:
    """With ``same_target``, also join on one shared target concept (a bit of ``t1``)."""
    if not rule.get("same_target"):
        return "", ""
    bits = "unnest(CASE WHEN t1 = 0 THEN [-1] ELSE list_filter(range(64), lambda i: (t1 >> i) & 1 = 1) END)"
    return f", {bits} AS tk", " AND x.tk = y.tk"


def _date_ok(tol: int) -> str:
    return f"x.d0 <= y.d1 + {tol} AND y.d0 <= x.d1 + {tol} AND x.bk = greatest(x.b0, y.b0)"


def _same(rule: Mapping[str, Any]) -> str:
    same = str(rule.get("same", "family"))
    if same not in ("family", "type"):
        raise ValueError(f"blocking 'same' must be family or type, not {same!r}")
    return "fam" if same == "family" else "coalesce(typ, '?')"


def _split(base: str, incremental: bool) -> str:
    """Incremental: x new (any y), or x existing and y new."""
    if not incremental:
        return base
    return f"{base} AND x.is_new UNION ALL {base} AND NOT x.is_new AND y.is_new"


def _chain(
    name: str, rule: Mapping[str, Any], width: int, incremental: bool, wide: bool
) -> list[str]:
    """x's own place (or candidate place) is in y's chain (y's place and its parents)."""
    tol = int(rule["date_tolerance_days"])
    same = _same(rule)
    which = "NOT amb AND prank <= 1" if wide else "(amb OR prank >= 2)"
    tcol, tjoin = _target(rule)
    source = f"{name}_in"
    ctes = [
        f"{source} AS (SELECT {_COLUMNS}{tcol} FROM feat)",
        _side(f"{name}_x", f"len(opts) > 0 AND {which}", same, tol, width,
              f", unnest(opts) AS key{', tk' if tcol else ''}").replace("FROM feat", f"FROM {source}"),
        _side(f"{name}_y", "len(ochain) > 0", same, tol, width,
              f", unnest(ochain) AS key, pid, opts{', tk' if tcol else ''}").replace(
                  "FROM feat", f"FROM {source}"),
    ]  # fmt: skip
    # An ordered pair appears in both directions only when the key is one of y's own places:
    # keep the direction with the smaller id then.  Two ambiguous reports sharing several
    # candidate places meet once per shared place: those few pairs get a DISTINCT.
    base = (
        f"SELECT x.id AS a, y.id AS b, x.amb AND y.amb AS both_amb FROM {name}_x x "
        f"JOIN (SELECT * EXCLUDE (opts, pid), CASE WHEN amb THEN list_contains(opts, key) "
        f"ELSE key = pid END AS own FROM {name}_y) y "
        f"ON x.key = y.key AND x.grp = y.grp AND x.bk = y.bk{tjoin} "
        f"WHERE x.id <> y.id AND (NOT y.own OR x.id < y.id) AND {_date_ok(tol)}"
    )
    return [
        *ctes,
        f"{name}_all AS ({_split(base, incremental)})",
        f"r_{name} AS (SELECT a, b FROM {name}_all WHERE NOT both_amb "
        f"UNION ALL SELECT DISTINCT a, b FROM {name}_all WHERE both_amb)",
    ]


def _nearby(rule: Mapping[str, Any], width: int, incremental: bool) -> list[str]:
    tol = int(rule["date_tolerance_days"])
    grid = float(rule["grid_degrees"])
    km = float(rule["max_km"])
    same = _same(rule)
    tcol, tjoin = _target(rule)
    cols = ", lat, lon, pid"
    cell = f", floor(lat / {grid})::BIGINT AS cy, floor(lon / {grid})::BIGINT AS cx{cols}"
    around = (
        f", floor(lat / {grid})::BIGINT + unnest([-1, -1, -1, 0, 0, 0, 1, 1, 1]) AS cy, "
        f"floor(lon / {grid})::BIGINT + unnest([-1, 0, 1, -1, 0, 1, -1, 0, 1]) AS cx{cols}"
    )
    where = "fine AND NOT amb AND lat IS NOT NULL AND lon IS NOT NULL"
    distance = (
        "2 * 6371.0088 * asin(sqrt(pow(sin(radians(y.lat - x.lat) / 2), 2) + "
        "cos(radians(x.lat)) * cos(radians(y.lat)) * pow(sin(radians(y.lon - x.lon) / 2), 2)))"
    )
    order = "(NOT y.is_new OR x.id < y.id) AND x.is_new" if incremental else "x.id < y.id"
    return [
        f"nb_in AS (SELECT {_COLUMNS}{tcol} FROM feat)",
        # x in the nine cells around it, y in its own cell (a cell is next to another when the
        # other is next to it): DuckDB then builds its hash table on y, nine times smaller
        _side("nb_x", where, same, tol, width, around + (", tk" if tcol else "")).replace(
            "FROM feat", "FROM nb_in"
        ),
        _side("nb_y", where, same, tol, width, cell + (", tk" if tcol else "")).replace(
            "FROM feat", "FROM nb_in"
        ),
        "r_near AS (SELECT x.id AS a, y.id AS b FROM nb_x x "
        f"JOIN nb_y y ON x.cy = y.cy AND x.cx = y.cx AND x.grp = y.grp AND x.bk = y.bk{tjoin} "
        f"WHERE {order} AND NOT coalesce(x.pid = y.pid, false) "
        f"AND {_date_ok(tol)} AND {distance} <= {km})",
    ]


def _no_place(rule: Mapping[str, Any], width: int, incremental: bool) -> list[str]:
    tol = int(rule["date_tolerance_days"])
    same = _same(rule)
    placeless = "(len(opts) = 0 AND (lat IS NULL OR lon IS NULL))"
    tcol, tjoin = _target(rule)
    extra = f", {placeless} AS placeless{tcol}"
    base = (
        "SELECT x.id AS a, y.id AS b FROM np_x x JOIN np_y y "
        f"ON x.grp = y.grp AND x.bk = y.bk{tjoin} "
        f"WHERE x.id <> y.id AND {_date_ok(tol)}{' AND x.tk >= 0' if tcol else ''}"
    )
    if incremental:
        body = (
            f"{base} AND x.is_new AND (NOT y.placeless OR NOT y.is_new OR x.id < y.id) "
            f"UNION ALL {base} AND NOT x.is_new AND y.is_new AND NOT y.placeless"
        )
    else:
        body = f"{base} AND (NOT y.placeless OR x.id < y.id)"
    return [
        _side("np_x", placeless, same, tol, width, extra),
        _side("np_y", "TRUE", same, tol, width, extra),
        f"r_none AS ({body})",
    ]


def candidates_sql(model: Model, incremental: bool) -> str:
    """SQL creating ``cand(l, r)`` (``l < r``, each pair once) from ``feat``.

    One statement per rule into a scratch table, then one DISTINCT: a single query would keep
    the hash tables of every rule's joins until it ends (several MB each, however few reports).
    """
    blocking = model.section("blocking")
    width = int(blocking.get("bucket_days", 7))
    rules = blocking.get("rules", {})
    steps: list[tuple[list[str], str]] = []
    if "place_chain" in rules:
        steps.append((_chain("place", rules["place_chain"], width, incremental, wide=False),
                      "r_place"))  # fmt: skip
    if "place_wide" in rules:
        steps.append((_chain("wide", rules["place_wide"], width, incremental, wide=True),
                      "r_wide"))  # fmt: skip
    if "nearby" in rules:
        steps.append((_nearby(rules["nearby"], width, incremental), "r_near"))
    if "no_place" in rules:
        steps.append((_no_place(rules["no_place"], width, incremental), "r_none"))
    if not steps:
        raise ValueError("the model has no blocking rule")
    statements = ["CREATE OR REPLACE TEMP TABLE xc_cand_raw (l BIGINT, r BIGINT)"]
    for ctes, part in steps:
        statements.append(
            f"INSERT INTO xc_cand_raw WITH {', '.join(ctes)} "
            f"SELECT least(a, b) AS l, greatest(a, b) AS r FROM {part}"
        )
    # The rules can overlap (a town's pair also caught by "nearby"): keep each pair once.
    statements.append("CREATE OR REPLACE TEMP TABLE cand AS SELECT DISTINCT l, r FROM xc_cand_raw")
    statements.append("DROP TABLE xc_cand_raw")
    return ";\n".join(statements)
