from django.urls import path

from . import views_staff

app_name = "pros_staff"

urlpatterns = [
    path("demandes/", views_staff.queue, name="queue"),
    path("demandes/<int:pk>/", views_staff.request_detail, name="request_detail"),
    path("demandes/<int:pk>/proposer/", views_staff.request_propose_view, name="request_propose"),
    path("demandes/<int:pk>/fixer/", views_staff.request_accept_view, name="request_accept"),
    path("demandes/<int:pk>/decliner/", views_staff.request_decline_view, name="request_decline"),
    path("demandes/<int:pk>/realisee/", views_staff.request_done_view, name="request_done"),
    path("orientations-recues/", views_staff.inbound_list, name="inbound_list"),
    path("orientations-recues/<int:pk>/", views_staff.inbound_detail, name="inbound_detail"),
    path(
        "orientations-recues/<int:pk>/rendez-vous/", views_staff.inbound_book, name="inbound_book"
    ),
    path(
        "orientations-recues/<int:pk>/seance/",
        views_staff.inbound_book_session,
        name="inbound_book_session",
    ),
    path(
        "orientations-recues/<int:pk>/statut/",
        views_staff.inbound_transition,
        name="inbound_transition",
    ),
    path(
        "orientations-recues/<int:pk>/rendez-vous/<int:appointment_pk>/",
        views_staff.appointment_status,
        name="appointment_status",
    ),
    path("disponibilites/", views_staff.availability, name="availability"),
    path(
        "disponibilites/<str:kind>/<int:pk>/retirer/",
        views_staff.availability_delete,
        name="availability_delete",
    ),
    path("liens/", views_staff.links, name="links"),
    path("liens/<int:pk>/revoquer/", views_staff.link_revoke, name="link_revoke"),
]
