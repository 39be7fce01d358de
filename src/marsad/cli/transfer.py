from __future__ import annotations

import datetime
from pathlib import Path

import click

from marsad.cli.common import console, fail, needs_django, output

FORMATS_IN = ["auto", "csv", "xlsx", "jsonl", "ucdp", "acled"]
FORMATS_OUT = ["csv", "xlsx", "geojson", "hxl", "json"]


@click.group("import")
def import_group() -> None:
    """Bring data in.

    \b
    Example:
      marsad import reports monitors-january.xlsx --source-name "Observation point Jasim-2" \\
          --source-type observation_point
    """


@import_group.command("reports")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS_IN),
    default="auto",
    show_default=True,
    help="File layout; auto detects CSV/XLSX/JSON Lines and UCDP or ACLED headers.",
)
@click.option(
    "--mapping",
    "mapping_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A saved column mapping (YAML) for files with other headers.",
)
@click.option("--source-name", default="", help="Source of rows that name none.")
@click.option(
    "--source-type", default="", help="Source type (code or label) of rows that give none."
)
@click.option(
    "--dry-run", is_flag=True, help="Check every row and print the summary; write nothing."
)
@click.option(
    "--rejects",
    "rejects_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Import the good rows; write the bad ones here, with error_column and error.",
)
@needs_django
def import_reports_command(
    path: Path,
    fmt: str,
    mapping_path: Path | None,
    source_name: str,
    source_type: str,
    dry_run: bool,
    rejects_path: Path | None,
) -> None:
    """Import source reports from CSV, XLSX, JSON Lines, UCDP GED or ACLED files.

    Atomic by default: if any row has a problem, nothing is written and every problem is listed
    (row, column, value, reason). Importing the same file again creates nothing new.

    \b
    Examples:
      marsad import reports reports.csv --dry-run
      marsad import reports reports.xlsx --rejects to-fix.xlsx
      marsad import reports ged_syria.csv.gz --format ucdp
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from marsad.engines.report_rows import MappingError
    from marsad.engines.tabular import TableError
    from marsad.transfer.importing import ImportRefused, import_reports

    columns = [TextColumn("rows"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()]
    try:
        with Progress(*columns, console=console, transient=True) as progress:
            task = progress.add_task("import", total=None)
            summary = import_reports(
                path,
                format=fmt,
                mapping_path=mapping_path,
                source_name=source_name,
                source_type=source_type,
                dry_run=dry_run,
                rejects_path=rejects_path,
                progress=lambda n: progress.advance(task, n),
            )
    except (TableError, MappingError) as error:
        fail([f"{error.message_en}\n    {error.message_ar}"], f"{path} cannot be read:")
    except ImportRefused as refused:
        _print_summary(refused.summary)
        _print_problems(refused.summary)
        fail(
            [f"{refused.summary.rejected} of {refused.summary.read} rows have problems"],
            "Nothing was imported; fix the rows above (or use --rejects FILE) and import again.",
        )
    _print_summary(summary)
    if summary.problems and (dry_run or rejects_path):
        _print_problems(summary)
    if summary.rejects_path:
        console.print(
            f"Rejected rows written to {summary.rejects_path}: fix them and import that file.",
            highlight=False,
        )


def _print_summary(summary) -> None:
    state = (
        "checked (dry run, nothing written)"
        if summary.dry_run
        else ("imported" if summary.committed else "refused")
    )
    output.print(
        f"{summary.format}: {summary.read} read, {summary.created} created, {summary.updated} updated, "
        f"{summary.unchanged} unchanged, {summary.rejected} rejected — {state}.",
        highlight=False,
    )
    for warning in summary.warnings:
        console.print(f"warning: {warning}", highlight=False)
    if summary.rules:
        rules = ", ".join(
            f"{rule} {n}" for rule, n in sorted(summary.rules.items(), key=lambda kv: -kv[1])
        )
        output.print(f"classification rules: {rules}", highlight=False)


def _print_problems(summary) -> None:
    for p in summary.problems:
        where = f"row {p.row}" + (f", column {p.column!r}" if p.column else "")
        value = f" value {p.value!r}:" if p.value else ":"
        console.print(
            f"  • {where}{value} {p.message_en}\n    {p.message_ar}", highlight=False, markup=False
        )
        if p.candidates:
            console.print(
                "    candidates: " + "; ".join(p.candidates), highlight=False, markup=False
            )
    hidden = summary.problem_count - len(summary.problems)
    if hidden > 0:
        console.print(f"  … and {hidden} more problems", highlight=False)


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


@click.command("export")
@click.argument("kind", type=click.Choice(["incidents", "reports"]))
@click.option("--format", "fmt", type=click.Choice(FORMATS_OUT), default="csv", show_default=True)
@click.option(
    "-o", "--output", "out_path", type=click.Path(dir_okay=False, path_type=Path), required=True
)
@click.option("--from", "date_from", metavar="YYYY-MM-DD", help="First day (inclusive).")
@click.option("--to", "date_to", metavar="YYYY-MM-DD", help="Last day (inclusive).")
@click.option("--type", "types", multiple=True, help="Incident type code (repeatable).")
@click.option(
    "--place", "places", multiple=True, metavar="PCODE", help="Within this P-code (repeatable)."
)
@click.option("--party", "parties", multiple=True, help="Controlling party code (repeatable).")
@click.option("--status", "statuses", multiple=True, help="Review status (repeatable).")
@click.option(
    "--public",
    is_flag=True,
    help="Public release: published incidents only, no sensitive "
    "field, place and date coarsened (MARSAD_PUBLIC_PLACE_LEVEL, MARSAD_PUBLIC_DATE_LEVEL).",
)
@needs_django
def export_command(
    kind: str,
    fmt: str,
    out_path: Path,
    date_from: str | None,
    date_to: str | None,
    types: tuple[str, ...],
    places: tuple[str, ...],
    parties: tuple[str, ...],
    statuses: tuple[str, ...],
    public: bool,
) -> None:
    """Export incidents or reports for Excel, R, Python, QGIS or HDX.

    \b
    Examples:
      marsad export incidents --format xlsx --from 2019-07-01 --to 2020-06-30 -o incidents.xlsx
      marsad export incidents --format geojson --place SY09 -o deir-ez-zor.geojson
      marsad export incidents --format hxl --public -o release.csv
      marsad export reports --format json --type explosion -o explosions.json
    """
    from marsad.transfer.exporting import ExportRefused, export
    from marsad.transfer.filters import RecordFilters

    filters = RecordFilters(
        date_from=_date(date_from),
        date_to=_date(date_to),
        types=types,
        places=places,
        parties=parties,
        statuses=statuses,
    )
    try:
        with open(out_path, "wb") as out:
            result = export(kind, fmt, out, filters=filters, public=public)
    except ExportRefused as refused:
        out_path.unlink(missing_ok=True)
        fail([str(refused)], "Nothing exported:")
    release = " (public release)" if public else ""
    console.print(f"{result.rows} {kind} written to {out_path}{release}.", highlight=False)
