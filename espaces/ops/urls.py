from django.urls import path

from . import views

app_name = "ops"

urlpatterns = [
    path("double-authentification/", views.otp_setup, name="otp_setup"),
    path("verification/", views.otp_verify, name="otp_verify"),
]
