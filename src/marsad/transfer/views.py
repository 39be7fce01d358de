"""Import (upload, preview every row's problems, confirm) and export (filtered download) pages."""

from __future__ import annotations

import json
import secrets
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.text import get_valid_filename
from django.views.decorators.http import require_POST

from marsad.engines import export_formats
from marsad.engines.report_rows import MappingError
from marsad.engines.tabular import TableError
from marsad.records.models import Incident
from marsad.records.visibility import visible_incidents, visible_reports
from marsad.transfer.exporting import ExportRefused, export
from marsad.transfer.filters import RecordFilters
from marsad.transfer.forms import ExportForm, UploadForm
from marsad.transfer.importing import ImportRefused, import_reports


def _uploads() -> Path:
    folder = Path(settings.DATA_DIR) / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _upload(request, token: str) -> tuple[Path, dict]:
    """The uploaded file of ``token``; only the person who uploaded it may use it."""
    if not token.replace("-", "").replace("_", "").isalnum():
        raise Http404
    folder = _uploads() / token
    meta_file = folder / "meta.json"
    if not meta_file.exists():
        raise Http404
    meta = json.loads(meta_file.read_text())
    if meta["user"] != request.user.pk:
        raise PermissionDenied
    return folder / meta["filename"], meta


@login_required
@permission_required("records.add_sourcereport", raise_exception=True)
def import_upload(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return render(request, "marsad/transfer/import_upload.html", {"form": form})
    token = secrets.token_urlsafe(16)
    folder = _uploads() / token
    folder.mkdir()
    filename = get_valid_filename(Path(form.cleaned_data["file"].name).name) or "upload"
    with open(folder / filename, "wb") as target:
        for chunk in form.cleaned_data["file"].chunks():
            target.write(chunk)
    meta = {
        "user": request.user.pk,
        "filename": filename,
        "source_name": form.cleaned_data["source_name"],
        "source_type": form.cleaned_data["source_type"],
    }
    (folder / "meta.json").write_text(json.dumps(meta))
    return _preview(request, token, folder / filename, meta)


def _preview(request, token, path, meta):
    context = {"token": token, "filename": meta["filename"]}
    try:
        context["summary"] = import_reports(
            path, source_name=meta["source_name"], source_type=meta["source_type"], dry_run=True
        )
    except (TableError, MappingError) as error:
        context["unreadable"] = error
    return render(request, "marsad/transfer/import_preview.html", context)


@require_POST
@login_required
@permission_required("records.add_sourcereport", raise_exception=True)
def import_confirm(request, token: str):
    path, meta = _upload(request, token)
    if not path.exists():  # already imported
        raise Http404
    keep_good_rows = request.POST.get("mode") == "rejects"
    rejects = path.parent / f"rejects-{path.name}" if keep_good_rows else None
    context = {"token": token, "filename": meta["filename"]}
    try:
        context["summary"] = import_reports(
            path,
            source_name=meta["source_name"],
            source_type=meta["source_type"],
            rejects_path=rejects,
        )
    except ImportRefused as refused:
        context["summary"] = refused.summary
    except (TableError, MappingError) as error:
        context["unreadable"] = error
    else:
        # The rows now live in the database (with their raw values); an uploaded file left on
        # disk would be one more copy of what sources said to protect.
        path.unlink(missing_ok=True)
    return render(request, "marsad/transfer/import_result.html", context)


@login_required
def import_rejects(request, token: str):
    path, _meta = _upload(request, token)
    rejects = path.parent / f"rejects-{path.name}"
    if not rejects.exists():
        raise Http404
    return FileResponse(open(rejects, "rb"), as_attachment=True, filename=rejects.name)


def export_view(request):
    """Anyone signed in with access to incidents downloads any export; anonymous visitors get
    the public release, and only when the centre enables it (``MARSAD_PUBLIC_DOWNLOADS=1``)."""
    staff = request.user.is_authenticated and request.user.has_perm("records.view_incident")
    if not staff and not settings.MARSAD_PUBLIC_DOWNLOADS:
        raise PermissionDenied
    form = ExportForm(request.GET or None, statuses=Incident.Status.choices, public_only=not staff)
    if "download" not in request.GET or not form.is_valid():
        return render(request, "marsad/transfer/export.html", {"form": form, "staff": staff})
    data = form.cleaned_data
    kind, fmt = data["kind"], data["format"]
    if kind == "reports" and not request.user.has_perm("records.view_sourcereport"):
        raise PermissionDenied
    filters = RecordFilters(
        date_from=data["date_from"],
        date_to=data["date_to"],
        types=tuple(data["type"]),
        places=(data["place"].strip().upper(),) if data["place"].strip() else (),
        parties=tuple(data["party"]),
        statuses=tuple(data["status"]),
    )
    public = data["public"] or not staff
    visible = visible_incidents if kind == "incidents" else visible_reports
    try:
        return download(
            kind,
            fmt,
            name=f"marsad-{kind}{'-public' if public else ''}",
            filters=filters,
            public=public,
            queryset=visible(request.user),
        )
    except ExportRefused as refused:
        form.add_error(None, str(refused))
        return render(request, "marsad/transfer/export.html", {"form": form, "staff": staff})


def download(kind: str, fmt: str, *, name: str, **options) -> FileResponse:
    """An export as a file download (spooled to a temporary file the response closes)."""
    out = tempfile.TemporaryFile()  # noqa: SIM115 - the response closes it
    try:
        export(kind, fmt, out, **options)
    except BaseException:
        out.close()
        raise
    out.seek(0)
    return FileResponse(
        out,
        as_attachment=True,
        filename=f"{name}{export_formats.EXTENSIONS[fmt]}",
        content_type=export_formats.MEDIA_TYPES[fmt],
    )
