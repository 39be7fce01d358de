from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalysisConfig(AppConfig):
    name = "marsad.analysis"
    verbose_name = _("Analysis")

    def ready(self):
        from marsad.analysis import signals

        signals.connect()
