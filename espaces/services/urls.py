from django.urls import path

from . import views

app_name = "services"

urlpatterns = [
    path("", views.service_search, name="search"),
    path("services/<slug:slug>/", views.service_detail, name="detail"),
    path("verifier/<str:token>/", views.service_review, name="review"),
]
