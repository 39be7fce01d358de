from importlib import resources

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render, resolve_url

from marsad import __version__
from marsad.desk.charts import month_bars
from marsad.desk.dashboard import build_home
from marsad.desk.labels import Labels
from marsad.desk.scoping import reports_for, sees_all_reports
from marsad.places.models import ControlPeriod, Place
from marsad.records import generation
from marsad.records.visibility import visible_incidents


def home(request):
    """The front door: what the observatory holds and, for staff, the month at a glance
    (``marsad.desk.dashboard``; every number from ``visible_incidents``)."""
    context = {"login_url": resolve_url(settings.LOGIN_URL)}
    user = request.user
    if user.is_authenticated:
        context.update(_holdings(user))
        if user.has_perm("records.view_incident"):
            labels = Labels()
            home = build_home(user, request.GET.get("month"), labels)
            context.update(
                home=home,
                chart=month_bars(home.trend, rtl=labels.lang == "ar"),
                month_value=home.month.strftime("%Y-%m"),
            )
    return render(request, "marsad/home.html", context)


def _holdings(user) -> dict:
    """How much the observatory holds, as far as ``user`` may see (cached for the data
    generation: counting 250,000 accounts is the slowest part of the page)."""
    sees_reports = user.has_perm("records.view_sourcereport")
    own = sees_reports and not sees_all_reports(user)

    def count() -> dict:
        return {
            "reports": reports_for(user).count() if sees_reports else None,
            "incidents": visible_incidents(user).count(),
            "places": Place.objects.count(),
            "control_periods": ControlPeriod.objects.count(),
        }

    audience = (generation.visibility_key(user), sees_reports, user.pk if own else None)
    return generation.cached("home-holdings", audience, count)


def health(request):
    return JsonResponse({"status": "ok", "version": __version__})


def attribution(request):
    """Where the shipped data came from, with the licences that require saying so."""
    text = resources.files("marsad").joinpath("data/ATTRIBUTION.md").read_text(encoding="utf-8")
    return HttpResponse(text, content_type="text/plain; charset=utf-8")
