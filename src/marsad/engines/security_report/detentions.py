"""The abductions-and-extrajudicial-detentions part of the security-indicators report (pure):
tables B1–B5 over the case-study places, their charts, the sub-district map, and the sentences."""

from __future__ import annotations

from marsad.engines.security_report import sentences as say
from marsad.engines.security_report.attacks import (
    casualty_table,
    map_points,
    month_table,
    peak_sentence,
)
from marsad.engines.security_report.charts import chart_from_table
from marsad.engines.security_report.context import Context, by_value
from marsad.engines.security_report.figures import Row
from marsad.engines.security_report.language import join_list
from marsad.engines.security_report.maps import choropleth_svg
from marsad.engines.security_report.model import MapBlock, Section, Segment

__all__ = ["build_detentions"]


def _perpetrator_order(rows: list[Row]) -> list[Row]:
    """Known perpetrator types first (most incidents first), then unknown, then unrecorded."""
    return sorted(by_value(rows), key=lambda r: (r.key is None, r.key == "unknown"))


def build_detentions(ctx: Context, letter: str) -> tuple[Section, list[Segment]]:
    """The section of one group of case-study places (tables ``<letter>1`` …) and its summary
    paragraph; ``ctx`` holds that group, its period and its figure book."""
    places = join_list([a.name(ctx.lang) for a in ctx.case_studies], ctx.lang)
    section = Section(f"detentions-{letter}", ctx.text("detentions").format(places=places))
    if not ctx.case_studies:
        return section, []
    types = ctx.strings.section_types("detentions")
    what = ctx.strings.figure_label("detentions")
    codes = [area.code for area in ctx.case_studies]
    where = {"type": list(types), "subdistrict": codes}
    book, lang = ctx.book, ctx.lang
    three = [
        ("incidents", "incidents"),
        ("number_targeted", "number_targeted"),
        ("casualties", "casualties"),
    ]
    two = [("incidents", "incidents"), ("casualties", "casualties")]
    summary: list[list[Segment]] = []

    place_rows = book.group(
        f"{letter}1", [m for m, _ in three], by="subdistrict", where=where, keys=codes, what=what
    )
    (total,) = book.group(f"{letter}1.all", [m for m, _ in three], where=where, what=what)
    b1 = ctx.table(
        f"{letter}1",
        ctx.text("case_studies"),
        place_rows,
        three,
        lambda r: ctx.case_study_name(r.key),
        total,
    )
    svg = choropleth_svg(
        "subdistrict",
        {str(r.key): int(r.figures["incidents"].value) for r in place_rows if r.key},
        map_points(ctx, f"{letter}1.places", where, what),
        lang,
        title=ctx.strings.table_title("map_B", lang),
        legend_points=ctx.text("map_legend_points"),
        legend_empty=ctx.text("map_no_data"),
        source=ctx.text("map_source"),
        names={area.code: area.name(lang) for area in ctx.case_studies},
    )
    section.blocks += [
        b1,
        chart_from_table(f"chart-{letter}1", b1, "bar", lang),
        MapBlock(f"map-{letter}", f"{letter}1", ctx.strings.table_title("map_B", lang), svg),
    ]
    summary.append(say.detention_totals(ctx, total.figures["incidents"], place_rows))

    type_rows = book.group(
        f"{letter}4", ["incidents"], by="type", where=where, keys=types, what=what
    )
    section.blocks.append(
        ctx.table(
            f"{letter}4",
            ctx.dimension_label("type"),
            type_rows,
            [("incidents", "incidents")],
            lambda r: ctx.label("type", r.key),
        )
    )

    perpetrator_rows = _perpetrator_order(
        book.group(f"{letter}2", [m for m, _ in two], by="perpetrator_type", where=where, what=what)
    )
    b2 = ctx.table(
        f"{letter}2",
        ctx.dimension_label("perpetrator_type"),
        perpetrator_rows,
        two,
        lambda r: ctx.label("perpetrator_type", r.key),
    )
    section.blocks.append(b2)
    summary.append(say.detention_perpetrators(ctx, perpetrator_rows))

    b5, casualty_figures = casualty_table(ctx, f"{letter}5", where, what)
    section.blocks.append(b5)
    if total.figures["incidents"].value:  # "no casualties" would repeat "no incidents"
        summary.append(say.casualties(ctx, casualty_figures))

    b3, month_totals = month_table(ctx, f"{letter}3", where, [], what)
    section.blocks += [b3, chart_from_table(f"chart-{letter}3", b3, "columns", lang, columns=(1,))]
    summary.append(peak_sentence(ctx, month_totals, where))

    known_codes = [c for c in ctx.codebook.choice_lists["perpetrator_type"].codes if c != "unknown"]
    (known,) = book.group(
        f"{letter}2.known",
        ["incidents"],
        where={**where, "perpetrator_type": known_codes},
        what=what,
    )
    unknown = next((r.figures["incidents"] for r in perpetrator_rows if r.key == "unknown"), None)
    if unknown is not None:
        summary.append(say.known_actors(ctx, known.figures["incidents"], unknown))

    paragraph: list[Segment] = []
    for sentence in summary:
        if sentence:
            paragraph += ([Segment(" ")] if paragraph else []) + sentence
    return section, paragraph
