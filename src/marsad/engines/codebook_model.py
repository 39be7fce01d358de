"""The parts of a codebook: labels, choice lists, fields, forms, incident types, grades.

These are immutable value objects built by :mod:`marsad.engines.codebook_schema` from a codebook
that has already been checked; nothing here validates its input.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final

from marsad.engines.arabic import normalise_arabic

FIELD_KINDS: Final = (
    "date",
    "choice",
    "integer",
    "text",
    "place",
    "actor",
    "decimal",
    "url",
    "derived",
)
NUMERIC_KINDS: Final = ("integer", "decimal")
#: The list name that refers to the codebook's own incident types (used by the ``type`` field).
INCIDENT_TYPES_LIST: Final = "incident_types"


class Text(Mapping[str, str]):
    """A text in every language the codebook declares: ``text["ar"]``, ``text.en``."""

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[str, str]) -> None:
        self._values = dict(values)

    def __getitem__(self, lang: str) -> str:
        return self._values[lang]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"Text({self._values!r})"

    def __hash__(self) -> int:
        return hash(tuple(sorted(self._values.items())))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return dict(self._values) == dict(other)
        return NotImplemented

    @property
    def en(self) -> str:
        return self._values["en"]

    @property
    def ar(self) -> str:
        return self._values["ar"]


@dataclass(frozen=True)
class ChoiceItem:
    code: str
    label: Text
    aliases: tuple[str, ...] = ()
    description: Text | None = None

    def spellings(self) -> Iterator[str]:
        """Every way of writing this choice: the code, its labels and its aliases."""
        yield self.code
        yield self.code.replace("_", " ")
        yield from self.label.values()
        yield from self.aliases


@dataclass(frozen=True)
class ChoiceList:
    """An ordered list of coded choices."""

    name: str
    items: tuple[ChoiceItem, ...]
    _by_code: Mapping[str, ChoiceItem] = field(init=False, repr=False, compare=False)
    _by_key: Mapping[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_key: dict[str, str] = {}
        for item in self.items:
            for spelling in item.spellings():
                by_key.setdefault(normalise_arabic(spelling), item.code)
        object.__setattr__(self, "_by_code", MappingProxyType({i.code: i for i in self.items}))
        object.__setattr__(self, "_by_key", MappingProxyType(by_key))

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(item.code for item in self.items)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __getitem__(self, code: str) -> ChoiceItem:
        return self._by_code[code]

    def __iter__(self) -> Iterator[ChoiceItem]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def resolve(self, value: object) -> str | None:
        """The code whose code, label (any language) or alias matches ``value``, or None.

        Matching uses :func:`normalise_arabic`, so hamza, taa marbuta, alef maqsura, tatweel,
        diacritics, digit script and letter case do not matter.
        """
        if value is None:
            return None
        return self._by_key.get(normalise_arabic(str(value)))


@dataclass(frozen=True)
class Condition:
    """``required_if``: the field is required when ``field`` equals ``equals``."""

    field: str
    equals: str | int | float | bool


@dataclass(frozen=True)
class Field:
    """A field as it appears in one form (shared definition merged with the form's overrides)."""

    name: str
    kind: str
    label: Text
    required: bool = False
    list: str | None = None
    hint: Text | None = None
    min: int | float | None = None
    max: int | float | None = None
    required_if: Condition | None = None
    not_before: str | None = None
    breakdown_of: str | None = None
    coordinate: str | None = None
    source: str | None = None

    @property
    def derived(self) -> bool:
        return self.kind == "derived"


@dataclass(frozen=True)
class Form:
    code: str
    label: Text
    fields: tuple[Field, ...]

    def field(self, name: str) -> Field:
        for item in self.fields:
            if item.name == name:
                return item
        raise KeyError(name)

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(item.name for item in self.fields)


@dataclass(frozen=True)
class Family:
    code: str
    label: Text
    description: Text | None = None


@dataclass(frozen=True)
class IncidentType:
    code: str
    label: Text
    form: str
    family: str
    description: Text | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class ConfidenceGrade:
    """One step of the confidence scale; ``rank`` 0 is the strongest."""

    code: str
    label: Text
    rank: int
    description: Text | None = None


@dataclass(frozen=True)
class Region:
    """The area the observatory covers, as a rough bounding box (decimal degrees)."""

    name: Text
    south: float
    north: float
    west: float
    east: float

    def contains_latitude(self, latitude: float) -> bool:
        return self.south <= latitude <= self.north

    def contains_longitude(self, longitude: float) -> bool:
        return self.west <= longitude <= self.east
