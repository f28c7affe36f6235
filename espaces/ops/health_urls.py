from django.urls import path

from . import views

app_name = "health"

urlpatterns = [
    path("", views.health, name="health"),
    path("base/", views.health_database, name="database"),
]
