from django.urls import path

from . import views_employer, views_public

app_name = "recruitment"

urlpatterns = [
    path("qui-recrute/", views_public.offer_list, name="offer_list"),
    path("qui-recrute/<int:pk>/", views_public.offer_detail, name="offer_detail"),
    path("equipe/recrutement/", views_employer.offer_list, name="staff_offers"),
    path("equipe/recrutement/offres/nouvelle/", views_employer.offer_create, name="offer_create"),
    path("equipe/recrutement/offres/<int:pk>/", views_employer.offer_detail, name="staff_offer"),
    path(
        "equipe/recrutement/offres/<int:pk>/modifier/",
        views_employer.offer_edit,
        name="offer_edit",
    ),
    path(
        "equipe/recrutement/offres/<int:pk>/etat/",
        views_employer.offer_status,
        name="offer_status",
    ),
    path(
        "equipe/recrutement/candidatures/",
        views_employer.candidacy_list,
        name="candidacy_list",
    ),
    path(
        "equipe/recrutement/candidatures/<int:pk>/",
        views_employer.candidacy_detail,
        name="candidacy_detail",
    ),
    path(
        "equipe/recrutement/candidatures/<int:pk>/cv/",
        views_employer.candidacy_cv,
        name="candidacy_cv",
    ),
    path(
        "equipe/recrutement/candidatures/<int:pk>/nouveau-lien/",
        views_employer.candidacy_renew_link,
        name="candidacy_renew_link",
    ),
    path(
        "equipe/recrutement/personnes/<int:pk>/proposer/",
        views_employer.candidacy_create,
        name="candidacy_create",
    ),
    path(
        "equipe/recrutement/reponse/<str:token>/",
        views_employer.candidacy_link,
        name="candidacy_link",
    ),
    path(
        "equipe/recrutement/reponse/<str:token>/cv/",
        views_employer.candidacy_link_cv,
        name="candidacy_link_cv",
    ),
]
