"""Drafts: what a monitor has typed into an entry form but not yet submitted.

A draft is saved every few seconds while the form is open, so a closed tab, a dropped
connection or an expired session loses nothing. It holds the form's values as typed (strings),
never a source's identity or contact: those are not kept anywhere before the report is saved.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from marsad.records.models import SourceReport


class Draft(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="entry_drafts",
    )
    incident_type = models.CharField(_("incident type"), max_length=40)
    report = models.ForeignKey(
        SourceReport,
        verbose_name=_("report being edited"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Empty for a new report."),
    )
    data = models.JSONField(_("values as typed"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("draft")
        verbose_name_plural = _("drafts")
        ordering = ["-updated_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user} {self.incident_type} ({self.updated_at:%Y-%m-%d %H:%M})"
