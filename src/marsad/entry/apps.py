from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EntryConfig(AppConfig):
    name = "marsad.entry"
    verbose_name = _("Report entry")
