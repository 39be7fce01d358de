"""Comparison levels and match weights for candidate pairs (pure SQL; see ``crosscheck.py``).

Each comparison maps a pair to one level (``gamma_<comparison>``: the level's index, -1 for the
null level when a value is missing).  The match weight is
``log2(prior / (1 - prior)) + sum(log2(m / u))`` over the comparisons, and the match
probability ``2^w / (1 + 2^w)`` (Fellegi-Sunter, as in Splink).  The meaning of each level is
here; every number is in ``model.yaml``.
"""

from __future__ import annotations

import math

from marsad.engines.crosscheck_model import LEVELS, Model

__all__ = ["PLACE_TF_SQL", "features_sql", "level_conditions", "pairs_sql"]

_FEATURES = """
SELECT c.l, c.r,
    a.d0 IS NULL OR b.d0 IS NULL AS date_null,
    a.dday AND b.dday AS both_day,
    abs(a.d0 - b.d0) AS dd,
    greatest(0, greatest(a.d0, b.d0) - least(a.d1, b.d1)) AS gap,
    greatest(a.d1 - a.d0, b.d1 - b.d0) AS width,
    (a.pid IS NULL AND NOT a.fine AND NOT a.amb) OR (b.pid IS NULL AND NOT b.fine AND NOT b.amb)
        AS place_null,
    CASE WHEN a.amb OR b.amb THEN list_has_any(a.opts, b.ochain) OR list_has_any(b.opts, a.ochain)
        ELSE false END AS amb_fit,
    a.fine AND b.fine AS both_fine,
    a.has_point AND b.has_point AS both_point,
    coalesce(a.pid = b.pid, false) AS same_code,
    coalesce(b.pid IN (a.sub_id, a.dist_id, a.gov_id) OR a.pid IN (b.sub_id, b.dist_id, b.gov_id),
        false) AS nested,
    least(a.prank, b.prank) AS coarse_rank,
    CASE WHEN a.prank <= b.prank THEN a.pid ELSE b.pid END AS coarse_pid,
    coalesce(a.sub_id = b.sub_id, false) AS same_sub,
    CASE WHEN a.lat IS NOT NULL AND b.lat IS NOT NULL AND a.lon IS NOT NULL AND b.lon IS NOT NULL
        THEN 2 * 6371.0088 * asin(sqrt(pow(sin(radians(b.lat - a.lat) / 2), 2)
            + cos(radians(a.lat)) * cos(radians(b.lat)) * pow(sin(radians(b.lon - a.lon) / 2), 2)))
        END AS km,
    a.typ IS NULL OR b.typ IS NULL AS type_null,
    coalesce(a.typ = b.typ, false) AS same_type,
    a.fam = b.fam AS same_family,
    a.meth IS NULL OR b.meth IS NULL AS method_null,
    coalesce(a.meth = b.meth, false) AS same_method,
    coalesce(a.mgrp = b.mgrp, false) AS same_group,
    a.perp_named AS pn_a, b.perp_named AS pn_b,
    coalesce(a.perp = b.perp, false) AS same_perp,
    CASE WHEN a.perp_named AND b.perp_named AND a.perp <> b.perp
        THEN list_contains(a.perp_chain, b.perp) OR list_contains(b.perp_chain, a.perp)
        ELSE false END AS related_perp,
    a.status IS NULL OR b.status IS NULL AS status_null,
    coalesce(a.status = b.status, false) AS same_status,
    a.killed IS NOT NULL AND b.killed IS NOT NULL AS kb,
    a.injured IS NOT NULL AND b.injured IS NOT NULL AS ib,
    abs(a.killed - b.killed) AS kd, greatest(a.killed, b.killed) AS kmax,
    abs(a.injured - b.injured) AS idd, greatest(a.injured, b.injured) AS imax,
    a.ntok = 0 OR b.ntok = 0 AS text_null,
    CASE WHEN a.ntok > 0 AND b.ntok > 0 THEN
        2.0 * (bit_count(a.r1 & b.r1) + bit_count(a.r2 & b.r2)
            + {cw} * (bit_count(a.c1 & b.c1) + bit_count(a.c2 & b.c2)))
        / (bit_count(a.r1) + bit_count(a.r2) + bit_count(b.r1) + bit_count(b.r2)
            + {cw} * (bit_count(a.c1) + bit_count(a.c2) + bit_count(b.c1) + bit_count(b.c2))) END
        * CASE WHEN a.lang IS DISTINCT FROM b.lang THEN {xf} ELSE 1.0 END AS sim,
    a.t1 = 0 OR b.t1 = 0 AS target_null,
    a.t1 = b.t1 AS same_target,
    (a.t1 & b.t1) <> 0 AS target_overlap,
    coalesce(a.rep = b.src OR b.rep = a.src OR a.rep = b.rep, false) AS repeat,
    coalesce(a.src = b.src, false) AS same_src
FROM cand c JOIN feat a ON a.id = c.l JOIN feat b ON b.id = c.r
"""


#: Place frequencies: ``xc_ptf(pid, ptf, pref)``: the share of located reports inside each
#: place, and the typical share at its level (sum of squares over sum, per level).
PLACE_TF_SQL = """
CREATE OR REPLACE TEMP TABLE xc_ptf AS
WITH n AS (SELECT count(*)::DOUBLE AS n FROM feat WHERE pid IS NOT NULL),
counts AS (
    SELECT key AS pid, count(*) AS c FROM (SELECT unnest(ochain) AS key FROM feat
    WHERE pid IS NOT NULL) GROUP BY key
), shares AS (
    SELECT c.pid, g.prank, c.c / n.n AS ptf FROM counts c JOIN xc_gaz g USING (pid), n
)
SELECT pid, ptf, sum(ptf * ptf) OVER (PARTITION BY prank) / sum(ptf) OVER (PARTITION BY prank)
    AS pref
FROM shares
"""


def features_sql(model: Model) -> str:
    """SELECT of the pair features (``pf``) from ``cand`` and ``feat``."""
    text = model.section("text")
    factor = float(model.raw["comparisons"]["narrative"].get("cross_language_factor", 1.0))
    return _FEATURES.format(cw=float(text.get("common_weight", 0.3)), xf=factor)


def level_conditions(model: Model) -> dict[str, tuple[str, list[str]]]:
    """comparison -> (null condition, [condition of each level in order]) as SQL over ``pf``."""
    p = {c.name: {lv.name: lv for lv in c.levels} for c in model.comparisons}
    dt, pl, cs, nv = p["date"], p["place"], p["casualties"], p["narrative"]
    iclose = (
        f"(NOT ib OR idd <= greatest({cs['close'].param('injured_abs')}, "
        f"{cs['close'].param('injured_rel')} * imax))"
    )
    kclose = f"kd <= greatest({cs['close'].param('killed_abs')}, {cs['close'].param('killed_rel')} * kmax)"
    out: dict[str, tuple[str, list[str]]] = {
        "date": ("date_null", [
            "both_day AND dd = 0",
            f"both_day AND dd <= {dt['one_day'].param('max_days')}",
            f"both_day AND dd <= {dt['few_days'].param('max_days')}",
            f"NOT both_day AND gap = 0 AND width <= {dt['overlap_narrow'].param('max_days')}",
            "NOT both_day AND gap = 0",
            f"NOT both_day AND gap <= {dt['near'].param('max_days')}",
            "TRUE",
        ]),
        "place": ("place_null", [
            f"(same_code AND both_fine) OR (both_point AND km <= {pl['same'].param('point_km')})",
            "nested AND coarse_rank = 2",
            "nested",
            "amb_fit",
            f"both_fine AND km <= {pl['near'].param('max_km')}",
            "both_fine AND same_sub",
            f"both_fine AND km <= {pl['within'].param('max_km')}",
            "TRUE",
        ]),
        "type_method": ("type_null", [
            "same_type AND same_method",
            "same_type AND method_null",
            "same_type AND same_group",
            "same_type",
            "same_method OR same_group",
            "TRUE",
        ]),
        "perpetrator": ("NOT pn_a AND NOT pn_b", [
            "pn_a AND pn_b AND same_perp",
            "pn_a AND pn_b AND related_perp",
            "NOT (pn_a AND pn_b)",
            "TRUE",
        ]),
        "target_status": ("status_null", ["same_status", "TRUE"]),
        "casualties": ("NOT kb AND NOT ib", [
            f"kb AND kd = 0 AND kmax >= {cs['exact_notable'].param('min_killed')} AND {iclose}",
            f"(kb AND kd = 0 AND kmax > 0 AND {iclose}) OR (NOT kb AND idd = 0 AND imax > 0)",
            f"(kb AND kmax = 0 AND {iclose}) OR (NOT kb AND imax = 0)",
            f"(kb AND {kclose} AND {iclose}) OR (NOT kb AND {iclose})",
            "TRUE",
        ]),
        "narrative": ("text_null", [
            f"sim >= {nv['very_high'].param('min_similarity')}",
            f"sim >= {nv['high'].param('min_similarity')}",
            f"sim >= {nv['medium'].param('min_similarity')}",
            f"sim >= {nv['low'].param('min_similarity')}",
            "TRUE",
        ]),
        "target": ("target_null", ["same_target", "target_overlap", "TRUE"]),
        "source": ("FALSE", ["repeat", "same_src", "TRUE"]),
    }  # fmt: skip
    for name, (_, conds) in out.items():
        assert len(conds) == len(LEVELS[name]), name
    return out


def pairs_sql(model: Model, keep: float = 0.0) -> str:
    """The scored pairs: ids, gamma per comparison, match weight and probability (pairs below
    probability ``keep`` left out), computed in one pass from ``cand`` and ``feat``."""
    gammas: list[str] = []
    weights: list[str] = []
    for name, (null, conds) in level_conditions(model).items():
        cases = " ".join(f"WHEN {cond} THEN {i}" for i, cond in enumerate(conds))
        gammas.append(f"(CASE WHEN {null} THEN -1 {cases} END)::TINYINT AS gamma_{name}")
        levels = model.comparison(name).levels
        wcases = " ".join(f"WHEN {i} THEN {lv.weight!r}" for i, lv in enumerate(levels))
        weights.append(f"(CASE gamma_{name} {wcases} ELSE 0.0 END)")
    spec = model.raw["comparisons"]["place"]
    factor, cap = float(spec.get("tf_factor", 0.0)), float(spec.get("tf_cap", 4.0))
    tf = (
        f"CASE WHEN gamma_place IN (0, 1, 2) AND ptf > 0 AND pref > 0 THEN "
        f"{factor!r} * greatest(-{cap!r}, least({cap!r}, log2(pref / ptf))) ELSE 0.0 END"
    )
    total = f"{model.prior_weight!r} + tf_adjustment + " + " + ".join(weights)
    return (
        f"WITH pf AS ({features_sql(model)}), "
        f"g AS (SELECT l AS report_id_l, r AS report_id_r, {', '.join(gammas)}, "
        "dd AS days_apart, round(km, 3) AS km, round(least(sim, 1.0), 4) AS text_similarity, "
        "ptf, pref FROM pf LEFT JOIN xc_ptf t ON t.pid = pf.coarse_pid), "
        f"g2 AS (SELECT *, {tf} AS tf_adjustment FROM g), "
        f"w AS (SELECT *, {total} AS match_weight FROM g2) "
        "SELECT report_id_l, report_id_r, match_weight, "
        "1.0 / (1.0 + pow(2.0, -match_weight)) AS match_probability, "
        + ", ".join(f"gamma_{name}" for name in LEVELS)
        + ", tf_adjustment, days_apart, km, text_similarity FROM w"
        + (f" WHERE match_weight >= {math.log2(keep / (1.0 - keep))!r}" if keep > 0 else "")
    )
