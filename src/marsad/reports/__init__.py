"""Rendering reports to files: HTML, PDF (WeasyPrint), XLSX (openpyxl) and Markdown.

The content of a report is built by the pure engines (``marsad.engines.security_report.build``); this
package only lays it out. Templates are Django templates in ``templates/marsad/reports/``,
rendered by a standalone ``django.template.Engine`` (no settings needed); a copy of that folder
given as ``template_dir`` overrides any of them.
"""

from marsad.reports.render import FORMATS, render_report

__all__ = ["FORMATS", "render_report"]
