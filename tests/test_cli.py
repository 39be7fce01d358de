import json
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from marsad import __version__
from marsad.cli import main

DOCS = Path(__file__).resolve().parents[1] / "docs" / "cli.md"


def all_commands(group=main, prefix=()):
    for name, command in group.commands.items():
        path = (*prefix, name)
        yield path, command
        if isinstance(command, click.Group):
            yield from all_commands(command, path)


@pytest.mark.parametrize("path", [p for p, _ in all_commands()], ids=" ".join)
def test_every_command_has_an_example_in_its_help_and_is_documented(path):
    command = dict(all_commands())[path]
    assert "Example" in (command.help or ""), f"marsad {' '.join(path)} --help has no example"
    if not isinstance(command, click.Group):
        assert f"marsad {' '.join(path)}" in DOCS.read_text(encoding="utf-8"), (
            "undocumented in docs/cli.md"
        )


def test_version():
    result = CliRunner().invoke(main, ["--version"])
    assert __version__ in result.output


def test_places_match_json_gives_ranked_candidates_with_parents():
    result = CliRunner().invoke(
        main, ["places", "match", "دير الزور", "--level", "governorate", "--json"]
    )
    assert result.exit_code == 0, result.output
    candidates = json.loads(result.output)
    assert candidates[0]["pcode"] == "SY09"
    assert {"pcode", "level", "name_en", "name_ar", "parents", "score"} <= set(candidates[0])


def test_places_match_file_prints_one_line_per_name_in_order(tmp_path):
    names = ["Jasim", "دوما", "Abu Kamal", "", "Afrin"]
    path = tmp_path / "names.txt"
    path.write_text("\n".join(names) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["places", "match", "--file", str(path), "--json"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [line["query"] for line in lines] == names
    assert lines[3]["candidates"] == []
    assert all(line["candidates"] for i, line in enumerate(lines) if i != 3)


def test_places_match_needs_text_or_file():
    result = CliRunner().invoke(main, ["places", "match"])
    assert result.exit_code == 2 and "TEXT or --file" in result.output


def test_the_installed_console_script_runs():
    marsad = Path(sys.executable).with_name("marsad")
    output = subprocess.run(
        [str(marsad), "--help"], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(r"places\s", output) and "demo" in output
