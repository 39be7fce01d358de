from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING

import click

from marsad.cli.common import console, fail

if TYPE_CHECKING:
    import pyarrow as pa

_SEPARATORS = re.compile(r"[,،]")
_FORMATS = ("html", "pdf", "xlsx", "md")


def _names(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(
        name.strip() for value in values for name in _SEPARATORS.split(value) if name.strip()
    )


def _day(value: str | None, option: str) -> datetime.date | None:
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        fail([f"{option} {value!r}: use YYYY-MM-DD"], "Cannot write the report:")
        raise  # fail() exits; this keeps type checkers content


def _period(
    start: str | None, end: str | None, name: str
) -> tuple[datetime.date, datetime.date] | None:
    if (start is None) != (end is None):
        fail([f"give both --{name}-from and --{name}-to, or neither"], "Cannot write the report:")
    first, last = _day(start, f"--{name}-from"), _day(end, f"--{name}-to")
    return (first, last) if first and last else None


@click.group("report")
def report() -> None:
    """Write reports from the incidents: HTML, PDF, XLSX or Markdown, in Arabic or English.

    \b
    Example:
      marsad report security --from 2019-07-01 --to 2020-06-30 --lang ar -o report.pdf
    """


@report.command("security")
@click.option(
    "--from", "date_from", required=True, metavar="YYYY-MM-DD", help="First day (inclusive)."
)
@click.option("--to", "date_to", required=True, metavar="YYYY-MM-DD", help="Last day (inclusive).")
@click.option("--compare-from", metavar="YYYY-MM-DD", help="A period to compare the attacks with.")
@click.option("--compare-to", metavar="YYYY-MM-DD")
@click.option(
    "--areas",
    multiple=True,
    metavar="AREAS",
    help="Where to count assassinations and explosions: governorates, sub-districts or "
    "communities (P-codes or names), or parties in control (regime, opposition, aa/sdf, "
    "olive_branch …). Comma-separated or repeated. Default: all of Syria.",
)
@click.option(
    "--case-studies",
    multiple=True,
    metavar="PLACES",
    help="One group of case-study places for the abductions and detentions, comma-separated; "
    "repeat for each group. Default: Jasim,Douma,Al-Bukamal,Raqqa and Afrin,Jarablus.",
)
@click.option("--case-studies-from", metavar="YYYY-MM-DD", help="Period of the case studies.")
@click.option("--case-studies-to", metavar="YYYY-MM-DD")
@click.option(
    "--status", "statuses", multiple=True, help="Only these review statuses (e.g. published)."
)
@click.option("--lang", type=click.Choice(["ar", "en"]), default="en", show_default=True)
@click.option("--format", "fmt", type=click.Choice(_FORMATS), help="Default: from the file name.")
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False), help="File to write."
)
@click.option(
    "--template-dir",
    type=click.Path(exists=True, file_okay=False),
    help="A folder with edited copies of the report templates (marsad/reports/…).",
)
@click.option(
    "--snapshot",
    type=click.Path(exists=True, dir_okay=False),
    help="Read the incidents from a Parquet file (the incidents table of `marsad analyse`) "
    "instead of the database.",
)
@click.option(
    "--include-restricted",
    is_flag=True,
    help="Also count incidents restricted to named groups (left out by default: a report is "
    "read outside those groups).",
)
@click.option(
    "--html-charts",
    type=click.Choice(["vega", "svg"]),
    default="vega",
    show_default=True,
    help="HTML only: draw charts with the inlined Vega script, or keep static SVG.",
)
def security_command(
    date_from: str,
    date_to: str,
    compare_from: str | None,
    compare_to: str | None,
    areas: tuple[str, ...],
    case_studies: tuple[str, ...],
    case_studies_from: str | None,
    case_studies_to: str | None,
    statuses: tuple[str, ...],
    lang: str,
    fmt: str | None,
    output: str,
    template_dir: str | None,
    snapshot: str | None,
    include_restricted: bool,
    html_charts: str,
) -> None:
    """The security-indicators report, as the centre publishes it: an executive summary
    written from the data, the methodology (sources by type, never by name), assassinations
    and explosions (by type, method, victims, perpetrator, governorate, party in control,
    month), abductions and extrajudicial detentions in the case-study places, charts, maps,
    and an appendix tracing every figure to its query and incidents. It counts like
    `marsad analyse`: every incident not rejected or discounted, unless --status narrows it.

    \b
    Examples:
      marsad report security --from 2019-07-01 --to 2020-06-30 --areas SY08,SY09,SY12 \\
          --case-studies-from 2019-10-01 --case-studies-to 2020-03-31 --lang ar -o report.pdf
      marsad report security --from 2020-01-01 --to 2020-06-30 \\
          --compare-from 2019-07-01 --compare-to 2019-12-31 --areas opposition -o report.html
      marsad report security --from 2019-10-01 --to 2020-03-31 --case-studies Afrin,Jarablus \\
          --status published --lang en -o afrin.xlsx
      marsad report security --from 2019-07-01 --to 2020-06-30 --template-dir my-templates \\
          --snapshot incidents.parquet -o report.md
    """
    from marsad.engines.security_report.build import SecurityReportOptions, build_security_report
    from marsad.engines.security_report.model import ReportError
    from marsad.reports.render import format_of, render_report

    fmt = fmt or format_of(output)
    if fmt is None:
        fail([f"{output!r}: give --format ({', '.join(_FORMATS)})"], "Cannot write the report:")
    start, end = _day(date_from, "--from"), _day(date_to, "--to")
    assert start is not None and end is not None
    groups = tuple(_names((group,)) for group in case_studies) or None
    options = SecurityReportOptions(
        date_from=start,
        date_to=end,
        lang="ar" if lang == "ar" else "en",
        compare=_period(compare_from, compare_to, "compare"),
        areas=_names(areas),
        case_studies=groups,
        case_study_period=_period(case_studies_from, case_studies_to, "case-studies"),
        statuses=tuple(statuses) or None,
        generated_on=datetime.date.today(),
    )
    try:
        built = build_security_report(_incidents(snapshot, include_restricted), options)
        render_report(built, str(fmt), output, template_dir=template_dir, html_charts=html_charts)
    except ReportError as error:
        fail([error.message_en, error.message_ar], "Cannot write the report:")
    console.print(f"Wrote {output} ({fmt}, {len(built.figures)} figures traced in its appendix)")


def _incidents(snapshot: str | None, include_restricted: bool = False) -> pa.Table:
    """The incidents from a Parquet snapshot, or from the database (without the incidents
    restricted to groups unless ``include_restricted``)."""
    if snapshot:
        import pyarrow.parquet as pq

        return pq.read_table(snapshot)
    from marsad.bootstrap import setup_django

    setup_django()
    from django.contrib.auth.models import AnonymousUser

    from marsad.analysis.snapshot import incidents_table
    from marsad.records.visibility import visible_incidents

    if include_restricted:
        return incidents_table()
    return incidents_table(visible_incidents(AnonymousUser()))
