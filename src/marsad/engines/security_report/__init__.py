"""The security-indicators report as data (pure, no Django): scope, traced figures, sentences in
Arabic and English, tables, chart specifications and SVG maps.  ``build.security_report`` is the
entry point; :mod:`marsad.reports` renders the result to HTML, PDF, XLSX or Markdown."""
