import datetime as dt

import pytest

from marsad.analysis import snapshot, snapshot_file
from marsad.codebook.services import active_version
from marsad.places.models import Place
from marsad.places.services import control_layer
from marsad.records.models import Actor, Incident, IncidentReport, Source, SourceReport

JASIM = "SY120301"  # the Jasim sub-district of Daraa, regime-held in 2019-2020


@pytest.fixture
def data_dir(settings, tmp_path):
    """A data directory of the test's own, so snapshots never leak between tests."""
    settings.DATA_DIR = tmp_path
    snapshot_file.forget()
    snapshot.mark_changed()
    yield tmp_path
    snapshot_file.forget()


@pytest.fixture
def make_incident(db):
    version, layer = active_version(), control_layer()

    def make(pcode=JASIM, **fields):
        values = {"type": "explosion", "date": dt.date(2020, 1, 15), "status": "verified"}
        values.update(fields)
        incident = Incident(
            codebook_version=version, place=Place.objects.get(pcode=pcode), **values
        )
        incident.derive_control(layer)  # one layer for all, not one query per save
        incident.save()
        return incident

    return make


@pytest.fixture
def desk(data_dir, make_incident):
    """A handful of incidents with a perpetrator and accounts from two sources, snapshotted."""
    militia = Actor.objects.create(name_en="Unknown gunmen", actor_type="unknown")
    activists = Source.objects.create(name="Horan Free League", source_type="activist_social_media")
    official = Source.objects.create(name="SANA", source_type="official_media")
    incidents = [
        make_incident(type=kind, killed_best=n, perpetrator=militia if n % 2 else None)
        for n, kind in enumerate(["explosion", "assassination", "detention", "abduction"] * 2)
    ]
    version = active_version()
    for n, incident in enumerate(incidents[:4]):
        for source in (activists, official)[: 1 + n % 2]:
            account = SourceReport.objects.create(
                codebook_version=version,
                source=source,
                type=incident.type,
                report_id=f"R-{n}-{source.pk}",
            )
            IncidentReport.objects.create(incident=incident, report=account)
    refresh = snapshot.refresh_snapshot()
    assert refresh.rebuilt and refresh.rows == len(incidents)
    return incidents
