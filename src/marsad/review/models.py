"""What reviewers leave behind: their decisions (each one undoable) and their comments."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from marsad.records.models import Incident, SourceReport


class Decision(models.Model):
    """One reviewer decision on one or more incidents.

    ``payload`` keeps the review state (status, assignee, reconciled figures, links) of every
    incident involved before and after the decision, which is what an undo restores exactly.
    """

    class Kind(models.TextChoices):
        TRANSITION = "transition", _("status change")
        ASSIGN = "assign", _("assignment")
        LINK = "link", _("account linked")
        UNLINK = "unlink", _("account unlinked")
        CREATE = "create", _("incident created from an account")
        SPLIT = "split", _("split")
        MERGE = "merge", _("merge")
        RECONCILE = "reconcile", _("casualty figures reconciled")
        UNDO = "undo", _("undo")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, db_index=True)
    incidents = models.ManyToManyField(
        Incident, verbose_name=_("incidents"), related_name="decisions"
    )
    reports = models.ManyToManyField(
        SourceReport, verbose_name=_("accounts"), related_name="review_decisions", blank=True
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    payload = models.JSONField(_("details"), default=dict, blank=True)
    undone_by = models.ForeignKey(
        "self",
        verbose_name=_("undone by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="undoes",
    )
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True)

    class Meta:
        verbose_name = _("review decision")
        verbose_name_plural = _("review decisions")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.kind} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def undoable(self) -> bool:
        return self.kind != self.Kind.UNDO and self.undone_at is None


class Comment(models.Model):
    """A note on an incident, kept as plain text. Comments are never edited: a correction is
    a new comment, so the discussion reads as it happened."""

    incident = models.ForeignKey(
        Incident, verbose_name=_("incident"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("comment"), max_length=5000)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"#{self.incident_id} {self.created_at:%Y-%m-%d %H:%M}"
