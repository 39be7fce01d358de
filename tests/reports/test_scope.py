"""Areas, case-study places and what the report counts (pure)."""

from __future__ import annotations

import pyarrow.compute as pc
import pytest

from marsad.engines.gazetteer import default_gazetteer
from marsad.engines.published_figures import PUBLISHED, YEAR
from marsad.engines.security_report.build import SecurityReportOptions, build_security_report
from marsad.engines.security_report.model import ReportError
from marsad.engines.security_report.scope import filter_areas, resolve_area, resolve_case_study
from marsad.engines.security_report.strings import load_strings

ALIASES = load_strings().party_aliases()


@pytest.fixture(scope="module")
def gz():
    return default_gazetteer()


@pytest.mark.parametrize(
    ("text", "kind", "code"),
    [
        ("SY08", "place", "SY08"),
        ("sy120301", "place", "SY120301"),
        ("al-Hasakah", "place", "SY08"),  # the governorate wins over the city of the same name
        ("Raqqa", "place", "SY11"),
        ("دير الزور", "place", "SY09"),
        ("Afrin", "place", "SY020300"),  # the sub-district around the town
        ("community:Raqqa", "place", "C5710"),
        ("regime", "party", "regime"),
        ("النظام", "party", "regime"),
        ("sdf", "party", "aa"),
        ("قسد", "party", "aa"),
        ("Olive Branch", "sub_label", "olive_branch"),
    ],
)
def test_areas_resolve_to_places_and_parties(gz, text, kind, code):
    area = resolve_area(text, gz, ALIASES)
    assert (area.kind, area.code) == (kind, code)


def test_a_place_name_is_shown_as_written(gz):
    area = resolve_area("al-Hasakah", gz, ALIASES)
    assert (area.name_en, area.name_ar) == ("al-Hasakah", "الحسكة")


def test_an_unknown_area_is_a_bilingual_error(gz):
    with pytest.raises(ReportError) as caught:
        resolve_area("Atlantis on Euphrates", gz, ALIASES)
    assert "P-code" in caught.value.message_en and "رمز المكان" in caught.value.message_ar


def test_case_studies_are_sub_districts(gz):
    assert resolve_case_study("Douma", gz).code == "SY030200"
    assert resolve_case_study("C1366", gz).code == "SY020300"
    assert resolve_case_study("البوكمال", gz).code == "SY090200"
    with pytest.raises(ReportError):
        resolve_case_study("SY02", gz)


def test_party_areas_filter_on_the_control_at_the_time(incidents, gz):
    from marsad.engines.analysis import enrich

    table = enrich(incidents, gz)
    held = filter_areas(table, [resolve_area("peace_spring", gz, ALIASES)])
    assert held.num_rows and set(held["controlling_sub_label"].to_pylist()) == {"peace_spring"}
    assert pc.min(held["date"]).as_py().isoformat() >= "2019-10-13"


def _attacks(incidents, **options):
    defaults = {"date_from": YEAR[0], "date_to": YEAR[1], "lang": "en", "case_studies": ()}
    return build_security_report(incidents, SecurityReportOptions(**{**defaults, **options}))


def test_opposition_held_areas_give_the_published_figures(incidents):
    published = PUBLISHED["opposition"]
    report = _attacks(incidents, areas=("opposition",))
    figures = report.figures
    assert figures["A3.casualties"].value == published["casualties"] == 1209
    assert figures["A3.casualties_civilian"].value == published["civilian"]
    assert figures["A3.casualties_military"].value == published["military"]
    assert figures["A2.ied.incidents"].value == 93
    assert figures["A2.car_bomb.incidents"].value == 69
    assert not any(s.id.startswith("detentions") for s in report.sections)
    text = "".join(s.text for p in report.summary for s in p)
    assert "in areas held by the opposition" in text and "1,209" in text


def test_status_published_counts_only_published_incidents(incidents):
    report = _attacks(incidents, areas=("SY08", "SY09", "SY12"), statuses=("published",))
    rows = [
        r
        for r in incidents.to_pylist()
        if r["status"] == "published"
        and r["confidence"] != "discounted"
        and r["type"] in ("explosion", "assassination")
        and YEAR[0] <= r["date"] <= YEAR[1]
        and (r["date_end"] is None or r["date_end"] <= YEAR[1])
    ]
    gz = default_gazetteer()
    inside = [r for r in rows if gz.parents(r["pcode"])[-1].pcode in ("SY08", "SY09", "SY12")]
    assert report.figures["A1.all.incidents"].value == len(inside) < 380


def test_a_period_that_ends_before_it_starts_is_refused(incidents):
    with pytest.raises(ReportError):
        _attacks(incidents, date_from=YEAR[1], date_to=YEAR[0])
