from django.db import models
from django.utils.translation import gettext_lazy as _


class CodebookVersion(models.Model):
    """An immutable codebook version. Records point to the version they were entered under."""

    version = models.CharField(_("version"), max_length=50, unique=True)
    digest = models.CharField(_("content digest"), max_length=64, unique=True)
    content = models.JSONField(_("content"))
    loaded_at = models.DateTimeField(_("loaded at"), auto_now_add=True)
    is_active = models.BooleanField(_("active"), default=False, db_index=True)

    class Meta:
        verbose_name = _("codebook version")
        verbose_name_plural = _("codebook versions")
        ordering = ["-loaded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"],
                condition=models.Q(is_active=True),
                name="one_active_codebook",
            )
        ]

    def __str__(self) -> str:
        return f"{self.version} ({self.digest[:8]})"
