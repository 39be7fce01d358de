"""Shared, session-wide fixtures: the published-figures dataset, the report built from it in
both languages, and its files in every format (built once: rendering a PDF takes seconds)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest

from marsad.engines.published_figures import HALF, YEAR, published_incidents
from marsad.engines.security_report.build import SecurityReportOptions, build_security_report

# The run that reproduces the centre's report: attacks in three governorates over a year,
# abductions and detentions in the two groups of case-study places over half a year.
MAIN = {
    "date_from": YEAR[0],
    "date_to": YEAR[1],
    "areas": ("SY08", "SY09", "SY12"),
    "case_study_period": HALF,
    "compare": (dt.date(2019, 7, 1), dt.date(2019, 12, 31)),
    "generated_on": dt.date(2026, 1, 15),
}
CLI_ARGS = [
    "--from", "2019-07-01", "--to", "2020-06-30", "--areas", "SY08,SY09,SY12",
    "--case-studies-from", "2019-10-01", "--case-studies-to", "2020-03-31",
]  # fmt: skip

_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


def numbers_in(text: str) -> list[str]:
    """Every number written in ``text`` (bidi marks removed), as written: ``1,008``."""
    return _NUMBER.findall(_BIDI.sub("", text))


@pytest.fixture(scope="session")
def incidents():
    return published_incidents()


@pytest.fixture(scope="session")
def reports(incidents):
    return {
        lang: build_security_report(incidents, SecurityReportOptions(lang=lang, **MAIN))
        for lang in ("ar", "en")
    }


@pytest.fixture(scope="session")
def rendered(reports, tmp_path_factory):
    """``{lang: {format: path}}``; formats are rendered on first use."""
    from marsad.reports import render_report

    folder = tmp_path_factory.mktemp("rendered")
    cache: dict[tuple[str, str], Path] = {}

    def get(lang: str, fmt: str) -> Path:
        if (lang, fmt) not in cache:
            path = folder / f"security-{lang}.{fmt}"
            render_report(reports[lang], fmt, path)
            cache[lang, fmt] = path
        return cache[lang, fmt]

    return get


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
