from importlib import resources

from django.db.models import Count
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language

from marsad import __version__
from marsad.codebook.services import active_codebook
from marsad.places.models import ControlPeriod, Place
from marsad.records.models import Incident, SourceReport


def home(request):
    """The front door: what the observatory holds, and where to go next."""
    context = {}
    if request.user.is_authenticated:
        context.update(
            reports=SourceReport.objects.count(),
            incidents=Incident.objects.count(),
            places=Place.objects.count(),
            control_periods=ControlPeriod.objects.count(),
            incidents_by_type=_incidents_by_type(),
        )
    return render(request, "marsad/home.html", context)


def _incidents_by_type() -> list[dict]:
    """Counts per incident type, labelled in the reader's language from the active codebook."""
    lang = "ar" if (get_language() or "").startswith("ar") else "en"
    types = active_codebook().incident_types
    rows = Incident.objects.values("type").annotate(n=Count("id")).order_by("-n")
    return [
        {
            "type": row["type"],
            "n": row["n"],
            "label": types[row["type"]].label[lang] if row["type"] in types else row["type"],
        }
        for row in rows
    ]


def health(request):
    return JsonResponse({"status": "ok", "version": __version__})


def attribution(request):
    """Where the shipped data came from, with the licences that require saying so."""
    text = resources.files("marsad").joinpath("data/ATTRIBUTION.md").read_text(encoding="utf-8")
    return HttpResponse(text, content_type="text/plain; charset=utf-8")
