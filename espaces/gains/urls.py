from django.urls import path

from . import views

app_name = "gains"

urlpatterns = [
    path("", views.simulator, name="simulator"),
]
