from django.urls import path

from . import views

app_name = "kiosk"

urlpatterns = [
    path("", views.start, name="start"),
    path("recommencer/", views.reset, name="reset"),
    path("quitter/", views.stop, name="stop"),
]
