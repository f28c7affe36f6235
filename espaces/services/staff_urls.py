from django.urls import path

from . import staff_views

app_name = "services_staff"

urlpatterns = [
    path("a-verifier/", staff_views.overdue_services, name="overdue"),
]
