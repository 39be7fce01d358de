from __future__ import annotations

from pathlib import Path

import click

from marsad.cli.common import console, output, print_json

LEVELS = ["governorate", "district", "subdistrict", "community"]


@click.group()
def places() -> None:
    """The gazetteer: find P-codes for place names in Arabic or English.

    \b
    Example:
      marsad places match "Abu Kamal" --json
    """


@places.command("match")
@click.argument("text", required=False)
@click.option(
    "--file",
    "names_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Match one name per line of this UTF-8 file; prints one JSON line per name.",
)
@click.option(
    "--level",
    "levels",
    multiple=True,
    type=click.Choice(LEVELS),
    help="Only places at this level (repeatable).",
)
@click.option("--within", metavar="PCODE", help="Only places inside this P-code.")
@click.option("--limit", default=5, show_default=True, type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def match(
    text: str | None,
    names_file: Path | None,
    levels: tuple[str, ...],
    within: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """Rank the gazetteer's places for a name as a report gives it.

    Handles Arabic spelling variants, English transliterations, typos and a parent hint
    ("Nawa, western Daraa countryside").

    \b
    Examples:
      marsad places match "دير الزور" --level governorate --json
      marsad places match "Nawa, western Daraa countryside"
      marsad places match --file names.txt --json > matches.jsonl
    """
    from marsad.engines.gazetteer import default_gazetteer

    if (text is None) == (names_file is None):
        raise click.UsageError("Give either TEXT or --file.")
    gazetteer = default_gazetteer()
    options = {"level": list(levels) or None, "within": within, "limit": limit}
    if names_file is not None:
        names = names_file.read_text(encoding="utf-8-sig").splitlines()
        for name, candidates in zip(names, gazetteer.match_many(names, **options), strict=True):
            print_json({"query": name, "candidates": [c.to_dict() for c in candidates]})
        return
    assert text is not None
    candidates = gazetteer.match(text, **options)
    if as_json:
        print_json([c.to_dict() for c in candidates])
        return
    if not candidates:
        console.print("No place found.")
        raise SystemExit(1)
    from rich.table import Table

    table = Table("score", "P-code", "level", "English", "العربية", "within")
    for c in candidates:
        chain = " › ".join(f"{p[2]} ({p[0]})" for p in c.parents)
        table.add_row(f"{c.score:.2f}", c.pcode, c.level, c.name_en, c.name_ar, chain)
    output.print(table)
