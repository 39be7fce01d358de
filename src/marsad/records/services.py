"""Library functions over reports and incidents that views, the CLI and signals share."""

from __future__ import annotations

from collections.abc import Iterable

from marsad.places.services import control_layer
from marsad.records.models import Incident
from marsad.transfer.filters import within


def refresh_controlling_party(sender=None, pcodes: Iterable[str] = (), **kwargs) -> int:
    """Re-derive the controlling party of incidents at or under ``pcodes``; returns how many
    changed. Each change is saved (and so logged) like any other edit."""
    pcodes = set(pcodes)
    if not pcodes:
        return 0
    under = within(pcodes)
    layer = control_layer()
    changed = 0
    for incident in Incident.objects.filter(under).select_related("place"):
        before = (incident.controlling_party, incident.controlling_sub_label)
        incident.derive_control(layer)
        if (incident.controlling_party, incident.controlling_sub_label) != before:
            incident.save(
                update_fields=["controlling_party", "controlling_sub_label", "updated_at"]
            )
            changed += 1
    return changed
