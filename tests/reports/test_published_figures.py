"""The report built from the published-figures dataset states the centre's figures exactly,
in both languages and in every format, and every stated number is a traced figure."""

from __future__ import annotations

import html
import json
import re

import pytest

from marsad.engines.analysis import enrich
from marsad.engines.gazetteer import default_gazetteer
from tests.reports.conftest import numbers_in, pdf_text

# figure id -> the number the centre published
PUBLISHED = {
    "A1.explosion.incidents": 308,
    "A1.assassination.incidents": 72,
    "A2.gunfire.incidents": 213,
    "A2.ied.incidents": 94,
    "A2.car_bomb.incidents": 39,
    "A2.mine.incidents": 25,
    "A2.grenade.incidents": 9,
    "A3.casualties": 1008,
    "A3.casualties_military": 490,
    "A3.casualties_civilian": 518,
    "B1.all.incidents": 73,
    "B1.SY120301.incidents": 15,  # Jasim
    "B1.SY030200.incidents": 20,  # Douma
    "B1.SY090200.incidents": 20,  # Al-Bukamal
    "B1.SY110100.incidents": 18,  # Raqqa
    "B2.foreign.incidents": 23,
    "B2.foreign.casualties": 182,
    "B2.local.incidents": 19,
    "B2.local.casualties": 117,
    "B2.unknown.incidents": 31,
    "B2.unknown.casualties": 89,
    "C1.all.incidents": 169,
    "C1.SY020300.incidents": 132,  # Afrin
    "C1.SY020800.incidents": 37,  # Jarablus
    "C2.known.incidents": 141,
    "C2.unknown.incidents": 28,
    "C3.all.2020-01.incidents": 37,  # the peak month, January 2020
}
PEAK = {"en": "January 2020", "ar": "كانون الثاني 2020"}
LANGS = ["ar", "en"]


def _summary_segments(report):
    return [segment for paragraph in report.summary for segment in paragraph]


@pytest.mark.parametrize("lang", LANGS)
def test_the_summary_states_every_published_figure(reports, lang):
    report = reports[lang]
    stated = {s.figure: s for s in _summary_segments(report) if s.figure}
    for figure_id, value in PUBLISHED.items():
        assert report.figures[figure_id].value == value, figure_id
        assert figure_id in stated, f"{figure_id} is not stated in the {lang} summary"
        assert f"{value:,}" in numbers_in(stated[figure_id].text)
    months = [s for s in _summary_segments(report) if s.date == "2020-01"]
    assert [s.text for s in months] == [PEAK[lang]]


@pytest.mark.parametrize("lang", LANGS)
def test_every_number_in_the_summary_is_a_traced_figure(reports, lang):
    report = reports[lang]
    for segment in _summary_segments(report):
        if segment.figure:
            figure = report.figures[segment.figure]
            assert segment.value == figure.value
            written = numbers_in(segment.text)
            if written:
                assert float(written[0].replace(",", "")) == abs(figure.value)
            else:  # Arabic writes one and two as words: حادثة واحدة، حادثتين
                assert lang == "ar" and figure.value in (1, 2)
            assert figure.query is not None or figure.formula
        elif not segment.date:
            assert not numbers_in(segment.text), f"untraced number in {segment.text!r}"


def test_each_figure_is_the_analysis_of_its_incidents(reports, incidents):
    """Re-run every query of the appendix; check each figure and its incident ids one by one."""
    from marsad.engines.analysis import MEASURES, analyse

    report = reports["en"]
    table = enrich(incidents, default_gazetteer())
    rows = {r["incident_id"]: r for r in table.to_pylist()}
    for trace in report.traces:
        query = trace.query
        figures = [report.figures[i] for i in trace.figure_ids]
        if query is None:  # derived: sums of parts, changes between periods
            for figure in figures:
                parts = [report.figures[p] for p in figure.parts]
                expected = sum(p.value for p in parts) if "+" in figure.formula else None
                if expected is None and not figure.id.endswith("_pct"):
                    expected = parts[0].value - parts[1].value
                if expected is not None:
                    assert figure.value == expected, figure.id
            continue
        data = table
        if query.areas:  # the attacks part: its three governorates
            governorates = table["governorate"].to_pylist()
            data = table.filter([g in ("SY08", "SY09", "SY12") for g in governorates])
        result = analyse(data, by=list(query.by), measures=list(query.measures),
                         where={k: list(v) for k, v in query.where},
                         date_from=query.date_from, date_to=query.date_to,
                         statuses=query.statuses).to_pylist()  # fmt: skip
        for figure in figures:
            key = dict(figure.key)
            matching = [r for r in result if all(r[k] == v for k, v in key.items())]
            value = sum(matching[0][c] for c in figure.columns) if matching else 0
            assert value == figure.value, figure.id
            for incident_id in figure.incident_ids:
                row = rows[incident_id]
                assert row["status"] != "rejected" and row["confidence"] != "discounted"
                assert query.date_from <= row["date"] <= query.date_to
                for name, values in query.where:
                    assert row[name] in values, (figure.id, incident_id, name)
                for name, wanted in figure.key:
                    got = row["source_types"] if name == "source_type" else [row[name]]
                    assert wanted in got, (figure.id, incident_id)
            if figure.columns == ("incidents",):
                assert len(figure.incident_ids) == figure.value, figure.id
            else:
                columns = [MEASURES[c].column or c for c in figure.columns]
                total = sum(rows[i][c] or 0 for i in figure.incident_ids for c in columns)
                assert total == figure.value, figure.id


@pytest.mark.parametrize("lang", LANGS)
def test_every_chart_shows_the_numbers_of_its_table(reports, lang):
    report = reports[lang]
    tables = {t.id: t for t in report.tables()}
    assert len(report.charts()) >= 8
    for chart in report.charts():
        cells = tables[chart.table_id].figure_values()
        values = chart.spec["data"]["values"]
        assert values, chart.id
        for datum in values:
            assert cells[datum["figure"]] == datum["value"], (chart.id, datum)


def _visible_text(page: str) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", page))


@pytest.mark.parametrize("lang", LANGS)
def test_the_html_states_the_figures_and_links_each_to_its_trace(rendered, lang):
    page = rendered(lang, "html").read_text(encoding="utf-8")
    summary = page[
        page.index('id="summary"') : page.index("</section>", page.index('id="summary"'))
    ]
    written = numbers_in(_visible_text(summary))
    for value in PUBLISHED.values():
        assert f"{value:,}" in written
    assert PEAK[lang] in _visible_text(summary)
    traced = dict(
        re.findall(
            r'<p class="figure" id="fig-([^"]+)" data-figure="[^"]+" data-value="([^"]+)"', page
        )
    )
    links = re.findall(
        r'<a class="fig" href="#fig-([^"]+)" data-figure="[^"]+" data-value="([^"]+)">', page
    )
    assert links
    for figure_id, value in links:
        assert traced[figure_id] == value
    without = re.sub(r'<a class="fig".*?</a>|<time.*?</time>', "", summary, flags=re.S)
    assert not numbers_in(_visible_text(without).replace(text_of_heading(summary), ""))


def text_of_heading(summary: str) -> str:
    return _visible_text(re.search(r"<h2>.*?</h2>", summary).group(0))


@pytest.mark.parametrize("lang", LANGS)
def test_the_html_charts_carry_the_numbers_of_their_tables(rendered, lang):
    page = rendered(lang, "html").read_text(encoding="utf-8")
    tables = {
        table_id: dict(re.findall(r'data-figure="([^"]+)" data-value="([^"]+)"', body))
        for table_id, body in re.findall(
            r'<table class="data" id="table-([^"]+)".*?>(.*?)</table>', page, flags=re.S
        )
    }
    specs = re.findall(
        r'<script type="application/json" class="vega-spec" data-chart="[^"]+" data-table="([^"]+)">(.*?)</script>',
        page,
        flags=re.S,
    )
    assert len(specs) >= 8
    for table_id, text in specs:
        for datum in json.loads(text)["data"]["values"]:
            assert float(tables[table_id][datum["figure"]]) == datum["value"]


@pytest.mark.parametrize("lang", LANGS)
def test_the_pdf_states_the_figures(rendered, lang):
    text = pdf_text(rendered(lang, "pdf"))
    written = set(numbers_in(text))
    missing = [f"{v:,}" for v in PUBLISHED.values() if f"{v:,}" not in written]
    assert not missing
    if lang == "en":
        assert PEAK["en"] in text and "308 explosions and 72 assassinations" in text
        assert "1,008, including 490 military personnel and 518 civilians" in text


@pytest.mark.parametrize("lang", LANGS)
def test_the_markdown_states_the_figures(rendered, lang):
    text = rendered(lang, "md").read_text(encoding="utf-8")
    summary = text[: text.index("\n## ", text.index("\n## ") + 1)]
    written = numbers_in(summary)
    for value in PUBLISHED.values():
        assert f"{value:,}" in written
    assert PEAK[lang] in summary
    if lang == "ar":
        assert "تمّ تسجيل 308 تفجيرات و72 اغتيالًا" in summary
        assert "15 في جاسم، و20 في دوما، و20 في البوكمال، و18 في الرقة" in summary
        assert "نفّذت جهات أجنبية 23 منها (182 ضحية)" in summary
        assert text.startswith('<div dir="rtl" lang="ar">')
    else:
        assert "15 in Jasim, 20 in Douma, 20 in Al-Bukamal and 18 in Raqqa" in summary
        assert (
            "Foreign actors carried out 23 of them (182 casualties), local actors 19 (117 casualties) and the perpetrators of 31 remain unknown (89 casualties)"
            in summary
        )
    svgs = list(rendered(lang, "md").with_name(f"security-{lang}_files").glob("*.svg"))
    assert {p.stem for p in svgs} >= {"chart-A2", "map-A", "map-B", "map-C"}
