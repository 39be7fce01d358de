"""Figures: numbers computed with the analysis engine, each with its query and incidents (pure).

:class:`FigureBook` runs :func:`marsad.engines.analysis.analyse` over the report's incidents
(already narrowed to its areas) and turns every value into a :class:`Figure` with an id, the
query, and the ids of the incidents behind it. The incident ids are selected independently of
DuckDB (with the same rules: rejected and discounted incidents left out, a range date inside
the period only when both ends are) and every figure is checked against them, so a figure the
appendix cannot account for stops the report instead of being printed.

Casualties are the killed and the injured together, by the status columns:
``killed_civilian + killed_military + killed_unknown + injured_civilian + injured_military +
injured_unknown`` (``casualties_military`` etc. for one status, ``killed``/``injured`` for one
outcome). Any other measure of the analysis engine can be asked for by its name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from marsad.engines.analysis import MEASURES, analyse
from marsad.engines.security_report.model import Figure, Query, ReportError, Trace
from marsad.engines.security_report.strings import load_strings

__all__ = ["COMPOSITE_MEASURES", "FigureBook", "Row"]

_STATUSES = ("civilian", "military", "unknown")
COMPOSITE_MEASURES: dict[str, tuple[str, ...]] = {
    "casualties": tuple(f"{o}_{s}" for o in ("killed", "injured") for s in _STATUSES),
    "killed": tuple(f"killed_{s}" for s in _STATUSES),
    "injured": tuple(f"injured_{s}" for s in _STATUSES),
    **{f"casualties_{s}": (f"killed_{s}", f"injured_{s}") for s in _STATUSES},
}

Where = Mapping[str, Sequence[str]]


@dataclass(frozen=True, slots=True)
class Row:
    """One group of a query: its key (``None`` for the unknown group) and a figure per measure."""

    key: str | None
    names: tuple[str, str]
    figures: dict[str, Figure]


def _text(table: pa.Table, name: str) -> pa.ChunkedArray:
    """A column as text with ``""`` read as unknown, as the analysis engine reads it."""
    column = table[name].cast(pa.string())
    return pc.if_else(pc.equal(column, ""), pa.scalar(None, pa.string()), column)


class FigureBook:
    """Every figure of one report; ``table`` holds only the incidents of the report's areas."""

    def __init__(
        self,
        table: pa.Table,
        *,
        date_from: dt.date | None,
        date_to: dt.date | None,
        statuses: Sequence[str] | None,
        areas: Sequence[str],
        figures: dict[str, Figure] | None = None,
        traces: list[Trace] | None = None,
    ) -> None:
        self.table = table
        self.date_from, self.date_to = date_from, date_to
        self.statuses = tuple(statuses) if statuses else None
        self.areas = tuple(areas)
        # Books of the parts of one report share their figures, so ids stay unique.
        self.figures: dict[str, Figure] = {} if figures is None else figures
        self.traces: list[Trace] = [] if traces is None else traces

    def part(
        self,
        table: pa.Table,
        *,
        date_from: dt.date | None,
        date_to: dt.date | None,
        areas: Sequence[str],
    ) -> FigureBook:
        """A book over other incidents or another period, adding to the same figures."""
        return FigureBook(
            table,
            date_from=date_from,
            date_to=date_to,
            statuses=self.statuses,
            areas=areas,
            figures=self.figures,
            traces=self.traces,
        )

    # -- selection, independent of DuckDB ----------------------------------------------------

    def _mask(self, where: Where, period: tuple[dt.date | None, dt.date | None]) -> pa.Array:
        t = self.table
        mask = pc.invert(pc.fill_null(pc.equal(_text(t, "status"), "rejected"), False))
        discounted = pc.fill_null(pc.equal(_text(t, "confidence"), "discounted"), False)
        mask = pc.and_(mask, pc.invert(discounted))
        if self.statuses is not None:
            allowed = pc.is_in(_text(t, "status"), value_set=pa.array(self.statuses))
            mask = pc.and_(mask, allowed)
        start = t["date"]
        end = start
        if "date_end" in t.column_names and "date_precision" in t.column_names:
            ranged = pc.and_(
                pc.fill_null(pc.equal(_text(t, "date_precision"), "range"), False),
                pc.is_valid(t["date_end"]),
            )
            end = pc.if_else(ranged, t["date_end"], start)
        date_from, date_to = period
        if date_from is not None:
            mask = pc.and_(mask, pc.fill_null(pc.greater_equal(start, date_from), False))
        if date_to is not None:
            mask = pc.and_(mask, pc.fill_null(pc.less_equal(end, date_to), False))
        for name, values in where.items():
            inside = pc.is_in(_text(t, name), value_set=pa.array(list(values), pa.string()))
            mask = pc.and_(mask, pc.fill_null(inside, False))
        return mask

    def _group_mask(self, by: str, key: str | None) -> pa.Array:
        if by == "source_types" or by == "source_type":
            lists = self.table["source_types"].combine_chunks()
            flags = [False] * len(self.table)
            for i, types in enumerate(lists.to_pylist()):
                distinct = {t for t in types or () if t}
                flags[i] = key in distinct if key is not None else not distinct
            return pa.array(flags, pa.bool_())
        column = _text(self.table, by)
        if key is None:
            return pc.is_null(column)
        return pc.fill_null(pc.equal(column, key), False)

    # -- figures -----------------------------------------------------------------------------

    def group(
        self,
        prefix: str,
        measures: Sequence[str],
        *,
        by: str | None = None,
        where: Where | None = None,
        period: tuple[dt.date | None, dt.date | None] | None = None,
        what: tuple[str, str] = ("", ""),
        keys: Sequence[str | None] | None = None,
    ) -> list[Row]:
        """One :class:`Row` per group of ``by`` (a single row without ``by``), in the
        engine's order; figure ids are ``prefix.key.measure`` (``prefix.measure`` without
        ``by``).  ``what`` says in both languages what the rows count, for the appendix.
        With ``keys``, the rows are those keys in that order (a key without incidents gets
        zeros), then any other group the engine found."""
        where = dict(where or {})
        date_from, date_to = period or (self.date_from, self.date_to)
        columns: dict[str, tuple[str, ...]] = {m: COMPOSITE_MEASURES.get(m, (m,)) for m in measures}
        needed = list(dict.fromkeys(c for parts in columns.values() for c in parts))
        result = analyse(
            self.table,
            by=[by] if by else [],
            measures=needed,
            where=where,
            date_from=date_from,
            date_to=date_to,
            statuses=self.statuses,
        )
        query = Query(
            by=(by,) if by else (),
            measures=tuple(needed),
            where=tuple((k, tuple(v)) for k, v in where.items()),
            date_from=date_from,
            date_to=date_to,
            statuses=self.statuses,
            areas=self.areas,
        )
        base = self._mask(where, (date_from, date_to))
        rows: list[Row] = []
        ids: list[str] = []
        records = result.to_pylist()
        if by is not None and keys is not None:
            found = {record[by]: record for record in records}
            zero = {c: 0 for c in needed}
            records = [found.pop(k, {by: k, **zero}) for k in keys] + list(found.values())
        for record in records:
            key = None if by is None else record[by]
            mask = base if by is None else pc.and_(base, self._group_mask(by, key))
            chosen = self.table.filter(mask)
            names = (
                (str(record.get(f"{by}_name_en") or ""), str(record.get(f"{by}_name_ar") or ""))
                if by
                else ("", "")
            )
            figures: dict[str, Figure] = {}
            for measure, parts in columns.items():
                value = sum(int(record[c] or 0) for c in parts)
                figure = self._figure(prefix, by, key, measure, parts, value, query, chosen, what)
                figures[measure] = figure
                ids.append(figure.id)
            rows.append(Row(key, names, figures))
        self.traces.append(Trace(query, tuple(ids)))
        return rows

    def _figure(
        self,
        prefix: str,
        by: str | None,
        key: str | None,
        measure: str,
        parts: tuple[str, ...],
        value: int,
        query: Query,
        chosen: pa.Table,
        what: tuple[str, str],
    ) -> Figure:
        figure_id = ".".join([prefix, *([key or "none"] if by else []), measure])
        if measure == "incidents":
            incident_ids = chosen["incident_id"].to_pylist()
            check = len(incident_ids)
        else:
            sources = [MEASURES[c].column or c for c in parts]
            amounts = [
                sum(int(v or 0) for v in values)
                for values in zip(*(chosen[c].to_pylist() for c in sources), strict=True)
            ]
            ids = chosen["incident_id"].to_pylist()
            incident_ids = [i for i, amount in zip(ids, amounts, strict=True) if amount]
            check = sum(amounts)
        if check != value:
            raise ReportError(
                f"figure {figure_id}: the analysis gives {value}, its incidents add up to {check}",
                f"الرقم {figure_id}: التحليل يعطي {value} وحوادثه مجموعها {check}",
            )
        measure_en, measure_ar = load_strings().figure_label(measure)
        key_text = "" if by is None else f" — {by} = {key if key is not None else '∅'}"
        figure = Figure(
            id=figure_id,
            value=value,
            label_en=f"{what[0]}: {measure_en}{key_text}" if what[0] else measure_en + key_text,
            label_ar=f"{what[1]}: {measure_ar}{key_text}" if what[1] else measure_ar + key_text,
            query=query,
            columns=parts,
            key=((by, key),) if by else (),
            incident_ids=tuple(sorted(int(i) for i in incident_ids)),
        )
        if figure_id in self.figures:
            raise ReportError(f"two figures have the id {figure_id}")
        self.figures[figure_id] = figure
        return figure

    def total(self, figure_id: str, parts: Sequence[Figure], label: tuple[str, str]) -> Figure:
        """The sum of figures from different queries (the parts of a report)."""
        figure = Figure(
            id=figure_id,
            value=sum(p.value for p in parts),
            label_en=label[0],
            label_ar=label[1],
            query=None,
            incident_ids=tuple(sorted({i for p in parts for i in p.incident_ids})),
            formula=" + ".join(p.id for p in parts),
            parts=tuple(p.id for p in parts),
        )
        if figure_id in self.figures:
            raise ReportError(f"two figures have the id {figure_id}")
        self.figures[figure_id] = figure
        self.traces.append(Trace(None, (figure.id,)))
        return figure

    def difference(
        self, figure_id: str, before: Figure, after: Figure
    ) -> tuple[Figure, Figure | None]:
        """``after − before`` and, when ``before`` is not 0, the change in percent of it."""
        change_en, change_ar = load_strings().figure_label("change")
        pct_en, pct_ar = load_strings().figure_label("change_pct")
        change = Figure(
            id=figure_id,
            value=after.value - before.value,
            label_en=f"{change_en}: {after.id} − {before.id}",
            label_ar=f"{change_ar}: {after.id} − {before.id}",
            query=None,
            formula=f"{after.id} - {before.id}",
            parts=(after.id, before.id),
        )
        self.figures[change.id] = change
        percent = None
        if before.value:
            percent = Figure(
                id=f"{figure_id}_pct",
                value=round((after.value - before.value) / before.value * 100.0, 1),
                label_en=f"{pct_en}: ({after.id} − {before.id}) / {before.id} × 100",
                label_ar=f"{pct_ar}: ({after.id} − {before.id}) / {before.id} × 100",
                query=None,
                formula=f"round(({after.id} - {before.id}) / {before.id} * 100, 1)",
                parts=(after.id, before.id),
            )
            self.figures[percent.id] = percent
        self.traces.append(Trace(None, tuple(f.id for f in (change, percent) if f)))
        return change, percent
