from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CrosscheckConfig(AppConfig):
    name = "marsad.crosscheck"
    verbose_name = _("Cross-checking")

    def ready(self):
        from marsad.audit.registry import audited
        from marsad.crosscheck.models import PairDecision

        audited(PairDecision)
