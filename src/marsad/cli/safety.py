from __future__ import annotations

import csv
import datetime
import sys

import click

from marsad.cli.common import fail, needs_django, output, print_json


def _weights(values: tuple[str, ...]) -> dict[str, float]:
    weights: dict[str, float] = {}
    for item in values:
        name, sep, number = item.partition("=")
        try:
            if not sep:
                raise ValueError(item)
            weights[name.strip()] = float(number)
        except ValueError:
            fail([item], "--weight takes INDICATOR=NUMBER:")
    return weights


def _number(value: object) -> str:
    if value is None:
        return "—"
    return f"{value:,.2f}" if isinstance(value, float) else f"{value:,}"


@click.command("safety")
@click.option("--from", "date_from", required=True, metavar="YYYY-MM-DD", help="First month.")
@click.option("--to", "date_to", required=True, metavar="YYYY-MM-DD", help="Last month.")
@click.option(
    "--status", "statuses", multiple=True, help="Only these review statuses (e.g. published)."
)
@click.option(
    "--weight",
    "weights",
    multiple=True,
    metavar="INDICATOR=NUMBER",
    help="Weight of an indicator in the composite (default 1 each).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
)
@needs_django
def safety_command(date_from, date_to, statuses, weights, fmt) -> None:
    """Safe-environment indicators per area of control, governorate and month: assassinations,
    explosions, detentions and abductions, their casualties, both per 100,000 inhabitants, one
    composite and its trend. Whole months: --from and --to pick the months they fall in.

    The population is that of the sub-districts the party held that month (weighted by days);
    where one of them has no known population the rates are left empty, never guessed. The
    formula and the gaps are in docs/safe-environment.md. The table shows the main figures;
    json and csv give every input column.

    \b
    Examples:
      marsad safety --from 2019-07-01 --to 2020-06-30
      marsad safety --from 2019-10-01 --to 2020-03-31 --status published --format csv > safety.csv
      marsad safety --from 2020-01-01 --to 2020-06-30 --weight assassination=2 --format json
    """
    from marsad.analysis.snapshot import snapshot_table
    from marsad.engines.analysis import to_records
    from marsad.engines.gazetteer import default_gazetteer
    from marsad.engines.safety import INDICATORS, safety_indicators
    from marsad.places.services import control_layer

    try:
        result = safety_indicators(
            snapshot_table(),
            gazetteer=default_gazetteer(),
            control=control_layer(),
            date_from=datetime.date.fromisoformat(date_from),
            date_to=datetime.date.fromisoformat(date_to),
            weights=_weights(weights),
            statuses=list(statuses) or None,
        )
    except ValueError as error:
        fail([str(error)], "Cannot compute the indicators:")
    records = to_records(result)
    if fmt == "json":
        print_json(records)
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=result.column_names)
        writer.writeheader()
        writer.writerows(records)
    else:
        from rich.table import Table

        table = Table(caption="Rates, and where each population comes from: --format csv or json.")
        table.add_column("month", no_wrap=True)
        table.add_column("area of control")
        table.add_column("governorate")
        for name in INDICATORS:
            table.add_column(f"{name}s: incidents / casualties", justify="right")
        for name in ("population", "composite", "trend"):
            table.add_column(name, justify="right", no_wrap=True)
        for row in records:
            table.add_row(
                row["month"],
                row["controlling_party_en"] or "not recorded",
                row["governorate_name_en"] or "not recorded",
                *(
                    f"{row[f'incidents_{name}']} / {row[f'casualties_{name}']}"
                    for name in INDICATORS
                ),
                _number(row["population"]),
                _number(row["composite"]),
                _number(row["trend"]),
            )
        output.print(table)
