"""JSON endpoints behind the entry form: suggestions while typing, and the autosave.

They answer logged-in users only; an expired session gets the usual redirect to the login page,
which the form's script takes as "keep the draft in this browser".
"""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from marsad.codebook.labels import current_lang
from marsad.codebook.services import active_codebook, codebook_of
from marsad.engines.codebook_records import parse_decimal
from marsad.entry import lookups, places, services
from marsad.records.models import Source


def _labels(list_name: str) -> dict[str, str]:
    codebook, lang = active_codebook(), current_lang()
    listed = codebook.choice_lists.get(list_name)
    return {item.code: item.label[lang] for item in listed} if listed else {}


def _results(rows: list) -> JsonResponse:
    response = JsonResponse({"results": rows})
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@login_required
def place_suggestions(request):
    lang = current_lang()
    labels = places.level_labels(active_codebook(), lang)
    return _results(places.suggest(request.GET.get("q", ""), lang, labels))


@require_GET
@login_required
def point(request):
    latitude = parse_decimal(request.GET.get("lat", ""))
    longitude = parse_decimal(request.GET.get("lon", ""))
    if latitude is None or longitude is None:
        return HttpResponseBadRequest("lat and lon are needed")
    lang = current_lang()
    found = places.at_point(latitude, longitude, lang, places.level_labels(active_codebook(), lang))
    return _results([found] if found else [])


@require_GET
@login_required
@permission_required("records.view_actor", raise_exception=True)
def actor_suggestions(request):
    labels = _labels("perpetrator_type")
    return _results(lookups.suggest_actors(request.GET.get("q", ""), current_lang(), labels))


@require_GET
@login_required
@permission_required("records.view_source", raise_exception=True)
def source_suggestions(request):
    labels = _labels("source_type")
    return _results(lookups.suggest_sources(request.GET.get("q", ""), request.user, labels))


@require_POST
@login_required
@permission_required("records.add_sourcereport", raise_exception=True)
def autosave(request):
    """Keep what has been typed: ``{"type", "report", "draft", "data"}`` -> ``{"draft"}``."""
    try:
        payload = json.loads(request.body or b"{}")
    except ValueError:
        return HttpResponseBadRequest("not JSON")
    if not isinstance(payload, dict):
        return HttpResponseBadRequest("not a JSON object")
    report = None
    if payload.get("report"):
        if not str(payload["report"]).isdigit():
            raise Http404
        report = services.editable_reports(request.user).filter(pk=payload["report"]).first()
        if report is None:
            raise Http404
        codebook = codebook_of(report.codebook_version)
        incident_type = report.type
    else:
        codebook, incident_type = active_codebook(), payload.get("type")
        if incident_type not in codebook.incident_types:
            raise Http404
    sensitive = {f"source_{name}" for name in Source.sensitive_fields()}
    data = services.clean_draft_data(payload.get("data"), sensitive)
    if data is None:
        return HttpResponseBadRequest("not draft values")
    draft = services.keep_draft(request.user, incident_type, report, payload.get("draft"), data)
    saved_at = timezone.localtime(draft.updated_at)
    return JsonResponse({"draft": draft.pk, "saved_at": saved_at.strftime("%H:%M:%S")})
