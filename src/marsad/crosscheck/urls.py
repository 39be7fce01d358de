from django.urls import path

from marsad.crosscheck import views

app_name = "crosscheck"
urlpatterns = [
    path("crosscheck/", views.queue, name="queue"),
    path("crosscheck/pairs/<int:pk>/", views.pair_page, name="pair"),
    path("crosscheck/pairs/<int:pk>/decide", views.decide, name="decide"),
    path("crosscheck/decisions/<int:pk>/undo", views.undo, name="undo"),
    path("crosscheck/runs/", views.runs, name="runs"),
]
