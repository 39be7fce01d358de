import html
import re

import pytest
from django.contrib.auth.models import Group

from marsad.records.models import Actor, Source


def member(django_user_model, username, *groups):
    user = django_user_model.objects.create_user(username, password="a long passphrase 1")
    user.groups.set(Group.objects.filter(name__in=groups))
    return user


@pytest.fixture
def monitor(db, django_user_model):
    return member(django_user_model, "samira", "monitor")


@pytest.fixture
def other_monitor(db, django_user_model):
    return member(django_user_model, "khaled", "monitor")


@pytest.fixture
def reviewer(db, django_user_model):
    return member(django_user_model, "rana", "reviewer")


@pytest.fixture
def trusted_monitor(db, django_user_model):
    """A monitor also allowed to know who sources are."""
    return member(django_user_model, "nour", "monitor", "source identities")


@pytest.fixture
def source(db):
    return Source.objects.create(
        name="Daraa 24",
        source_type="activist_social_media",
        identity="Abu Hamza, the pharmacist in Jasim",
        contact="+963 944 000 111",
        language="ar",
    )


@pytest.fixture
def gunmen(db):
    return Actor.objects.create(
        name_ar="مسلحون مجهولون", name_en="Unknown gunmen", actor_type="unknown"
    )


@pytest.fixture
def assassination(source, gunmen):
    """What a monitor sends for an assassination in Jasim, as the browser posts it."""
    return {
        "source": str(source.pk),
        "source_query": source.name,
        "date_precision": "day",
        "date": "2020-01-15",
        "place": "C6111",
        "place_text": "جاسم",
        "place_precision": "community",
        "target": "عضو في لجنة التسوية",
        "method": "gunfire",
        "target_status": "civilian",
        "perpetrator": str(gunmen.pk),
        "perpetrator_text": "مسلحون مجهولون",
        "perpetrator_type": "unknown",
        "killed": "١",  # Arabic-Indic digits, as an Arabic keyboard types them
        "killed_civilian": "1",
        "narrative_ar": "اغتيال عضو في لجنة التسوية بإطلاق نار في جاسم",
    }


def field_error(response, input_id: str) -> str:
    """The message shown under an input (empty when there is none)."""
    found = re.search(
        rf'<p class="field-error" id="{re.escape(input_id)}-error">(.*?)</p>',
        response.content.decode(),
        re.S,
    )
    return html.unescape(found.group(1)) if found else ""


def input_value(response, name: str) -> str | None:
    """The value an input (or textarea, or selected option) shows; None when there is none."""
    page = response.content.decode()
    tag = re.search(rf'<input[^>]*\bname="{re.escape(name)}"[^>]*>', page)
    if tag and 'type="radio"' not in tag.group(0) and 'type="checkbox"' not in tag.group(0):
        value = re.search(r'\bvalue="([^"]*)"', tag.group(0))
        return html.unescape(value.group(1)) if value else ""
    area = re.search(rf'<textarea[^>]*\bname="{re.escape(name)}"[^>]*>(.*?)</textarea>', page, re.S)
    if area:
        return html.unescape(area.group(1))
    select = re.search(rf'<select[^>]*\bname="{re.escape(name)}"[^>]*>(.*?)</select>', page, re.S)
    if select:
        chosen = re.search(r'<option value="([^"]*)" selected>', select.group(1))
        return html.unescape(chosen.group(1)) if chosen else ""
    radio = re.search(
        rf'<input[^>]*\bname="{re.escape(name)}"[^>]*value="([^"]*)"[^>]*checked', page
    )
    return html.unescape(radio.group(1)) if radio else None
