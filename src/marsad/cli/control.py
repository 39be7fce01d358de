from __future__ import annotations

import datetime
from pathlib import Path

import click

from marsad.cli.common import console, fail, fail_with_problems, needs_django, output, print_json


@click.group()
def control() -> None:
    """The area-of-control layer: who controlled which place when.

    \b
    Example:
      marsad control show SY020500 --on 2020-01-15
    """


@control.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--replace", is_flag=True, help="Replace the stored periods of every place the file covers."
)
@needs_django
def import_(path: Path, replace: bool) -> None:
    """Import control periods from a CSV (pcode,party,sub_label,start,end,source,note,approximate).

    Atomic: any problem (unknown P-code, reversed dates, overlapping periods …) is listed with
    its row and nothing is written.

    \b
    Example:
      marsad control import control-2021.csv
    """
    from marsad.audit.context import acting_as
    from marsad.engines.control import ControlLayerError
    from marsad.places.services import import_control_csv

    try:
        with acting_as(None, "marsad control import"):
            counts = import_control_csv(path, replace=replace)
    except ControlLayerError as error:
        fail_with_problems(error.problems, f"{path} was refused; nothing changed:")
    console.print(
        f"{counts['created']} periods created, {counts['unchanged']} unchanged, "
        f"{counts['deleted']} replaced.",
        highlight=False,
    )


@control.command("show")
@click.argument("pcode")
@click.option("--on", "on", type=click.DateTime(["%Y-%m-%d"]), help="Only the party on this date.")
@click.option("--json", "as_json", is_flag=True)
@needs_django
def show(pcode: str, on: datetime.datetime | None, as_json: bool) -> None:
    """Show who controlled a place (a community inherits its sub-district's periods).

    \b
    Examples:
      marsad control show SY020500 --on 2020-01-15
      marsad control show C1560
    """
    from marsad.places.models import ControlPeriod, Place
    from marsad.places.services import control_layer

    place = Place.objects.filter(pcode=pcode).first()
    if place is None:
        fail([pcode], "Unknown P-code:")
    if on is not None:
        period = control_layer().party_on(pcode, on.date())
        periods = [period] if period else []
    else:
        chain = [place, *place.ancestors()]
        rows = ControlPeriod.objects.filter(place__in=chain).select_related("place")
        periods = [row.as_period() for row in rows]
    if as_json:
        print_json([p.__dict__ for p in periods])
        return
    output.print(f"[bold]{place.name_en} / {place.name_ar}[/] ({pcode})", highlight=False)
    if not periods:
        output.print("  no control period recorded")
    for p in periods:
        end = p.end or "…"
        flag = " (approximate)" if p.approximate else ""
        label = f"{p.party}/{p.sub_label}" if p.sub_label else p.party
        output.print(f"  {p.start} – {end}  {label}{flag}  [dim]{p.source}[/]", highlight=False)
