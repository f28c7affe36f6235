from django.urls import path

from . import views

app_name = "catalogue"

urlpatterns = [
    path("", views.metier_list, name="list"),
    path("comparer/", views.metier_compare, name="compare"),
    path("rome/", views.rome_index, name="rome_index"),
    path("rome/<str:code>/", views.rome_fiche, name="rome"),
    path("<slug:slug>/", views.metier_detail_view, name="detail"),
    path("<slug:slug>/imprimer/", views.metier_print, name="print"),
]
