from django.contrib import admin

from marsad.codebook.models import CodebookVersion


@admin.register(CodebookVersion)
class CodebookVersionAdmin(admin.ModelAdmin):
    list_display = ["version", "digest_short", "is_active", "loaded_at"]
    readonly_fields = ["version", "digest", "content", "loaded_at", "is_active"]

    @admin.display(description="digest")
    def digest_short(self, obj):
        return obj.digest[:12]

    # Versions are immutable; new ones come from `marsad codebook load FILE`.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
