from django.urls import path

from marsad.transfer import views

app_name = "transfer"
urlpatterns = [
    path("import/", views.import_upload, name="import"),
    path("import/<str:token>/confirm", views.import_confirm, name="import-confirm"),
    path("import/<str:token>/rejects", views.import_rejects, name="import-rejects"),
    path("export/", views.export_view, name="export"),
]
