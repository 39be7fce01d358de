"""A marker in every sensitive field of every record must appear in no public output."""

import io
import zipfile

import pytest

from marsad.codebook.services import active_codebook
from marsad.records.demo import load_demo
from marsad.records.models import Source, SourceReport
from marsad.transfer.exporting import export

pytestmark = pytest.mark.django_db
CANARY = "CANARY-7f3a9e"
FORMATS = ["csv", "xlsx", "geojson", "hxl", "json"]


@pytest.fixture
def marked():
    load_demo()
    codebook = active_codebook()
    for source in Source.objects.all():
        for name in codebook.sensitive_source_fields:
            setattr(source, name, f"{CANARY} {name} {source.pk}")
        source.name = f"{CANARY} name {source.pk}"  # no source information at all goes public
        source.save()
    for report in SourceReport.objects.all():
        for name in codebook.sensitive_record_fields:
            value = f"{CANARY}-{report.pk}"
            setattr(report, name, f"https://example.org/{value}" if name == "url" else value)
        report.report_id = f"{CANARY}-id-{report.pk}"
        report.save()


def readable(data: bytes) -> bytes:
    """The bytes to search: an XLSX keeps its text in compressed XML inside the zip."""
    if data.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            return b"".join(book.read(name) for name in book.namelist())
    return data


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_public_export_carries_a_sensitive_value(marked, fmt, tmp_path):
    out = io.BytesIO()
    result = export("incidents", fmt, out, public=True)
    assert result.rows > 0
    assert CANARY.encode() not in readable(out.getvalue())


def test_no_public_page_carries_a_sensitive_value(marked, client, settings):
    settings.MARSAD_PUBLIC_DOWNLOADS = True
    pages = ["/", "/attribution", "/export/"]
    for fmt in FORMATS:
        pages.append(f"/export/?kind=incidents&format={fmt}&download=1")
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert CANARY.encode() not in readable(body), url
