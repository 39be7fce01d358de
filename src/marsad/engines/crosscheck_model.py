"""The cross-checking model: parameters read from ``marsad/data/crosscheck/model.yaml``.

The YAML holds every number the engine uses (blocking windows, comparison thresholds, m and u
probabilities, link and review thresholds, reconciliation and confidence settings, the text
lexicon); the code holds only the *meaning* of each comparison level, in the order levels are
tested (:data:`LEVELS`).  ``docs/crosscheck.md`` explains the model.
"""

from __future__ import annotations

import copy
import functools
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "LEVELS",
    "Comparison",
    "Level",
    "Model",
    "ModelError",
    "load_model",
    "save_model",
]

#: Levels of each comparison in the order they are tested (first that holds wins).  A pair
#: whose values are missing on either side gets the comparison's null level (-1, weight 0).
LEVELS: dict[str, tuple[str, ...]] = {
    "date": ("same_day", "one_day", "few_days", "overlap_narrow", "overlap_wide", "near", "apart"),
    "place": (
        "same",
        "nested_subdistrict",
        "nested_wide",
        "ambiguous",
        "near",
        "same_subdistrict",
        "within",
        "different",
    ),  # fmt: skip
    "type_method": (
        "same_both",
        "same_type_no_method",
        "same_type_related_method",
        "same_type_other_method",
        "related_type_same_method",
        "related_type",
    ),  # fmt: skip
    "perpetrator": ("same", "related", "one_unknown", "different"),
    "target_status": ("same", "different"),
    "casualties": ("exact_notable", "exact_one", "zero", "close", "different"),
    "narrative": ("very_high", "high", "medium", "low", "none"),
    "target": ("same", "overlap", "different"),
    "source": ("repeat", "same_source", "different"),
}
_BLOCKING_RULES = ("place_chain", "place_wide", "nearby", "no_place")


class ModelError(ValueError):
    """The model file is not usable."""


@dataclass(frozen=True)
class Level:
    name: str
    m: float
    u: float
    params: Mapping[str, float] = field(default_factory=dict)

    @property
    def weight(self) -> float:
        """log2(m/u): the evidence this level gives for "same incident"."""
        return math.log2(self.m / self.u)

    def param(self, name: str) -> float:
        if name not in self.params:
            raise ModelError(f"level {self.name!r} needs the parameter {name!r}")
        return float(self.params[name])


@dataclass(frozen=True)
class Comparison:
    name: str
    description: str
    levels: tuple[Level, ...]

    def level(self, name: str) -> Level:
        for lv in self.levels:
            if lv.name == name:
                return lv
        raise ModelError(f"comparison {self.name!r} has no level {name!r}")


@dataclass(frozen=True)
class Model:
    """A parameter set.  ``raw`` is the YAML document it came from (other sections)."""

    raw: Mapping[str, Any]
    comparisons: tuple[Comparison, ...]

    @property
    def version(self) -> str:
        return str(self.raw.get("version", ""))

    @property
    def prior(self) -> float:
        return float(self.raw["prior"])

    @property
    def prior_weight(self) -> float:
        return math.log2(self.prior / (1.0 - self.prior))

    def threshold(self, name: str) -> float:
        return float(self.raw["thresholds"][name])

    def comparison(self, name: str) -> Comparison:
        for c in self.comparisons:
            if c.name == name:
                return c
        raise ModelError(f"no comparison {name!r}")

    def section(self, name: str) -> Mapping[str, Any]:
        value = self.raw.get(name)
        if not isinstance(value, Mapping):
            raise ModelError(f"the model has no {name!r} section")
        return value

    def rule(self, name: str) -> Mapping[str, Any]:
        rules = self.section("blocking").get("rules", {})
        if name not in rules:
            raise ModelError(f"no blocking rule {name!r}")
        rule: Mapping[str, Any] = rules[name]
        return rule

    def with_parameters(
        self,
        parameters: Mapping[str, Mapping[str, tuple[float, float]]],
        prior: float | None = None,
    ) -> Model:
        """A copy with new (m, u) for the given comparison levels (and optionally the prior)."""
        raw = copy.deepcopy(dict(self.raw))
        for cname, levels in parameters.items():
            for lname, (m, u) in levels.items():
                entry = raw["comparisons"][cname]["levels"][lname]
                entry["m"], entry["u"] = round(float(m), 6), round(float(u), 6)
        if prior is not None:
            raw["prior"] = round(float(prior), 6)
        return parse_model(raw)

    def to_dict(self) -> dict[str, Any]:
        return copy.deepcopy(dict(self.raw))


def _level(cname: str, lname: str, data: object) -> Level:
    if not isinstance(data, Mapping):
        raise ModelError(f"{cname}.{lname}: expected a mapping with m and u")
    try:
        m, u = float(data["m"]), float(data["u"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelError(f"{cname}.{lname}: m and u must be numbers") from exc
    if not (0.0 < m <= 1.0 and 0.0 < u <= 1.0):
        raise ModelError(f"{cname}.{lname}: m and u must be in (0, 1]")
    params = {str(k): float(v) for k, v in data.items() if k not in ("m", "u")}
    return Level(lname, m, u, params)


def parse_model(data: Mapping[str, Any]) -> Model:
    """Check a model document and build the :class:`Model`."""
    for key in ("prior", "thresholds", "blocking", "comparisons", "clustering", "text"):
        if key not in data:
            raise ModelError(f"the model has no {key!r}")
    prior = float(data["prior"])
    if not 0.0 < prior < 1.0:
        raise ModelError("prior must be between 0 and 1")
    rules = data["blocking"].get("rules", {})
    unknown = sorted(set(rules) - set(_BLOCKING_RULES))
    if unknown:
        raise ModelError(f"unknown blocking rules: {', '.join(unknown)}")
    nearby = rules.get("nearby")
    if nearby is not None:
        min_cell_km = float(nearby["grid_degrees"]) * 111.0 * math.cos(math.radians(37.5))
        if min_cell_km < float(nearby["max_km"]):
            raise ModelError("blocking.nearby: grid_degrees is too small for max_km")
    comparisons = []
    declared = data["comparisons"]
    missing = sorted(set(LEVELS) - set(declared))
    if missing:
        raise ModelError(f"missing comparisons: {', '.join(missing)}")
    for cname, spec in declared.items():
        if cname not in LEVELS:
            raise ModelError(f"unknown comparison {cname!r}")
        levels = spec.get("levels", {})
        if set(levels) != set(LEVELS[cname]):
            raise ModelError(
                f"comparison {cname!r} must have exactly the levels {', '.join(LEVELS[cname])}"
            )
        comparisons.append(
            Comparison(
                cname,
                str(spec.get("description", "")).strip(),
                tuple(_level(cname, lname, levels[lname]) for lname in LEVELS[cname]),
            )
        )
    lexicon = data["text"].get("lexicon", {})
    if set(lexicon) - {"targets", "words"}:
        raise ModelError("text.lexicon has two sections: targets and words")
    seen: dict[str, str] = {}
    for section in lexicon.values():
        for concept, words in section.items():
            for word in words:
                if str(word) in seen and seen[str(word)] != concept:
                    raise ModelError(
                        f"lexicon: {word!r} is in both {seen[str(word)]!r} and {concept!r}"
                    )
                seen[str(word)] = concept
    return Model(raw=copy.deepcopy(dict(data)), comparisons=tuple(comparisons))


def default_model_path() -> Path:
    return Path(str(resources.files("marsad") / "data" / "crosscheck" / "model.yaml"))


def load_model(path: str | Path | None = None) -> Model:
    """The model in ``path`` (default: the packaged ``model.yaml``, read once per process)."""
    if path is None:
        return _default_model()
    return _read(Path(path))


@functools.lru_cache(maxsize=1)
def _default_model() -> Model:
    return _read(default_model_path())


def _read(target: Path) -> Model:
    with target.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    if not isinstance(data, Mapping):
        raise ModelError(f"{target}: not a YAML mapping")
    return parse_model(data)


def save_model(model: Model, path: str | Path) -> None:
    """Write ``model`` as YAML (for instance after :func:`estimate_parameters`)."""
    with Path(path).open("w", encoding="utf-8") as fh:
        yaml.safe_dump(model.to_dict(), fh, allow_unicode=True, sort_keys=False, width=100)
