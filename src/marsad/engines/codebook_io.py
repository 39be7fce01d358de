"""Reading codebook files: YAML and JSON text to plain data, and the canonical JSON spelling.

Syntax errors become a :class:`CodebookError` whose problem gives the line and column; a key given
twice in one mapping is an error too (YAML and JSON parsers silently keep the last one).
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from marsad.engines.codebook_problems import CodebookError, problem


class _DuplicateKeyError(yaml.MarkedYAMLError):
    def __init__(self, key: object, mark: yaml.Mark) -> None:
        super().__init__(problem=f"duplicate key {key!r}", problem_mark=mark)
        self.key = key


class _StrictLoader(yaml.SafeLoader):
    """A safe loader that refuses a key given twice in one mapping (PyYAML keeps the last)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[object] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, str | int | float | bool) and key in seen:
                raise _DuplicateKeyError(key, key_node.start_mark)
            if isinstance(key, str | int | float | bool):
                seen.add(key)
        return super().construct_mapping(node, deep=deep)


def read_yaml(text: str) -> object:
    """Parse YAML text; a syntax error becomes a :class:`CodebookError` with line and column."""
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except _DuplicateKeyError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise CodebookError(
            [problem(str(exc.key), "duplicate_key", value=exc.key, line=line)]
        ) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        column = mark.column + 1 if mark is not None else None
        reason = getattr(exc, "problem", None) or str(exc)
        raise CodebookError(
            [
                problem(
                    "",
                    "bad_yaml",
                    value={"line": line, "column": column},
                    line=line,
                    column=column,
                    reason=reason,
                )
            ]
        ) from exc


def read_json(text: str) -> object:
    """Parse JSON text; a syntax error becomes a :class:`CodebookError` with line and column."""

    def pairs(items: list[tuple[str, object]]) -> dict[str, object]:
        result: dict[str, object] = {}
        for key, value in items:
            if key in result:
                raise CodebookError([problem(key, "duplicate_key", value=key, line="?")])
            result[key] = value
        return result

    try:
        return json.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        raise CodebookError(
            [
                problem(
                    "",
                    "bad_json",
                    value={"line": exc.lineno, "column": exc.colno},
                    line=exc.lineno,
                    column=exc.colno,
                    reason=exc.msg,
                )
            ]
        ) from exc


def canonical_json(data: object) -> str:
    """The one JSON spelling of a codebook's content (sorted keys, no spaces, UTF-8 text)."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
