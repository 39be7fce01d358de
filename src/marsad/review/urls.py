from django.urls import path

from marsad.review import actions, views

app_name = "review"
urlpatterns = [
    path("review/", views.queue_page, name="queue"),
    path("review/accounts/<int:pk>/", views.account_page, name="account"),
    path("review/accounts/<int:pk>/link", actions.link, name="link"),
    path("review/accounts/<int:pk>/new-incident", actions.new_incident, name="new-incident"),
    path("review/decisions/<int:pk>/undo", actions.undo, name="undo"),
    path("incidents/<int:pk>/", views.incident_page, name="incident"),
    path("incidents/<int:pk>/transition", actions.transition, name="transition"),
    path("incidents/<int:pk>/assign", actions.assign, name="assign"),
    path("incidents/<int:pk>/reconcile", actions.reconcile, name="reconcile"),
    path("incidents/<int:pk>/unlink", actions.unlink, name="unlink"),
    path("incidents/<int:pk>/split", actions.split, name="split"),
    path("incidents/<int:pk>/merge", actions.merge, name="merge"),
    path("incidents/<int:pk>/comments", actions.comment, name="comment"),
]
