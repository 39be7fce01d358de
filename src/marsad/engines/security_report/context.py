"""What every part of a report needs while it is built: language, words, labels, figures, and
the helpers that turn figure rows into tables (pure, no Django)."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from marsad.engines.codebook import Codebook, default_codebook_path, load_codebook
from marsad.engines.control_model import party_label
from marsad.engines.gazetteer import Gazetteer
from marsad.engines.security_report.figures import FigureBook, Row
from marsad.engines.security_report.language import Lang, format_date, format_number, month_label
from marsad.engines.security_report.model import Cell, Segment, Table
from marsad.engines.security_report.scope import Area
from marsad.engines.security_report.strings import Strings

__all__ = ["Context", "by_value", "default_codebook", "months_between"]

# Analysis dimension -> codebook choice list giving its labels.
_CHOICE_LISTS = {
    "type": "incident_types",
    "method": "method",
    "perpetrator_type": "perpetrator_type",
    "source_type": "source_type",
    "operation_type": "operation_type",
    "target_status": "target_status",
}


@functools.lru_cache(maxsize=1)
def default_codebook() -> Codebook:
    return load_codebook(default_codebook_path())


def months_between(start: dt.date, end: dt.date) -> list[str]:
    """``["2019-07", …, "2020-06"]``: every month touched by ``start..end``."""
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


@dataclass
class Context:
    lang: Lang
    strings: Strings
    codebook: Codebook
    book: FigureBook
    date_from: dt.date
    date_to: dt.date
    compare: tuple[dt.date, dt.date] | None
    areas: list[Area]
    case_studies: list[Area]
    gazetteer: Gazetteer

    # -- words -------------------------------------------------------------------------------

    def text(self, key: str) -> str:
        return self.strings.text(key, self.lang)

    def sentence(self, key: str) -> str:
        return self.strings.sentence(key, self.lang)

    def label(self, dimension: str, code: str | None, names: tuple[str, str] = ("", "")) -> str:
        """How a table names a group: codebook label, place name, party, month …"""
        if code is None:
            return self.text("not_recorded")
        if dimension in _CHOICE_LISTS:
            try:
                return self.codebook.label(_CHOICE_LISTS[dimension], code, self.lang)
            except KeyError:
                return code
        if dimension == "controlling_party":
            return party_label(code, "", self.lang)
        if dimension == "month":
            return month_label(code, self.lang)
        name = names[1] if self.lang == "ar" else names[0]
        return name or code

    def date(self, day: dt.date) -> Segment:
        return Segment(format_date(day, self.lang), date=day.isoformat())

    def month(self, month: str) -> Segment:
        return Segment(month_label(month, self.lang), date=month)

    def case_study_name(self, code: str | None) -> str:
        for area in self.case_studies:
            if area.code == code:
                return area.name(self.lang)
        return code or self.text("not_recorded")

    # -- tables ------------------------------------------------------------------------------

    def table(
        self,
        table_id: str,
        first_column: str,
        rows: Sequence[Row],
        measures: Sequence[tuple[str, str]],
        name: Callable[[Row], str],
        total: Row | None = None,
    ) -> Table:
        """A table with one line per row (named by ``name``) and a column per ``(measure,
        text key of its heading)``; ``total`` adds a last line."""

        def cells(row: Row, first: str) -> list[Cell]:
            out = [Cell(first)]
            for measure, _ in measures:
                figure = row.figures[measure]
                out.append(Cell(format_number(figure.value, self.lang), figure.id, figure.value))
            return out

        lines = [cells(row, name(row)) for row in rows]
        if total is not None:
            lines.append(cells(total, self.text("total")))
        return Table(
            id=table_id,
            title=self.strings.table_title(table_id, self.lang),
            columns=[first_column, *(self.text(key) for _, key in measures)],
            rows=lines,
            numeric=[False, *([True] * len(measures))],
            total_row=total is not None,
        )

    def dimension_label(self, dimension: str) -> str:
        from marsad.engines.analysis import DIMENSIONS

        found = DIMENSIONS.get(dimension)
        if found is None:
            return self.text("place")
        return found.label_ar if self.lang == "ar" else found.label_en


def by_value(rows: Sequence[Row], measure: str = "incidents") -> list[Row]:
    """Largest first, the unknown group last (ties keep the engine's order)."""
    return sorted(rows, key=lambda r: (r.key is None, -r.figures[measure].value))
