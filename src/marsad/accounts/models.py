from django.db import models
from django.utils.translation import gettext_lazy as _


class FailedLogin(models.Model):
    """One refused sign-in, kept to slow down password guessing (see accounts.throttle)."""

    username = models.CharField(_("username"), max_length=150, db_index=True)
    address = models.GenericIPAddressField(_("address"), null=True, blank=True, db_index=True)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("failed sign-in")
        verbose_name_plural = _("failed sign-ins")
        ordering = ["-at"]
