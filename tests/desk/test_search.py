"""Full-text search with normalised Arabic: spelling variants of one word find each other, and a
place or actor name in either script finds records written in the other."""

import pytest

from marsad.desk.search import refresh_search_text, search_terms
from marsad.records.models import Incident, SourceReport
from tests.desk.conftest import ids, listed

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst(client, users):
    client.force_login(users.analyst)
    return client


def search(client, text, path="/incidents/"):
    return listed(client.get(path, {"q": text}))


def test_taa_marbuta_and_haa_are_the_same_letter(analyst, world):
    # "الرقة" is Raqqa (the place of one incident) and the douma detainee's home town,
    # written "الرقه" in that narrative.
    assert search(analyst, "الرقة") == ids(world.raqqa, world.douma)
    assert search(analyst, "الرقه") == ids(world.raqqa, world.douma)


def test_hamza_forms_diacritics_and_tatweel_are_ignored(analyst, world):
    assert search(analyst, "اغتيال") == ids(world.jasim)  # stored as "إغتيال"
    assert search(analyst, "أغتيال") == ids(world.jasim)
    assert search(analyst, "جَاسِم") == ids(world.jasim)  # diacritics
    assert search(analyst, "جاسم") == ids(world.jasim)  # stored with a tatweel: "جـاسم"


def test_english_place_and_actor_names_find_arabic_only_records(analyst, world):
    assert search(analyst, "Jasim") == ids(world.jasim)  # its narrative is Arabic only
    assert search(analyst, "jasim") == ids(world.jasim)  # case does not matter
    assert search(analyst, "Duma") == ids(world.douma)
    assert search(analyst, "Daraa") == ids(world.jasim, world.daraa_gov)  # the governorate too
    assert search(analyst, "ISIS") == ids(world.raqqa)  # the perpetrator's name
    assert search(analyst, "خلايا تنظيم") == ids(world.raqqa)


def test_every_word_must_match_and_a_number_finds_the_record(analyst, world):
    assert search(analyst, "الرقة حاجز") == ids(world.douma)
    assert search(analyst, f"#{world.daraa_gov.pk}") == ids(world.daraa_gov)
    assert search(analyst, "nothing-like-this") == set()


def test_reports_are_searched_by_what_the_source_wrote(analyst, world):
    assert search(analyst, "somewhere", "/reports/") == ids(world.reports.loose)
    assert search(analyst, "الرقه", "/reports/") == ids(world.reports.raqqa)


def test_the_search_text_follows_edits_and_bulk_imports(world):
    world.douma.narrative_en = "Detained at the Wafideen checkpoint"
    world.douma.save()
    assert Incident.objects.filter(search_text__contains="wafideen").get() == world.douma
    SourceReport.objects.filter(pk=world.reports.loose.pk).update(
        search_text="", place_text="Tadmur"
    )
    assert refresh_search_text(SourceReport.objects.filter(search_text="")) == 1
    assert SourceReport.objects.get(pk=world.reports.loose.pk).search_text == "tadmur"


def test_search_terms_are_normalised_and_limited():
    assert search_terms("  الرَّقَّة   Raqqa ") == ["الرقه", "raqqa"]
    assert len(search_terms("word " * 50)) == 10
