from __future__ import annotations

from pathlib import Path

import click

from marsad.cli.common import console, fail, fail_with_problems, needs_django, output, print_json


@click.group()
def codebook() -> None:
    """The codebook: incident types, forms and choice lists, versioned as data.

    \b
    Example:
      marsad codebook show --lang ar
    """


@codebook.command("show")
@click.option(
    "--file",
    "path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Show a codebook file instead of the active version.",
)
@click.option("--version", "version", help="Show this stored version instead of the active one.")
@click.option("--lang", type=click.Choice(["en", "ar"]), default="en", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the whole codebook as JSON.")
@needs_django
def show(path: Path | None, version: str | None, lang: str, as_json: bool) -> None:
    """Show the active codebook (or a file, or a stored version).

    \b
    Examples:
      marsad codebook show
      marsad codebook show --lang ar
      marsad codebook show --file my-codebook.yaml --json
    """
    from marsad.codebook.models import CodebookVersion
    from marsad.codebook.services import active_codebook, codebook_of
    from marsad.engines.codebook import CodebookError, load_codebook

    try:
        if path:
            book = load_codebook(path)
        elif version:
            book = codebook_of(CodebookVersion.objects.get(version=version))
        else:
            book = active_codebook()
    except CodebookError as error:
        fail_with_problems(error.problems, "The codebook is not valid:")
    except CodebookVersion.DoesNotExist:
        fail([version or ""], "No such codebook version:")
    if as_json:
        print_json(book.as_dict())
        return
    output.print(f"[bold]Codebook {book.version}[/] ({book.digest[:12]})", highlight=False)
    for code, kind in book.incident_types.items():
        fields = ", ".join(f.name for f in book.form_for(code).fields)
        output.print(f"  {code}: {kind.label[lang]}  [dim]{fields}[/]", highlight=False)
    for name, choices in book.choice_lists.items():
        items = ", ".join(f"{c.code} ({c.label[lang]})" for c in choices.items)
        output.print(f"  [bold]{name}[/]: {items}", highlight=False)


@codebook.command("load")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--no-activate", is_flag=True, help="Store the version without making it active.")
@needs_django
def load(path: Path, no_activate: bool) -> None:
    """Validate a codebook file and store it as a new version; nothing changes if it is invalid.

    \b
    Example:
      marsad codebook load codebook-2026.2.yaml
    """
    from marsad.audit.context import acting_as
    from marsad.codebook.services import load_codebook_file
    from marsad.engines.codebook import CodebookError

    try:
        with acting_as(None, "marsad codebook load"):
            stored, created = load_codebook_file(path, activate=not no_activate)
    except CodebookError as error:
        fail_with_problems(error.problems, f"{path} was refused; nothing changed:")
    state = "loaded" if created else "already loaded"
    console.print(
        f"Codebook {stored.version} {state}; active: {stored.is_active}.", highlight=False
    )
