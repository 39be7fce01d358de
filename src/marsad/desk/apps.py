from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    name = "marsad.desk"
    verbose_name = _("Lists, search and map")
