"""The codebook engine: the shipped codebook, schema checks, record validation, versioning.

Pure tests: no database, no Django.
"""

from __future__ import annotations

import copy
import datetime
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from marsad.engines.codebook import (
    Codebook,
    CodebookError,
    Problem,
    default_codebook_path,
    load_codebook,
    parse_codebook,
)

FIXTURES = Path(__file__).parent / "data" / "codebooks"


@pytest.fixture(scope="module")
def cb() -> Codebook:
    return load_codebook(default_codebook_path())


def shipped() -> dict[str, Any]:
    """The shipped codebook as plain data, for tests to edit."""
    return yaml.safe_load(default_codebook_path().read_text(encoding="utf-8"))


def words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def problems_of(data: Any) -> list[Problem]:
    with pytest.raises(CodebookError) as error:
        parse_codebook(data)
    return error.value.problems


def where(problems: list[Problem]) -> set[tuple[str, str]]:
    return {(p.field, p.code) for p in problems}


# -- the shipped codebook ----------------------------------------------------------------------


def test_the_shipped_codebook_loads(cb: Codebook) -> None:
    assert default_codebook_path().name == "marsad-default.yaml"
    assert cb.version == "2026.1"
    assert cb.languages == ("ar", "en")
    # The four indicators of the centre's reports, and a fifth that keeps imported UCDP/ACLED
    # events counted.
    assert set(cb.incident_types) == {
        "assassination",
        "explosion",
        "detention",
        "abduction",
        "armed_violence",
    }
    assert {t: cb.incident_types[t].form for t in cb.incident_types} == {
        "assassination": "attack",
        "explosion": "attack",
        "detention": "detention",
        "abduction": "detention",
        "armed_violence": "attack",
    }
    assert cb.incident_types["detention"].family == "deprivation_of_liberty"
    assert cb.incident_types["explosion"].family == "attack"
    assert cb.incident_types["detention"].label.ar == "اعتقال خارج نطاق القضاء"


def test_the_shipped_codes_are_the_agreed_ones(cb: Codebook) -> None:
    expected = {
        "method": "gunfire ied car_bomb mine grenade suicide_attack shelling air_strike other",
        "target_status": "civilian military police_security civil_defence media_worker "
        "humanitarian_worker official unknown",
        "operation_type": "arrest abduction enforced_disappearance raid",
        "perpetrator_type": "local foreign unknown",
        "source_type": "activist_social_media official_local_media observation_point "
        "partner_ngo targeted_party_official private_interview external_dataset",
        "gender": "male female mixed unknown",
        "date_precision": "day week month range",
        "place_precision": "point community subdistrict district governorate",
    }
    for name, codes in expected.items():
        assert cb.choice_lists[name].codes == words(codes), name
    assert [g.code for g in cb.confidence_grades] == [
        "confirmed_by_party",
        "corroborated",
        "single_source",
        "contested",
        "discounted",
    ]
    assert [g.rank for g in cb.confidence_grades] == [0, 1, 2, 3, 4]
    assert cb.grade("contested").label.ar == "متنازع عليه"


def test_sensitive_fields_are_declared_once_in_the_codebook(cb: Codebook) -> None:
    assert cb.sensitive_record_fields == {"observation_place", "url"}
    assert cb.sensitive_source_fields == {"identity", "contact"}


def test_a_sensitive_declaration_naming_an_unknown_field_is_refused(cb: Codebook) -> None:
    data = cb.as_dict()
    data["sensitive"]["record_fields"].append("informant_name")
    with pytest.raises(CodebookError) as refused:
        parse_codebook(data)
    assert [(p.field, p.code) for p in refused.value.problems] == [
        ("sensitive.record_fields[2]", "unknown_field")
    ]


def test_the_shipped_forms_have_the_fields_of_the_centre_s_forms(cb: Codebook) -> None:
    attack = cb.form_for("explosion")
    assert attack is cb.form_for("assassination")
    assert attack.field_names == words(
        "date date_precision date_end place place_precision latitude longitude type target "
        "method target_status perpetrator perpetrator_type killed injured killed_civilian "
        "killed_military killed_unknown injured_civilian injured_military injured_unknown "
        "narrative_ar narrative_en url"
    )
    detention = cb.form_for("abduction")
    assert detention.field_names == words(
        "date date_precision date_end place place_precision latitude longitude type "
        "operation_type target_status number_targeted controlling_party observation_place "
        "perpetrator perpetrator_type target_gender killed injured narrative_ar narrative_en "
        "url"
    )
    controlling = detention.field("controlling_party")
    assert controlling.kind == "derived" and controlling.source == "control_layer"
    # One shared definition, relabelled by the detention form.
    assert attack.field("perpetrator").label.en == "Perpetrator"
    assert detention.field("perpetrator").label.en == "Targeting party"
    assert detention.field("perpetrator").kind == attack.field("perpetrator").kind == "actor"
    date_end = attack.field("date_end")
    assert date_end.required_if is not None
    assert (date_end.required_if.field, date_end.required_if.equals) == ("date_precision", "range")


def test_every_label_has_both_languages(cb: Codebook) -> None:
    texts = [cb.name]
    texts += [t.label for t in cb.incident_types.values()]
    texts += [t.description for t in cb.incident_types.values() if t.description]
    texts += [f.label for f in cb.families.values()]
    texts += [item.label for items in cb.choice_lists.values() for item in items]
    texts += [form.label for form in cb.forms.values()]
    texts += [f.label for form in cb.forms.values() for f in form.fields]
    texts += [f.hint for form in cb.forms.values() for f in form.fields if f.hint]
    texts += [g.label for g in cb.confidence_grades]
    assert len(texts) > 100
    for text in texts:
        assert text.en.strip() and text.ar.strip(), text
        assert any("\u0600" <= ch <= "\u06ff" for ch in text.ar), text


def test_label_lookup(cb: Codebook) -> None:
    assert cb.label("method", "car_bomb") == "Car bomb"
    assert cb.label("method", "car_bomb", "ar") == "سيارة مفخخة"
    assert cb.label("target_status", "civil_defence", "ar") == "الدفاع المدني"
    assert cb.label("incident_types", "assassination", "ar") == "اغتيال"
    with pytest.raises(KeyError):
        cb.label("method", "catapult")


# -- digest and round trip ---------------------------------------------------------------------


def test_digest_is_stable_and_round_trips(cb: Codebook, tmp_path: Path) -> None:
    again = load_codebook(default_codebook_path())
    assert len(cb.digest) == 64 and int(cb.digest, 16) >= 0
    assert again.digest == cb.digest
    content = cb.as_dict()
    json.dumps(content)  # plain JSON data
    assert parse_codebook(content).digest == cb.digest
    assert parse_codebook(json.loads(json.dumps(content))).digest == cb.digest
    path = tmp_path / "codebook.json"
    path.write_text(json.dumps(content, ensure_ascii=False, indent=2), encoding="utf-8")
    assert load_codebook(path).digest == cb.digest
    # The YAML text itself parses to the same codebook.
    text = default_codebook_path().read_text(encoding="utf-8")
    assert parse_codebook(text).digest == cb.digest


def test_as_dict_is_a_copy(cb: Codebook) -> None:
    content = cb.as_dict()
    content["version"] = "changed"
    assert cb.as_dict()["version"] == "2026.1"


def test_digest_changes_with_content() -> None:
    data = shipped()
    data["choice_lists"]["method"][0]["label"]["en"] = "Shooting"
    changed = parse_codebook(data)
    assert changed.digest != load_codebook(default_codebook_path()).digest


# -- malformed codebooks -----------------------------------------------------------------------


def test_the_minimal_fixture_is_valid() -> None:
    assert load_codebook(FIXTURES / "minimal.yaml").version == "1"


@pytest.mark.parametrize(
    ("fixture", "path", "code"),
    [
        ("duplicate_code.yaml", "choice_lists.method[2].code", "duplicate_code"),
        ("missing_arabic_label.yaml", "choice_lists.method[2].label.ar", "missing"),
        ("unknown_list.yaml", "fields.method.list", "unknown_list"),
        ("missing_version.yaml", "version", "missing"),
        ("unknown_form.yaml", "incident_types.explosion.form", "unknown_form"),
    ],
)
def test_each_malformed_fixture_is_refused_with_its_path(
    fixture: str, path: str, code: str
) -> None:
    with pytest.raises(CodebookError) as error:
        load_codebook(FIXTURES / fixture)
    problems = error.value.problems
    assert [(p.field, p.code) for p in problems] == [(path, code)]
    problem = problems[0]
    assert path in problem.message_en and path in problem.message_ar
    assert str(problem).startswith(path)
    assert path in str(error.value)


def test_bad_yaml_reports_line_and_column() -> None:
    with pytest.raises(CodebookError) as error:
        load_codebook(FIXTURES / "bad_yaml.yaml")
    [problem] = error.value.problems
    assert problem.code == "bad_yaml"
    assert problem.value == {"line": 35, "column": 18}
    assert "line 35, column 18" in problem.message_en
    assert "السطر 35" in problem.message_ar and "العمود 18" in problem.message_ar


def test_bad_json_reports_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"version": "1",\n "name": }', encoding="utf-8")
    with pytest.raises(CodebookError) as error:
        load_codebook(path)
    [problem] = error.value.problems
    assert problem.code == "bad_json" and problem.value == {"line": 2, "column": 10}


def test_an_unreadable_file_is_a_codebook_error(tmp_path: Path) -> None:
    with pytest.raises(CodebookError) as error:
        load_codebook(tmp_path / "nowhere.yaml")
    assert error.value.problems[0].code == "unreadable"


def test_a_key_given_twice_is_refused() -> None:
    text = FIXTURES.joinpath("minimal.yaml").read_text(encoding="utf-8")
    text = text.replace('version: "1"\n', 'version: "1"\nversion: "2"\n')
    [problem] = problems_of(text)
    assert (problem.field, problem.code, problem.value) == ("version", "duplicate_key", "version")
    assert "line 3" in problem.message_en


@pytest.mark.parametrize("data", [[1, 2], "just text", None, 42])
def test_the_top_level_must_be_a_mapping(data: Any) -> None:
    problems = problems_of(data) if not isinstance(data, str) else problems_of(data)
    assert [(p.field, p.code) for p in problems] == [("", "not_a_mapping")]
    assert "(top level)" in str(problems[0])


def test_every_problem_is_reported_not_just_the_first() -> None:
    data = shipped()
    del data["version"]
    data["choice_lists"]["method"][2]["label"] = {"en": "Car bomb"}
    data["choice_lists"]["gender"].append({"code": "male", "label": {"en": "M", "ar": "م"}})
    data["fields"]["method"]["list"] = "methods"
    data["forms"]["attack"]["fields"].append("weather")
    data["incident_types"]["abduction"]["form"] = "kidnap"
    data["fields"]["target"]["kind"] = "essay"
    data["fields"]["date_end"]["required_if"]["field"] = "precision_of_date"
    problems = problems_of(data)
    assert where(problems) == {
        ("version", "missing"),
        ("choice_lists.method[2].label.ar", "missing"),
        ("choice_lists.gender[4].code", "duplicate_code"),
        ("fields.method.list", "unknown_list"),
        ("forms.attack.fields[24]", "unknown_field"),
        ("incident_types.abduction.form", "unknown_form"),
        ("fields.target.kind", "unknown_kind"),
        ("fields.date_end.required_if.field", "unknown_field"),
    }
    for problem in problems:
        assert problem.message_en and problem.message_ar
        assert problem.field in problem.message_en and problem.field in problem.message_ar
        assert problem.message_en != problem.message_ar


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda d: d["name"].pop("en"), ("name.en", "missing")),
        (lambda d: d.__setitem__("version", 2026.1), ("version", "wrong_type")),
        (lambda d: d.__setitem__("languages", ["en"]), ("languages", "missing_language")),
        (lambda d: d.__setitem__("colour", "red"), ("colour", "unknown_key")),
        (
            lambda d: d["fields"]["killed"].__setitem__("requried", True),
            ("fields.killed.requried", "unknown_key"),
        ),
        (
            lambda d: d["choice_lists"]["method"][0]["label"].__setitem__("fr", "Tir"),
            ("choice_lists.method[0].label.fr", "unknown_language"),
        ),
        (
            lambda d: d["choice_lists"]["method"][0].__setitem__("code", "Gun Fire"),
            ("choice_lists.method[0].code", "invalid_code"),
        ),
        (
            lambda d: d["choice_lists"]["method"][1]["aliases"].append("gunshot"),
            ("choice_lists.method[1].aliases[3]", "ambiguous_alias"),
        ),
        (
            lambda d: d["incident_types"]["explosion"].__setitem__("family", "weather"),
            ("incident_types.explosion.family", "unknown_family"),
        ),
        (
            lambda d: (
                d["fields"]["killed"].__setitem__("min", 5)
                or d["fields"]["killed"].__setitem__("max", 1)
            ),
            ("fields.killed.min", "min_above_max"),
        ),
        (
            lambda d: d["fields"]["target"].__setitem__("min", 0),
            ("fields.target.min", "not_applicable"),
        ),
        (
            lambda d: d["fields"]["method"].pop("list"),
            ("fields.method.list", "missing"),
        ),
        (
            lambda d: d["fields"]["date_end"]["required_if"].__setitem__("equals", "fortnight"),
            ("fields.date_end.required_if.equals", "unknown_choice"),
        ),
        (
            lambda d: d["fields"]["killed_civilian"].__setitem__("breakdown_of", "target"),
            ("fields.killed_civilian.breakdown_of", "wrong_kind"),
        ),
        (
            lambda d: d["fields"]["controlling_party"].__setitem__("required", True),
            ("fields.controlling_party.required", "derived_required"),
        ),
        (
            lambda d: d["forms"]["detention"]["fields"].remove("date_precision"),
            ("forms.detention.fields[1].required_if.field", "field_not_in_form"),
        ),
        (
            lambda d: d["forms"]["detention"]["fields"].append("date"),
            ("forms.detention.fields[21]", "duplicate_field"),
        ),
        (
            lambda d: d["forms"]["detention"]["fields"][13].__setitem__("kind", "text"),
            ("forms.detention.fields[13].kind", "unknown_key"),
        ),
        (
            lambda d: d["choice_lists"].__setitem__(
                "incident_types", [{"code": "x", "label": {"en": "X", "ar": "س"}}]
            ),
            ("choice_lists.incident_types", "duplicate_code"),
        ),
        (lambda d: d.__setitem__("confidence_grades", []), ("confidence_grades", "empty")),
        (lambda d: d["region"]["bbox"].pop("east"), ("region.bbox.east", "missing")),
    ],
)
def test_schema_checks(edit: Any, expected: tuple[str, str]) -> None:
    data = shipped()
    edit(data)
    problems = problems_of(data)
    assert expected in where(problems), [str(p) for p in problems]


def test_required_if_pointing_to_an_unknown_field_in_a_form_override() -> None:
    data = shipped()
    data["forms"]["attack"]["fields"][0] = {
        "name": "date",
        "required_if": {"field": "moon_phase", "equals": "full"},
    }
    assert ("forms.attack.fields[0].required_if.field", "unknown_field") in where(problems_of(data))


# -- record validation -------------------------------------------------------------------------


def attack_record(**changes: object) -> dict[str, object]:
    record: dict[str, object] = {
        "type": "explosion",
        "date": "2020-01-05",
        "date_precision": "day",
        "place": "SY140400",
        "place_precision": "community",
        "latitude": 32.8,
        "longitude": 36.2,
        "target": "A checkpoint",
        "method": "ied",
        "target_status": "military",
        "perpetrator": "Unknown gunmen",
        "perpetrator_type": "unknown",
        "killed": 3,
        "injured": "٥",
        "killed_civilian": 1,
        "killed_military": 2,
        "narrative_ar": "انفجار عبوة ناسفة على حاجز",
        "narrative_en": "An IED exploded at a checkpoint.",
        "url": "https://example.org/post/1",
    }
    record.update(changes)
    return record


def detention_record(**changes: object) -> dict[str, object]:
    record: dict[str, object] = {
        "type": "detention",
        "date": datetime.date(2020, 1, 12),
        "date_precision": "week",
        "place": "Afrin",
        "place_precision": "community",
        "operation_type": "raid",
        "target_status": "civilian",
        "number_targeted": "3",
        "observation_place": "Observation point 4",
        "perpetrator": 17,
        "perpetrator_type": "local",
        "target_gender": "male",
        "controlling_party": "anything: derived, not checked",
    }
    record.update(changes)
    return record


@pytest.mark.parametrize(
    "record",
    [
        attack_record(),
        attack_record(type="assassination", method="gunfire", target_status="official"),
        detention_record(),
        detention_record(type="abduction", operation_type="abduction", target_gender="female"),
        # the minimum: only what is required
        {
            "type": "explosion",
            "date": "2020-01-05",
            "date_precision": "day",
            "place_precision": "district",
        },
    ],
    ids=["explosion", "assassination", "detention", "abduction", "minimal"],
)
def test_valid_records_have_no_problems(cb: Codebook, record: dict[str, object]) -> None:
    assert cb.validate_record(record) == []


def test_unknown_fields_are_ignored(cb: Codebook) -> None:
    assert cb.validate_record(attack_record(source_colour="blue", id=7)) == []


def test_incident_type_can_be_given_by_the_caller(cb: Codebook) -> None:
    record = attack_record()
    del record["type"]
    assert cb.validate_record(record, "assassination") == []
    [problem] = cb.validate_record(attack_record(type="explosion"), "assassination")
    assert (problem.field, problem.code) == ("type", "type_mismatch")


@pytest.mark.parametrize("value", [None, "", "   "])
def test_a_missing_type_is_reported(cb: Codebook, value: object) -> None:
    [problem] = cb.validate_record(attack_record(type=value))
    assert (problem.field, problem.code) == ("type", "missing")


def test_an_unknown_incident_type_is_reported(cb: Codebook) -> None:
    [problem] = cb.validate_record(attack_record(type="looting"))
    assert (problem.field, problem.code, problem.value) == (
        "type",
        "unknown_incident_type",
        "looting",
    )
    assert "2026.1" in problem.message_en and "2026.1" in problem.message_ar


def codes(problems: list[Problem]) -> list[tuple[str, str]]:
    return [(p.field, p.code) for p in problems]


@pytest.mark.parametrize("empty", [None, "", "  "])
def test_required_fields(cb: Codebook, empty: object) -> None:
    problems = cb.validate_record(attack_record(date=empty, place_precision=empty))
    assert codes(problems) == [("date", "missing"), ("place_precision", "missing")]
    problems = cb.validate_record(detention_record(operation_type=empty))
    assert codes(problems) == [("operation_type", "missing")]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"method": "IED"}, ("method", "unknown_choice")),
        ({"method": "catapult"}, ("method", "unknown_choice")),
        ({"target_status": "عسكري"}, ("target_status", "unknown_choice")),
        ({"killed": -1}, ("killed", "negative")),
        ({"killed": "-1"}, ("killed", "negative")),
        ({"killed": "three"}, ("killed", "not_integer")),
        ({"killed": 2.5}, ("killed", "not_integer")),
        ({"killed": True}, ("killed", "not_integer")),
        ({"date": "05/01/2020"}, ("date", "invalid_date")),
        ({"date": "2020-02-30"}, ("date", "invalid_date")),
        ({"date": 20200105}, ("date", "invalid_date")),
        ({"date_precision": "range"}, ("date_end", "missing")),
        (
            {"date_precision": "range", "date_end": "2020-01-01"},
            ("date_end", "date_order"),
        ),
        ({"date_end": "2019-12-31"}, ("date_end", "date_order")),
        ({"latitude": 91}, ("latitude", "out_of_range")),
        ({"longitude": -181.5}, ("longitude", "out_of_range")),
        ({"latitude": "north"}, ("latitude", "not_a_number")),
        ({"latitude": 30.1}, ("latitude", "outside_syria")),
        ({"longitude": 44.0}, ("longitude", "outside_syria")),
        ({"longitude": None}, ("latitude", "incomplete_coordinates")),
        ({"killed": 2}, ("killed", "breakdown_exceeds_total")),
        ({"injured": 0, "injured_unknown": 1}, ("injured", "breakdown_exceeds_total")),
        ({"url": "example.org/post"}, ("url", "invalid_url")),
        ({"url": "javascript:alert(1)"}, ("url", "invalid_url")),
        ({"narrative_en": 12}, ("narrative_en", "invalid_value")),
        ({"place": ["Jasim"]}, ("place", "invalid_value")),
    ],
)
def test_attack_record_failures(
    cb: Codebook, changes: dict[str, object], expected: tuple[str, str]
) -> None:
    assert codes(cb.validate_record(attack_record(**changes))) == [expected]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"number_targeted": 0}, ("number_targeted", "below_min")),
        ({"number_targeted": "many"}, ("number_targeted", "not_integer")),
        ({"operation_type": "arrests"}, ("operation_type", "unknown_choice")),
        ({"target_gender": "men"}, ("target_gender", "unknown_choice")),
        ({"perpetrator_type": "Local"}, ("perpetrator_type", "unknown_choice")),
        ({"type": "explosion"}, ("type", "type_mismatch")),
    ],
)
def test_detention_record_failures(
    cb: Codebook, changes: dict[str, object], expected: tuple[str, str]
) -> None:
    record = detention_record(**changes)
    incident_type = "detention" if changes.get("type") == "explosion" else None
    assert codes(cb.validate_record(record, incident_type)) == [expected]


def test_numbers_and_dates_in_other_notations(cb: Codebook) -> None:
    record = attack_record(
        date="٢٠٢٠-٠١-٠٥",
        date_precision="range",
        date_end=datetime.datetime(2020, 1, 9, 14, 30),
        killed="٣",
        killed_civilian=1.0,
        latitude="٣٢٫٨",
        longitude="36.2",
    )
    assert cb.validate_record(record) == []


def test_the_breakdown_may_be_partial_but_never_above_the_total(cb: Codebook) -> None:
    assert (
        cb.validate_record(attack_record(killed=3, killed_civilian=3, killed_military=None)) == []
    )
    assert cb.validate_record(attack_record(killed=None, killed_civilian=9)) == []
    [problem] = cb.validate_record(attack_record(killed=2, killed_civilian=2, killed_military=1))
    assert problem.value == 2
    assert (
        "(3)" in problem.message_en and "Civilians killed + Military killed" in problem.message_en
    )
    assert "القتلى المدنيون + القتلى العسكريون" in problem.message_ar


def test_outside_syria_is_a_warning(cb: Codebook) -> None:
    [problem] = cb.validate_record(attack_record(latitude=33.3, longitude=44.4))  # Baghdad
    assert problem.code == "outside_syria" and problem.severity == "warning"
    assert "Syria" in problem.message_en and "سوريا" in problem.message_ar
    assert all(p.severity == "error" for p in cb.validate_record(attack_record(killed=-1)))


def test_derived_fields_are_not_checked(cb: Codebook) -> None:
    assert cb.validate_record(detention_record(controlling_party=None)) == []
    assert cb.validate_record(detention_record(controlling_party=["any", "thing"])) == []


def test_record_messages_name_the_field_by_its_label_in_each_language(cb: Codebook) -> None:
    problems = cb.validate_record(
        attack_record(date_precision="range", date_end=None, method="IED", killed="x"),
        row=12,
    )
    by_field = {p.field: p for p in problems}
    assert set(by_field) == {"date_end", "method", "killed"}
    assert "End date" in by_field["date_end"].message_en
    assert "Between two dates" in by_field["date_end"].message_en
    assert "تاريخ النهاية" in by_field["date_end"].message_ar
    assert "بين تاريخين" in by_field["date_end"].message_ar
    assert "Targeting method" in by_field["method"].message_en
    assert "وسيلة الاستهداف" in by_field["method"].message_ar
    assert "القتلى" in by_field["killed"].message_ar
    for problem in problems:
        assert problem.row == 12
        assert str(problem).startswith("row 12: ")
        assert problem.message("ar") == problem.message_ar
        assert problem.message("en") == problem.message_en
    # The detention form's own label for the shared perpetrator field.
    [problem] = cb.validate_record(detention_record(perpetrator=["x"]))
    assert "Targeting party" in problem.message_en and "الجهة المستهدِفة" in problem.message_ar


# -- resolving free text to codes (for importers) ----------------------------------------------


@pytest.mark.parametrize(
    ("list_name", "value", "code"),
    [
        ("method", "ied", "ied"),
        ("method", "IED", "ied"),
        ("method", "عبوة ناسفة", "ied"),
        ("method", "عبوه ناسفه", "ied"),  # taa marbuta written as haa
        ("method", "عُبْوَة نَاسِفَة", "ied"),  # diacritics
        ("method", "عبـــوة ناسفة", "ied"),  # tatweel
        ("method", "  Car Bomb ", "car_bomb"),
        ("method", "car bomb", "car_bomb"),
        ("method", "VBIED", "car_bomb"),
        ("method", "إطلاق نار", "gunfire"),
        ("method", "اطلاق نار", "gunfire"),  # hamza dropped
        ("method", "الغام", "mine"),  # alias without hamza
        ("method", "قنبله يدويه", "grenade"),
        ("method", "غارة جوية", "air_strike"),
        ("target_status", "الدفاع المدنى", "civil_defence"),  # alef maqsura for yaa
        ("target_status", "مسؤول محلي", "official"),
        ("target_status", "مسئول محلي", "official"),  # an alias: ؤ and ئ normalise apart
        ("perpetrator_type", "مجهول", "unknown"),
        ("gender", "أنثى", "female"),
        ("gender", "انثي", "female"),
        ("incident_types", "اغتيال", "assassination"),
        ("incident_types", "Extrajudicial detention", "detention"),
        ("date_precision", "range", "range"),
    ],
)
def test_resolve_choice(cb: Codebook, list_name: str, value: str, code: str) -> None:
    assert cb.resolve_choice(list_name, value) == code


def test_resolve_choice_misses(cb: Codebook) -> None:
    assert cb.resolve_choice("method", "catapult") is None
    assert cb.resolve_choice("method", None) is None
    assert cb.resolve_choice("method", "") is None
    with pytest.raises(KeyError):
        cb.resolve_choice("weather", "rain")


# -- versioning and new indicators -------------------------------------------------------------


def test_old_records_keep_validating_under_their_version() -> None:
    version_a = load_codebook(default_codebook_path())
    stored_a = version_a.as_dict()  # what the database keeps for version A

    data = shipped()
    data["version"] = "2026.2"
    data["choice_lists"]["method"] = [
        item for item in data["choice_lists"]["method"] if item["code"] != "grenade"
    ]
    version_b = parse_codebook(data)
    assert version_b.digest != version_a.digest

    record = attack_record(method="grenade")
    assert parse_codebook(stored_a).validate_record(record) == []
    problems = version_b.validate_record(record)
    assert codes(problems) == [("method", "unknown_choice")]
    assert "grenade" in problems[0].message_en


def test_a_new_indicator_needs_no_code_change(tmp_path: Path) -> None:
    data = shipped()
    data["version"] = "2026.2"
    data["incident_types"]["shelling"] = {
        "label": {"en": "Shelling", "ar": "قصف"},
        "description": {
            "en": "Artillery, mortar or rocket fire on a populated place.",
            "ar": "قصف مدفعي أو بقذائف الهاون أو الصواريخ على منطقة مأهولة.",
        },
        "form": "attack",
        "family": "attack",
    }
    path = tmp_path / "codebook-2026.2.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    cb = load_codebook(path)
    assert cb.form_for("shelling") is cb.forms["attack"]
    assert cb.label("incident_types", "shelling", "ar") == "قصف"
    assert cb.resolve_choice("incident_types", "Shelling") == "shelling"
    assert cb.validate_record(attack_record(type="shelling", method="shelling")) == []
    assert codes(cb.validate_record(attack_record(type="shelling", killed=-2))) == [
        ("killed", "negative")
    ]
    # The same record is refused by the shipped version, which has no shelling type.
    old = load_codebook(default_codebook_path())
    assert codes(old.validate_record(attack_record(type="shelling"))) == [
        ("type", "unknown_incident_type")
    ]


def test_copying_an_incident_type_with_its_aliases_is_ambiguous() -> None:
    data = shipped()
    data["incident_types"]["explosion"]["aliases"] = ["blast"]
    data["incident_types"]["shelling"] = copy.deepcopy(data["incident_types"]["explosion"])
    data["incident_types"]["shelling"]["label"] = {"en": "Shelling", "ar": "قصف"}
    assert ("incident_types.shelling.aliases[0]", "ambiguous_alias") in where(problems_of(data))


def test_the_engine_does_not_import_django() -> None:
    code = (
        "import sys, marsad.engines.codebook as c; c.load_codebook(c.default_codebook_path()); "
        "print(any(m.split('.')[0] == 'django' for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
