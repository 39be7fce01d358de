from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "marsad.records"
    verbose_name = _("Reports and incidents")

    def ready(self):
        from marsad.audit.registry import audited
        from marsad.records.models import Actor, Incident, IncidentReport, Source, SourceReport

        audited(Actor)
        audited(Source, sensitive=Source.sensitive_fields)
        audited(SourceReport)
        audited(Incident)
        audited(IncidentReport)

        from marsad.places.signals import control_changed
        from marsad.records.services import refresh_controlling_party

        control_changed.connect(refresh_controlling_party, dispatch_uid="marsad-records-control")

        from marsad.records import generation

        generation.connect()
