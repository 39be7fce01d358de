"""The bookkeeping behind codebook checks: paths, types, labels, codes and aliases.

:class:`Checker` collects problems instead of raising, so one pass over a codebook reports
everything wrong with it; :mod:`marsad.engines.codebook_schema` holds the checks themselves.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, Final

from marsad.engines.arabic import normalise_arabic
from marsad.engines.codebook_problems import Bilingual, Problem, problem

REQUIRED_LANGUAGES: Final = ("ar", "en")
_CODE = re.compile(r"^[a-z][a-z0-9_]*$")
EXPECTED: dict[object, Bilingual] = {
    str: Bilingual("a text", "نصاً"),
    bool: Bilingual("true or false", "true أو false"),
    "number": Bilingual("a number", "رقماً"),
    "version": Bilingual('a quoted text such as "2026.1"', 'نصاً بين علامتي تنصيص مثل "2026.1"'),
    "scalar": Bilingual("a text, number or true/false", "نصاً أو رقماً أو true/false"),
    "coordinate": Bilingual("latitude or longitude", "latitude أو longitude"),
}


def is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class Checker:
    """Collects problems while helpers look at one part of a codebook after another."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.languages: tuple[str, ...] = REQUIRED_LANGUAGES

    def add(self, path: str, code: str, value: object = None, **params: Any) -> None:
        if any(p.field == path and p.code == code for p in self.problems):
            return  # e.g. a missing label found both as a required key and as a text
        self.problems.append(problem(path, code, value=value, **params))

    def mapping(self, data: object, path: str) -> Mapping[str, Any] | None:
        if isinstance(data, Mapping):
            return data
        self.add(path, "not_a_mapping", value=None if data is None else data)
        return None

    def sequence(self, data: object, path: str) -> Sequence[Any] | None:
        if isinstance(data, list | tuple):
            return data
        self.add(path, "not_a_list", value=data)
        return None

    def keys(
        self,
        data: Mapping[str, Any],
        path: str,
        allowed: frozenset[str],
        required: Sequence[str] = (),
    ) -> None:
        for key in data:
            if key not in allowed:
                self.add(join(path, str(key)), "unknown_key", value=key)
        for key in required:
            if key not in data or data[key] is None:
                self.add(join(path, key), "missing")

    def typed(self, data: Mapping[str, Any], key: str, path: str, kind: object) -> bool:
        """True when ``data[key]`` is absent or of the expected type; reports otherwise."""
        if key not in data:
            return True
        value = data[key]
        ok = is_number(value) if kind == "number" else isinstance(value, kind)  # type: ignore[arg-type]
        if not ok:
            self.add(join(path, key), "wrong_type", value=value, expected=EXPECTED[kind])
        return ok

    def text(self, data: Mapping[str, Any], key: str, path: str, required: bool = True) -> None:
        where = join(path, key)
        if data.get(key) is None:
            if required:
                self.add(where, "missing")
            return
        labels = self.mapping(data[key], where)
        if labels is None:
            return
        for lang in self.languages:
            value = labels.get(lang)
            if not isinstance(value, str) or not value.strip():
                self.add(f"{where}.{lang}", "missing", value=value)
        for lang in labels:
            if lang not in self.languages:
                self.add(f"{where}.{lang}", "unknown_language", value=lang)

    def code(self, value: object, path: str) -> bool:
        if isinstance(value, str) and _CODE.match(value):
            return True
        self.add(path, "invalid_code", value=value)
        return False

    def catalogue(self, data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
        """A top-level ``code: definition`` mapping; entries whose code is invalid are dropped."""
        section = self.mapping(data.get(key), key) if key in data else None
        if not section:
            if section is not None:
                self.add(key, "empty")
            return {}
        return {
            code: item
            for code, item in section.items()
            if self.code(code, f"{key}.{code}") and self.mapping(item, f"{key}.{code}") is not None
        }

    def aliases(self, data: Mapping[str, Any], path: str) -> None:
        values = self.sequence(data["aliases"], f"{path}.aliases") if "aliases" in data else None
        for index, alias in enumerate(values or ()):
            if not isinstance(alias, str) or not alias.strip():
                self.add(
                    f"{path}.aliases[{index}]", "wrong_type", value=alias, expected=EXPECTED[str]
                )

    def unambiguous(self, entries: Sequence[tuple[str, str, Mapping[str, Any]]]) -> None:
        """No spelling of one entry (code, label, alias) may normalise to another entry's."""
        owner: dict[str, str] = {}
        for path, code, data in entries:
            spellings: list[tuple[str, object]] = [("code", code), ("code", code.replace("_", " "))]
            label = data.get("label")
            if isinstance(label, Mapping):
                spellings += [(f"label.{lang}", text) for lang, text in label.items()]
            aliases = data.get("aliases")
            if isinstance(aliases, list):
                spellings += [(f"aliases[{i}]", alias) for i, alias in enumerate(aliases)]
            for where, spelling in spellings:
                if not isinstance(spelling, str):
                    continue
                key = normalise_arabic(spelling)
                first = owner.setdefault(key, code)
                if first != code:
                    self.add(
                        f"{path}.{where}",
                        "ambiguous_alias",
                        value=spelling,
                        first=first,
                        second=code,
                    )


def join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
