"""The report as a PDF: the HTML page laid out by WeasyPrint with the shipped Arabic font."""

from __future__ import annotations

from pathlib import Path

from marsad.engines.security_report.model import Report
from marsad.reports.html import render_html


def render_pdf(report: Report, path: str | Path, *, template_dir: str | Path | None = None) -> None:
    import weasyprint

    page = render_html(report, template_dir=template_dir, for_pdf=True)
    document = weasyprint.HTML(string=page, base_url=str(Path(path).resolve().parent))
    # full_fonts: subsetting the two embedded fonts costs seconds and saves little here.
    document.write_pdf(str(path), full_fonts=True)
