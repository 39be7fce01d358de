"""The incident page's side-by-side table: one column per account, one row per claim, with
the rows where accounts disagree marked (see :mod:`marsad.review.compare` for the rules)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from marsad.records.models import Source, SourceReport
from marsad.review import compare, display


@dataclass
class Cell:
    text: str = ""
    note: str = ""  # smaller second line: precision, "as written", the other language
    vaguer: bool = False
    lang: str = ""  # set when the text is in a known language other than the page's


@dataclass
class Row:
    key: str
    label: str
    cells: list[Cell]
    state: str = compare.AGREE
    compared: bool = True
    always: bool = False

    @property
    def differs(self) -> bool:
        return self.state == compare.DIFFERS

    @property
    def less_precise(self) -> bool:
        return self.state == compare.LESS_PRECISE

    @property
    def empty(self) -> bool:
        return not any(cell.text for cell in self.cells)


@dataclass
class Comparison:
    reports: list[SourceReport]
    rows: list[Row] = field(default_factory=list)

    @property
    def disagreements(self) -> list[Row]:
        return [row for row in self.rows if row.differs]


def _label(name: str) -> str:
    return str(SourceReport._meta.get_field(name).verbose_name)


def _plain(reports, key, text: Callable, label=None, compared=True) -> Row:
    cells = [Cell(text=text(r)) for r in reports]
    row = Row(key, label or _label(key), cells, compared=compared)
    if compared:
        values = [getattr(r, key) for r in reports]
        # "Unknown" (a status, a perpetrator type, a gender) says nothing, like a blank.
        values = [None if v == "unknown" else v for v in values]
        row.state = compare.compare_values(values).state
    return row


def _dates(reports) -> Row:
    spans = [display_span(r) for r in reports]
    verdict = compare.compare_spans(spans)
    cells = [
        Cell(
            text=display.claim_date(r),
            note=display.choice("date_precision", r.date_precision) if r.date else "",
            vaguer=i in verdict.vaguer,
        )
        for i, r in enumerate(reports)
    ]
    return Row("date", _label("date"), cells, verdict.state, always=True)


def display_span(report):
    return compare.date_span(report.date, report.date_precision, report.date_end)


def _places(reports) -> Row:
    verdict = compare.compare_nested([display.place_chain(r.place) for r in reports])
    cells = []
    for i, r in enumerate(reports):
        notes = [display.place_parents(r.place)]
        if r.place and r.place_text and r.place_text not in (r.place.name_ar, r.place.name_en):
            notes.append(_("as written: %(text)s") % {"text": r.place_text})
        cells.append(
            Cell(
                text=display.place_name(r.place) or r.place_text,
                note=" · ".join(n for n in notes if n),
                vaguer=i in verdict.vaguer,
            )
        )
    return Row("place", _label("place"), cells, verdict.state, always=True)


def _perpetrators(reports) -> Row:
    verdict = compare.compare_nested([display.actor_chain(r.perpetrator) for r in reports])
    cells = [
        Cell(
            text=str(r.perpetrator) if r.perpetrator_id else r.perpetrator_text,
            note=(
                _("as written: %(text)s") % {"text": r.perpetrator_text}
                if r.perpetrator_id and r.perpetrator_text
                else ""
            ),
            vaguer=i in verdict.vaguer,
        )
        for i, r in enumerate(reports)
    ]
    return Row("perpetrator", _label("perpetrator"), cells, verdict.state)


def _narratives(reports) -> Row:
    arabic = display.is_arabic()
    cells = []
    for r in reports:
        first, other = (
            (r.narrative_ar, r.narrative_en) if arabic else (r.narrative_en, r.narrative_ar)
        )
        lang = ""
        if not first:
            first, other, lang = other, "", ("en" if arabic else "ar")
        cells.append(Cell(text=first, note=other, lang=lang))
    return Row("narrative", _("narrative"), cells, compared=False)


COUNTS = (
    "killed",
    "killed_civilian",
    "killed_military",
    "killed_unknown",
    "killed_male",
    "killed_female",
    "injured",
    "injured_civilian",
    "injured_military",
    "injured_unknown",
    "injured_male",
    "injured_female",
)


def compare_accounts(reports: Sequence[SourceReport], *, show_identity: bool) -> Comparison:
    """The rows for ``reports`` (select the place, perpetrator and source chains first)."""
    reports = list(reports)
    rows = [
        _dates(reports),
        _places(reports),
        _plain(reports, "type", lambda r: display.type_label(r.type)),
        _plain(reports, "method", lambda r: display.choice("method", r.method)),
        _plain(
            reports, "operation_type", lambda r: display.choice("operation_type", r.operation_type)
        ),
        _plain(reports, "target", lambda r: r.target, compared=False),
        _plain(
            reports, "target_status", lambda r: display.choice("target_status", r.target_status)
        ),
        _perpetrators(reports),
        _plain(
            reports,
            "perpetrator_type",
            lambda r: display.choice("perpetrator_type", r.perpetrator_type),
        ),
        _plain(reports, "number_targeted", lambda r: display.number(r.number_targeted)),
        _plain(reports, "target_gender", lambda r: display.choice("gender", r.target_gender)),
    ]
    for name in COUNTS:
        rows.append(_plain(reports, name, lambda r, n=name: display.number(getattr(r, n))))
    rows.append(_narratives(reports))
    rows += _source_rows(reports, show_identity)
    comparison = Comparison(reports)
    comparison.rows = [row for row in rows if row.always or not row.empty]
    return comparison


def _source_rows(reports, show_identity: bool) -> list[Row]:
    def source_field(name):
        return str(Source._meta.get_field(name).verbose_name)

    rows = [
        _plain(
            reports, "source", lambda r: r.source.name, label=source_field("name"), compared=False
        ),
        _plain(
            reports,
            "source_type",
            lambda r: display.choice("source_type", r.source.source_type),
            label=source_field("source_type"),
            compared=False,
        ),
        _plain(
            reports,
            "repeats_source",
            lambda r: r.repeats_source.name if r.repeats_source_id else "",
            compared=False,
        ),
        _plain(reports, "received_at", lambda r: display.day(r.received_at), compared=False),
    ]
    if show_identity:
        # Who the source is can get people killed: only for holders of view_source_identity.
        for name in Source.sensitive_fields():
            rows.append(
                _plain(
                    reports,
                    f"source_{name}",
                    lambda r, n=name: getattr(r.source, n),
                    label=source_field(name),
                    compared=False,
                )
            )
    return rows
