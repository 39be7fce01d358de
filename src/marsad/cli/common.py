from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Iterable
from typing import Any

import click
from rich.console import Console

# soft_wrap: messages are read by people and by scripts; never break a line mid-message.
console = Console(stderr=True, soft_wrap=True)
# What a command was asked for (tables, listings) goes to standard output, so it can be piped.
output = Console(soft_wrap=True)


def needs_django(func: Callable[..., Any]) -> Callable[..., Any]:
    """Set Django up only for the commands that use the database (keeps the rest fast)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from marsad.bootstrap import setup_django

        setup_django()
        return func(*args, **kwargs)

    return wrapper


def print_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, default=str))


def fail(lines: list[str], title: str) -> None:
    console.print(f"[bold red]{title}[/]")
    for line in lines:
        console.print(f"  • {line}", highlight=False, markup=False)
    sys.exit(1)


def fail_with_problems(problems: Iterable[Any], title: str) -> None:
    """Every problem in English (with where it is) and in Arabic, then exit 1."""
    fail([f"{problem}\n    {problem.message_ar}" for problem in problems], title)
