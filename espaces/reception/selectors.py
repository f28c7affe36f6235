"""Reads of the reception domain. Every selector takes who is asking (`user=`) and the territory,
so that a view cannot forget to scope (espaces/reception/permissions.py)."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext

from espaces.accounts.enums import Role
from espaces.accounts.models import User
from espaces.common.prepared import prepared_read
from espaces.territories.models import Site, Territory

from .enums import OptionKind, PublicCategory, ReferralStatus
from .models import (
    Beneficiary,
    FollowUp,
    JournalEntry,
    Referral,
    ReferralEvent,
    Visit,
    VisitOption,
)
from .permissions import can_follow_up, can_handle_referrals, can_record_visits, is_partner

PUBLIC_CATEGORIES = [c for c in PublicCategory.values if c != "professionnel_accompagnement"]


def _none(model):
    return model.objects.none()


# --- visits ----------------------------------------------------------------------------------
def desk_sites_for(*, user: User, territory: Territory) -> QuerySet[Site]:
    """Sites where this account records visits: a mediator's own sites, every site for a
    coordinator."""
    if not can_record_visits(user):
        return _none(Site)
    return _desk_sites(
        territory_id=territory.pk, user_id=user.pk, mediator=user.role == Role.MEDIATOR
    )


@prepared_read(shape=("mediator",))
def _desk_sites(*, territory_id: int, user_id: int, mediator: bool):
    sites = Site.objects.filter(territory_id=territory_id).order_by("name")
    if mediator:
        sites = sites.filter(
            pk__in=User.sites.through.objects.filter(user_id=user_id).values("site_id")
        )
    return sites


# What the desk shows of its sites (a name, a key): not their 28 columns.
DESK_SITE_FIELDS = ("territory_id", "slug", "name")


@prepared_read(shape=("mediator",))
def _desk_site_names(*, territory_id: int, user_id: int, mediator: bool):
    return _desk_sites(territory_id=territory_id, user_id=user_id, mediator=mediator).only(
        *DESK_SITE_FIELDS
    )


def desk_site_list(*, user: User, territory: Territory) -> list[Site]:
    """desk_sites_for() with the desk's columns, as a list (a prepared read: the desk's)."""
    if not can_record_visits(user):
        return []
    return _desk_site_names.rows(
        territory_id=territory.pk, user_id=user.pk, mediator=user.role == Role.MEDIATOR
    )


def visits_for(*, user: User, territory: Territory) -> QuerySet[Visit]:
    """Visits a user may see one by one (mediators: their sites; coordinators: the territory)."""
    if not can_record_visits(user):
        return _none(Visit)
    return Visit.objects.filter(
        territory=territory, site__in=desk_sites_for(user=user, territory=territory)
    )


def _day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    return start, start + dt.timedelta(days=1)


def visits_editable_by(*, user: User, territory: Territory) -> QuerySet[Visit]:
    """A user's own entries of the day: the only ones they may correct or delete."""
    start, end = _day_bounds(timezone.localdate())
    return visits_for(user=user, territory=territory).filter(
        recorded_by=user, created_at__gte=start, created_at__lt=end
    )


# What the desk's list of the day shows of each visit.
TODAY_LIST_FIELDS = ("territory_id", "date", "time", "public_category", "group_size", "purpose")


@prepared_read
def _visits_of_the_day(*, territory_id: int, site_ids: list[int], user_id: int, start, end):
    return (
        Visit.objects.filter(
            territory_id=territory_id,
            site__in=site_ids,
            recorded_by_id=user_id,
            created_at__gte=start,
            created_at__lt=end,
        )
        .only(*TODAY_LIST_FIELDS)
        .order_by("-created_at", "-pk")
    )


def visits_of_the_day(*, user: User, territory: Territory, sites: list[Site]) -> list[Visit]:
    """A user's own entries of the day on the desk's sites (already read: desk_site_list),
    newest first, with the columns of the desk's list (the same rows as visits_editable_by)."""
    if not can_record_visits(user) or not sites:
        return []
    start, end = _day_bounds(timezone.localdate())
    return _visits_of_the_day.rows(
        territory_id=territory.pk,
        site_ids=[site.pk for site in sites],
        user_id=user.pk,
        start=start,
        end=end,
    )


def visit_options_for(*, territory: Territory, kind: str, site: Site | None = None):
    options = VisitOption.objects.filter(territory=territory, kind=kind)
    if site is not None:
        options = options.filter(Q(sites__isnull=True) | Q(sites=site)).distinct()
    return options.order_by("order", "label")


# --- follow-up files ---------------------------------------------------------------------------
def beneficiaries_for(*, user: User, territory: Territory, q: str = "") -> QuerySet[Beneficiary]:
    """Files with personal data a user may open: mediators and coordinators of the territory."""
    if not can_follow_up(user):
        return _none(Beneficiary)
    files = Beneficiary.objects.active().filter(territory=territory)
    for word in q.split()[:4]:
        files = files.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(email__icontains=word)
            | Q(phone__icontains=word)
        )
    return files


BENEFICIARY_ORDERS = {
    "recent": ("-created_at", "-pk"),  # newest first (default)
    "contact": ("-last_contact_on", "-pk"),
    "nom": ("last_name", "first_name", "pk"),
}
REFERRAL_ORDERS = {
    "recent": ("-created_at", "-pk"),  # newest first (default)
    "echeance": ("reply_due_on", "-pk"),
}


def beneficiary_list(
    *, user: User, territory: Territory, q: str = "", scope: str = "", order: str = "recent"
):
    """Files the user may read, newest first unless `order` says otherwise."""
    if q or not can_follow_up(user):
        return _beneficiary_list(
            files=beneficiaries_for(user=user, territory=territory, q=q),
            user_id=user.pk,
            scope=scope,
            order=order,
        )
    # without a search, a prepared read (the list opened at each visit of the page)
    return _beneficiary_page.sequence(
        territory_id=territory.pk,
        user_id=user.pk,
        scope=scope,
        order=order,
        counted_by=_beneficiary_files,
    )


def _in_scope(files, *, user_id: int, scope: str):
    if scope == "mine":
        return files.filter(referent_id=user_id)
    if scope == "actifs":
        return files.filter(exited_on__isnull=True)
    return files


def _beneficiary_list(*, files, user_id: int, scope: str, order: str):
    return (
        _in_scope(files, user_id=user_id, scope=scope)
        .values(*BENEFICIARY_LIST_COLUMNS)
        .order_by(*BENEFICIARY_ORDERS.get(order, BENEFICIARY_ORDERS["recent"]))
    )


@prepared_read(shape=("scope",))
def _beneficiary_files(*, territory_id: int, user_id: int, scope: str):
    """The files of the list without a search (counted without the joins of its columns)."""
    files = Beneficiary.objects.active().filter(territory_id=territory_id)
    return _in_scope(files, user_id=user_id, scope=scope)


@prepared_read(shape=("scope", "order"))
def _beneficiary_page(*, territory_id: int, user_id: int, scope: str, order: str):
    files = Beneficiary.objects.active().filter(territory_id=territory_id)
    return _beneficiary_list(files=files, user_id=user_id, scope=scope, order=order)


# What the list of files shows (espaces/reception/rows.py): a few columns as dictionaries, not
# the whole file with its commune and referent (75 model instances a page).
BENEFICIARY_LIST_COLUMNS = (
    "pk",
    "first_name",
    "last_name",
    "exited_on",
    "employment_status",
    "long_term_unemployed",
    "self_employed",
    "last_contact_on",
    "commune__name",
    "referent_id",
    "referent__first_name",
    "referent__email",
)


def with_open_referrals(files) -> list[dict]:
    """The files of one page (dictionaries of beneficiary_list()) with `open_referrals`
    (referrals sent or received, not yet answered), counted for these files only: one small
    query instead of a GROUP BY over every file of the territory before the page is cut."""
    files = list(files)
    counts = dict(_open_referral_counts.rows(file_ids=[f["pk"] for f in files]))
    for f in files:
        f["open_referrals"] = counts.get(f["pk"], 0)
    return files


@prepared_read
def _open_referral_counts(*, file_ids: list[int]):
    return (
        Referral.objects.filter(
            beneficiary__in=file_ids, status__in=[ReferralStatus.ENVOYEE, ReferralStatus.RECUE]
        )
        .order_by()
        .values("beneficiary")
        .annotate(n=Count("pk"))
        .values_list("beneficiary", "n")
    )


def beneficiary_for(*, user: User, territory: Territory, pk: int) -> Beneficiary:
    """One file, or 404 when it is not within the user's reach."""
    beneficiary = (
        beneficiaries_for(user=user, territory=territory)
        .select_related("commune", "site", "referent", "consent_recorded_by", "territory")
        .filter(pk=pk)
        .first()
    )
    if beneficiary is None:
        raise Http404("Dossier introuvable.")
    return beneficiary


@dataclass
class TimelineItem:
    date: dt.date
    kind: str
    title: str
    text: str = ""
    author: str = ""
    link: str = ""
    order: int = 0


def _user_label(user) -> str:
    if user is None:
        return ""
    return f"{user.first_name} {user.last_name}".strip() or user.email


def beneficiary_timeline(*, beneficiary: Beneficiary) -> list[TimelineItem]:
    """Visits, sessions attended, notes, actions, orientation results, barriers, referrals and
    exit, newest first — a fixed number of queries whatever the length."""
    items: list[TimelineItem] = []
    for visit in beneficiary.visits.select_related("site", "recorded_by"):
        items.append(
            TimelineItem(
                date=visit.date,
                kind="visite",
                title=gettext("Venue à %(site)s") % {"site": visit.site.name},
                text=visit.purpose,
                author=_user_label(visit.recorded_by),
                order=visit.pk,
            )
        )
    for entry in JournalEntry.objects.filter(beneficiary=beneficiary).select_related("author"):
        items.append(
            TimelineItem(
                date=entry.occurred_on,
                kind=entry.kind,
                title=entry.get_kind_display(),
                text=entry.text
                + (
                    " " + gettext("(code %(code)s)") % {"code": entry.reference}
                    if entry.reference
                    else ""
                ),
                author=_user_label(entry.author),
                order=entry.pk,
            )
        )
    for barrier in beneficiary.barriers.select_related("identified_by"):
        items.append(
            TimelineItem(
                date=barrier.identified_on,
                kind="frein",
                title=gettext("Frein identifié : %(barrier)s") % {"barrier": barrier.label},
                author=_user_label(barrier.identified_by),
                order=barrier.pk,
            )
        )
        if barrier.lifted_on:
            items.append(
                TimelineItem(
                    date=barrier.lifted_on,
                    kind="frein",
                    title=gettext("Frein levé : %(barrier)s") % {"barrier": barrier.label},
                    order=barrier.pk,
                )
            )
    for proposal in beneficiary.service_proposals.select_related("proposed_by"):
        items.append(
            TimelineItem(
                date=proposal.proposed_on,
                kind="service",
                title=gettext("Service proposé : %(service)s") % {"service": proposal.service_name},
                author=_user_label(proposal.proposed_by),
                order=proposal.pk,
            )
        )
    events = ReferralEvent.objects.filter(referral__beneficiary=beneficiary).select_related(
        "referral__partner", "by"
    )
    for event in events:
        items.append(
            TimelineItem(
                date=timezone.localdate(event.at),
                kind="orientation",
                title=gettext("Orientation n° %(pk)s vers %(partner)s : %(status)s")
                % {
                    "pk": event.referral_id,
                    "partner": event.referral.partner.name,
                    "status": event.get_to_status_display().lower(),
                },
                text=event.note,
                author=event.author_label,
                order=event.pk,
            )
        )
    for registration in beneficiary.registrations.select_related("session__event_type"):
        session = registration.session
        items.append(
            TimelineItem(
                date=timezone.localdate(session.start),
                kind="evenement",
                title=gettext("Événement : %(session)s") % {"session": session.display_title},
                text=registration.get_attendance_display(),
                order=registration.pk,
            )
        )
    if beneficiary.exited_on:
        items.append(
            TimelineItem(
                date=beneficiary.exited_on,
                kind="sortie",
                title=gettext("Sortie : %(outcome)s")
                % {"outcome": beneficiary.get_exit_outcome_display()},
            )
        )
    for follow_up in beneficiary.follow_ups.filter(done_on__isnull=False):
        items.append(
            TimelineItem(
                date=follow_up.done_on,
                kind="suivi",
                title=gettext("Suivi à 6 mois : %(outcome)s")
                % {"outcome": follow_up.get_outcome_display()},
            )
        )
    return sorted(items, key=lambda i: (i.date, i.order), reverse=True)


# --- referrals -------------------------------------------------------------------------------
def referrals_for(*, user: User, territory: Territory) -> QuerySet[Referral]:
    """Partners see only the referrals addressed to their organisation; mediators and
    coordinators those of the territory; funders none."""
    if not can_handle_referrals(user):
        return _none(Referral)
    referrals = Referral.objects.filter(territory=territory, beneficiary__anonymised_at=None)
    if is_partner(user):
        referrals = referrals.filter(partner_id=user.organisation_id)
    return referrals


def referral_list(*, user: User, territory: Territory, status: str = "", order: str = "recent"):
    """Referrals the user may handle, newest first unless `order` says otherwise."""
    referrals = referrals_for(user=user, territory=territory)
    if status == "en_attente":
        referrals = referrals.filter(status__in=[ReferralStatus.ENVOYEE, ReferralStatus.RECUE])
    elif status in ReferralStatus.values:
        referrals = referrals.filter(status=status)
    return referrals.select_related("beneficiary", "partner", "sent_by").order_by(
        *REFERRAL_ORDERS.get(order, REFERRAL_ORDERS["recent"])
    )


def referral_for(*, user: User, territory: Territory, pk: int) -> Referral:
    referral = (
        referrals_for(user=user, territory=territory)
        .select_related("beneficiary__commune", "partner", "sent_by", "territory")
        .prefetch_related(Prefetch("events", queryset=ReferralEvent.objects.select_related("by")))
        .filter(pk=pk)
        .first()
    )
    if referral is None:
        raise Http404("Orientation introuvable.")
    return referral


# --- follow-ups ------------------------------------------------------------------------------
def follow_ups_for(*, user: User, territory: Territory) -> QuerySet[FollowUp]:
    if not can_follow_up(user):
        return _none(FollowUp)
    return FollowUp.objects.filter(territory=territory, beneficiary__anonymised_at=None)


def follow_ups_due(*, user: User, territory: Territory, horizon_days: int = 30):
    """Follow-ups not done yet, due within `horizon_days` (overdue ones first)."""
    limit = timezone.localdate() + dt.timedelta(days=horizon_days)
    return (
        follow_ups_for(user=user, territory=territory)
        .filter(done_on__isnull=True, due_on__lte=limit)
        .select_related("beneficiary", "beneficiary__referent")
        .order_by("due_on", "pk")
    )


def follow_up_for(*, user: User, territory: Territory, pk: int) -> FollowUp:
    follow_up = (
        follow_ups_for(user=user, territory=territory)
        .select_related("beneficiary")
        .filter(pk=pk)
        .first()
    )
    if follow_up is None:
        raise Http404("Suivi introuvable.")
    return follow_up


def follow_up_recipients(follow_up: FollowUp) -> list[str]:
    """The referent, else the mediators of the file's site, else the territory's coordinators."""
    beneficiary = follow_up.beneficiary
    if beneficiary.referent and beneficiary.referent.is_active:
        return [beneficiary.referent.email]
    users = User.objects.filter(territory_id=follow_up.territory_id, is_active=True)
    if beneficiary.site_id:
        mediators = list(
            users.filter(role=Role.MEDIATOR, sites=beneficiary.site_id).values_list(
                "email", flat=True
            )
        )
        if mediators:
            return mediators
    return list(users.filter(role=Role.COORDINATOR).values_list("email", flat=True))


def suggested_services(*, beneficiary: Beneficiary, limit: int = 15) -> list:
    """Services of the territory answering the file's open barriers, nearest first."""
    from espaces.services.selectors import services_for_thematiques

    open_barriers = [b.thematique for b in beneficiary.barriers.all() if b.lifted_on is None]
    if not open_barriers:
        return []
    commune = beneficiary.commune.insee if beneficiary.commune else None
    return services_for_thematiques(
        territory=beneficiary.territory, thematiques=open_barriers, commune=commune
    )[:limit]


def channel_and_purpose_labels(*, territory: Territory) -> dict[str, dict[str, str]]:
    options = VisitOption.objects.filter(territory=territory).values_list("kind", "slug", "label")
    labels: dict[str, dict[str, str]] = {OptionKind.CHANNEL: {}, OptionKind.PURPOSE: {}}
    for kind, slug, label in options:
        labels[kind][slug] = label
    return labels
