"""The report's words in Arabic and English, read from ``marsad/data/reports/strings.yaml``,
and the filling of its sentence templates with figures (pure, no Django).

A template such as ``"تمّ تسجيل {counts} {areas}."`` is filled with :class:`Count` (a figure
counted with a noun, in the case the slot names: ``{count:gen}``), :class:`Number` (a figure as a
bare number), plain text, or segments built earlier. The result is a list of
:class:`~marsad.engines.security_report.model.Segment`, so the renderers know which words state figures.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any, cast

import yaml

from marsad.engines.security_report.language import (
    Case,
    Lang,
    Noun,
    count_phrase,
    format_number,
    noun_from_data,
    separators,
)
from marsad.engines.security_report.model import Figure, ReportError, Segment

__all__ = ["Amount", "Arg", "Count", "Number", "Strings", "fill", "join_segments", "load_strings"]

_SLOT = re.compile(r"\{(\w+)(?::(nom|acc|gen))?\}")


@dataclass(frozen=True, slots=True)
class Count:
    """A figure stated with its noun: ``308 explosions``."""

    figure: Figure
    noun: Noun


@dataclass(frozen=True, slots=True)
class Number:
    """A figure stated as a bare number: ``213``."""

    figure: Figure


@dataclass(frozen=True, slots=True)
class Amount:
    """A figure stated as a bare number after a counted one (``IEDs in 94``), except that
    Arabic writes one and two with the noun (``في حادثتين``), never as a bare digit."""

    figure: Figure
    noun: Noun


Arg = str | Count | Number | Amount | Sequence[Segment]


class Strings:
    """Look-ups in the strings file; every missing key is a clear error, not a blank."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.data = data
        self.nouns = {name: noun_from_data(value) for name, value in data["nouns"].items()}

    def _pair(self, group: str, key: str) -> Mapping[str, str]:
        try:
            return cast(Mapping[str, str], self.data[group][key])
        except KeyError:
            raise KeyError(f"strings.yaml has no {group}.{key}") from None

    def error(self, key: str, **params: object) -> ReportError:
        """The :class:`ReportError` ``key`` of ``errors:``, in both languages."""
        pair = self._pair("errors", key)
        return ReportError(pair["en"].format(**params), pair["ar"].format(**params))

    def figure_label(self, key: str) -> tuple[str, str]:
        """What a figure counts (``figure_labels:``), in English and Arabic."""
        pair = self.data["figure_labels"].get(key)
        return (str(pair["en"]), str(pair["ar"])) if pair else (key, key)

    def text(self, key: str, lang: Lang) -> str:
        return " ".join(str(self._pair("text", key)[lang]).split())

    def sentence(self, key: str, lang: Lang) -> str:
        return str(self._pair("sentences", key)[lang])

    def table_title(self, key: str, lang: Lang) -> str:
        """The title of table ``key``; the tables of every case-study group (C1, D1 …) share
        the titles of the first (B1 …)."""
        tables = self.data["tables"]
        if key not in tables and len(key) > 1 and key[0] > "B" and key[1:].isdigit():
            key = "B" + key[1:]
        return str(self._pair("tables", key)[lang])

    def phrase(self, kind: str, code: str | None, lang: Lang, fallback: str) -> str:
        """How a sentence names a codebook choice; ``fallback`` (its label) when not listed."""
        entry = self.data["phrases"].get(kind, {}).get(code or "")
        return str(entry[lang]) if entry else fallback

    def type_noun(self, incident_type: str) -> Noun:
        return self.nouns[self.data["type_nouns"].get(incident_type, "incident")]

    def section_types(self, section: str) -> tuple[str, ...]:
        return tuple(self.data["sections"][section]["types"])

    def case_studies(self) -> list[list[dict[str, str]]]:
        return [[dict(item) for item in group] for group in self.data["case_studies"]]

    def party_aliases(self) -> dict[str, list[str]]:
        return {k: [str(v) for v in values] for k, values in self.data["party_aliases"].items()}


@functools.lru_cache(maxsize=1)
def load_strings() -> Strings:
    """The packaged strings file, read once per process."""
    text = (resources.files("marsad") / "data" / "reports" / "strings.yaml").read_text("utf-8")
    return Strings(yaml.safe_load(text))


def _segments(value: Arg, case: str | None, lang: Lang) -> list[Segment]:
    if isinstance(value, str):
        return [Segment(value)] if value else []
    if isinstance(value, Count):
        slot_case = cast(Case, case or "nom")
        text = count_phrase(int(value.figure.value), value.noun, lang, slot_case)
        return [Segment(text, figure=value.figure.id, value=value.figure.value)]
    if isinstance(value, Amount):
        if lang == "ar" and value.figure.value in (1, 2):
            return _segments(Count(value.figure, value.noun), case, lang)
        return _segments(Number(value.figure), case, lang)
    if isinstance(value, Number):
        text = format_number(value.figure.value, lang)
        return [Segment(text, figure=value.figure.id, value=value.figure.value)]
    return list(value)


def fill(
    template: str, args: Mapping[str, Arg], lang: Lang, *, sentence: bool = False
) -> list[Segment]:
    """The template with each ``{slot}`` replaced; an English ``sentence`` gets a capital."""
    out: list[Segment] = []
    position = 0
    for match in _SLOT.finditer(template):
        if match.start() > position:
            out.append(Segment(template[position : match.start()]))
        name, case = match.group(1), match.group(2)
        if name not in args:
            raise KeyError(f"no value for {{{name}}} in {template!r}")
        out.extend(_segments(args[name], case, lang))
        position = match.end()
    if position < len(template):
        out.append(Segment(template[position:]))
    if sentence and lang == "en" and out and out[0].figure is None and out[0].date is None:
        first = out[0]
        out[0] = Segment(first.text[:1].upper() + first.text[1:])
    return merge_text(out)


def merge_text(segments: Sequence[Segment]) -> list[Segment]:
    """Adjacent plain-text segments joined into one (renderers then emit fewer spans)."""
    merged: list[Segment] = []
    for segment in segments:
        plain = segment.figure is None and segment.date is None
        if merged and plain and merged[-1].figure is None and merged[-1].date is None:
            merged[-1] = Segment(merged[-1].text + segment.text)
        elif segment.text:
            merged.append(segment)
    return merged


def join_segments(
    items: Sequence[Sequence[Segment]], lang: Lang, clauses: bool = False
) -> list[Segment]:
    """Items joined like :func:`~marsad.engines.security_report.language.join_list`."""
    out: list[Segment] = []
    for item, separator in zip(items, ["", *separators(len(items), lang, clauses)], strict=True):
        if separator:
            out.append(Segment(separator))
        out.extend(item)
    return merge_text(out)
