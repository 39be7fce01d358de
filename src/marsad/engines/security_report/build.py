"""The security-indicators report, built from an incident table (pure, no Django).

>>> report = build_security_report(incidents, SecurityReportOptions(
...     date_from=date(2019, 7, 1), date_to=date(2020, 6, 30), lang="ar",
...     areas=("SY08", "SY09", "SY12")))

It follows the centre's report: an executive summary written from the data; the scope and
methodology (sources by type, never by name); assassinations and explosions (by type, method,
status of the victims, perpetrator, governorate, party in control, month, and the change from a
comparison period); abductions and extrajudicial detentions in the case-study places; maps; and
an appendix tracing every figure to its analysis query and incidents. It counts like
``marsad analyse``: everything not rejected and not discounted, or only ``statuses``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import pyarrow as pa

from marsad.engines.analysis import DIMENSIONS, enrich
from marsad.engines.codebook import Codebook
from marsad.engines.gazetteer import Gazetteer, default_gazetteer
from marsad.engines.security_report import sentences as say
from marsad.engines.security_report.attacks import build_attacks
from marsad.engines.security_report.context import Context, default_codebook
from marsad.engines.security_report.detentions import build_detentions
from marsad.engines.security_report.figures import FigureBook
from marsad.engines.security_report.language import (
    LANGUAGES,
    Lang,
    format_date,
    format_number,
    join_list,
)
from marsad.engines.security_report.model import Cell, Report, Section, Segment, Table
from marsad.engines.security_report.scope import (
    Area,
    filter_areas,
    resolve_area,
    resolve_case_study,
)
from marsad.engines.security_report.strings import Strings, load_strings

__all__ = ["SecurityReportOptions", "build_security_report"]

# Letters of the case-study parts (A is the assassinations and explosions).
_LETTERS = "BCDEFGH"


@dataclass(frozen=True, slots=True)
class SecurityReportOptions:
    """What to report on.

    ``areas`` narrow the assassinations and explosions; the abductions and detentions are
    counted in the ``case_studies`` (groups of places, each a part of the report; ``None``
    means the centre's two groups) over ``case_study_period`` (default: the report period),
    as the centre's report did. ``compare`` is a period to compare the attacks with.
    """

    date_from: dt.date
    date_to: dt.date
    lang: Lang = "en"
    compare: tuple[dt.date, dt.date] | None = None
    areas: tuple[str, ...] = ()
    case_studies: tuple[tuple[str, ...], ...] | None = None
    case_study_period: tuple[dt.date, dt.date] | None = None
    statuses: tuple[str, ...] | None = None
    generated_on: dt.date | None = None


def _check(options: SecurityReportOptions) -> None:
    if options.lang not in LANGUAGES:
        raise load_strings().error("language", text=options.lang)
    periods = [(options.date_from, options.date_to), options.compare, options.case_study_period]
    for period in periods:
        if period is not None and period[1] < period[0]:
            raise load_strings().error("period", start=period[0], end=period[1])


def _case_studies(
    options: SecurityReportOptions, gazetteer: Gazetteer, strings: Strings
) -> list[list[Area]]:
    if options.case_studies is not None:
        return [
            [resolve_case_study(name, gazetteer) for name in group]
            for group in options.case_studies
            if group
        ]
    return [
        [resolve_case_study(item["name"], gazetteer, item["en"], item["ar"]) for item in group]
        for group in strings.case_studies()
    ]


def _area_text(area: Area, lang: Lang) -> str:
    dimension = DIMENSIONS.get(area.level if area.kind == "place" else "controlling_party")
    level = (
        "" if dimension is None else (dimension.label_ar if lang == "ar" else dimension.label_en)
    )
    code = f"، {area.code}" if lang == "ar" else f", {area.code}"
    return f"{area.name(lang)} ({level}{code if area.kind == 'place' else ''})"


def _methodology(parts: list[tuple[str, Context, dict[str, list[str]]]]) -> Section:
    """Process and definitions, and the incidents of every part by type of source."""
    ctx = parts[0][1]
    section = Section("methodology", ctx.text("methodology"))
    section.paragraphs.append([Segment(ctx.text("process"))])
    rules = ("casualty_definition", "precision", "case_study_rule")
    section.paragraphs.append([Segment(" ".join(ctx.text(key) for key in rules))])
    codes: list[str | None] = [*ctx.codebook.choice_lists["source_type"].codes, None]
    what = ctx.strings.figure_label("sources")
    columns, totals = [], []
    for prefix, part, where in parts:
        rows = part.book.group(
            f"{prefix}.source", ["incidents"], by="source_type", where=where, keys=codes, what=what
        )
        (total,) = part.book.group(
            f"{prefix}.sources", ["incidents", "reports"], where=where, what=what
        )
        columns.append(rows)
        totals.append(total)
    used = [
        i
        for i, code in enumerate(codes)
        if any(rows[i].figures["incidents"].value for rows in columns)
    ]
    lines = []
    for i in sorted(
        used,
        key=lambda i: (
            codes[i] is None,
            -sum(rows[i].figures["incidents"].value for rows in columns),
        ),
    ):
        cells = [Cell(ctx.label("source_type", codes[i]))]
        for rows in columns:
            figure = rows[i].figures["incidents"]
            cells.append(Cell(format_number(figure.value, ctx.lang), figure.id, figure.value))
        lines.append(cells)
    headers = [ctx.text("attacks")] + [
        part.text("detentions").format(
            places=join_list([a.name(ctx.lang) for a in part.case_studies], ctx.lang)
        )
        for _, part, _ in parts[1:]
    ]
    section.blocks.append(
        Table(
            "M1",
            ctx.strings.table_title("M1", ctx.lang),
            [ctx.dimension_label("source_type"), *headers],
            lines,
            [False, *([True] * len(headers))],
        )
    )
    book = ctx.book
    accounts = book.total(
        "M1.all.reports",
        [t.figures["reports"] for t in totals],
        ctx.strings.figure_label("all_accounts"),
    )
    incidents = book.total(
        "M1.all.incidents",
        [t.figures["incidents"] for t in totals],
        ctx.strings.figure_label("all_incidents"),
    )
    sources = [code for code in (codes[i] for i in used) if code is not None]
    section.paragraphs.append(say.sources(ctx, accounts, incidents, sources))
    return section


def _scope(
    ctx: Context, groups: list[Context], options: SecurityReportOptions
) -> list[tuple[str, list[Segment]]]:
    lang = ctx.lang
    lines = [(ctx.text("period"), [ctx.date(ctx.date_from), Segment(" – "), ctx.date(ctx.date_to)])]
    if ctx.compare:
        lines.append(
            (
                ctx.text("compare_period"),
                [ctx.date(ctx.compare[0]), Segment(" – "), ctx.date(ctx.compare[1])],
            )
        )
    separator = "، " if lang == "ar" else ", "
    areas = separator.join(_area_text(a, lang) for a in ctx.areas) or ctx.text("all_areas")
    lines.append((f"{ctx.text('areas')} {ctx.text('areas_note')}", [Segment(areas)]))
    for letter, group in zip(_LETTERS, groups, strict=False):
        studies = separator.join(_area_text(a, lang) for a in group.case_studies)
        lines.append((f"{ctx.text('case_studies')} ({letter})", [Segment(studies)]))
    if groups and (groups[0].date_from, groups[0].date_to) != (ctx.date_from, ctx.date_to):
        first = groups[0]
        lines.append(
            (
                ctx.text("case_study_period"),
                [ctx.date(first.date_from), Segment(" – "), ctx.date(first.date_to)],
            )
        )
    if options.statuses:
        counted = ctx.text("counted_statuses").format(statuses=separator.join(options.statuses))
    else:
        counted = ctx.text("counted_all")
    lines.append((ctx.text("counted"), [Segment(counted)]))
    if options.generated_on:
        day = options.generated_on
        lines.append(
            (ctx.text("generated"), [Segment(format_date(day, lang), date=day.isoformat())])
        )
    return lines


def build_security_report(
    incidents: pa.Table,
    options: SecurityReportOptions,
    *,
    gazetteer: Gazetteer | None = None,
    codebook: Codebook | None = None,
) -> Report:
    """The report on ``incidents`` (the table of ``marsad.analysis.snapshot``)."""
    _check(options)
    strings = load_strings()
    gazetteer = gazetteer or default_gazetteer()
    areas = [resolve_area(text, gazetteer, strings.party_aliases()) for text in options.areas]
    groups = _case_studies(options, gazetteer, strings)
    everything = enrich(incidents, gazetteer)
    book = FigureBook(
        filter_areas(everything, areas),
        date_from=options.date_from,
        date_to=options.date_to,
        statuses=options.statuses,
        areas=[a.describe() for a in areas],
    )
    ctx = Context(
        lang=options.lang,
        strings=strings,
        codebook=codebook or default_codebook(),
        book=book,
        date_from=options.date_from,
        date_to=options.date_to,
        compare=options.compare,
        areas=areas,
        case_studies=[],
        gazetteer=gazetteer,
    )
    start, end = options.case_study_period or (options.date_from, options.date_to)
    group_contexts = [
        replace(ctx, book=book.part(everything, date_from=start, date_to=end, areas=[]),
                date_from=start, date_to=end, compare=None, case_studies=group)
        for group in groups
    ]  # fmt: skip
    attack_types = list(strings.section_types("attacks"))
    detention_types = list(strings.section_types("detentions"))
    parts = [("M1.A", ctx, {"type": attack_types})] + [
        (
            f"M1.{letter}",
            part,
            {"type": detention_types, "subdistrict": [a.code for a in part.case_studies]},
        )
        for letter, part in zip(_LETTERS, group_contexts, strict=False)
    ]
    methodology = _methodology(parts)
    attacks, summary = build_attacks(ctx)
    sections, paragraphs = [methodology, attacks], [summary]
    for letter, part in zip(_LETTERS, group_contexts, strict=False):
        section, paragraph = build_detentions(part, letter)
        sections.append(section)
        paragraphs.append(paragraph)
    return Report(
        lang=options.lang,
        title=ctx.text("title"),
        subtitle=ctx.text("subtitle"),
        scope=_scope(ctx, group_contexts, options),
        summary=[p for p in paragraphs if p],
        sections=sections,
        figures=book.figures,
        traces=book.traces,
        text={key: strings.text(key, options.lang) for key in strings.data["text"]},
    )
