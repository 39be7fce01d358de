import datetime

import pytest
from click.testing import CliRunner

from marsad.cli import main
from marsad.engines.control import ControlLayerError
from marsad.places.models import ControlPeriod, Place
from marsad.places.services import controlling_party, import_control_csv
from marsad.records.models import Incident

pytestmark = pytest.mark.django_db
HEADER = "pcode,party,sub_label,start,end,source,note,approximate\n"


def write(tmp_path, body, name="layer.csv"):
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


@pytest.fixture
def community():
    """A community whose own periods will override its sub-district's."""
    return Place.objects.filter(level="community").order_by("pcode").first()


def test_import_adds_periods_and_is_idempotent(tmp_path, community):
    path = write(tmp_path, f"{community.pcode},contested,,2021-01-01,2021-06-30,Test note,,true\n")
    assert import_control_csv(path)["created"] == 1
    assert import_control_csv(path) == {"created": 0, "unchanged": 1, "deleted": 0}
    assert controlling_party(community.pcode, datetime.date(2021, 3, 1)).party == "contested"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "{p},regime,,2021-01-01,2021-06-30,a,,true\n{p},aa,,2021-06-01,2021-12-31,b,,true\n",
            "row 3",
        ),
        ("SY999999,regime,,2021-01-01,2021-06-30,a,,true\n", "SY999999"),
        ("{p},regime,,2021-06-30,2021-01-01,a,,true\n", "end"),
        ("{p},caliphate,,2021-01-01,2021-06-30,a,,true\n", "party"),
    ],
    ids=["overlap", "unknown-pcode", "reversed-dates", "unknown-party"],
)
def test_bad_rows_are_refused_and_nothing_changes(tmp_path, community, body, expected):
    before = ControlPeriod.objects.count()
    path = write(tmp_path, body.format(p=community.pcode))
    with pytest.raises(ControlLayerError) as refused:
        import_control_csv(path)
    assert expected in str(refused.value)
    assert ControlPeriod.objects.count() == before
    result = CliRunner().invoke(main, ["control", "import", str(path)])
    assert result.exit_code == 1
    assert "nothing changed" in result.output and expected in result.output
    assert ControlPeriod.objects.count() == before


def test_overlap_with_stored_periods_is_refused(tmp_path, community):
    import_control_csv(
        write(tmp_path, f"{community.pcode},regime,,2021-01-01,2021-06-30,a,,true\n")
    )
    clash = write(tmp_path, f"{community.pcode},aa,,2021-03-01,2021-04-30,b,,true\n", "clash.csv")
    with pytest.raises(ControlLayerError):
        import_control_csv(clash)


def test_incidents_take_their_controlling_party_from_the_layer(community):
    from marsad.codebook.services import active_version

    on = datetime.date(2020, 2, 1)
    incident = Incident(
        codebook_version=active_version(), type="explosion", date=on, place=community
    )
    incident.derive_control()
    expected = controlling_party(community.pcode, on)
    assert (incident.controlling_party, incident.controlling_sub_label) == (
        expected.party,
        expected.sub_label,
    )


def test_control_show_prints_the_party_on_a_date(community):
    result = CliRunner().invoke(
        main, ["control", "show", community.parent.pcode, "--on", "2020-01-15"]
    )
    assert result.exit_code == 0, result.output
    expected = controlling_party(community.parent.pcode, datetime.date(2020, 1, 15))
    assert expected.party in result.output


def test_importing_control_periods_updates_the_incidents_they_cover(tmp_path, community):
    from marsad.audit.models import ChangeLog
    from marsad.codebook.services import active_version

    on = datetime.date(2021, 2, 1)
    incident = Incident.objects.create(
        codebook_version=active_version(), type="explosion", date=on, place=community
    )
    assert incident.controlling_party == ""  # the shipped layer ends in 2020
    import_control_csv(
        write(
            tmp_path, f"{community.pcode},opposition,idlib_hts,2021-01-01,2021-06-30,Test,,true\n"
        )
    )
    incident.refresh_from_db()
    assert (incident.controlling_party, incident.controlling_sub_label) == (
        "opposition",
        "idlib_hts",
    )
    update = ChangeLog.objects.filter(
        model="records.Incident", object_id=str(incident.pk), action="update"
    ).get()
    assert update.changed_fields() == ["controlling_party", "controlling_sub_label", "updated_at"]
