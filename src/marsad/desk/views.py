"""The desk: lists of incidents and reports, their exports, the incident map and its data.

Every page here is a GET whose URL is its whole state, so a link shares exactly what one sees.
Rows come only from ``visible_incidents`` / ``reports_for`` (``marsad.desk.scoping``).
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from marsad.desk import rows, services
from marsad.desk.filters import DeskFilterForm
from marsad.desk.labels import Labels
from marsad.desk.mapdata import map_payload
from marsad.desk.scoping import reports_for, sees_all_reports
from marsad.engines.gazetteer import default_gazetteer
from marsad.places.models import Place
from marsad.records import generation
from marsad.records.visibility import visible_incidents
from marsad.transfer.views import download

SEE_INCIDENTS = "records.view_incident"
SEE_REPORTS = "records.view_sourcereport"
EXPORT_FORMATS = {"csv": "CSV", "xlsx": "Excel", "geojson": "GeoJSON", "json": "JSON"}


def _viewer(permission: str):
    def decorate(view):
        return require_GET(
            login_required(permission_required(permission, raise_exception=True)(view))
        )

    return decorate


def _filtered(request, *, incidents: bool):
    """The filter form read from the URL and the visible rows it selects."""
    labels = Labels()
    form = DeskFilterForm(request.GET, incidents=incidents, labels=labels)
    records = visible_incidents(request.user) if incidents else reports_for(request.user)
    return form, form.apply(records, request.user), labels


def _audience(user, form: DeskFilterForm, *, incidents: bool) -> tuple:
    """What, besides the filters, decides which rows a list or map shows this user: who may
    see the same incidents, and the user alone where the rows are theirs (own accounts,
    incidents assigned to them)."""
    own = (not incidents and not sees_all_reports(user)) or "assigned" in dict(form.pairs())
    return (generation.visibility_key(user), user.pk if own else None)


def _filters_key(request, lang: str) -> str:
    """The filter form's HTML depends only on the page, the filters and sort in the URL (not
    the page number), the language and the choices (actors, places: data)."""
    shown = request.GET.copy()
    shown.pop("page", None)
    return generation.key("desk-filters", (request.path, shown.urlencode(), lang))


def _chips(form: DeskFilterForm, sort: str) -> list[dict]:
    """Each active filter with a link that drops only it (and keeps the sort)."""
    kept_sort = [("sort", sort)] if sort != services.DEFAULT_SORT else []
    chips = []
    for name, label, text in form.summary():
        rest = [pair for pair in form.pairs() if pair[0] != name] + kept_sort
        chips.append({"label": label, "text": text, "remove": f"?{urlencode(rest)}"})
    return chips


def _list(request, *, incidents: bool):
    form, records, labels = _filtered(request, incidents=incidents)
    columns = services.INCIDENT_COLUMNS if incidents else services.REPORT_COLUMNS
    sort = services.sort_key(request.GET.get("sort", ""), columns)
    kind = "incidents" if incidents else "reports"
    query = form.query()
    audience = _audience(request.user, form, incidents=incidents)
    page = services.paginate(
        services.ordered(records, sort, columns, labels.lang),
        request.GET.get("page"),
        count_key=(kind, query, *audience),
    )
    opens_accounts = request.user.has_perm("records.change_incident")
    suffix = f"?{query}" if query else ""
    context = {
        "kind": kind,
        "form": form,
        "page": page,
        # Read only when the rows are not cached (see list.html).
        "rows": services.LazyRows(
            (lambda: rows.incident_rows(page, labels))
            if incidents
            else (lambda: rows.report_rows(page, labels, request.user)),
            rows.incident_rows_html if incidents else rows.report_rows_html,
        ),
        "rows_key": generation.key(
            f"desk-{kind}-rows",
            (request.GET.urlencode(), labels.lang, *audience, opens_accounts),
        ),
        "filters_key": _filters_key(request, labels.lang),
        "header": services.header(columns, sort, request.GET),
        "pager": services.pager_links(request.GET, page),
        "sort": sort,
        "chips": _chips(form, sort),
        "exports": [
            (reverse(f"desk:{kind}_export", args=[fmt]) + suffix, name)
            for fmt, name in EXPORT_FORMATS.items()
        ],
        "map_link": reverse("desk:map") + suffix if incidents else "",
        "own_only": not incidents and not sees_all_reports(request.user),
    }
    return render(request, f"marsad/desk/{kind}.html", context)


@_viewer(SEE_INCIDENTS)
def incidents(request):
    return _list(request, incidents=True)


@_viewer(SEE_REPORTS)
def reports(request):
    return _list(request, incidents=False)


def _export(request, fmt: str, *, incidents: bool):
    if fmt not in EXPORT_FORMATS:
        raise Http404
    _form, rows, _labels = _filtered(request, incidents=incidents)
    kind = "incidents" if incidents else "reports"
    return download(kind, fmt, name=f"marsad-{kind}", queryset=rows)


@_viewer(SEE_INCIDENTS)
def incidents_export(request, fmt: str):
    return _export(request, fmt, incidents=True)


@_viewer(SEE_REPORTS)
def reports_export(request, fmt: str):
    return _export(request, fmt, incidents=False)


@_viewer(SEE_INCIDENTS)
def incident_map(request):
    form = DeskFilterForm(request.GET, incidents=True)
    query = form.query()
    suffix = f"?{query}" if query else ""
    context = {
        "form": form,
        "filters_key": _filters_key(request, Labels().lang),
        "chips": _chips(form, services.DEFAULT_SORT),
        "data_url": reverse("desk:map_data") + suffix,
        "list_link": reverse("desk:incidents") + suffix,
        "boundaries": {
            level: reverse("dashboards:boundaries", args=[level])
            for level in ("governorate", "district")
        },
        "tiles": getattr(settings, "MARSAD_MAP_TILES", ""),
        "map_text": {
            "governorates": _("Governorates"),
            "districts": _("Districts"),
            "boundaries": _("Boundaries: OCHA (COD-AB)"),
            "count": _("Matching incidents"),
            "placed": _("On the map"),
            "approximate": _("Of which placed approximately"),
            "unplaced": _("Without a location"),
            "failed": _("The map data could not be loaded."),
            "open": _("Open incident"),
            "approximate_marker": _("approximate location"),
        },
    }
    return render(request, "marsad/desk/map.html", context)


@_viewer(SEE_INCIDENTS)
def map_data(request):
    form, rows, labels = _filtered(request, incidents=True)
    audience = _audience(request.user, form, incidents=True)
    body = generation.cached(
        "desk-map",
        (form.query(), labels.lang, *audience),
        lambda: json.dumps(map_payload(rows, labels), ensure_ascii=False).encode(),
    )
    return HttpResponse(body, content_type="application/json")


@require_GET
@login_required
def place_suggestions(request):
    """Places whose name (either script, any spelling) matches ``q``, for the place filter."""
    text = request.GET.get("q", "").strip()[:100]
    ar = Labels().lang == "ar"
    found = default_gazetteer().match(text, limit=8) if len(text) >= 2 else []
    places = []
    for candidate in found:
        above = [p[3] if ar else p[2] for p in candidate.parents]
        name = candidate.name_ar if ar else candidate.name_en
        if candidate.level != Place.Level.COMMUNITY:  # "Jasim" the town or the sub-district?
            name = f"{name} ({Place.Level(candidate.level).label})"
        places.append(
            {
                "pcode": candidate.pcode,
                "name": name,
                "within": "، ".join(above) if ar else ", ".join(above),
            }
        )
    return JsonResponse({"places": places}, json_dumps_params={"ensure_ascii": False})
