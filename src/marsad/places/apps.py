from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "marsad.places"
    verbose_name = _("Places and control")

    def ready(self):
        from marsad.audit.registry import audited
        from marsad.places.models import ControlPeriod

        audited(ControlPeriod)
