"""Confidence grade of each incident, with its reason in English and Arabic (pure; DuckDB SQL).

The grades are the codebook's ``confidence_grades``; the first rule that holds wins:

1. ``discounted`` - a reviewer discounted the incident (``discounted`` argument);
2. ``contested`` - its accounts contradict each other on a key fact (``confidence.contested``:
   the killed figures differ by more than ``killed_ratio`` x low + ``killed_plus``; no date
   claim fits all and they lie more than ``date_days`` apart; two different named
   perpetrators, neither part of the other; the places share nothing below ``place``);
3. ``confirmed_by_party`` - an account comes from a party's own official account
   (``party_source_types``);
4. ``corroborated`` - at least ``min_independent_sources`` independent sources (a source
   repeating another is not independent);
5. ``single_source`` - otherwise.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence

import duckdb
import pyarrow as pa

from marsad.engines.crosscheck_model import Model
from marsad.engines.crosscheck_places import LEVEL_RANK
from marsad.engines.crosscheck_prepare import Actor, actor_table, default_actors, reports_table

__all__ = ["GRADES", "grade"]

GRADES = ("discounted", "contested", "confirmed_by_party", "corroborated", "single_source")


@functools.lru_cache(maxsize=1)
def _source_labels() -> dict[str, tuple[str, str]]:
    from marsad.engines.codebook import default_codebook_path, load_codebook

    cb = load_codebook(default_codebook_path())
    return {item.code: (item.label.en, item.label.ar) for item in cb.choice_lists["source_type"]}


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _fill(template: str, values: Mapping[str, str]) -> str:
    """SQL for ``template`` with its ``{name}`` placeholders filled by ``values`` (SQL
    expressions; NULL as empty).  One concat, not a replace() per name: nested replace() calls
    keep a string vector each (about 10 MB for the reasons at 10,000 reports)."""
    parts: list[str] = []
    pos = 0
    for found in _PLACEHOLDER.finditer(template):
        expr = values.get(found.group(1))
        if expr is None:
            continue
        if found.start() > pos:
            parts.append(_sql_text(template[pos : found.start()]))
        parts.append(f"coalesce(CAST({expr} AS VARCHAR), '')")
        pos = found.end()
    if pos < len(template) or not parts:
        parts.append(_sql_text(template[pos:]))
    return parts[0] if len(parts) == 1 else f"concat({', '.join(parts)})"


def grade(
    reports: pa.Table | Sequence[Mapping[str, object]],
    clusters: pa.Table,
    incidents: pa.Table,
    *,
    model: Model,
    discounted: Mapping[int, str] | None = None,
    actors: Sequence[Actor] | None = None,
    labels: Mapping[str, tuple[str, str]] | None = None,
    threads: int | None = None,
    con: duckdb.DuckDBPyConnection | None = None,
) -> pa.Table:
    """``cluster_id, confidence, reason_en, reason_ar, contradictions`` for each incident
    (``incidents`` is :func:`reconcile`'s table)."""
    conf = model.section("confidence")
    contested = conf.get("contested", {})
    reasons = conf.get("reasons", {})
    field_labels = conf.get("field_labels", {})
    party = [str(t) for t in conf.get("party_source_types", [])]
    minimum = int(conf.get("min_independent_sources", 2))
    labels = dict(labels) if labels is not None else _source_labels()
    table = reports_table(reports)
    own = con is None
    con = duckdb.connect(config={"threads": threads} if threads else {}) if con is None else con
    try:
        con.register("xc_reports", table)
        con.register("xc_clusters", clusters.select(["report_id", "cluster_id"]))
        con.register("inc", incidents)
        actor_list = tuple(actors) if actors is not None else default_actors()
        con.register("xc_actors", actor_table(actor_list, table.column("perpetrator")))
        con.register(
            "lbl",
            pa.table(
                {
                    "code": list(labels),
                    "en": [v[0] for v in labels.values()],
                    "ar": [v[1] for v in labels.values()],
                }
            ),  # fmt: skip
        )
        notes = discounted or {}
        con.register(
            "disc",
            pa.table(
                {
                    "cluster_id": pa.array(list(notes), pa.int64()),
                    "note": pa.array([str(v) for v in notes.values()], pa.string()),
                }
            ),  # fmt: skip
        )
        flabel = {k: (str(v.get("en", k)), str(v.get("ar", k))) for k, v in field_labels.items()}
        con.register(
            "fl",
            pa.table(
                {
                    "field": list(flabel),
                    "en": [v[0] for v in flabel.values()],
                    "ar": [v[1] for v in flabel.values()],
                }
            ),  # fmt: skip
        )
        place_rank = LEVEL_RANK.get(str(contested.get("place", "governorate")), 0)
        party_list = "[" + ", ".join(_sql_text(p) for p in party) + "]::VARCHAR[]"
        checks = {
            "killed": f"i.killed_figures >= 2 AND i.killed_high > "
            f"{float(contested.get('killed_ratio', 2.0))} * i.killed_low + "
            f"{int(contested.get('killed_plus', 2))}",
            "date": f"NOT i.date_consistent AND i.date_spread > {int(contested.get('date_days', 3))}",
            "place": f"NOT i.place_consistent AND coalesce(i.place_rank, -1) <= {place_rank}",
            "perpetrator": "coalesce(pc.conflict, false)" if contested.get("perpetrator", True)
            else "false",
        }  # fmt: skip
        contra = (
            "list_filter(["
            + ", ".join(f"CASE WHEN {cond} THEN '{name}' END" for name, cond in checks.items())
            + "], lambda x: x IS NOT NULL)"
        )
        values = {
            "note": "d.note", "n_sources": "i.n_sources", "n_reports": "i.n_reports",
            "n_repeats": "i.n_repeats", "fields": "f.fields_en", "fields_ar": "f.fields_ar",
            "party": "s.party_en", "party_ar": "s.party_ar", "types": "s.types_en",
            "types_ar": "s.types_ar",
        }  # fmt: skip

        def text(code: str, lang: str) -> str:
            return _fill(str(reasons.get(code, {}).get(lang, code)), values)

        cases = {lang: " ".join(f"WHEN '{g}' THEN {text(g, lang)}" for g in GRADES)
                 for lang in ("en", "ar")}  # fmt: skip
        # Steps as temporary tables, not one query: a query keeps the hash tables of all its
        # joins and aggregates until it ends (each costs a few MB, however small the data).
        con.execute(
            """
            CREATE OR REPLACE TEMP TABLE xc_gm AS
            SELECT c.cluster_id, r.report_id, r.source_type, r.repeats_source_id,
                a.perp, a.perp_chain, coalesce(a.perp_named, false) AS named
            FROM xc_clusters c JOIN xc_reports r USING (report_id)
            LEFT JOIN xc_actors a ON a.raw = r.perpetrator
            """
        )
        con.execute(
            """
            CREATE OR REPLACE TEMP TABLE xc_gpc AS
            WITH pp AS (SELECT DISTINCT cluster_id, perp, perp_chain FROM xc_gm WHERE named)
            SELECT x.cluster_id, bool_or(x.perp <> y.perp AND NOT list_contains(x.perp_chain, y.perp)
                AND NOT list_contains(y.perp_chain, x.perp)) AS conflict
            FROM pp x JOIN pp y USING (cluster_id) GROUP BY x.cluster_id
            """
        )
        con.execute(
            """
            CREATE OR REPLACE TEMP TABLE xc_gst AS
            -- one row per cluster and source type: plain aggregates below, not DISTINCT ones
            -- (each DISTINCT aggregate builds its own hash table)
            SELECT cluster_id, source_type, bool_or(repeats_source_id IS NULL) AS own
            FROM xc_gm GROUP BY cluster_id, source_type
            """
        )
        con.execute("DROP TABLE xc_gm")
        con.execute(
            f"""
            CREATE OR REPLACE TEMP TABLE xc_gs AS
            SELECT cluster_id,
                bool_or(list_contains({party_list}, source_type)) AS party,
                string_agg(CASE WHEN list_contains({party_list}, source_type)
                    THEN coalesce(l.en, source_type) END, ', ') AS party_en,
                string_agg(CASE WHEN list_contains({party_list}, source_type)
                    THEN coalesce(l.ar, source_type) END, '، ') AS party_ar,
                coalesce(string_agg(CASE WHEN own THEN coalesce(l.en, source_type) END, ', '
                   ),
                    string_agg(coalesce(l.en, source_type), ', ')) AS types_en,
                coalesce(string_agg(CASE WHEN own THEN coalesce(l.ar, source_type) END, '، '
                   ),
                    string_agg(coalesce(l.ar, source_type), '، ')) AS types_ar
            FROM xc_gst st LEFT JOIN lbl l ON l.code = st.source_type GROUP BY cluster_id
            """
        )
        con.execute("DROP TABLE xc_gst")
        con.execute(
            f"""
            CREATE OR REPLACE TEMP TABLE xc_gg AS
            SELECT i.cluster_id, i.n_sources, i.n_reports, i.n_repeats,
                {contra} AS contradictions,
                CASE WHEN d.cluster_id IS NOT NULL THEN 'discounted'
                    WHEN len({contra}) > 0 THEN 'contested'
                    WHEN coalesce(s.party, false) THEN 'confirmed_by_party'
                    WHEN i.n_sources >= {minimum} THEN 'corroborated'
                    ELSE 'single_source' END AS confidence
            FROM inc i LEFT JOIN xc_gpc pc USING (cluster_id) LEFT JOIN xc_gs s USING (cluster_id)
            LEFT JOIN disc d USING (cluster_id)
            """
        )
        sql = f"""
        WITH f AS (
            SELECT g.cluster_id, string_agg(coalesce(fl.en, c), ', ') AS fields_en,
                string_agg(coalesce(fl.ar, c), '، ') AS fields_ar
            FROM (SELECT cluster_id, unnest(contradictions) AS c FROM xc_gg) g
            LEFT JOIN fl ON fl.field = g.c GROUP BY g.cluster_id
        )
        SELECT i.cluster_id, i.confidence,
            CASE i.confidence {cases["en"]} END AS reason_en,
            CASE i.confidence {cases["ar"]} END AS reason_ar,
            i.contradictions
        FROM xc_gg i LEFT JOIN f USING (cluster_id) LEFT JOIN xc_gs s USING (cluster_id)
        LEFT JOIN disc d USING (cluster_id)
        ORDER BY i.cluster_id
        """
        return con.sql(sql).to_arrow_table()
    finally:
        if own:
            con.close()
        else:
            for name in ("xc_reports", "xc_clusters", "inc", "xc_actors", "lbl", "disc", "fl"):
                con.unregister(name)
            con.execute(
                "DROP TABLE IF EXISTS xc_gm; DROP TABLE IF EXISTS xc_gpc; "
                "DROP TABLE IF EXISTS xc_gst; DROP TABLE IF EXISTS xc_gs; DROP TABLE IF EXISTS xc_gg"
            )
