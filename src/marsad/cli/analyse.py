from __future__ import annotations

import csv
import datetime
import sys

import click

from marsad.cli.common import fail, needs_django, output, print_json


def _names(values: tuple[str, ...]) -> list[str]:
    return [name.strip() for value in values for name in value.split(",") if name.strip()]


@click.command("analyse")
@click.option("--from", "date_from", metavar="YYYY-MM-DD", help="First day (inclusive).")
@click.option("--to", "date_to", metavar="YYYY-MM-DD", help="Last day (inclusive).")
@click.option(
    "--by", "by", multiple=True, metavar="DIMS", help="Dimensions, comma-separated or repeated."
)
@click.option(
    "--measures", multiple=True, default=("incidents",), show_default=True, metavar="MEASURES"
)
@click.option("--where", "where", multiple=True, metavar="FIELD=VALUE", help="Filter (repeatable).")
@click.option(
    "--status", "statuses", multiple=True, help="Only these review statuses (e.g. published)."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
)
@click.option(
    "--rebuild",
    is_flag=True,
    help="Read every incident into the snapshot again, not only what changed.",
)
@needs_django
def analyse_command(date_from, date_to, by, measures, where, statuses, fmt, rebuild) -> None:
    """Count incidents and casualties by any dimensions: type, controlling party, governorate,
    month … Every incident not rejected or discounted counts, whatever its review status, unless
    --status narrows it. Date and place precision are respected: an incident known only to the
    month is never put in a week, one known only to the governorate never in a district.
    Reads the analysis snapshot in the data directory, refreshed first with what changed.

    \b
    Examples:
      marsad analyse --by type
      marsad analyse --from 2019-07-01 --to 2019-12-31 --by controlling_party,month --measures incidents,killed_best
      marsad analyse --by governorate --where type=explosion --format json
      marsad analyse --by month --status published --format csv > monthly.csv
    """
    from marsad.analysis.snapshot import refresh_snapshot, snapshot_table
    from marsad.engines import analysis
    from marsad.engines.gazetteer import default_gazetteer

    filters: dict[str, list[str]] = {}
    for item in where:
        field, sep, value = item.partition("=")
        if not sep:
            fail([item], "--where takes FIELD=VALUE:")
        filters.setdefault(field.strip(), []).append(value.strip())
    if rebuild:
        refresh_snapshot(full=True)
    try:
        result = analysis.analyse(
            snapshot_table(),
            by=_names(by),
            measures=_names(measures),
            where=filters,
            date_from=datetime.date.fromisoformat(date_from) if date_from else None,
            date_to=datetime.date.fromisoformat(date_to) if date_to else None,
            statuses=list(statuses) or None,
            populations=analysis.gazetteer_populations(default_gazetteer()),
        )
    except (analysis.AnalysisError, ValueError) as error:
        fail([str(error)], "Cannot analyse:")
    records = analysis.to_records(result)
    if fmt == "json":
        print_json(records)
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=result.column_names)
        writer.writeheader()
        writer.writerows(records)
    else:
        from rich.table import Table

        table = Table(*result.column_names)
        for record in records:
            table.add_row(*("" if v is None else str(v) for v in record.values()))
        output.print(table)
