"""Input checking and per-report features for cross-checking (pure; see ``crosscheck.py``).

:class:`Session` owns one DuckDB connection.  ``load`` registers the reports (new and existing)
and builds the table ``feat``: one row per report with its incident family, date interval
(``d0``..``d1`` in days, from the date precision), place (P-code, level, parent chain,
coordinates from the report or the gazetteer), perpetrator resolved through the actor aliases,
and narrative signature.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import TracebackType

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
from rapidfuzz import fuzz, process

from marsad.engines.arabic import normalise_arabic
from marsad.engines.crosscheck_model import Model
from marsad.engines.crosscheck_places import gazetteer_table, place_table
from marsad.engines.crosscheck_text import (
    SIGNATURE_SQL,
    TOKEN_SPLIT,
    install_text_macros,
    register_text_tables,
)
from marsad.engines.gazetteer import Gazetteer

__all__ = [
    "REPORT_COLUMNS",
    "Actor",
    "Session",
    "actor_table",
    "default_actors",
    "default_families",
    "reports_table",
]

#: The input columns (all but ``report_id`` may be null or absent).
REPORT_COLUMNS: dict[str, pa.DataType] = {
    "report_id": pa.int64(), "source_id": pa.int64(), "source_type": pa.string(),
    "repeats_source_id": pa.int64(), "type": pa.string(), "method": pa.string(),
    "date": pa.date32(), "date_end": pa.date32(), "date_precision": pa.string(),
    "pcode": pa.string(), "place_precision": pa.string(), "latitude": pa.float64(),
    "longitude": pa.float64(), "perpetrator": pa.string(), "perpetrator_type": pa.string(),
    "target_status": pa.string(), "killed": pa.int64(), "injured": pa.int64(),
    "narrative": pa.string(), "language": pa.string(), "place_text": pa.string(),
}  # fmt: skip


@dataclass(frozen=True)
class Actor:
    """A perpetrator as the actor table knows it: key, every name and alias, parent key."""

    key: str
    names: tuple[str, ...]
    parent: str | None = None
    named: bool = True  # False for "unknown gunmen" and the like


def default_actors() -> tuple[Actor, ...]:
    """The actors of the packaged demo data (the parties of 2019-2020 the centre names)."""
    from marsad.engines.demo_actors import ACTORS

    return tuple(
        Actor(a.key, (a.name_en, a.name_ar, *a.aliases), a.parent_key, a.actor_type != "unknown")
        for a in ACTORS
    )


@functools.lru_cache(maxsize=1)
def default_families() -> dict[str, str]:
    """Incident type -> family, from the default codebook."""
    from marsad.engines.codebook import default_codebook_path, load_codebook

    cb = load_codebook(default_codebook_path())
    return {code: t.family for code, t in cb.incident_types.items()}


def reports_table(data: pa.Table | Sequence[Mapping[str, object]]) -> pa.Table:
    """The reports with every input column, cast to the engine's types."""
    if isinstance(data, pa.Table):
        table = data
    else:
        rows = [dict(r) for r in data]
        names = [n for n in REPORT_COLUMNS if any(n in r for r in rows)]
        table = (
            pa.table({n: pa.array([r.get(n) for r in rows], REPORT_COLUMNS[n]) for n in names})
            if rows
            else pa.table({"report_id": pa.array([], pa.int64())})
        )
    if "report_id" not in table.column_names:
        raise ValueError("the reports have no report_id column")
    columns = {}
    for name, dtype in REPORT_COLUMNS.items():
        if name in table.column_names:
            columns[name] = table.column(name).cast(dtype)
        else:
            columns[name] = pa.nulls(table.num_rows, dtype)
    out = pa.table(columns)
    if out.column("report_id").null_count:
        raise ValueError("report_id may not be null")
    if pc.count_distinct(out.column("report_id")).as_py() != out.num_rows:
        raise ValueError("report_id is not unique")
    return out


_PUNCT = re.compile(r"[^\w]+")


def _name_key(name: str) -> str:
    return " ".join(_PUNCT.sub(" ", normalise_arabic(name)).split())


def actor_table(actors: Sequence[Actor], raw: pa.Array) -> pa.Table:
    """raw perpetrator value -> (key, chain of keys, named) for the distinct values in ``raw``."""
    by_alias: dict[str, Actor] = {}
    by_key = {a.key: a for a in actors}
    for known in actors:
        for name in (known.key, *known.names):
            by_alias.setdefault(_name_key(name), known)
    choices = list(by_alias)
    values = [v for v in pc.unique(raw.drop_null()).to_pylist() if isinstance(v, str)]
    keys, chains, named = [], [], []
    for value in values:
        key = _name_key(value)
        actor: Actor | None = by_key.get(value) or by_alias.get(key)
        if actor is None and len(key) >= 5 and choices:
            best = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=90)
            actor = by_alias[best[0]] if best else None
        if actor is None:
            keys.append(key or None)
            chains.append([key] if key else [])
            named.append(bool(key))
            continue
        chain = [actor.key]
        parent = actor.parent
        while parent and parent in by_key and parent not in chain:
            chain.append(parent)
            parent = by_key[parent].parent
        keys.append(actor.key)
        chains.append(chain)
        named.append(actor.named)
    return pa.table(
        {
            "raw": pa.array(values, pa.string()),
            "perp": pa.array(keys, pa.string()),
            "perp_chain": pa.array(chains, pa.list_(pa.string())),
            "perp_named": pa.array(named, pa.bool_()),
        }  # fmt: skip
    )


_FEATURES = """
CREATE OR REPLACE TEMP TABLE feat AS
SELECT r.report_id AS id, r.is_new, r.source_id AS src, r.repeats_source_id AS rep,
    coalesce(f.family, r.type, '?') AS fam, r.type AS typ, NULLIF(r.method, '') AS meth,
    mg.grp AS mgrp,
    (r.date - DATE '1970-01-01')::INTEGER AS d0,
    (CASE coalesce(r.date_precision, 'day')
        WHEN 'week' THEN r.date + 6
        WHEN 'month' THEN last_day(r.date)
        WHEN 'range' THEN greatest(coalesce(r.date_end, r.date), r.date)
        ELSE r.date END - DATE '1970-01-01')::INTEGER AS d1,
    coalesce(r.date_precision, 'day') = 'day' AS dday,
    g.pcode, g.pid, g.prank, g.sub_id, g.dist_id, g.gov_id,
    CASE WHEN g.pid IS NOT NULL THEN [g.pid] ELSE coalesce(p.opts, []::INTEGER[]) END AS opts,
    CASE WHEN g.pid IS NOT NULL THEN g.chain ELSE coalesce(p.ochain, []::INTEGER[]) END AS ochain,
    g.pid IS NULL AND len(coalesce(p.opts, [])) > 0 AS amb,
    coalesce(r.latitude, g.glat) AS lat, coalesce(r.longitude, g.glon) AS lon,
    r.latitude IS NOT NULL AND r.longitude IS NOT NULL AS has_point,
    coalesce(g.prank = 3, false)
        OR (g.pcode IS NULL AND r.latitude IS NOT NULL AND r.longitude IS NOT NULL) AS fine,
    a.perp, a.perp_chain, coalesce(a.perp_named, false) AS perp_named,
    NULLIF(NULLIF(r.target_status, ''), 'unknown') AS status,
    r.killed, r.injured, s.r1, s.r2, s.c1, s.c2, coalesce(s.t1, 0::UBIGINT) AS t1,
    coalesce(s.ntok, 0) AS ntok, r.language AS lang
FROM xc_reports r
LEFT JOIN xc_places p ON p.pcode IS NOT DISTINCT FROM r.pcode AND p.place_text = r.place_text
LEFT JOIN xc_gaz g ON g.pcode = coalesce(p.eff_pcode, r.pcode)
LEFT JOIN xc_families f ON f.type = r.type
LEFT JOIN xc_methods mg ON mg.method = r.method
LEFT JOIN xc_actors a ON a.raw = r.perpetrator
LEFT JOIN sig s ON s.id = r.report_id
"""


class Session:
    """One cross-checking run: a DuckDB connection with the model's tables registered."""

    def __init__(
        self,
        model: Model,
        gazetteer: Gazetteer,
        actors: Sequence[Actor] | None = None,
        families: Mapping[str, str] | None = None,
        size_hint: int | None = None,
    ) -> None:
        self.model = model
        self.gazetteer = gazetteer
        self.actors = tuple(actors) if actors is not None else default_actors()
        self.families = dict(families) if families is not None else default_families()
        engine = model.raw.get("engine", {}) or {}
        config: dict[str, str | bool | int | float | list[str]] = {}
        if engine.get("memory_limit"):
            config["memory_limit"] = str(engine["memory_limit"])
        if int(engine.get("threads") or 0) > 0:
            config["threads"] = int(engine["threads"])
        for key, value in (engine.get("duckdb") or {}).items():
            config[str(key)] = value if isinstance(value, int | bool) else str(value)
        self.single_below = int(engine.get("single_thread_below") or 0)
        if size_hint is not None and size_hint < self.single_below:
            config["threads"] = 1
        self.con = duckdb.connect(config=config)
        self.con.execute("SET preserve_insertion_order = false")
        install_text_macros(self.con)
        self.incremental = False

    def __enter__(self) -> Session:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def load(self, new: pa.Table, existing: pa.Table | None = None) -> None:
        """Register the reports (``is_new`` marks ``new``) and build ``feat``."""
        con = self.con
        new = reports_table(new)
        parts = [new.append_column("is_new", pa.array([True] * new.num_rows, pa.bool_()))]
        if existing is not None and existing.num_rows:
            old = reports_table(existing)
            ids = pc.is_in(old.column("report_id"), value_set=new.column("report_id"))
            old = old.filter(pc.invert(ids))
            parts.append(old.append_column("is_new", pa.array([False] * old.num_rows, pa.bool_())))
            self.incremental = old.num_rows > 0
        reports = pa.concat_tables(parts)
        if reports.num_rows < self.single_below:
            con.execute("SET threads = 1")
        con.register("xc_reports", reports)
        gt = gazetteer_table(self.gazetteer)
        con.register("xc_gaz", gt.table)
        places = self.model.raw.get("places", {}) or {}
        con.register("xc_places", place_table(con, self.gazetteer, places))
        con.register(
            "xc_families",
            pa.table({"type": list(self.families), "family": list(self.families.values())}),
        )
        groups = self.model.raw.get("method_groups", {}) or {}
        con.register(
            "xc_methods",
            pa.table(
                {
                    "method": [m for ms in groups.values() for m in ms],
                    "grp": [g for g, ms in groups.items() for _ in ms],
                }  # fmt: skip
            ),
        )
        con.register("xc_actors", actor_table(self.actors, reports.column("perpetrator")))
        actor_names = tuple(n for a in self.actors for n in a.names)
        register_text_tables(con, self.model.section("text"), gt.names + actor_names)
        con.register(
            "narratives",
            pa.table({"id": reports.column("report_id"), "narrative": reports.column("narrative")}),
        )
        text = self.model.section("text")
        con.execute(
            SIGNATURE_SQL.format(
                split=TOKEN_SPLIT,
                min_len=int(text.get("min_token_length", 2)),
                bits=min(int(text.get("signature_bits", 128)), 128),
                rare=float(text.get("rare_max_share", 0.02)),
                common=float(text.get("common_max_share", 0.2)),
                min_docs=int(text.get("min_documents", 200)),
            )
        )
        con.execute(_FEATURES)
        con.execute("DROP TABLE sig; DROP TABLE xc_vocab")
        for name in ("narratives", "xc_reports", "xc_places"):
            con.unregister(name)
