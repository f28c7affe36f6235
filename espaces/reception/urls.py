from django.urls import path

from . import views

app_name = "reception"

urlpatterns = [
    path("", views.desk, name="desk"),
    path("espace/", views.choose_site, name="choose_site"),
    path("visites/<int:pk>/corriger/", views.visit_edit, name="visit_edit"),
    path("visites/<int:pk>/supprimer/", views.visit_delete, name="visit_delete"),
    path("personnes/", views.beneficiary_list_view, name="beneficiary_list"),
    path("personnes/nouveau/", views.beneficiary_create, name="beneficiary_create"),
    path("personnes/<int:pk>/", views.beneficiary_detail, name="beneficiary_detail"),
    path("personnes/<int:pk>/modifier/", views.beneficiary_edit, name="beneficiary_edit"),
    path("personnes/<int:pk>/parcours/", views.beneficiary_add_entry, name="beneficiary_add_entry"),
    path(
        "personnes/<int:pk>/freins/", views.beneficiary_add_barrier, name="beneficiary_add_barrier"
    ),
    path(
        "personnes/<int:pk>/freins/<int:barrier_pk>/lever/",
        views.barrier_lift,
        name="barrier_lift",
    ),
    path(
        "personnes/<int:pk>/services/",
        views.beneficiary_propose_service,
        name="beneficiary_propose_service",
    ),
    path("personnes/<int:pk>/venue/", views.beneficiary_record_visit, name="beneficiary_visit"),
    path("personnes/<int:pk>/sortie/", views.beneficiary_exit, name="beneficiary_exit"),
    path("personnes/<int:pk>/export/", views.beneficiary_export_page, name="beneficiary_export"),
    path(
        "personnes/<int:pk>/export.json",
        views.beneficiary_export_json,
        name="beneficiary_export_json",
    ),
    path("personnes/<int:pk>/effacer/", views.beneficiary_erase, name="beneficiary_erase"),
    path(
        "personnes/<int:pk>/inscriptions/",
        views.beneficiary_link_registration,
        name="beneficiary_registrations",
    ),
    path("personnes/<int:pk>/orienter/", views.referral_create, name="referral_create"),
    path("orientations/", views.referral_list_view, name="referral_list"),
    path("orientations/<int:pk>/", views.referral_detail, name="referral_detail"),
    path(
        "orientations/<int:pk>/nouveau-lien/",
        views.referral_renew_link,
        name="referral_renew_link",
    ),
    path("orientations/reponse/<str:token>/", views.referral_link, name="referral_link"),
    path("suivis/", views.follow_up_list, name="follow_up_list"),
    path("suivis/<int:pk>/", views.follow_up_record, name="follow_up_record"),
    path("journal/", views.audit_list, name="audit_list"),
    path("chiffres/", views.stats_page, name="stats"),
]
