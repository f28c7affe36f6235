from django.urls import path

from . import views

app_name = "stats"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("synthese/", views.summary, name="summary"),
    path("donnees/<slug:slug>.csv", views.chart_csv, name="chart_csv"),
    path("bilan.<str:fmt>", views.bilan_download, name="bilan"),
]
