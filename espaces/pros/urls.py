from django.urls import path

from . import views_kits, views_public

app_name = "pros"

urlpatterns = [
    path("", views_public.home, name="home"),
    path(
        "demande/etablissement/",
        views_public.request_new,
        {"kind": "school"},
        name="request_school",
    ),
    path("demande/groupe/", views_public.request_new, {"kind": "group"}, name="request_group"),
    path("demande/avis/<str:token>/", views_public.request_survey, name="request_survey"),
    path("demande/<str:token>/", views_public.request_status, name="request_status"),
    path("mon-espace/", views_public.prescriber_home, name="prescriber_home"),
    path("mon-espace/orienter/", views_public.prescriber_refer, name="prescriber_refer"),
    path(
        "mon-espace/orientations/<int:pk>/",
        views_public.prescriber_referral,
        name="prescriber_referral",
    ),
    path("orienter/<str:token>/", views_public.structure_refer, name="structure_refer"),
    path("orientation/<str:token>/", views_public.referral_status, name="referral_status"),
    path("agenda/<str:token>.ics", views_public.mediator_feed, name="mediator_feed"),
    path("ressources/", views_kits.resources, name="resources"),
    path("ressources/kit/<slug:slug>.pdf", views_kits.kit, name="kit"),
    path(
        "ressources/affiche/<slug:slug>/<int:year>-<int:month>.pdf",
        views_kits.poster,
        name="poster",
    ),
    path("ressources/presentation.pdf", views_kits.presentation, name="presentation"),
    path(
        "ressources/lettre/<int:year>-<int:month>.<str:fmt>",
        views_kits.newsletter,
        name="newsletter",
    ),
]
