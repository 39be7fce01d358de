from django.urls import path

from marsad.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.health, name="health"),
    path("attribution", views.attribution, name="attribution"),
]
