from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from marsad import __version__

# (URL name, label, permission needed). A link shows once its app defines the URL and the user
# holds the permission, so a page never links to what its reader may not open.
NAVIGATION = [
    ("entry:new", _("New report"), "records.add_sourcereport"),
    ("entry:mine", _("My reports"), "records.add_sourcereport"),
    ("desk:reports", _("Reports"), "records.view_sourcereport"),
    ("desk:incidents", _("Incidents"), "records.view_incident"),
    ("desk:map", _("Map"), "records.view_incident"),
    ("review:queue", _("Review"), "records.change_incident"),
    ("crosscheck:queue", _("Cross-checking"), "crosscheck.add_pairdecision"),
    ("dashboards:analysis", _("Analysis"), "records.view_incident"),
    ("transfer:import", _("Import"), "records.add_sourcereport"),
    ("transfer:export", _("Export"), "records.view_incident"),
    ("admin:index", _("Administration"), None),
]


def navigation(user) -> list[dict]:
    links = []
    for name, label, permission in NAVIGATION:
        if permission and not user.has_perm(permission):
            continue
        if name == "admin:index" and not user.is_staff:
            continue
        try:
            links.append({"name": name, "url": reverse(name), "label": label})
        except NoReverseMatch:
            continue
    return links


def marsad(request):
    """What every page's frame shows."""
    user = getattr(request, "user", None)
    nav = navigation(user) if user is not None and user.is_authenticated else []
    return {"version": __version__, "nav": nav}
