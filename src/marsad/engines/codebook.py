"""The codebook: incident types, forms, fields and choice lists as versioned data.

A codebook is a YAML (or JSON) document; ``docs/codebook.md`` describes its format. This module
reads one, checks it (reporting every problem, in English and Arabic, with the path of each), and
validates records against it. It never imports Django.

>>> cb = load_codebook(default_codebook_path())
>>> cb.resolve_choice("method", "عبوه ناسفه")
'ied'
>>> cb.validate_record({"type": "explosion", "date": "2020-01-05", "date_precision": "day",
...                     "place": "Jasim", "place_precision": "community"})
[]

Versioning: a record keeps the codebook version it was entered under. Store ``cb.as_dict()`` (with
``cb.version`` and ``cb.digest``) per version and rebuild it with ``parse_codebook`` to validate old
records under the rules they were entered with.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from marsad.engines.codebook_io import canonical_json, read_json, read_yaml
from marsad.engines.codebook_model import (
    FIELD_KINDS,
    INCIDENT_TYPES_LIST,
    ChoiceItem,
    ChoiceList,
    Condition,
    ConfidenceGrade,
    Family,
    Field,
    Form,
    IncidentType,
    Region,
    Text,
)
from marsad.engines.codebook_problems import CodebookError, Problem, problem
from marsad.engines.codebook_records import validate_record as _validate_record
from marsad.engines.codebook_schema import check_codebook, entry_name

__all__ = [
    "FIELD_KINDS",
    "ChoiceItem",
    "ChoiceList",
    "Codebook",
    "CodebookError",
    "Condition",
    "ConfidenceGrade",
    "Family",
    "Field",
    "Form",
    "IncidentType",
    "Problem",
    "Region",
    "Text",
    "default_codebook_path",
    "load_codebook",
    "parse_codebook",
]

DEFAULT_CODEBOOK = "marsad-default.yaml"


def default_codebook_path() -> Path:
    """The codebook shipped with Marsad (``marsad/data/codebook/marsad-default.yaml``)."""
    return Path(str(resources.files("marsad") / "data" / "codebook" / DEFAULT_CODEBOOK))


def load_codebook(path: str | os.PathLike[str]) -> Codebook:
    """Read and check a codebook file (``.json`` as JSON, anything else as YAML).

    Raises :class:`CodebookError` listing every problem: unreadable file, bad syntax (with line
    and column), or a structure that does not hold together.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CodebookError([problem(str(path), "unreadable", reason=str(exc))]) from exc
    return _checked(read_json(text) if path.suffix.lower() == ".json" else read_yaml(text))


def parse_codebook(data: Mapping[str, Any] | str) -> Codebook:
    """Check a parsed codebook (or YAML text) and build it; raises :class:`CodebookError`."""
    return _checked(read_yaml(data) if isinstance(data, str) else data)


def _checked(data: object) -> Codebook:
    problems = check_codebook(data)
    if problems:
        raise CodebookError(problems)
    # Checked content is plain JSON data; the JSON round trip makes a detached canonical copy.
    return Codebook(json.loads(canonical_json(data)))


def _text(data: object) -> Text | None:
    return Text(data) if isinstance(data, Mapping) else None


def _required_text(data: object) -> Text:
    assert isinstance(data, Mapping)
    return Text(data)


class Codebook:
    """A checked codebook. Build one with :func:`load_codebook` or :func:`parse_codebook`."""

    def __init__(self, content: Mapping[str, Any]) -> None:
        self._content = content
        self.digest: str = hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()
        self.version: str = content["version"]
        self.name = _required_text(content["name"])
        self.description = _text(content.get("description"))
        self.languages: tuple[str, ...] = tuple(content["languages"])
        region = content.get("region")
        self.region = (
            Region(name=_required_text(region["name"]), **region["bbox"]) if region else None
        )
        self.families: dict[str, Family] = {
            code: Family(code, _required_text(item["label"]), _text(item.get("description")))
            for code, item in content["families"].items()
        }
        self.incident_types: dict[str, IncidentType] = {
            code: IncidentType(
                code=code,
                label=_required_text(item["label"]),
                form=item["form"],
                family=item["family"],
                description=_text(item.get("description")),
                aliases=tuple(item.get("aliases", ())),
            )
            for code, item in content["incident_types"].items()
        }
        sensitive = content.get("sensitive") or {}
        #: Record fields that never appear in a public release (``sensitive.record_fields``).
        self.sensitive_record_fields: frozenset[str] = frozenset(sensitive.get("record_fields", ()))
        #: Source fields only people allowed to know sources may see (``sensitive.source_fields``).
        self.sensitive_source_fields: frozenset[str] = frozenset(sensitive.get("source_fields", ()))
        self.choice_lists: dict[str, ChoiceList] = {
            name: ChoiceList(
                name,
                tuple(
                    ChoiceItem(
                        code=item["code"],
                        label=_required_text(item["label"]),
                        aliases=tuple(item.get("aliases", ())),
                        description=_text(item.get("description")),
                    )
                    for item in items
                ),
            )
            for name, items in content["choice_lists"].items()
        }
        self.choice_lists[INCIDENT_TYPES_LIST] = ChoiceList(
            INCIDENT_TYPES_LIST,
            tuple(
                ChoiceItem(t.code, t.label, t.aliases, t.description)
                for t in self.incident_types.values()
            ),
        )
        self.forms: dict[str, Form] = {
            code: Form(
                code,
                _required_text(form["label"]),
                tuple(self._field(entry, content["fields"]) for entry in form["fields"]),
            )
            for code, form in content["forms"].items()
        }
        self.confidence_grades: tuple[ConfidenceGrade, ...] = tuple(
            ConfidenceGrade(
                item["code"], _required_text(item["label"]), rank, _text(item.get("description"))
            )
            for rank, item in enumerate(content["confidence_grades"])
        )

    @staticmethod
    def _field(entry: object, definitions: Mapping[str, Any]) -> Field:
        name = entry_name(entry)
        assert name is not None
        merged = {**definitions[name], **(entry if isinstance(entry, Mapping) else {})}
        condition = merged.get("required_if")
        return Field(
            name=name,
            kind=merged["kind"],
            label=_required_text(merged["label"]),
            required=bool(merged.get("required", False)),
            list=merged.get("list"),
            hint=_text(merged.get("hint")),
            min=merged.get("min"),
            max=merged.get("max"),
            required_if=Condition(condition["field"], condition["equals"]) if condition else None,
            not_before=merged.get("not_before"),
            breakdown_of=merged.get("breakdown_of"),
            coordinate=merged.get("coordinate"),
            source=merged.get("source"),
        )

    def __repr__(self) -> str:
        return f"<Codebook {self.name.en!r} version {self.version} ({self.digest[:12]})>"

    def as_dict(self) -> dict[str, Any]:
        """The codebook's content as plain JSON data; ``parse_codebook`` of it gives this codebook
        back, with the same digest. Store it with each version records were entered under."""
        return copy.deepcopy(dict(self._content))

    def form_for(self, incident_type: str) -> Form:
        """The form records of ``incident_type`` use; KeyError for an unknown type."""
        return self.forms[self.incident_types[incident_type].form]

    def label(self, list_name: str, code: str, lang: str = "en") -> str:
        """The label of ``code`` in choice list ``list_name`` (``"incident_types"`` for types)."""
        return self.choice_lists[list_name][code].label[lang]

    def resolve_choice(self, list_name: str, value: object) -> str | None:
        """The code that ``value`` means in ``list_name``, or None.

        ``value`` may be the code or any label or alias, in either script, compared after
        :func:`marsad.engines.arabic.normalise_arabic` ("عبوه ناسفه", "IED" and "ied" all give
        ``"ied"``). For importers; :meth:`validate_record` accepts codes only.
        """
        return self.choice_lists[list_name].resolve(value)

    def grade(self, code: str) -> ConfidenceGrade:
        """A confidence grade by code; KeyError if the scale has no such grade."""
        for grade in self.confidence_grades:
            if grade.code == code:
                return grade
        raise KeyError(code)

    def validate_record(
        self,
        record: Mapping[str, object],
        incident_type: str | None = None,
        *,
        row: int | None = None,
    ) -> list[Problem]:
        """Every problem with ``record`` under this codebook (an empty list when it is valid).

        ``incident_type`` defaults to ``record["type"]``. Choice fields take codes only.
        Problems with ``severity == "warning"`` (a point outside the region's bounding box) do
        not make a record invalid; ``row`` is copied into each problem for import reports.
        """
        return _validate_record(self, record, incident_type, row)
