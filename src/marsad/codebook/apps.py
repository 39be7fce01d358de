from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CodebookConfig(AppConfig):
    name = "marsad.codebook"
    verbose_name = _("Codebook")
