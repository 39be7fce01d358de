from django.urls import path

from marsad.dashboards import views

app_name = "dashboards"
urlpatterns = [
    path("analysis/", views.analysis, name="analysis"),
    path("analysis/data.json", views.data_json, name="data-json"),
    path("analysis/data.csv", views.data_csv, name="data-csv"),
    path("analysis/data.xlsx", views.data_xlsx, name="data-xlsx"),
    path("analysis/chart.svg", views.chart_svg, name="chart-svg"),
    path("analysis/chart.png", views.chart_png, name="chart-png"),
    path("analysis/boundaries/<slug:level>.geojson", views.boundaries, name="boundaries"),
]
