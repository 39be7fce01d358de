"""The sentences of a report, written from its figures in Arabic or English (pure, no Django).

Each function returns segments (see :mod:`marsad.engines.security_report.strings`) from templates in
``strings.yaml``; every number in them is a :class:`~marsad.engines.security_report.model.Figure`.
Groups with no incidents are left out of enumerations; a zero total gets its own sentence.
"""

from __future__ import annotations

from collections.abc import Sequence

from marsad.engines.security_report.context import Context
from marsad.engines.security_report.figures import Row
from marsad.engines.security_report.language import format_number, format_percent, join_list
from marsad.engines.security_report.model import Figure, Segment
from marsad.engines.security_report.strings import Amount, Arg, Count, Number, fill, join_segments

__all__ = [
    "areas_phrase",
    "attacks_totals",
    "casualties",
    "comparison",
    "detention_perpetrators",
    "detention_totals",
    "known_actors",
    "methods",
    "peak",
    "perpetrators",
    "sources",
]


def areas_phrase(ctx: Context) -> list[Segment]:
    """``in the governorates of A and B``, ``في مناطق سيطرة النظام``, ``across Syria`` …"""
    if not ctx.areas:
        return fill(ctx.sentence("areas_none"), {}, ctx.lang)
    governorates = [a.name(ctx.lang) for a in ctx.areas if a.level == "governorate"]
    places = [a.name(ctx.lang) for a in ctx.areas if a.kind == "place" and a.level != "governorate"]
    phrases: list[list[Segment]] = []
    if governorates:
        key = {1: "areas_governorate_1", 2: "areas_governorate_2"}.get(
            len(governorates), "areas_governorate_n"
        )
        phrases.append(
            fill(ctx.sentence(key), {"names": join_list(governorates, ctx.lang)}, ctx.lang)
        )
    if places:
        phrases.append(
            fill(ctx.sentence("areas_places"), {"names": join_list(places, ctx.lang)}, ctx.lang)
        )
    for area in ctx.areas:
        if area.kind in ("party", "sub_label"):
            party = ctx.strings.phrase("party", area.code, ctx.lang, area.name(ctx.lang))
            phrases.append(fill(ctx.sentence("areas_party"), {"party": party}, ctx.lang))
    return join_segments(phrases, ctx.lang)


def _period(ctx: Context) -> dict[str, Arg]:
    return {"start": [ctx.date(ctx.date_from)], "end": [ctx.date(ctx.date_to)]}


def attacks_totals(ctx: Context, type_rows: Sequence[Row]) -> list[Segment]:
    counted = [r for r in type_rows if r.key is not None and r.figures["incidents"].value]
    args: dict[str, Arg] = {**_period(ctx), "areas": areas_phrase(ctx)}
    if not counted:
        return fill(ctx.sentence("attacks_none"), args, ctx.lang, sentence=True)
    counts = [
        fill(
            "{n:gen}",
            {"n": Count(r.figures["incidents"], ctx.strings.type_noun(str(r.key)))},
            ctx.lang,
        )
        for r in counted
    ]
    single = len(counted) == 1 and counted[0].figures["incidents"].value == 1
    args["counts"] = join_segments(counts, ctx.lang)
    args["were"] = "was" if single else "were"
    return fill(ctx.sentence("attacks_totals"), args, ctx.lang, sentence=True)


def methods(ctx: Context, rows: Sequence[Row]) -> list[Segment]:
    used = [r for r in rows if r.figures["incidents"].value]
    if not used:
        return []
    items = []
    for i, row in enumerate(used):
        label = ctx.label("method", row.key)
        name = ctx.strings.phrase(
            "method", row.key, ctx.lang, label if ctx.lang == "ar" else label.lower()
        )
        figure = row.figures["incidents"]
        if i == 0:
            args: dict[str, Arg] = {
                "method": name,
                "count": Count(figure, ctx.strings.nouns["incident"]),
            }
            items.append(fill(ctx.sentence("method_first"), args, ctx.lang))
        else:
            args2: dict[str, Arg] = {
                "method": name,
                "n": Amount(figure, ctx.strings.nouns["incident"]),
            }
            items.append(fill(ctx.sentence("method_next"), args2, ctx.lang))
    joined: dict[str, Arg] = {"items": join_segments(items, ctx.lang, clauses=True)}
    return fill(ctx.sentence("methods"), joined, ctx.lang, sentence=True)


def casualties(ctx: Context, figures: dict[str, Figure]) -> list[Segment]:
    """``figures``: ``casualties`` and ``casualties_<status>`` of one casualty table."""
    if not figures["casualties"].value:
        return fill(ctx.sentence("casualties_none"), {}, ctx.lang, sentence=True)
    parts = []
    for status, noun in (
        ("military", "military"),
        ("civilian", "civilian"),
        ("unknown", "unknown_status"),
    ):
        figure = figures[f"casualties_{status}"]
        if figure.value:
            parts.append(fill("{n:nom}", {"n": Count(figure, ctx.strings.nouns[noun])}, ctx.lang))
    args: dict[str, Arg] = {
        "total": Number(figures["casualties"]),
        "parts": join_segments(parts, ctx.lang),
    }
    return fill(ctx.sentence("casualties"), args, ctx.lang, sentence=True)


def _actor(ctx: Context, code: str | None) -> str:
    label = ctx.label("perpetrator_type", code)
    return ctx.strings.phrase(
        "perpetrator", code, ctx.lang, label if ctx.lang == "ar" else label.lower()
    )


def perpetrators(ctx: Context, rows: Sequence[Row]) -> list[Segment]:
    used = [r for r in rows if r.figures["incidents"].value]
    if not used:
        return []
    items = []
    for i, row in enumerate(used):
        figure = row.figures["incidents"]
        if i == 0:
            args: dict[str, Arg] = {
                "actor": _actor(ctx, row.key),
                "count": Count(figure, ctx.strings.nouns["incident"]),
            }
            items.append(fill(ctx.sentence("perpetrator_first"), args, ctx.lang))
        else:
            args2: dict[str, Arg] = {
                "actor": _actor(ctx, row.key),
                "n": Amount(figure, ctx.strings.nouns["incident"]),
            }
            items.append(fill(ctx.sentence("perpetrator_next"), args2, ctx.lang))
    return fill(
        ctx.sentence("perpetrators"),
        {"items": join_segments(items, ctx.lang, clauses=True)},
        ctx.lang,
        sentence=True,
    )


def peak(ctx: Context, month: str, figure: Figure) -> list[Segment]:
    args: dict[str, Arg] = {
        "month": [ctx.month(month)],
        "count": Count(figure, ctx.strings.nouns["incident"]),
    }
    return fill(ctx.sentence("peak"), args, ctx.lang, sentence=True)


def comparison(
    ctx: Context, before: Figure, change: Figure, percent: Figure | None
) -> list[Segment]:
    """The change from the comparison period to the report period; the change is stated
    without its sign ("fell by 12"), the percentage with it."""
    assert ctx.compare is not None
    args: dict[str, Arg] = {
        "start": [ctx.date(ctx.compare[0])],
        "end": [ctx.date(ctx.compare[1])],
        "before": Count(before, ctx.strings.nouns["incident"]),
    }
    if not change.value:
        return fill(ctx.sentence("comparison_same"), args, ctx.lang, sentence=True)
    args["change"] = [Segment(format_number(abs(change.value), ctx.lang), change.id, change.value)]
    args["percent"] = ""
    if percent is not None:
        text = format_percent(float(percent.value), ctx.lang, signed=True)
        args["percent"] = [Segment(" ("), Segment(text, percent.id, percent.value), Segment(")")]
    key = "comparison_up" if change.value > 0 else "comparison_down"
    return fill(ctx.sentence(key), args, ctx.lang, sentence=True)


def detention_totals(ctx: Context, total: Figure, place_rows: Sequence[Row]) -> list[Segment]:
    names = join_list([a.name(ctx.lang) for a in ctx.case_studies], ctx.lang)
    args: dict[str, Arg] = {**_period(ctx), "places": names}
    if not total.value:
        return fill(ctx.sentence("detentions_none"), args, ctx.lang, sentence=True)
    items = [
        fill(
            ctx.sentence("place_item"),
            {
                "n": Amount(r.figures["incidents"], ctx.strings.nouns["incident"]),
                "place": ctx.case_study_name(r.key),
            },
            ctx.lang,
        )
        for r in place_rows
        if r.figures["incidents"].value
    ]
    parts: list[Segment] = []
    if len(items) > 1:
        parts = [Segment(": "), *join_segments(items, ctx.lang, clauses=True)]
    args.update(total=Count(total, ctx.strings.nouns["deprivation"]), parts=parts)
    args["were"] = "was" if total.value == 1 else "were"
    return fill(ctx.sentence("detentions_totals"), args, ctx.lang, sentence=True)


def _casualty_count(ctx: Context, figure: Figure) -> list[Segment]:
    if not figure.value:
        return [Segment(ctx.sentence("no_casualties"))]
    return fill("{n:nom}", {"n": Count(figure, ctx.strings.nouns["casualty"])}, ctx.lang)


def detention_perpetrators(ctx: Context, rows: Sequence[Row]) -> list[Segment]:
    used = [r for r in rows if r.figures["incidents"].value]
    known = [r for r in used if r.key not in (None, "unknown")]
    unknown = [r for r in used if r.key in (None, "unknown")]
    items = []
    for i, row in enumerate(known + unknown):
        args: dict[str, Arg] = {"actor": _actor(ctx, row.key), "n": Amount(row.figures["incidents"], ctx.strings.nouns["incident"]),
                "casualties": _casualty_count(ctx, row.figures["casualties"])}  # fmt: skip
        if row.key == "unknown":
            key = "detention_perpetrator_unknown"
        else:
            key = "detention_perpetrator_first" if i == 0 else "detention_perpetrator_next"
        items.append(fill(ctx.sentence(key), args, ctx.lang))
    if not items:
        return []
    return fill(
        ctx.sentence("perpetrators"),
        {"items": join_segments(items, ctx.lang, clauses=True)},
        ctx.lang,
        sentence=True,
    )


def known_actors(ctx: Context, known: Figure, unknown: Figure) -> list[Segment]:
    if not known.value or not unknown.value:
        return []
    args: dict[str, Arg] = {
        "known": Count(known, ctx.strings.nouns["incident"]),
        "unknown": Amount(unknown, ctx.strings.nouns["incident"]),
    }
    return fill(ctx.sentence("known_actors"), args, ctx.lang, sentence=True)


def sources(
    ctx: Context, accounts: Figure, incidents: Figure, source_types: Sequence[str]
) -> list[Segment]:
    """How many accounts and incidents the report rests on, and the kinds of source (never
    who the sources are)."""
    if not source_types:
        return fill(ctx.sentence("sources_none"), {}, ctx.lang, sentence=True)
    args: dict[str, Arg] = {
        "accounts": Count(accounts, ctx.strings.nouns["account"]),
        "incidents": Count(incidents, ctx.strings.nouns["incident"]),
        "items": join_list([ctx.label("source_type", code) for code in source_types], ctx.lang),
    }
    return fill(ctx.sentence("sources"), args, ctx.lang, sentence=True)
