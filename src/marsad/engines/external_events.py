"""External event datasets (UCDP GED, ACLED) as Marsad import rows (pure, no Django).

>>> detect_external_format(["id", "type_of_violence", "date_start", "where_prec", "best"])
'ucdp'

Each row of an external dataset becomes either an :class:`ExternalRow` (the canonical import
columns of :data:`CANONICAL_COLUMNS`, the id of the classification rule that fired and the
fields kept for the raw record) or a :class:`Rejection` with a reason in English and Arabic.
The row mappers live in :mod:`marsad.engines.ucdp` and :mod:`marsad.engines.acled`; this module
holds what they share:

* the result types and the canonical column list;
* the classification rules, kept as data in ``marsad/data/importers/{ucdp,acled}_rules.yaml``
  (ordered; the first rule that matches wins; the last rule is the fallback) and loaded with
  :func:`load_rules` / :func:`load_ruleset`;
* place resolution against the gazetteer (:func:`resolve_place`), which never moves an event
  out of the governorate the dataset names.

The mapping is documented field by field in ``docs/external-data.md``.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from marsad.engines import report_rows_aliases
from marsad.engines.codebook import default_codebook_path, load_codebook
from marsad.engines.gazetteer import Place, default_gazetteer, haversine_km

__all__ = [
    "CANONICAL_COLUMNS",
    "EXTERNAL_SOURCE_TYPE",
    "ExternalRow",
    "PlaceResolution",
    "Rejection",
    "Rule",
    "RuleSet",
    "acled_row",
    "detect_external_format",
    "external_row",
    "governorate_of",
    "load_rules",
    "load_ruleset",
    "resolve_governorate",
    "resolve_place",
    "rule_codes",
]

# One list of canonical columns, shared with the spreadsheet importer.
CANONICAL_COLUMNS = report_rows_aliases.CANONICAL_COLUMNS

EXTERNAL_SOURCE_TYPE = "external_dataset"


@functools.lru_cache(maxsize=1)
def rule_codes() -> dict[str, frozenset[str]]:
    """The codes classification rules may name: the shipped codebook's, the one list of codes."""
    book = load_codebook(default_codebook_path())
    lists = ("method", "operation_type", "perpetrator_type")
    return {
        "incident_types": frozenset(book.incident_types),
        **{name: frozenset(book.choice_lists[name].codes) for name in lists},
    }


# Deprivation-of-liberty types use the detention form: an operation type, no method.
_DEFAULT_OPERATION = {"detention": "arrest", "abduction": "abduction"}


# -- results -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExternalRow:
    """One external event as a canonical import row.

    ``values`` has every column of :data:`CANONICAL_COLUMNS` (strings, ``""`` when empty);
    ``rule`` is the id of the classification rule that fired; ``extra`` holds the dataset's own
    fields (and Marsad's notes on the mapping) for the raw record.
    """

    values: dict[str, str]
    rule: str
    extra: dict[str, str]


@dataclass(frozen=True)
class Rejection:
    """A row that cannot be imported, with the reason in English and Arabic."""

    reason_en: str
    reason_ar: str


def blank_values() -> dict[str, str]:
    """A canonical row with every column empty."""
    return dict.fromkeys(CANONICAL_COLUMNS, "")


# -- format detection ----------------------------------------------------------------------

_UCDP_COLUMNS = frozenset({"id", "type_of_violence", "date_start", "where_prec", "best"})
_ACLED_COLUMNS = frozenset({"event_id_cnty", "event_date", "sub_event_type", "fatalities"})


def normalise_key(name: str) -> str:
    """A header name as the mappers read it: no BOM or surrounding space, lower case."""
    return name.replace("\ufeff", "").strip().lower()


def normalise_row(row: Mapping[str, Any]) -> dict[str, str]:
    """The row with normalised keys and stripped string values (``None`` becomes ``""``)."""
    out: dict[str, str] = {}
    for key, value in row.items():
        if key is None:  # csv.DictReader puts surplus cells under None
            continue
        out[normalise_key(str(key))] = "" if value is None else str(value).strip()
    return out


def detect_external_format(columns: Sequence[str]) -> str | None:
    """``"ucdp"`` or ``"acled"`` from a file's header, else ``None``."""
    names = {normalise_key(c) for c in columns if isinstance(c, str)}
    if names >= _UCDP_COLUMNS:
        return "ucdp"
    if names >= _ACLED_COLUMNS:
        return "acled"
    return None


def ucdp_row(row: Mapping[str, str]) -> ExternalRow | Rejection:
    """See :func:`marsad.engines.ucdp.ucdp_row`."""
    from marsad.engines.ucdp import ucdp_row as mapper

    return mapper(row)


def acled_row(row: Mapping[str, str]) -> ExternalRow | Rejection:
    """See :func:`marsad.engines.acled.acled_row`."""
    from marsad.engines.acled import acled_row as mapper

    return mapper(row)


def external_row(format: str, row: Mapping[str, str]) -> ExternalRow | Rejection:
    """Map one row of a dataset in ``format`` (``"ucdp"`` or ``"acled"``)."""
    mappers: dict[str, Callable[[Mapping[str, str]], ExternalRow | Rejection]] = {
        "ucdp": ucdp_row,
        "acled": acled_row,
    }
    if format not in mappers:
        raise ValueError(f"unknown external format {format!r} (expected 'ucdp' or 'acled')")
    return mappers[format](row)


# -- rules ---------------------------------------------------------------------------------

Conditions = tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]


def _compile_conditions(raw: Any, where: str) -> Conditions:
    if raw is None:
        return ()
    if not isinstance(raw, Mapping):
        raise ValueError(f"{where}: expected a mapping of field -> list of patterns")
    out = []
    for name, patterns in raw.items():
        if isinstance(patterns, str):
            patterns = [patterns]
        if not isinstance(patterns, list) or not patterns:
            raise ValueError(f"{where}: field {name!r} needs a non-empty list of patterns")
        try:
            compiled = tuple(re.compile(str(p), re.IGNORECASE) for p in patterns)
        except re.error as exc:
            raise ValueError(f"{where}: field {name!r}: bad pattern: {exc}") from exc
        out.append((str(name), compiled))
    return tuple(out)


def _field_matches(
    fields: Mapping[str, str], name: str, patterns: Iterable[re.Pattern[str]]
) -> bool:
    value = fields.get(name) or ""
    return any(p.search(value) for p in patterns)


def conditions_hold(conditions: Conditions, fields: Mapping[str, str]) -> bool:
    """True when every field matches at least one of its patterns (an empty set always holds)."""
    return all(_field_matches(fields, name, pats) for name, pats in conditions)


def conditions_any(conditions: Conditions, fields: Mapping[str, str]) -> bool:
    """True when some field matches one of its patterns."""
    return any(_field_matches(fields, name, pats) for name, pats in conditions)


@dataclass(frozen=True)
class Rule:
    """One classification rule: conditions on the row's fields and the resulting codes.

    The rule matches when every field under ``match`` matches at least one of its patterns
    (regular expressions, case-insensitive) and no field under ``unless`` matches any of its
    patterns.  A rule with no conditions is the fallback.  A ``reject`` rule turns the row into a
    :class:`Rejection`.
    """

    id: str
    description_en: str
    type: str = ""
    method: str = ""
    operation_type: str = ""
    conditions: Conditions = ()
    exclusions: Conditions = ()
    refine_method: tuple[str, ...] = ()
    reject: bool = False
    reason_en: str = ""
    reason_ar: str = ""

    @property
    def fields(self) -> tuple[str, ...]:
        """The fields the rule reads (``text`` too when it refines the method from cues)."""
        names = [n for n, _ in self.conditions] + [n for n, _ in self.exclusions]
        if self.refine_method:
            names.append("text")
        return tuple(dict.fromkeys(names))

    @property
    def is_fallback(self) -> bool:
        return not self.conditions and not self.exclusions

    def match(self, fields: Mapping[str, str]) -> bool:
        return conditions_hold(self.conditions, fields) and not conditions_any(
            self.exclusions, fields
        )


@dataclass(frozen=True)
class Cue:
    """A method cue: when ``patterns`` match the text, the method is ``method``."""

    method: str
    patterns: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class ActorType:
    type: str
    conditions: Conditions


@dataclass(frozen=True)
class Classification:
    rule: Rule
    type: str
    method: str
    operation_type: str


@dataclass(frozen=True)
class RuleSet:
    """The rules of one format, with the method cues and actor types they use."""

    format: str
    version: str
    rules: tuple[Rule, ...]
    method_cues: tuple[Cue, ...] = ()
    actor_types: tuple[ActorType, ...] = ()
    actor_default: str = "local"
    ignore_segments: tuple[re.Pattern[str], ...] = ()

    def classify(self, fields: Mapping[str, str]) -> Classification:
        """The first rule that matches (the fallback always does), and its codes."""
        for rule in self.rules:
            if rule.match(fields):
                method = rule.method
                if rule.refine_method:
                    text = fields.get("text") or ""
                    for cue in self.method_cues:
                        if cue.method in rule.refine_method and any(
                            p.search(text) for p in cue.patterns
                        ):
                            method = cue.method
                            break
                return Classification(rule, rule.type, method, rule.operation_type)
        raise LookupError(f"no {self.format} rule matched and there is no fallback")

    def actor_type(self, fields: Mapping[str, str]) -> str:
        """``local``, ``foreign`` or ``unknown`` by the first matching ``actor_types`` entry."""
        for entry in self.actor_types:
            if conditions_hold(entry.conditions, fields):
                return entry.type
        return self.actor_default

    def drop_segments(self, segments: Iterable[str]) -> list[str]:
        """Segments that match none of the ``ignore_segments`` patterns."""
        return [s for s in segments if not any(p.search(s) for p in self.ignore_segments)]


def _text(entry: Mapping[str, Any], key: str, where: str, required: bool = True) -> str:
    value = entry.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValueError(f"{where}: {key!r} is required")
        return ""
    return " ".join(str(value).split())


def _parse_rule(entry: Any, index: int) -> Rule:
    if not isinstance(entry, Mapping):
        raise ValueError(f"rule #{index + 1}: expected a mapping")
    rule_id = _text(entry, "id", f"rule #{index + 1}")
    where = f"rule {rule_id}"
    description = _text(entry, "description_en", where)
    conditions = _compile_conditions(entry.get("match"), where)
    exclusions = _compile_conditions(entry.get("unless"), where)
    if entry.get("reject"):
        return Rule(
            id=rule_id,
            description_en=description,
            conditions=conditions,
            exclusions=exclusions,
            reject=True,
            reason_en=_text(entry, "reason_en", where),
            reason_ar=_text(entry, "reason_ar", where),
        )
    codes = rule_codes()
    kind = _text(entry, "type", where)
    if kind not in codes["incident_types"]:
        raise ValueError(f"{where}: unknown type {kind!r}")
    operation = _text(entry, "operation_type", where, required=False)
    method = _text(entry, "method", where, required=False)
    if kind in _DEFAULT_OPERATION:
        operation = operation or _DEFAULT_OPERATION[kind]
        if operation not in codes["operation_type"]:
            raise ValueError(f"{where}: unknown operation_type {operation!r}")
        if method:
            raise ValueError(f"{where}: a {kind} rule takes an operation_type, not a method")
    else:
        if method not in codes["method"]:
            raise ValueError(f"{where}: unknown method {method!r}")
        if operation:
            raise ValueError(f"{where}: a {kind} rule takes a method, not an operation_type")
    refine = entry.get("refine_method") or []
    if not isinstance(refine, list) or any(m not in codes["method"] for m in refine):
        raise ValueError(f"{where}: refine_method must be a list of method codes")
    return Rule(
        id=rule_id,
        description_en=description,
        type=kind,
        method=method,
        operation_type=operation,
        conditions=conditions,
        exclusions=exclusions,
        refine_method=tuple(str(m) for m in refine),
    )


def parse_ruleset(data: Any, format: str) -> RuleSet:
    """Build and check a :class:`RuleSet` from the parsed YAML document."""
    if not isinstance(data, Mapping):
        raise ValueError(f"{format} rules: expected a mapping at the top level")
    raw_rules = data.get("rules")
    if not isinstance(raw_rules, list) or not raw_rules:
        raise ValueError(f"{format} rules: 'rules' must be a non-empty list")
    rules = tuple(_parse_rule(entry, i) for i, entry in enumerate(raw_rules))
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise ValueError(f"{format} rules: duplicate rule id {rule.id!r}")
        seen.add(rule.id)
    fallbacks = [r for r in rules if r.is_fallback]
    if len(fallbacks) != 1 or fallbacks[0] is not rules[-1] or rules[-1].reject:
        raise ValueError(f"{format} rules: the last rule, and only it, must be a fallback")
    codes = rule_codes()
    cues = []
    for i, entry in enumerate(data.get("method_cues") or []):
        where = f"{format} method cue #{i + 1}"
        method = _text(entry, "method", where)
        if method not in codes["method"]:
            raise ValueError(f"{where}: unknown method {method!r}")
        patterns = entry.get("patterns") or []
        cues.append(Cue(method, tuple(re.compile(str(p), re.IGNORECASE) for p in patterns)))
    actor_types = []
    for i, entry in enumerate(data.get("actor_types") or []):
        where = f"{format} actor type #{i + 1}"
        kind = _text(entry, "type", where)
        if kind not in codes["perpetrator_type"]:
            raise ValueError(f"{where}: unknown perpetrator type {kind!r}")
        actor_types.append(ActorType(kind, _compile_conditions(entry.get("match"), where)))
    default = str(data.get("actor_default") or "local")
    if default not in codes["perpetrator_type"]:
        raise ValueError(f"{format} rules: unknown actor_default {default!r}")
    ignore = tuple(re.compile(str(p), re.IGNORECASE) for p in data.get("ignore_segments") or [])
    return RuleSet(
        format=format,
        version=str(data.get("version", "")),
        rules=rules,
        method_cues=tuple(cues),
        actor_types=tuple(actor_types),
        actor_default=default,
        ignore_segments=ignore,
    )


@functools.cache
def load_ruleset(format: str) -> RuleSet:
    """The packaged rules of ``format`` (``"ucdp"`` or ``"acled"``), cached per process."""
    if format not in ("ucdp", "acled"):
        raise ValueError(f"unknown external format {format!r} (expected 'ucdp' or 'acled')")
    path = resources.files("marsad") / "data" / "importers" / f"{format}_rules.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return parse_ruleset(data, format)


def load_rules(format: str) -> list[Rule]:
    """The ordered classification rules of ``format`` (first match wins; the last is the fallback)."""
    return list(load_ruleset(format).rules)


# -- small parsers -------------------------------------------------------------------------


def parse_int(value: str) -> int | None:
    """An integer count from ``"12"``, ``"12.0"`` or ``""`` (``None``); ``ValueError`` otherwise."""
    text = value.strip().replace(",", "")
    if not text:
        return None
    number = float(text)
    if number != int(number) or number < 0:
        raise ValueError(value)
    return int(number)


def parse_float(value: str) -> float | None:
    text = value.strip()
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        return None
    return number if number == number else None  # NaN


def fmt_coord(value: float | None) -> str:
    return "" if value is None else f"{value:.6f}".rstrip("0").rstrip(".")


def iso(day: dt.date) -> str:
    return day.isoformat()


# -- places --------------------------------------------------------------------------------

_UNIT_SUFFIX = re.compile(
    r"\s+(?:governorate|province|muhafaza|district|mantika|sub-?district|nahiya|nahiyah)\s*$",
    re.IGNORECASE,
)
_MIN_NAME_SCORE = 0.7
NEAR_KM = 5.0  # the gazetteer's default tolerance for the nearest community
FAR_KM = 15.0  # how far to look for a community inside the named governorate


def strip_unit(name: str) -> str:
    """``"Aleppo Governorate"`` -> ``"Aleppo"``, ``"Afrin district"`` -> ``"Afrin"``."""
    return _UNIT_SUFFIX.sub("", " ".join(name.split()))


@functools.lru_cache(maxsize=4096)
def resolve_unit(name: str, level: str, within: str | None = None) -> str | None:
    """The P-code of an admin unit named ``name`` at ``level`` (best candidate), or ``None``."""
    text = strip_unit(name)
    if not text:
        return None
    found = default_gazetteer().match(text, level=level, within=within, limit=1)
    if not found or found[0].score < _MIN_NAME_SCORE:
        return None
    return found[0].pcode


def resolve_governorate(name: str) -> str | None:
    """The P-code (SY01..SY14) of a governorate name as datasets write it."""
    return resolve_unit(name, "governorate")


@functools.cache
def governorate_of(pcode: str) -> str | None:
    """The governorate a P-code lies in (itself for a governorate), or ``None``."""
    gz = default_gazetteer()
    place = gz.get(pcode)
    if place is None:
        return None
    if place.level == "governorate":
        return place.pcode
    for parent in gz.parents(pcode):
        if parent.level == "governorate":
            return parent.pcode
    return None


@functools.lru_cache(maxsize=1)
def _communities_by_governorate() -> dict[str, tuple[Place, ...]]:
    groups: dict[str, list[Place]] = {}
    for place in default_gazetteer().places_at("community"):
        gov = governorate_of(place.pcode)
        if gov is not None:
            groups.setdefault(gov, []).append(place)
    return {k: tuple(v) for k, v in groups.items()}


def _nearest_in(gov: str, lat: float, lon: float, max_km: float) -> tuple[Place, float] | None:
    best: tuple[Place, float] | None = None
    for place in _communities_by_governorate().get(gov, ()):
        d = haversine_km(lat, lon, place.latitude, place.longitude)
        if d <= max_km and (best is None or d < best[1]):
            best = (place, d)
    return best


@dataclass(frozen=True)
class PlaceResolution:
    """The P-code chosen for an event, the precision it stands for, and how it was found."""

    pcode: str
    precision: str
    note: str = ""


@functools.lru_cache(maxsize=65536)
def resolve_place(
    lat: float | None,
    lon: float | None,
    precision: str,
    governorate: str | None,
    district: str = "",
    subdistrict: str = "",
    require_governorate: bool = False,
) -> PlaceResolution:
    """The best P-code for an event located at ``precision`` inside ``governorate``.

    ``precision`` is what the dataset says (point, community, subdistrict, district,
    governorate); ``district`` / ``subdistrict`` are names given by the dataset, used as hints.
    The result never lies outside ``governorate`` when one is given: a point that falls across a
    governorate border (simplified boundary slivers, coordinates of a town just across the line)
    goes to the nearest community inside it, or to the governorate itself.  Without a governorate
    the point decides, unless ``require_governorate`` (then the P-code stays empty).
    """
    gz = default_gazetteer()
    if governorate is None and require_governorate:
        return PlaceResolution("", "governorate", "no governorate given: P-code left empty")

    def inside(pcode: str | None) -> bool:
        return pcode is not None and (governorate is None or governorate_of(pcode) == governorate)

    has_point = lat is not None and lon is not None
    if precision in ("point", "community") and lat is not None and lon is not None:
        found = gz.resolve_point(lat, lon, tolerance_km=NEAR_KM)
        if found.community is not None and inside(found.community.pcode):
            return PlaceResolution(found.community.pcode, precision)
        if governorate is not None:
            near = _nearest_in(governorate, lat, lon, NEAR_KM)
            if near is not None:
                return PlaceResolution(
                    near[0].pcode, precision, "nearest community inside the named governorate"
                )
        sub = found.subdistrict
        if sub is not None and inside(sub.pcode):
            return PlaceResolution(sub.pcode, "subdistrict", "no community within 5 km")
        if governorate is not None:
            far = _nearest_in(governorate, lat, lon, FAR_KM)
            if far is not None:
                return PlaceResolution(
                    far[0].pcode,
                    precision,
                    f"point outside the named governorate; nearest community inside it "
                    f"({far[1]:.1f} km)",
                )
    if precision in ("point", "community", "subdistrict"):
        if subdistrict:
            code = resolve_unit(subdistrict, "subdistrict", governorate)
            if code is not None and inside(code):
                return PlaceResolution(code, "subdistrict")
        if has_point and precision == "subdistrict" and lat is not None and lon is not None:
            sub = gz.resolve_point(lat, lon, tolerance_km=NEAR_KM).subdistrict
            if sub is not None and inside(sub.pcode):
                return PlaceResolution(sub.pcode, "subdistrict")
    if precision != "governorate":
        if district:
            code = resolve_unit(district, "district", governorate)
            if code is not None and inside(code):
                return PlaceResolution(code, "district")
        if lat is not None and lon is not None:
            sub = gz.resolve_point(lat, lon, tolerance_km=NEAR_KM).subdistrict
            if sub is not None and sub.parent is not None and inside(sub.parent):
                return PlaceResolution(sub.parent, "district", "district of the point")
    if governorate is not None:
        note = "" if precision == "governorate" else f"{precision} not resolved inside governorate"
        return PlaceResolution(governorate, "governorate", note)
    if lat is not None and lon is not None:
        found = gz.resolve_point(lat, lon, tolerance_km=NEAR_KM)
        if found.community is not None and precision in ("point", "community"):
            return PlaceResolution(found.community.pcode, precision)
        if found.subdistrict is not None:
            gov = governorate_of(found.subdistrict.pcode)
            if gov is not None:
                return PlaceResolution(gov, "governorate", "governorate of the point")
    return PlaceResolution("", "governorate", "place not resolved")
