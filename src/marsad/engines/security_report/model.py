"""The parts a report is made of, independent of its output format (pure, no Django).

A :class:`Report` is written in one language. Its text is made of :class:`Segment` objects, so a
renderer knows which words state a figure (``Segment.figure``) or a date (``Segment.date``):
HTML links every stated figure to its entry in the appendix, and tests check that no number is
stated outside a figure. Every table cell that holds a number is a :class:`Figure` too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "Cell",
    "Chart",
    "Figure",
    "MapBlock",
    "Query",
    "Report",
    "ReportError",
    "Section",
    "Segment",
    "Table",
    "Trace",
]


class ReportError(ValueError):
    """A report that cannot be built as asked; the message is given in English and Arabic."""

    def __init__(self, message_en: str, message_ar: str = "") -> None:
        super().__init__(message_en)
        self.message_en = message_en
        self.message_ar = message_ar or message_en

    def message(self, lang: str = "en") -> str:
        return self.message_ar if lang == "ar" else self.message_en


@dataclass(frozen=True, slots=True)
class Query:
    """One call of :func:`marsad.engines.analysis.analyse`, over the incidents in ``areas``."""

    by: tuple[str, ...]
    measures: tuple[str, ...]
    where: tuple[tuple[str, tuple[str, ...]], ...]
    date_from: dt.date | None
    date_to: dt.date | None
    statuses: tuple[str, ...] | None
    areas: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "by": list(self.by),
            "measures": list(self.measures),
            "where": {name: list(values) for name, values in self.where},
            "date_from": self.date_from.isoformat() if self.date_from else None,
            "date_to": self.date_to.isoformat() if self.date_to else None,
            "statuses": list(self.statuses) if self.statuses is not None else None,
            "areas": list(self.areas),
        }

    def command(self) -> str:
        """The ``marsad analyse`` command giving the same numbers (before the area filter)."""
        parts = ["marsad analyse"]
        if self.date_from:
            parts.append(f"--from {self.date_from.isoformat()}")
        if self.date_to:
            parts.append(f"--to {self.date_to.isoformat()}")
        if self.by:
            parts.append(f"--by {','.join(self.by)}")
        parts.append(f"--measures {','.join(self.measures)}")
        for name, values in self.where:
            parts.extend(f"--where {name}={value}" for value in values)
        for status in self.statuses or ():
            parts.append(f"--status {status}")
        return " ".join(parts)


@dataclass(frozen=True, slots=True)
class Figure:
    """A number the report states, with where it comes from.

    ``columns`` are the analysis measures added up to give ``value`` (one for a plain measure;
    the six status columns for casualties).  ``incident_ids`` are the incidents counted, or for
    a sum the incidents that add something to it.  A derived figure (a change between periods)
    has no query; ``formula`` says how it follows from the figures in ``parts``.
    """

    id: str
    value: int | float
    label_en: str
    label_ar: str
    query: Query | None
    columns: tuple[str, ...] = ()
    key: tuple[tuple[str, str | None], ...] = ()
    incident_ids: tuple[int, ...] = ()
    formula: str = ""
    parts: tuple[str, ...] = ()

    def label(self, lang: str) -> str:
        return self.label_ar if lang == "ar" else self.label_en

    def id_ranges(self) -> str:
        """The incident ids as runs: ``1–5, 8, 10–12``."""
        runs: list[list[int]] = []
        for number in self.incident_ids:
            if runs and number == runs[-1][1] + 1:
                runs[-1][1] = number
            else:
                runs.append([number, number])
        return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text; ``figure`` names the figure it states, ``date`` the ISO date it shows."""

    text: str
    figure: str | None = None
    value: int | float | None = None
    date: str | None = None


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    figure: str | None = None
    value: int | float | None = None


@dataclass(slots=True)
class Table:
    id: str
    title: str
    columns: list[str]
    rows: list[list[Cell]]
    numeric: list[bool]
    total_row: bool = False

    def figure_values(self) -> dict[str, int | float]:
        return {
            c.figure: c.value for row in self.rows for c in row if c.figure and c.value is not None
        }


@dataclass(slots=True)
class Chart:
    """A Vega-Lite chart drawing the numbers of table ``table_id``."""

    id: str
    table_id: str
    title: str
    spec: dict[str, Any]


@dataclass(slots=True)
class MapBlock:
    """An SVG map drawing the numbers of table ``table_id``."""

    id: str
    table_id: str
    title: str
    svg: str


Block = Table | Chart | MapBlock


@dataclass(slots=True)
class Section:
    id: str
    title: str
    paragraphs: list[list[Segment]] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Trace:
    """One analysis query and the figures it gave."""

    query: Query | None
    figure_ids: tuple[str, ...]


@dataclass(slots=True)
class Report:
    lang: str
    title: str
    subtitle: str
    scope: list[tuple[str, list[Segment]]]
    summary: list[list[Segment]]
    sections: list[Section]
    figures: dict[str, Figure]
    traces: list[Trace]
    text: dict[str, str]

    @property
    def direction(self) -> str:
        return "rtl" if self.lang == "ar" else "ltr"

    def tables(self) -> list[Table]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, Table)]

    def charts(self) -> list[Chart]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, Chart)]

    def maps(self) -> list[MapBlock]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, MapBlock)]
