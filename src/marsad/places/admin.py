from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from marsad.codebook.labels import party_label
from marsad.places.models import ControlPeriod, Place
from marsad.places.signals import control_changed


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["pcode", "name_en", "name_ar", "level", "parent"]
    list_filter = ["level", "source"]
    search_fields = ["pcode", "name_en", "name_ar", "aliases"]
    autocomplete_fields = ["parent"]


@admin.register(ControlPeriod)
class ControlPeriodAdmin(admin.ModelAdmin):
    list_display = ["place", "party_name", "start", "end", "approximate"]
    list_filter = ["party", "sub_label", "approximate"]
    search_fields = ["place__pcode", "place__name_en", "place__name_ar", "source", "note"]
    autocomplete_fields = ["place"]
    date_hierarchy = "start"

    @admin.display(description=_("controlling party"), ordering="party")
    def party_name(self, obj):
        return party_label(obj.party, obj.sub_label)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        control_changed.send(sender=ControlPeriod, pcodes={obj.place.pcode})

    def delete_model(self, request, obj):
        pcode = obj.place.pcode
        super().delete_model(request, obj)
        control_changed.send(sender=ControlPeriod, pcodes={pcode})

    def delete_queryset(self, request, queryset):
        pcodes = set(queryset.values_list("place__pcode", flat=True))
        super().delete_queryset(request, queryset)
        control_changed.send(sender=ControlPeriod, pcodes=pcodes)
