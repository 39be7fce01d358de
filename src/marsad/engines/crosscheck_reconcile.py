"""Reconciling the accounts of each incident (pure; DuckDB SQL).

Casualties (``killed`` and ``injured`` separately), the rule ``independent-lmh``:

1. group the accounts by *origin*: the source itself, or for an account that repeats another
   source (``repeats_source_id``), the source it repeats; a repeat is not a second source;
2. each origin gives one figure: its own latest account that gives one (highest report id),
   else the latest account repeating it;
3. ``low`` = smallest, ``high`` = largest, ``best`` = median of those figures (for an even
   number, the lower of the two middle values).

Every account is listed in ``inputs`` with whether its figure counted and why not, so that a page
can show the rule at work.  Date: the most precise claim consistent with (overlapping) every
other claim; if there is none, the narrowest interval that meets every claim (a ``range``), and
the date is listed as a disagreement.  Place: the most precise P-code that is the same as, inside,
or around every other claim; if there is none, the most precise place that holds them all, and
the place is a disagreement.  Type, method, perpetrator and target status: the value most
accounts give (the lowest report id breaks ties); more than one value is a disagreement.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from marsad.engines.crosscheck_places import gazetteer_table
from marsad.engines.crosscheck_prepare import Actor, actor_table, default_actors, reports_table
from marsad.engines.gazetteer import Gazetteer

__all__ = ["RULE", "Reconciliation", "reconcile"]

RULE = "independent-lmh"
RULE_TEXT = (
    "independent sources only (a repeat counts as the source it repeats; one figure per source: "
    "its latest account); low = min, best = median (lower middle value), high = max"
)


@dataclass(frozen=True)
class Reconciliation:
    incidents: pa.Table  # one row per cluster
    inputs: pa.Table  # one row per account: its figures and whether they counted
    disagreements: pa.Table  # cluster_id, field, report_id, value


_SQL = """
CREATE OR REPLACE TEMP TABLE m AS
SELECT c.cluster_id, r.report_id, r.source_id, r.source_type, r.repeats_source_id,
    coalesce(r.repeats_source_id, r.source_id, -r.report_id) AS origin,
    r.repeats_source_id IS NOT NULL AS is_repeat,
    r.killed, r.injured, r.type, r.method, NULLIF(r.target_status, '') AS target_status,
    a.perp, a.perp_named,
    r.date AS d0,
    CASE coalesce(r.date_precision, 'day') WHEN 'week' THEN r.date + 6
        WHEN 'month' THEN last_day(r.date)
        WHEN 'range' THEN greatest(coalesce(r.date_end, r.date), r.date) ELSE r.date END AS d1,
    coalesce(r.date_precision, 'day') AS date_precision,
    g.pid, g.pcode, g.prank, g.chain
FROM xc_clusters c JOIN xc_reports r USING (report_id)
LEFT JOIN xc_gaz g ON g.pcode = r.pcode
LEFT JOIN xc_actors a ON a.raw = r.perpetrator;

CREATE OR REPLACE TEMP TABLE figs AS
WITH keyed AS (
    -- only the columns cas and the inputs read (every column held costs memory)
    SELECT cluster_id, report_id, source_id, repeats_source_id, origin, is_repeat, killed,
        injured, ((NOT is_repeat)::BIGINT << 52) + report_id AS k
    FROM m
),
pick AS (
    SELECT cluster_id, origin, max(k) FILTER (WHERE killed IS NOT NULL) AS kp,
        max(k) FILTER (WHERE injured IS NOT NULL) AS ip
    FROM keyed GROUP BY cluster_id, origin
)
SELECT keyed.* EXCLUDE (k), coalesce(keyed.k = pick.kp, false) AS counted_killed,
    coalesce(keyed.k = pick.ip, false) AS counted_injured
FROM keyed JOIN pick USING (cluster_id, origin);

CREATE OR REPLACE TEMP TABLE cas AS
SELECT cluster_id, count(*) AS n_reports, count(DISTINCT origin) AS n_sources,
    count(*) FILTER (WHERE is_repeat) AS n_repeats,
    min(killed) FILTER (WHERE counted_killed) AS killed_low,
    quantile_disc(killed, 0.5) FILTER (WHERE counted_killed) AS killed_best,
    max(killed) FILTER (WHERE counted_killed) AS killed_high,
    count(*) FILTER (WHERE counted_killed) AS killed_figures,
    min(injured) FILTER (WHERE counted_injured) AS injured_low,
    quantile_disc(injured, 0.5) FILTER (WHERE counted_injured) AS injured_best,
    max(injured) FILTER (WHERE counted_injured) AS injured_high,
    count(*) FILTER (WHERE counted_injured) AS injured_figures
FROM figs GROUP BY cluster_id;

CREATE OR REPLACE TEMP TABLE dates AS
WITH claims AS (SELECT DISTINCT cluster_id, d0, d1, date_precision FROM m WHERE d0 IS NOT NULL),
fit AS (
    SELECT c.cluster_id, c.d0, c.d1, c.date_precision,
        bool_and(c.d0 <= o.d1 AND o.d0 <= c.d1) AS consistent
    FROM claims c JOIN claims o USING (cluster_id) GROUP BY ALL
), best AS (
    SELECT * FROM fit WHERE consistent
    QUALIFY row_number() OVER (PARTITION BY cluster_id ORDER BY d1 - d0, d0) = 1
), span AS (
    SELECT cluster_id, min(d1) AS lo, max(d0) AS hi FROM claims GROUP BY cluster_id
)
SELECT s.cluster_id, b.d0 IS NOT NULL AS date_consistent,
    coalesce(b.d0, s.lo) AS date,
    CASE WHEN b.d0 IS NOT NULL THEN (CASE WHEN b.date_precision = 'range' THEN b.d1 END)
        ELSE s.hi END AS date_end,
    coalesce(b.date_precision, 'range') AS date_precision,
    greatest(0, s.hi - s.lo) AS date_spread
FROM span s LEFT JOIN best b USING (cluster_id);

CREATE OR REPLACE TEMP TABLE places AS
WITH claims AS (SELECT DISTINCT cluster_id, pid, pcode, prank, chain FROM m WHERE pid IS NOT NULL),
fit AS (
    SELECT c.cluster_id, c.pid, c.pcode, c.prank,
        bool_and(list_contains(c.chain, o.pid) OR list_contains(o.chain, c.pid)) AS consistent
    FROM claims c JOIN claims o USING (cluster_id) GROUP BY ALL
), best AS (
    SELECT * FROM fit WHERE consistent
    QUALIFY row_number() OVER (PARTITION BY cluster_id ORDER BY prank DESC, pcode) = 1
), n AS (SELECT cluster_id, count(*) AS k FROM claims GROUP BY cluster_id),
common AS (
    SELECT u.cluster_id, g.pcode, g.prank FROM
        (SELECT cluster_id, unnest(chain) AS code FROM claims) u
    JOIN xc_gaz g ON g.pid = u.code JOIN n ON n.cluster_id = u.cluster_id
    GROUP BY u.cluster_id, g.pcode, g.prank, n.k HAVING count(*) = n.k
    QUALIFY row_number() OVER (PARTITION BY u.cluster_id ORDER BY g.prank DESC) = 1
)
SELECT n.cluster_id, b.pid IS NOT NULL AS place_consistent,
    coalesce(b.pcode, cm.pcode) AS pcode, coalesce(b.prank, cm.prank) AS prank
FROM n LEFT JOIN best b USING (cluster_id) LEFT JOIN common cm USING (cluster_id);
"""

_LEVEL_NAMES = "['governorate', 'district', 'subdistrict', 'community']"


_FIELDS = {"type": "type", "method": "method", "perpetrator": "perp",
           "target_status": "target_status"}  # fmt: skip


def _modes_sql() -> str:
    """``xc_modes``: per cluster, the most frequent value of each field of ``_FIELDS`` (ties:
    the value of the lowest report id), all fields in one aggregate and one window."""
    values = " UNION ALL ".join(
        f"SELECT cluster_id, report_id, '{name}' AS field, CAST({col} AS VARCHAR) AS value "
        f"FROM m WHERE {col} IS NOT NULL"
        for name, col in _FIELDS.items()
    )
    picks = ", ".join(f"max(value) FILTER (WHERE field = '{name}') AS {name}" for name in _FIELDS)
    return (
        f"CREATE OR REPLACE TEMP TABLE xc_modes AS SELECT cluster_id, {picks} FROM ("
        "SELECT cluster_id, field, value FROM (SELECT cluster_id, field, value, count(*) AS c, "
        f"min(report_id) AS first FROM ({values}) GROUP BY ALL) "
        "QUALIFY row_number() OVER (PARTITION BY cluster_id, field ORDER BY c DESC, first) = 1"
        ") GROUP BY cluster_id"
    )


def reconcile(
    reports: pa.Table | Sequence[Mapping[str, object]],
    clusters: pa.Table,
    *,
    gazetteer: Gazetteer,
    actors: Sequence[Actor] | None = None,
    memory_limit: str | None = None,
    threads: int | None = None,
    con: duckdb.DuckDBPyConnection | None = None,
) -> Reconciliation:
    """Reconcile every cluster of ``clusters`` (report_id -> cluster_id) from its accounts
    (on ``con`` when given, else on a connection of its own)."""
    table = reports_table(reports)
    config: dict[str, str | bool | int | float | list[str]] = {}
    if memory_limit:
        config["memory_limit"] = memory_limit
    if threads:
        config["threads"] = threads
    own = con is None
    con = duckdb.connect(config=config) if con is None else con
    try:
        con.register("xc_reports", table)
        con.register("xc_clusters", clusters.select(["report_id", "cluster_id"]))
        con.register("xc_gaz", gazetteer_table(gazetteer).table)  # re-registering is fine
        actor_list = tuple(actors) if actors is not None else default_actors()
        con.register("xc_actors", actor_table(actor_list, table.column("perpetrator")))
        con.execute(_SQL)
        con.execute(_modes_sql())
        modes = "LEFT JOIN xc_modes md USING (cluster_id)"
        picks = ", ".join(f"md.{name}" for name in _FIELDS)
        fields = {**_FIELDS, "killed": "killed", "injured": "injured"}
        # "more than one distinct value" as min <> max: count(DISTINCT) would build a hash
        # table per field (about 2 MB each, even for a few thousand rows)
        many = {name: f"coalesce(min({col}) <> max({col}), false)" for name, col in fields.items()}
        counts = ", ".join(f"{expr} AS many_{name}" for name, expr in many.items())
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE dc AS SELECT cluster_id, {counts} FROM m "
            f"GROUP BY cluster_id HAVING {' OR '.join(many.values())}"
        )
        dis_parts = [
            f"SELECT m.cluster_id, '{name}' AS field, m.report_id, CAST(m.{col} AS VARCHAR) AS "
            f"value FROM m JOIN dc USING (cluster_id) WHERE dc.many_{name} AND m.{col} IS NOT NULL"
            for name, col in fields.items()
        ]
        dis_parts.append(
            "SELECT m.cluster_id, 'date' AS field, m.report_id, CAST(m.d0 AS VARCHAR) || "
            "CASE WHEN m.d1 > m.d0 THEN '..' || CAST(m.d1 AS VARCHAR) ELSE '' END AS value "
            "FROM m JOIN dates d USING (cluster_id) WHERE NOT d.date_consistent AND m.d0 IS NOT NULL"
        )
        dis_parts.append(
            "SELECT m.cluster_id, 'place' AS field, m.report_id, m.pcode AS value "
            "FROM m JOIN places p USING (cluster_id) WHERE NOT p.place_consistent AND m.pid IS NOT NULL"
        )
        con.execute("CREATE OR REPLACE TEMP TABLE dis AS " + " UNION ALL ".join(dis_parts))
        incidents = con.sql(
            f"""
            SELECT cas.cluster_id, cas.n_reports, cas.n_sources, cas.n_repeats,
                cas.killed_low, cas.killed_best, cas.killed_high, cas.killed_figures,
                cas.injured_low, cas.injured_best, cas.injured_high, cas.injured_figures,
                '{RULE}' AS rule, '{RULE_TEXT}' AS rule_text,
                d.date, d.date_end, d.date_precision, coalesce(d.date_consistent, true)
                    AS date_consistent, d.date_spread,
                p.pcode, {_LEVEL_NAMES}[p.prank + 1] AS place_precision,
                coalesce(p.place_consistent, true) AS place_consistent, p.prank AS place_rank,
                {picks}, coalesce(df.fields, []) AS disagreement_fields
            FROM cas LEFT JOIN dates d USING (cluster_id) LEFT JOIN places p USING (cluster_id)
            LEFT JOIN (SELECT cluster_id, list(DISTINCT field ORDER BY field) AS fields FROM dis
                GROUP BY cluster_id) df USING (cluster_id)
            {modes}
            ORDER BY cas.cluster_id
            """
        ).to_arrow_table()
        inputs = con.sql(
            """
            SELECT cluster_id, report_id, source_id, origin AS origin_source_id, is_repeat,
                killed, injured, counted_killed, counted_injured,
                CASE WHEN counted_killed OR counted_injured THEN 'counted'
                    WHEN killed IS NULL AND injured IS NULL THEN 'no figure'
                    WHEN is_repeat THEN 'repeats source ' || CAST(repeats_source_id AS VARCHAR)
                    ELSE 'another account of the same source counted' END AS note
            FROM figs ORDER BY cluster_id, report_id
            """
        ).to_arrow_table()
        disagreements = con.sql(
            "SELECT * FROM dis ORDER BY cluster_id, field, report_id"
        ).to_arrow_table()
        return Reconciliation(incidents, inputs, disagreements)
    finally:
        if own:
            con.close()
        else:
            for name in ("xc_reports", "xc_clusters", "xc_actors"):
                con.unregister(name)
            con.execute(
                "DROP TABLE IF EXISTS m; DROP TABLE IF EXISTS figs; DROP TABLE IF EXISTS "
                "cas; DROP TABLE IF EXISTS dates; DROP TABLE IF EXISTS places; "
                "DROP TABLE IF EXISTS dc; DROP TABLE IF EXISTS dis; DROP TABLE IF EXISTS xc_modes"
            )
