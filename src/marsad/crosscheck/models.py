"""What cross-checking remembers: each run, the candidate pairs it found, and the reviewers'
decisions on pairs, which every later run must respect."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from marsad.records.models import SourceReport


class Run(models.Model):
    """One ``marsad crosscheck run``: which reports it scored and what it changed."""

    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    scored_up_to = models.BigIntegerField(
        _("last report scored"), default=0, help_text=_("Reports after this id are new.")
    )
    new_reports = models.PositiveIntegerField(_("new reports"), default=0)
    pairs_found = models.PositiveIntegerField(_("candidate pairs"), default=0)
    incidents_created = models.PositiveIntegerField(_("incidents created"), default=0)
    reports_linked = models.PositiveIntegerField(_("accounts linked"), default=0)
    parameters = models.JSONField(_("model parameters"), default=dict)

    class Meta:
        verbose_name = _("cross-checking run")
        verbose_name_plural = _("cross-checking runs")
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.started_at:%Y-%m-%d %H:%M}"


class CandidatePair(models.Model):
    """Two accounts the model thinks may tell the same incident (``report_a`` < ``report_b``)."""

    report_a = models.ForeignKey(SourceReport, on_delete=models.CASCADE, related_name="+")
    report_b = models.ForeignKey(SourceReport, on_delete=models.CASCADE, related_name="+")
    probability = models.FloatField(_("match probability"))
    priority = models.FloatField(_("review priority"), default=0, db_index=True)
    comparisons = models.JSONField(_("comparison levels"), default=dict)
    run = models.ForeignKey(Run, on_delete=models.CASCADE, related_name="pairs")

    class Meta:
        verbose_name = _("candidate pair")
        verbose_name_plural = _("candidate pairs")
        ordering = ["-priority", "id"]
        constraints = [
            models.UniqueConstraint(fields=["report_a", "report_b"], name="one_candidate_per_pair"),
            models.CheckConstraint(
                condition=models.Q(report_a__lt=models.F("report_b")), name="candidate_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report_a_id} ~ {self.report_b_id} ({self.probability:.2f})"


class PairDecision(models.Model):
    """A reviewer's verdict on two accounts.  The latest decision on a pair that was not undone
    holds; "same" and "different" are constraints for every later run."""

    class Verdict(models.TextChoices):
        SAME = "same", _("same incident")
        DIFFERENT = "different", _("different incidents")
        UNSURE = "unsure", _("unsure")

    report_a = models.ForeignKey(SourceReport, on_delete=models.CASCADE, related_name="+")
    report_b = models.ForeignKey(SourceReport, on_delete=models.CASCADE, related_name="+")
    verdict = models.CharField(_("decision"), max_length=10, choices=Verdict.choices)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), auto_now_add=True)
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True)

    class Meta:
        verbose_name = _("decision on a pair")
        verbose_name_plural = _("decisions on pairs")
        ordering = ["-decided_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(report_a__lt=models.F("report_b")), name="decision_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report_a_id} {self.verdict} {self.report_b_id}"
