from django.urls import path

from marsad.entry import api, views

app_name = "entry"
urlpatterns = [
    path("entry/new/", views.choose, name="new"),
    path("entry/new/<slug:incident_type>/", views.new, name="form"),
    path("entry/<int:pk>/edit/", views.edit, name="edit"),
    path("entry/mine/", views.mine, name="mine"),
    path("entry/drafts/<int:pk>/discard/", views.discard, name="discard"),
    path("entry/autosave/", api.autosave, name="autosave"),
    path("entry/places.json", api.place_suggestions, name="places"),
    path("entry/point.json", api.point, name="point"),
    path("entry/actors.json", api.actor_suggestions, name="actors"),
    path("entry/sources.json", api.source_suggestions, name="sources"),
]
