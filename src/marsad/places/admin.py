from django.contrib import admin

from marsad.places.models import ControlPeriod, Place


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["pcode", "name_en", "name_ar", "level", "parent"]
    list_filter = ["level", "source"]
    search_fields = ["pcode", "name_en", "name_ar", "aliases"]
    autocomplete_fields = ["parent"]


@admin.register(ControlPeriod)
class ControlPeriodAdmin(admin.ModelAdmin):
    list_display = ["place", "party", "sub_label", "start", "end", "approximate"]
    list_filter = ["party", "sub_label", "approximate"]
    search_fields = ["place__pcode", "place__name_en", "place__name_ar", "source", "note"]
    autocomplete_fields = ["place"]
    date_hierarchy = "start"
