import datetime

import pytest
import yaml
from click.testing import CliRunner

from marsad.cli import main
from marsad.codebook.models import CodebookVersion
from marsad.codebook.services import (
    active_codebook,
    active_version,
    codebook_of,
    load_codebook_file,
)
from marsad.engines.codebook import CodebookError, default_codebook_path
from marsad.records.models import Source, SourceReport

pytestmark = pytest.mark.django_db


def shipped():
    return yaml.safe_load(default_codebook_path().read_text(encoding="utf-8"))


def test_loading_the_same_file_twice_stores_one_version():
    version, created = load_codebook_file()
    assert not created
    assert CodebookVersion.objects.filter(version=version.version).count() == 1


def test_a_new_indicator_is_data_plus_one_command(tmp_path):
    data = shipped()
    data["version"] = "test-shelling"
    data["incident_types"]["shelling"] = {
        **data["incident_types"]["explosion"],
        "label": {"en": "Shelling", "ar": "قصف"},
    }
    path = tmp_path / "codebook.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(main, ["codebook", "load", str(path)])
    assert result.exit_code == 0, result.output
    assert "shelling" in active_codebook().incident_types


def test_a_malformed_codebook_is_refused_and_nothing_changes(tmp_path):
    data = shipped()
    data["version"] = "broken"
    first_list = next(iter(data["choice_lists"]))
    items = data["choice_lists"][first_list]
    items.append(dict(items[0]))  # a duplicate code
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    before = list(CodebookVersion.objects.values_list("version", "is_active"))
    result = CliRunner().invoke(main, ["codebook", "load", str(path)])
    assert result.exit_code == 1
    assert "nothing changed" in result.output and first_list in result.output
    assert list(CodebookVersion.objects.values_list("version", "is_active")) == before


def test_changed_content_under_an_existing_version_is_refused(tmp_path):
    data = shipped()
    data["name"]["en"] = data["name"]["en"] + " (edited)"
    path = tmp_path / "edited.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CodebookError) as refused:
        load_codebook_file(path)
    assert refused.value.problems[0].code == "version_exists"


def test_old_records_keep_validating_under_their_version(tmp_path):
    old = active_version()
    source = Source.objects.create(name="Daraa 24", source_type="activist_social_media")
    report = SourceReport.objects.create(
        codebook_version=old,
        source=source,
        report_id="D24-1",
        type="explosion",
        date=datetime.date(2020, 1, 5),
        method="grenade",
        killed=1,
    )
    assert report.codebook_problems() == []
    data = shipped()
    data["version"] = "no-grenades"
    data["choice_lists"]["method"] = [
        item for item in data["choice_lists"]["method"] if item["code"] != "grenade"
    ]
    path = tmp_path / "v2.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    new, _ = load_codebook_file(path)
    report.refresh_from_db()
    assert report.codebook_problems() == []
    problems = codebook_of(new).validate_record(report.as_record())
    assert [p.field for p in problems] == ["method"]
