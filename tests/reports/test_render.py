"""The output formats: self-contained HTML, right-to-left workbooks, editable templates."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest
from openpyxl import load_workbook

from marsad.reports.html import render_html
from marsad.reports.templates import DEFAULT_DIR


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_html_page_needs_nothing_from_outside(rendered, lang):
    page = rendered(lang, "html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}">' in page
    outside = re.sub(r"<script>.*?</script>", "", page, flags=re.S)  # the inlined Vega bundle
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", outside, flags=re.I)
    assert not re.search(r"url\(\s*[\"']?(https?:)?//", outside, flags=re.I)
    assert "<link" not in outside
    assert 'src: url("data:font/woff2;base64,' in page  # the Arabic font travels with the page
    assert "vegaEmbed(" in page and page.count('class="vega-spec"') >= 8
    assert page.count("<svg") >= 11  # charts drawn on the server too, and the maps


def test_the_workbook_has_a_sheet_per_table_and_the_appendix(rendered, reports):
    for lang in ("ar", "en"):
        report = reports[lang]
        book = load_workbook(rendered(lang, "xlsx"))
        assert len(book.sheetnames) == len(report.tables()) + 2
        assert all(sheet.sheet_view.rightToLeft == (lang == "ar") for sheet in book.worksheets)
        methods = next(s for s in book.worksheets if s.title.startswith("A2 "))
        values = {row[0]: row[1] for row in methods.iter_rows(min_row=3, values_only=True)}
        assert values[report.tables()[2].rows[0][0].text] == 213  # numbers stay numbers
        appendix = book.worksheets[-1]
        ids = [row[0] for row in appendix.iter_rows(min_row=2, values_only=True)]
        assert sorted(ids) == sorted(report.figures)


def test_a_copied_template_folder_overrides_the_shipped_templates(reports, tmp_path):
    copy = tmp_path / "templates"
    shutil.copytree(DEFAULT_DIR, copy)
    page = copy / "marsad" / "reports" / "security.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace("<h1>", "<h1>Edited: "), encoding="utf-8"
    )
    (copy / "marsad" / "reports" / "_appendix.html").unlink()  # a missing one falls back
    html = render_html(reports["en"], template_dir=copy, html_charts="svg")
    assert "<h1>Edited: Security indicators report</h1>" in html
    assert 'id="appendix"' in html and "vegaEmbed(" not in html


def test_templates_render_without_django_settings(tmp_path):
    """The templates render with no Django settings at all (library use, no server)."""
    script = tmp_path / "render.py"
    script.write_text(
        "import django.conf\n"
        "from marsad.engines.security_report.model import Cell, Report, Section, Segment, Table\n"
        "from marsad.reports import render_report\n"
        "table = Table('A1', 'الحوادث', ['النوع', 'الحوادث'], [[Cell('تفجير'), Cell('308', 'f', 308)]], [False, True])\n"
        "report = Report('ar', 'تقرير المؤشرات الأمنية', '', [], [[Segment('تمّ تسجيل '), Segment('308 تفجيرات', 'f', 308)]],\n"
        "                [Section('s', 'قسم', blocks=[table])], {}, [], {'summary': 'الملخص'})\n"
        f"render_report(report, 'md', {str(tmp_path / 'r.md')!r})\n"
        f"render_report(report, 'html', {str(tmp_path / 'r.html')!r}, html_charts='svg')\n"
        "assert not django.conf.settings.configured\n",
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run([sys.executable, str(script)], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "تمّ تسجيل 308 تفجيرات" in (tmp_path / "r.md").read_text(encoding="utf-8")
    assert 'data-value="308">308 تفجيرات</a>' in (tmp_path / "r.html").read_text(encoding="utf-8")
