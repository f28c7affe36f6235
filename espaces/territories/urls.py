from django.urls import path

from . import views

app_name = "territories"

urlpatterns = [
    path("", views.home, name="home"),
    path("projets/", views.projects, name="projects"),
]
