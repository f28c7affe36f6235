from django.urls import path

from . import views

app_name = "territories"

urlpatterns = [
    path("", views.home, name="home"),
    path("projets/", views.projects, name="projects"),
    path("nous-trouver/", views.sites, name="sites"),
    path("nous-trouver/<slug:slug>/", views.site_detail, name="site"),
    path("theme.css", views.theme, name="theme"),
    path("medias/<path:path>", views.media, name="media"),
]
