from django.urls import path

from . import views

app_name = "impact"

urlpatterns = [
    path("", views.impact, name="impact"),
    path("donnees/<slug:slug>.csv", views.impact_csv, name="impact_csv"),
]
