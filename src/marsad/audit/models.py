from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ChangeLog(models.Model):
    """One create, update or delete of an audited record: who, when, before and after."""

    class Action(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("updated")
        DELETE = "delete", _("deleted")

    model = models.CharField(_("record type"), max_length=100, db_index=True)
    object_id = models.CharField(_("record id"), max_length=64, db_index=True)
    object_repr = models.CharField(_("record"), max_length=200)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(_("by (as recorded)"), max_length=150, blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)

    class Meta:
        verbose_name = _("change")
        verbose_name_plural = _("change log")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["model", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.model} {self.object_repr}"

    def changed_fields(self) -> list[str]:
        before, after = self.before or {}, self.after or {}
        return sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
