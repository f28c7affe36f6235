from django.urls import path

from . import staff_views

app_name = "catalogue_staff"

urlpatterns = [
    path("a-relire/", staff_views.to_review, name="to_review"),
    path("<slug:slug>/historique/", staff_views.history, name="history"),
]
