"""One entry point for every output format."""

from __future__ import annotations

from pathlib import Path

from marsad.engines.security_report.model import Report

FORMATS = ("html", "pdf", "xlsx", "md")


def format_of(path: str | Path) -> str | None:
    """The format a file name implies (``report.pdf`` → ``pdf``), or None."""
    suffix = Path(path).suffix.lower().lstrip(".")
    suffix = {"htm": "html", "markdown": "md"}.get(suffix, suffix)
    return suffix if suffix in FORMATS else None


def render_report(
    report: Report,
    fmt: str,
    path: str | Path,
    *,
    template_dir: str | Path | None = None,
    html_charts: str = "vega",
) -> None:
    """Write ``report`` to ``path`` as ``fmt`` (``html``, ``pdf``, ``xlsx`` or ``md``)."""
    if fmt == "html":
        from marsad.reports.html import render_html

        page = render_html(report, template_dir=template_dir, html_charts=html_charts)
        Path(path).write_text(page, encoding="utf-8")
    elif fmt == "pdf":
        from marsad.reports.pdf import render_pdf

        render_pdf(report, path, template_dir=template_dir)
    elif fmt == "xlsx":
        from marsad.reports.xlsx import render_xlsx

        render_xlsx(report, path)
    elif fmt == "md":
        from marsad.reports.markdown import render_markdown

        render_markdown(report, path, template_dir=template_dir)
    else:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
