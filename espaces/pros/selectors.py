"""Reads of the professionals' space; each takes who is asking (`territory=` or `user=`)."""

from django.db.models import Count, Q

from espaces.accounts.enums import Role
from espaces.accounts.models import User
from espaces.common.prepared import prepared_read

from .enums import OPEN_REQUEST_STATUSES, ReferralStatus
from .models import (
    Appointment,
    AvailabilityException,
    AvailabilitySlot,
    InboundReferral,
    ProRequest,
    StructureLink,
)


def request_queue(*, territory, kind: str = "", status: str = "", site=None):
    """Requests of the territory, newest first; by default the open ones first."""
    queryset = ProRequest.objects.filter(territory=territory).select_related(
        "school", "site", "session"
    )
    if kind:
        queryset = queryset.filter(kind=kind)
    if status == "open":
        queryset = queryset.filter(status__in=OPEN_REQUEST_STATUSES)
    elif status:
        queryset = queryset.filter(status=status)
    if site is not None:
        queryset = queryset.filter(Q(site=site) | Q(site__isnull=True))
    return queryset.order_by("-created_at", "-pk")


def request_for_team(*, territory, pk: int):
    return (
        ProRequest.objects.filter(territory=territory, pk=pk)
        .select_related("school", "site", "session__site", "owner")
        .prefetch_related("proposals__site", "metiers")
        .first()
    )


def requests_of(*, user):
    """A prescriber's own requests (never another account's)."""
    return ProRequest.objects.filter(owner=user, territory_id=user.territory_id).order_by(
        "-created_at", "-pk"
    )


def inbound_referrals_for_team(*, territory, status: str = "", site=None):
    queryset = InboundReferral.objects.filter(territory=territory).select_related(
        "organisation", "site"
    )
    if status == "open":
        queryset = queryset.exclude(status=ReferralStatus.CLOSED)
    elif status:
        queryset = queryset.filter(status=status)
    if site is not None:
        queryset = queryset.filter(site=site)
    return queryset.order_by("-created_at", "-pk")


# What the mediators' desk shows of each referral (templates/pros/staff/_desk_referrals.html).
DESK_REFERRAL_FIELDS = ("territory_id", "first_name", "created_at", "organisation__name")


@prepared_read(shape=("status",))
def _desk_referrals(*, territory_id: int, site_id: int, status: str):
    return (
        inbound_referrals_for_team(territory=territory_id, status=status, site=site_id)
        .select_related(None)
        .select_related("organisation")
        .only(*DESK_REFERRAL_FIELDS)
    )


def referrals_for_desk(*, site, limit: int = 5) -> list[InboundReferral]:
    """The referrals received for this Espace and not yet handled, newest first."""
    return _desk_referrals.rows(
        territory_id=site.territory_id, site_id=site.pk, status=ReferralStatus.RECEIVED, limit=limit
    )


def inbound_referral_for_team(*, territory, pk: int):
    return (
        InboundReferral.objects.filter(territory=territory, pk=pk)
        .select_related("organisation", "site", "referrer", "registration__session")
        .prefetch_related("appointments__mediator", "appointments__site", "events")
        .first()
    )


def referrals_of(*, user):
    """A prescriber's own referrals: only status fields are ever shown from these."""
    return (
        InboundReferral.objects.filter(referrer=user, territory_id=user.territory_id)
        .only("pk", "status", "created_at", "updated_at", "oriented_to", "site__name")
        .select_related("site")
        .order_by("-created_at", "-pk")
    )


def referral_of(*, user, pk: int):
    return referrals_of(user=user).filter(pk=pk).first()


def referrals_of_link(*, link: StructureLink):
    return (
        InboundReferral.objects.filter(link=link)
        .only("pk", "status", "created_at", "updated_at", "oriented_to", "site__name")
        .select_related("site")
        .order_by("-created_at", "-pk")
    )


def desk_referral_counts(*, territory, sites=None) -> dict:
    """{"received": n, "appointment": n} for the mediators' desk."""
    queryset = InboundReferral.objects.filter(territory=territory)
    if sites is not None:
        queryset = queryset.filter(site__in=sites)
    return queryset.aggregate(
        received=Count("pk", filter=Q(status=ReferralStatus.RECEIVED)),
        appointment=Count("pk", filter=Q(status=ReferralStatus.APPOINTMENT)),
    )


def team_members(*, territory):
    return User.objects.filter(
        territory=territory,
        is_active=True,
        role__in=[Role.MEDIATOR, Role.COORDINATOR],
    ).order_by("first_name", "last_name", "email")


def availability_for(*, territory, mediator=None):
    slots = AvailabilitySlot.objects.filter(territory=territory).select_related("site", "mediator")
    exceptions = AvailabilityException.objects.filter(territory=territory).select_related(
        "site", "mediator"
    )
    if mediator is not None:
        slots, exceptions = slots.filter(mediator=mediator), exceptions.filter(mediator=mediator)
    return slots, exceptions


def mediator_agenda(*, user, date_from, date_to):
    """A mediator's appointments and the sessions they facilitate (for their .ics feed)."""
    from espaces.events.models import Session

    appointments = Appointment.objects.filter(
        mediator=user, start__date__gte=date_from, start__date__lte=date_to
    ).select_related("site")
    sessions = Session.objects.filter(
        facilitators=user, start__date__gte=date_from, start__date__lte=date_to
    ).select_related("event_type", "site__commune")
    return appointments, sessions


def structure_links(*, territory):
    return StructureLink.objects.filter(territory=territory).select_related("organisation")
