from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewConfig(AppConfig):
    name = "marsad.review"
    verbose_name = _("Review")

    def ready(self):
        from marsad.audit.registry import audited
        from marsad.review.models import Decision

        # Decisions land in the change log like every other record. Comments are not logged:
        # they are never edited or deleted, so each row is already its own record.
        audited(Decision)
