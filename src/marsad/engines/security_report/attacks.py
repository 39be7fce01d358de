"""The assassinations-and-explosions part of the security-indicators report (pure, no Django):
tables A1–A8, their charts, the governorate map, and the summary sentences."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from marsad.engines.analysis import peak as analysis_peak
from marsad.engines.security_report import sentences as say
from marsad.engines.security_report.charts import chart_from_table
from marsad.engines.security_report.context import Context, by_value, months_between
from marsad.engines.security_report.figures import Row
from marsad.engines.security_report.language import format_date, format_number, format_percent
from marsad.engines.security_report.maps import MapPoint, choropleth_svg
from marsad.engines.security_report.model import (
    Cell,
    Figure,
    MapBlock,
    ReportError,
    Section,
    Segment,
    Table,
)

__all__ = ["build_attacks", "casualty_table", "map_points", "month_table"]

_STATUS_ROWS = (
    ("military", "status_military"),
    ("civilian", "status_civilian"),
    ("unknown", "status_unknown"),
)


def casualty_table(
    ctx: Context, table_id: str, where: Mapping[str, Sequence[str]], what: tuple[str, str]
) -> tuple[Table, dict[str, Figure]]:
    """Killed, injured and casualties by status of the victim, with totals."""
    measures = [f"{o}_{s}" for s, _ in _STATUS_ROWS for o in ("killed", "injured", "casualties")]
    measures += ["killed", "injured", "casualties"]
    (row,) = ctx.book.group(table_id, measures, where=where, what=what)
    figures = row.figures

    def line(first: str, keys: Sequence[str]) -> list[Cell]:
        cells = [Cell(first)]
        for key in keys:
            figure = figures[key]
            cells.append(Cell(format_number(figure.value, ctx.lang), figure.id, figure.value))
        return cells

    rows = [
        line(ctx.text(label), [f"killed_{s}", f"injured_{s}", f"casualties_{s}"])
        for s, label in _STATUS_ROWS
    ]
    rows.append(line(ctx.text("total"), ["killed", "injured", "casualties"]))
    table = Table(
        id=table_id,
        title=ctx.strings.table_title(table_id, ctx.lang),
        columns=[
            ctx.text("casualties"),
            ctx.text("killed"),
            ctx.text("injured"),
            ctx.text("casualties"),
        ],
        rows=rows,
        numeric=[False, True, True, True],
        total_row=True,
    )
    table.columns[0] = ctx.dimension_label("target_status")
    return table, figures


def month_table(
    ctx: Context,
    table_id: str,
    where: Mapping[str, Sequence[str]],
    types: Sequence[str],
    what: tuple[str, str],
) -> tuple[Table, list[Row]]:
    """Incidents per month of the period, a column per type and a total column."""
    months = months_between(ctx.date_from, ctx.date_to)
    columns = [
        ctx.book.group(
            f"{table_id}.{t}",
            ["incidents"],
            by="month",
            where={**where, "type": [t]},
            keys=months,
            what=what,
        )
        for t in types
    ]
    totals = ctx.book.group(
        f"{table_id}.all", ["incidents"], by="month", where=where, keys=months, what=what
    )
    rows = []
    for i, total in enumerate(totals):
        cells = [Cell(ctx.label("month", total.key))]
        for column in [*(c[i] for c in columns), total] if len(types) > 1 else [total]:
            figure = column.figures["incidents"]
            cells.append(Cell(format_number(figure.value, ctx.lang), figure.id, figure.value))
        rows.append(cells)
    headers = (
        [ctx.label("type", t) for t in types] + [ctx.text("total")]
        if len(types) > 1
        else [ctx.text("incidents")]
    )
    table = Table(table_id, ctx.strings.table_title(table_id, ctx.lang), [ctx.dimension_label("month"), *headers],
                  rows, [False, *([True] * len(headers))])  # fmt: skip
    return table, totals


def peak_sentence(
    ctx: Context, totals: Sequence[Row], where: Mapping[str, Sequence[str]]
) -> list[Segment]:
    """The month with most incidents (the earliest of a tie), checked against the engine."""
    best = max(totals, key=lambda r: (r.figures["incidents"].value, [-ord(c) for c in str(r.key)]))
    if not best.figures["incidents"].value or best.key is None:
        return []
    found = analysis_peak(ctx.book.table, period="month", where=where, date_from=ctx.date_from,
                          date_to=ctx.date_to, statuses=ctx.book.statuses)  # fmt: skip
    if found != (best.key, best.figures["incidents"].value):
        raise ReportError(f"peak month: the engine gives {found}, the table {best.key}")
    return say.peak(ctx, str(best.key), best.figures["incidents"])


def map_points(
    ctx: Context, prefix: str, where: Mapping[str, Sequence[str]], what: tuple[str, str]
) -> list[MapPoint]:
    """Incidents per community, placed at the community (coarser places are not drawn)."""
    points = []
    for row in ctx.book.group(prefix, ["incidents"], by="community", where=where, what=what):
        place = ctx.gazetteer.get(row.key) if row.key else None
        if place is not None and row.figures["incidents"].value:
            points.append(
                MapPoint(place.latitude, place.longitude, int(row.figures["incidents"].value))
            )
    return points


def _period_label(ctx: Context, period: tuple[dt.date, dt.date]) -> str:
    return f"{format_date(period[0], ctx.lang)} – {format_date(period[1], ctx.lang)}"


def build_attacks(ctx: Context) -> tuple[Section, list[Segment]]:
    """The section and its summary paragraph."""
    what = ctx.strings.figure_label("attacks")
    types = ctx.strings.section_types("attacks")
    where = {"type": list(types)}
    book, lang = ctx.book, ctx.lang
    section = Section("attacks", ctx.text("attacks"))
    summary: list[list[Segment]] = []
    four = [
        ("incidents", "incidents"),
        ("killed", "killed"),
        ("injured", "injured"),
        ("casualties", "casualties"),
    ]
    two = [("incidents", "incidents"), ("casualties", "casualties")]

    type_rows = book.group(
        "A1", [m for m, _ in four], by="type", where=where, keys=types, what=what
    )
    (total,) = book.group("A1.all", [m for m, _ in four], where=where, what=what)
    section.blocks.append(
        ctx.table(
            "A1",
            ctx.dimension_label("type"),
            type_rows,
            four,
            lambda r: ctx.label("type", r.key),
            total,
        )
    )
    summary.append(say.attacks_totals(ctx, type_rows))

    method_rows = by_value(book.group("A2", ["incidents"], by="method", where=where, what=what))
    (method_total,) = book.group("A2.all", ["incidents"], where=where, what=what)
    a2 = ctx.table(
        "A2",
        ctx.dimension_label("method"),
        method_rows,
        [("incidents", "incidents")],
        lambda r: ctx.label("method", r.key),
        method_total,
    )
    section.blocks += [a2, chart_from_table("chart-A2", a2, "bar", lang)]
    summary.append(say.methods(ctx, method_rows))

    a3, casualty_figures = casualty_table(ctx, "A3", where, what)
    section.blocks += [a3, chart_from_table("chart-A3", a3, "stacked", lang, columns=(1, 2))]
    if total.figures["incidents"].value:  # "no casualties" would repeat "no incidents"
        summary.append(say.casualties(ctx, casualty_figures))

    perpetrator_rows = by_value(
        book.group("A4", [m for m, _ in two], by="perpetrator_type", where=where, what=what)
    )
    a4 = ctx.table(
        "A4",
        ctx.dimension_label("perpetrator_type"),
        perpetrator_rows,
        two,
        lambda r: ctx.label("perpetrator_type", r.key),
    )
    section.blocks.append(a4)
    summary.append(say.perpetrators(ctx, perpetrator_rows))

    governorate_rows = by_value(
        book.group("A5", [m for m, _ in two], by="governorate", where=where, what=what)
    )
    a5 = ctx.table(
        "A5",
        ctx.dimension_label("governorate"),
        governorate_rows,
        two,
        lambda r: ctx.label("governorate", r.key, r.names),
    )
    svg = choropleth_svg(
        "governorate",
        {str(r.key): int(r.figures["incidents"].value) for r in governorate_rows if r.key},
        map_points(ctx, "A5.places", where, what),
        lang,
        title=ctx.strings.table_title("map_A", lang),
        legend_points=ctx.text("map_legend_points"),
        legend_empty=ctx.text("map_no_data"),
        source=ctx.text("map_source"),
        label_all=True,
    )
    section.blocks += [a5, MapBlock("map-A", "A5", ctx.strings.table_title("map_A", lang), svg)]

    party_rows = by_value(
        book.group("A6", [m for m, _ in two], by="controlling_party", where=where, what=what)
    )
    a6 = ctx.table(
        "A6",
        ctx.dimension_label("controlling_party"),
        party_rows,
        two,
        lambda r: ctx.label("controlling_party", r.key),
    )
    section.blocks.append(a6)

    a7, month_totals = month_table(ctx, "A7", where, types, what)
    section.blocks += [
        a7,
        chart_from_table("chart-A7", a7, "columns", lang, columns=tuple(range(1, len(types) + 1))),
    ]
    summary.append(peak_sentence(ctx, month_totals, where))

    if ctx.compare is not None:
        before_rows = book.group(
            "A8.before",
            ["incidents"],
            by="type",
            where=where,
            keys=types,
            period=ctx.compare,
            what=what,
        )
        (before_total,) = book.group(
            "A8.before.all", ["incidents"], where=where, period=ctx.compare, what=what
        )
        rows = []
        for before, after in [*zip(before_rows, type_rows, strict=True), (before_total, total)]:
            a, b = before.figures["incidents"], after.figures["incidents"]
            change, percent = book.difference(f"A8.change.{after.key or 'all'}", a, b)
            name = ctx.label("type", after.key) if after is not total else ctx.text("total")
            cells = [Cell(name)] + [
                Cell(format_number(f.value, lang), f.id, f.value) for f in (a, b, change)
            ]
            if percent is None:
                cells.append(Cell("—"))
            else:
                text = format_percent(float(percent.value), lang, signed=True)
                cells.append(Cell(text, percent.id, percent.value))
            rows.append(cells)
        headers = [
            _period_label(ctx, ctx.compare),
            _period_label(ctx, (ctx.date_from, ctx.date_to)),
            ctx.text("change"),
            ctx.text("change_pct"),
        ]
        a8 = Table(
            "A8",
            ctx.strings.table_title("A8", lang),
            [ctx.dimension_label("type"), *headers],
            rows,
            [False, True, True, True, True],
            total_row=True,
        )
        section.blocks += [a8, chart_from_table("chart-A8", a8, "grouped", lang, columns=(1, 2))]
        change_figure = book.figures["A8.change.all"]
        # Nothing to compare when neither period has an incident.
        if before_total.figures["incidents"].value or total.figures["incidents"].value:
            percent_figure = book.figures.get("A8.change.all_pct")
            before_figure = before_total.figures["incidents"]
            summary.append(say.comparison(ctx, before_figure, change_figure, percent_figure))

    paragraph: list[Segment] = []
    for sentence in summary:
        if sentence:
            paragraph += ([Segment(" ")] if paragraph else []) + sentence
    return section, paragraph
