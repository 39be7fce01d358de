"""The ``marsad`` command. Each command is a thin wrapper over a library function."""

from __future__ import annotations

import click

from marsad import __version__
from marsad.cli.analyse import analyse_command
from marsad.cli.codebook import codebook
from marsad.cli.control import control
from marsad.cli.crosscheck import crosscheck_group
from marsad.cli.places import places
from marsad.cli.report import report
from marsad.cli.safety import safety_command
from marsad.cli.server import check, demo, django_command, init, serve
from marsad.cli.transfer import export_command, import_group


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="marsad")
def main() -> None:
    """Marsad (مرصد): record, cross-check and analyse security incidents.

    \b
    Example:
      marsad demo                      # a working web app with demo data
      marsad places match "دير الزور"  # find a place's P-code
    """


for command in (
    init,
    demo,
    serve,
    check,
    places,
    codebook,
    control,
    import_group,
    export_command,
    analyse_command,
    crosscheck_group,
    report,
    safety_command,
    django_command,
):
    main.add_command(command)
