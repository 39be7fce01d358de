from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from marsad.audit.models import ChangeLog


@admin.register(ChangeLog)
class ChangeLogAdmin(admin.ModelAdmin):
    list_display = ["at", "actor_label", "action", "model", "object_repr"]
    list_filter = ["action", "model"]
    search_fields = ["object_repr", "object_id", "actor_label"]
    date_hierarchy = "at"
    readonly_fields = [f.name for f in ChangeLog._meta.fields] + ["changed"]

    @admin.display(description=_("changed fields"))
    def changed(self, obj):
        return ", ".join(obj.changed_fields())

    def get_queryset(self, request):
        from marsad.records.visibility import hidden_changes

        return super().get_queryset(request).exclude(hidden_changes(request.user))

    # The log is evidence: nobody edits or deletes it through the interface.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
