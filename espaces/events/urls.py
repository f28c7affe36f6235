from django.urls import path

from . import views_public as public
from . import views_staff as staff

app_name = "events"

urlpatterns = [
    # Public agenda
    path("", public.agenda, name="agenda"),
    path("seances/<int:pk>/", public.session_detail, name="session"),
    path("seances/<int:pk>/agenda.ics", public.session_ics, name="session_ics"),
    path("inscription/<str:token>/", public.registration_detail, name="registration"),
    path(
        "inscription/<str:token>/annuler/",
        public.registration_cancel_view,
        name="registration_cancel",
    ),
    path("avis/<str:token>/", public.survey, name="survey"),
    # iCal feeds
    path("agenda.ics", public.agenda_ics, name="agenda_ics"),
    path("espaces/<slug:slug>/agenda.ics", public.site_ics, name="site_ics"),
    path("types/<slug:slug>/agenda.ics", public.type_ics, name="type_ics"),
    path("abonnement/", public.feeds, name="feeds"),
    # Team pages
    path("equipe/", staff.session_list, name="staff_sessions"),
    path("equipe/nouvelle/", staff.session_new, name="staff_session_new"),
    path("equipe/etablissements/nouveau/", staff.school_new, name="staff_school_new"),
    path("equipe/bilan/", staff.figures, name="staff_figures"),
    path("equipe/<int:pk>/", staff.session_detail, name="staff_session"),
    path("equipe/<int:pk>/modifier/", staff.session_edit, name="staff_session_edit"),
    path(
        "equipe/<int:pk>/dupliquer/", staff.session_duplicate_view, name="staff_session_duplicate"
    ),
    path("equipe/<int:pk>/annuler/", staff.session_cancel_view, name="staff_session_cancel"),
    path("equipe/<int:pk>/inscrire/", staff.book_person, name="staff_book_person"),
    path("equipe/<int:pk>/inscrire-groupe/", staff.book_group, name="staff_book_group"),
    path(
        "equipe/<int:pk>/inscriptions/<int:registration_pk>/annuler/",
        staff.registration_cancel_staff,
        name="staff_registration_cancel",
    ),
    path("equipe/<int:pk>/pointage/", staff.checkin, name="staff_checkin"),
    path("equipe/<int:pk>/pointage/ajouter/", staff.checkin_walkin, name="staff_checkin_walkin"),
    path(
        "equipe/<int:pk>/pointage/<int:registration_pk>/",
        staff.checkin_mark,
        name="staff_checkin_mark",
    ),
    path("equipe/<int:pk>/emargement/", staff.attendance_sheet, name="staff_attendance"),
    path("equipe/<int:pk>/emargement.csv", staff.attendance_csv, name="staff_attendance_csv"),
]
