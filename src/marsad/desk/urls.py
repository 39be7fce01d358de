from django.urls import path

from marsad.desk import views

app_name = "desk"
urlpatterns = [
    path("incidents/", views.incidents, name="incidents"),
    path("incidents/export.<slug:fmt>", views.incidents_export, name="incidents_export"),
    path("reports/", views.reports, name="reports"),
    path("reports/export.<slug:fmt>", views.reports_export, name="reports_export"),
    path("map/", views.incident_map, name="map"),
    path("map/data.json", views.map_data, name="map_data"),
    path("places/suggest.json", views.place_suggestions, name="place_suggestions"),
]
