"""The analysis dashboard: a GET form whose URL is the share link, and the same numbers as a
page (table, chart, map), as JSON, as chart images and as data files."""

from __future__ import annotations

import functools
from importlib import resources

from django import forms
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from marsad.codebook import labels
from marsad.dashboards import charts, exports
from marsad.dashboards.forms import AnalysisForm, dimension_label, with_defaults
from marsad.dashboards.results import (
    MAP_LEVELS,
    Dashboard,
    build_dashboard,
    format_number,
    table_rows,
)
from marsad.engines.analysis import MEASURES, AnalysisError

PERMISSION = "records.view_incident"


def _dashboard(request) -> tuple[AnalysisForm, Dashboard | None]:
    """The form read from the URL and, when it is valid, its numbers."""
    form = AnalysisForm(with_defaults(request.GET))
    if not form.is_valid():
        return form, None
    try:
        return form, build_dashboard(request.user, form.query(), labels.current_lang())
    except AnalysisError as error:  # the engine's own checks; show them, never a server error
        form.add_error(None, _("The analysis could not be run: %(reason)s") % {"reason": error})
        return form, None


def _viewer(view):
    """Signed-in users allowed to see incidents; GET only, since the URL is the whole state."""
    return require_GET(login_required(permission_required(PERMISSION, raise_exception=True)(view)))


def _link(request, name: str) -> str:
    query = request.GET.urlencode()
    return reverse(f"dashboards:{name}") + (f"?{query}" if query else "")


def _filename(dashboard: Dashboard, extension: str) -> str:
    return f"marsad-{'-'.join(dashboard.dimensions)}.{extension}"


def _attachment(body, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _refused(form: AnalysisForm) -> JsonResponse:
    return JsonResponse({"errors": form.errors.get_json_data()}, status=400)


def list_separator() -> str:
    return "، " if labels.current_lang() == "ar" else ", "


def describe(form: AnalysisForm) -> list[tuple[str, str]]:
    """The valid form's choices as (label, value) lines in the reader's language."""
    lines = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if value in (None, "", [], False):
            continue
        if isinstance(field, forms.ChoiceField):
            names = {}
            for key, text in field.choices:
                names.update(dict(text) if isinstance(text, list | tuple) else {key: text})
            values = value if isinstance(value, list) else [value]
            text = list_separator().join(str(names.get(v, v)) for v in values)
        elif isinstance(field, forms.BooleanField):
            text = _("yes")
        else:
            text = value.isoformat()
        lines.append((str(field.label), text))
    return lines


def payload(dashboard: Dashboard) -> dict:
    """What the browser draws (and ``data.json`` returns): the rows, the chart, the map."""
    level = dashboard.map.level
    return {
        "lang": dashboard.lang,
        "columns": [
            {"key": c.key, "label": c.label, "measure": c.measure} for c in dashboard.columns()
        ],
        "rows": dashboard.rows,
        "totals": dashboard.totals,
        "spec": charts.chart_spec(dashboard),
        "map": {
            "level": level,
            "boundaries": reverse("dashboards:boundaries", args=[level]),
            "measure": dashboard.map.measure,
            "measure_label": dashboard.map.measure_label,
            "rows": dashboard.map.rows,
            "unplaced": dashboard.map.unplaced,
            "rate": MEASURES[dashboard.map.measure].is_rate,
        },
        "text": {
            "chart_failed": _("The chart could not be drawn."),
            "map_failed": _("The map could not be drawn."),
            "boundaries": _("Boundaries: OCHA (COD-AB)"),
            "copied": _("Copied"),
        },
    }


@_viewer
def analysis(request):
    form, dashboard = _dashboard(request)
    measure_names = dict(form.fields["measure"].choices)
    context = {
        "form": form,
        "dashboard": dashboard,
        "filter_fields": [form[name] for name in AnalysisForm.FILTERS],
        "measure_names": list_separator().join(
            str(measure_names.get(m, m)) for m in form.data.getlist("measure")
        ),
    }
    if dashboard is not None:
        measures = dashboard.measures
        data = payload(dashboard)
        context.update(
            columns=dashboard.columns(),
            rows=table_rows(dashboard),
            totals=[format_number(dashboard.totals[m], m) for m in measures],
            payload=data,
            left_out=format_number(data["spec"]["usermeta"]["left_out"], measures[0]),
            unplaced=format_number(dashboard.map.unplaced, dashboard.map.measure),
            share_url=request.build_absolute_uri(_link(request, "analysis")),
            downloads={
                name.replace("-", "_"): _link(request, name)
                for name in ("chart-png", "chart-svg", "data-csv", "data-xlsx", "data-json")
            },
            by_source="source_type" in dashboard.dimensions,
            map_level_label=charts.in_sentence(
                dimension_label(dashboard.map.level, dashboard.lang), dashboard.lang
            ),
        )
    return render(request, "marsad/dashboards/analysis.html", context)


@_viewer
def data_json(request):
    form, dashboard = _dashboard(request)
    if dashboard is None:
        return _refused(form)
    return JsonResponse(payload(dashboard), json_dumps_params={"ensure_ascii": False})


@_viewer
def data_csv(request):
    form, dashboard = _dashboard(request)
    if dashboard is None:
        return _refused(form)
    body = exports.to_csv(dashboard)
    return _attachment(body, "text/csv; charset=utf-8", _filename(dashboard, "csv"))


@_viewer
def data_xlsx(request):
    form, dashboard = _dashboard(request)
    if dashboard is None:
        return _refused(form)
    link = request.build_absolute_uri(_link(request, "analysis"))
    body = exports.to_xlsx(dashboard, link=link, query_lines=describe(form))
    media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return _attachment(body, media, _filename(dashboard, "xlsx"))


@_viewer
def chart_svg(request):
    form, dashboard = _dashboard(request)
    if dashboard is None:
        return _refused(form)
    svg = charts.render_svg(charts.export_spec(dashboard))
    return _attachment(svg, "image/svg+xml", _filename(dashboard, "svg"))


@_viewer
def chart_png(request):
    form, dashboard = _dashboard(request)
    if dashboard is None:
        return _refused(form)
    png = charts.render_png(charts.export_spec(dashboard))
    return _attachment(png, "image/png", _filename(dashboard, "png"))


@functools.cache
def _boundary_file(level: str) -> bytes:
    name = f"data/gazetteer/boundaries/adm{MAP_LEVELS[level]}.geojson"
    return resources.files("marsad").joinpath(name).read_bytes()


@require_GET
def boundaries(request, level: str):
    """The shipped OCHA boundaries of one admin level (public data, cached by the browser)."""
    if level not in MAP_LEVELS:
        raise Http404
    response = HttpResponse(_boundary_file(level), content_type="application/geo+json")
    response["Cache-Control"] = "public, max-age=86400"
    return response
