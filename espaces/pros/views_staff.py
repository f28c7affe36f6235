"""The team's pages: the request queue (coordinators), inbound referrals (mediators' desk),
availability, links issued to structures."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from espaces.events.models import EventType
from espaces.events.selectors import agenda_sessions
from espaces.reception.permissions import staff_view
from espaces.territories.models import Site

from . import tokens
from .availability import free_slots, parse_slot_key
from .conf import appointment_minutes
from .enums import ReferralStatus, RequestKind, RequestStatus
from .forms import (
    DeclineForm,
    DoneForm,
    ExceptionForm,
    ProposeForm,
    SlotForm,
    StructureLinkForm,
    TransitionForm,
)
from .models import Appointment, AvailabilityException, AvailabilitySlot, StructureLink
from .permissions import is_coordination, is_team
from .selectors import (
    availability_for,
    inbound_referral_for_team,
    inbound_referrals_for_team,
    request_for_team,
    request_queue,
    structure_links,
    team_members,
)
from .services import (
    ProsError,
    appointment_book,
    appointment_set_status,
    availability_exception_create,
    availability_slot_create,
    inbound_referral_book_session,
    inbound_referral_transition,
    periods_of,
    request_accept,
    request_decline,
    request_mark_done,
    request_propose,
    structure_link_create,
    structure_link_revoke,
)

PAGE_SIZE = 25


def _site(request, territory):
    slug = request.GET.get("site")
    return Site.objects.filter(territory=territory, slug=slug).first() if slug else None


# --- requests --------------------------------------------------------------------------------
@staff_view(is_coordination)
def queue(request):
    territory = request.staff_territory
    kind = request.GET.get("type", "")
    status = request.GET.get("statut", "open")
    site = _site(request, territory)
    requests = request_queue(
        territory=territory,
        kind=kind if kind in RequestKind.values else "",
        status=status if status in RequestStatus.values or status == "open" else "",
        site=site,
    )
    page = Paginator(requests, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "pros/staff/queue.html",
        {
            "page": page,
            "kind": kind,
            "status": status,
            "site": site,
            "sites": Site.objects.filter(territory=territory),
            "kinds": RequestKind.choices,
            "statuses": RequestStatus.choices,
        },
    )


def _request_or_404(request, pk):
    pro_request = request_for_team(territory=request.staff_territory, pk=pk)
    if pro_request is None:
        raise Http404("Demande introuvable.")
    return pro_request


def _request_free_slots(pro_request):
    periods = periods_of(pro_request)
    today = timezone.localdate()
    date_from = max(min(p[0] for p in periods), today)
    date_to = max(p[1] for p in periods)
    return free_slots(
        territory=pro_request.territory,
        date_from=date_from,
        date_to=min(date_to, date_from + dt.timedelta(days=366)),
        duration=dt.timedelta(hours=2),
        site=pro_request.site,
        periods=periods,
        limit=40,
    )


@staff_view(is_coordination)
def request_detail(request, pk):
    pro_request = _request_or_404(request, pk)
    free = (
        _request_free_slots(pro_request) if pro_request.status in ("received", "proposed") else []
    )
    return render(
        request,
        "pros/staff/request_detail.html",
        {
            "req": pro_request,
            "propose_form": ProposeForm(free=free),
            "free": free,
            "decline_form": DeclineForm(),
            "done_form": DoneForm(
                initial={
                    "participants": pro_request.participants,
                    "accompanying": pro_request.accompanying,
                }
            ),
            "event_types": EventType.objects.filter(territory=request.staff_territory),
            "status_url": tokens.request_url(pro_request),
        },
    )


def _back(request, pk, exc: ProsError | None = None, done: str = ""):
    if exc:
        messages.error(request, exc.message)
    elif done:
        messages.success(request, done)
    return redirect("pros_staff:request_detail", pk=pk)


@require_POST
@staff_view(is_coordination)
def request_propose_view(request, pk):
    pro_request = _request_or_404(request, pk)
    free = {f.key: f for f in _request_free_slots(pro_request)}
    chosen = [free[k] for k in request.POST.getlist("slots") if k in free]
    sites = {s.pk: s for s in Site.objects.filter(territory=request.staff_territory)}
    members = {u.pk: u for u in team_members(territory=request.staff_territory)}
    try:
        request_propose(
            pro_request=pro_request,
            slots=[(sites[f.site_id], members.get(f.mediator_id), f.start, f.end) for f in chosen],
            user=request.user,
        )
    except ProsError as exc:
        return _back(request, pk, exc)
    return _back(request, pk, done=gettext("Dates proposées : le demandeur est prévenu."))


@require_POST
@staff_view(is_coordination)
def request_accept_view(request, pk):
    pro_request = _request_or_404(request, pk)
    proposal = pro_request.proposals.filter(pk=request.POST.get("proposal") or 0).first()
    event_type = EventType.objects.filter(
        territory=request.staff_territory, pk=request.POST.get("event_type") or 0
    ).first()
    if proposal is None:
        return _back(request, pk, ProsError(gettext("Choisissez une des dates proposées.")))
    try:
        request_accept(
            pro_request=pro_request, proposal=proposal, event_type=event_type, user=request.user
        )
    except ProsError as exc:
        return _back(request, pk, exc)
    return _back(request, pk, done=gettext("Date fixée : la séance réservée au groupe est créée."))


@require_POST
@staff_view(is_coordination)
def request_decline_view(request, pk):
    pro_request = _request_or_404(request, pk)
    try:
        request_decline(
            pro_request=pro_request, reason=request.POST.get("reason", ""), user=request.user
        )
    except ProsError as exc:
        return _back(request, pk, exc)
    return _back(request, pk, done=gettext("Demande déclinée : le demandeur est prévenu."))


@require_POST
@staff_view(is_coordination)
def request_done_view(request, pk):
    pro_request = _request_or_404(request, pk)
    form = DoneForm(request.POST)
    if not form.is_valid():
        return _back(request, pk, ProsError(gettext("Indiquez des nombres de personnes.")))
    try:
        request_mark_done(pro_request=pro_request, user=request.user, **form.cleaned_data)
    except ProsError as exc:
        return _back(request, pk, exc)
    return _back(request, pk, done=gettext("Venue notée : elle compte dans la fréquentation."))


# --- inbound referrals -----------------------------------------------------------------------
@staff_view(is_team)
def inbound_list(request):
    territory = request.staff_territory
    status = request.GET.get("statut", "open")
    site = _site(request, territory)
    referrals = inbound_referrals_for_team(
        territory=territory,
        status=status if status in ReferralStatus.values or status == "open" else "",
        site=site,
    )
    page = Paginator(referrals, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "pros/staff/inbound_list.html",
        {
            "page": page,
            "status": status,
            "site": site,
            "sites": Site.objects.filter(territory=territory),
            "statuses": ReferralStatus.choices,
        },
    )


def _referral_or_404(request, pk):
    referral = inbound_referral_for_team(territory=request.staff_territory, pk=pk)
    if referral is None:
        raise Http404("Orientation introuvable.")
    return referral


def _referral_slots(referral):
    today = timezone.localdate()
    return free_slots(
        territory=referral.territory,
        date_from=today,
        date_to=today + dt.timedelta(days=21),
        duration=dt.timedelta(minutes=appointment_minutes()),
        site=referral.site,
        limit=30,
    )


@staff_view(is_team)
def inbound_detail(request, pk):
    from espaces.reception.thematiques import thematique_label

    referral = _referral_or_404(request, pk)
    closed = referral.status in (ReferralStatus.ORIENTED, ReferralStatus.CLOSED)
    return render(
        request,
        "pros/staff/inbound_detail.html",
        {
            "referral": referral,
            "needs": [thematique_label(n) for n in referral.needs],
            "free": [] if closed else _referral_slots(referral),
            "sessions": []
            if closed
            else agenda_sessions(territory=request.staff_territory, site=referral.site).filter(
                status="planned"
            )[:15],
            "transition_form": TransitionForm(),
            "appointments": referral.appointments.all(),
            "history": referral.events.all(),
        },
    )


def _back_referral(request, pk, exc=None, done=""):
    if exc:
        messages.error(request, exc.message)
    elif done:
        messages.success(request, done)
    return redirect("pros_staff:inbound_detail", pk=pk)


@require_POST
@staff_view(is_team)
def inbound_book(request, pk):
    referral = _referral_or_404(request, pk)
    parsed = parse_slot_key(request.POST.get("slot", ""))
    free = {f.key for f in _referral_slots(referral)}
    if parsed is None or request.POST.get("slot") not in free:
        return _back_referral(
            request, pk, ProsError(gettext("Ce créneau n'est plus libre : choisissez-en un autre."))
        )
    site_id, mediator_id, start = parsed
    site = Site.objects.get(pk=site_id)
    mediator = team_members(territory=request.staff_territory).get(pk=mediator_id)
    try:
        appointment_book(
            referral=referral, site=site, mediator=mediator, start=start, user=request.user
        )
    except ProsError as exc:
        return _back_referral(request, pk, exc)
    return _back_referral(
        request, pk, done=gettext("Rendez-vous fixé : la personne est prévenue par message.")
    )


@require_POST
@staff_view(is_team)
def inbound_book_session(request, pk):
    referral = _referral_or_404(request, pk)
    session = (
        agenda_sessions(territory=request.staff_territory)
        .filter(pk=request.POST.get("session") or 0)
        .first()
    )
    if session is None:
        return _back_referral(request, pk, ProsError(gettext("Séance introuvable.")))
    try:
        inbound_referral_book_session(referral=referral, session=session, user=request.user)
    except ProsError as exc:
        return _back_referral(request, pk, exc)
    return _back_referral(
        request, pk, done=gettext("Inscription faite : la personne reçoit la confirmation.")
    )


@require_POST
@staff_view(is_team)
def inbound_transition(request, pk):
    referral = _referral_or_404(request, pk)
    try:
        inbound_referral_transition(
            referral=referral,
            status=request.POST.get("status", ""),
            oriented_to=request.POST.get("oriented_to", ""),
            user=request.user,
        )
    except ProsError as exc:
        return _back_referral(request, pk, exc)
    return _back_referral(request, pk, done=gettext("Statut mis à jour."))


@require_POST
@staff_view(is_team)
def appointment_status(request, pk, appointment_pk):
    referral = _referral_or_404(request, pk)
    appointment = Appointment.objects.filter(referral=referral, pk=appointment_pk).first()
    if appointment is None:
        raise Http404("Rendez-vous introuvable.")
    try:
        appointment_set_status(
            appointment=appointment, status=request.POST.get("status", ""), user=request.user
        )
    except ProsError as exc:
        return _back_referral(request, pk, exc)
    return _back_referral(request, pk, done=gettext("Rendez-vous mis à jour."))


# --- availability ----------------------------------------------------------------------------
def _members_for(request):
    """Coordinators manage everyone's availability; a mediator their own."""
    members = team_members(territory=request.staff_territory)
    if is_coordination(request.user):
        return members
    return members.filter(pk=request.user.pk)


@staff_view(is_team)
def availability(request):
    territory = request.staff_territory
    members = _members_for(request)
    mediator = None if is_coordination(request.user) else request.user
    slots, exceptions = availability_for(territory=territory, mediator=mediator)
    slot_form = SlotForm(
        request.POST if request.POST.get("form") == "slot" else None,
        territory=territory,
        mediators=members,
        initial={"mediator": request.user.pk},
    )
    exception_form = ExceptionForm(
        request.POST if request.POST.get("form") == "exception" else None,
        territory=territory,
        mediators=members,
        initial={"mediator": request.user.pk},
    )
    status = 200
    if request.method == "POST":
        form = slot_form if request.POST.get("form") == "slot" else exception_form
        if form.is_valid():
            try:
                if form is slot_form:
                    availability_slot_create(territory=territory, **form.cleaned_data)
                else:
                    availability_exception_create(territory=territory, **form.cleaned_data)
            except ProsError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, gettext("Disponibilités enregistrées."))
                return redirect("pros_staff:availability")
        status = 422
    today = timezone.localdate()
    return render(
        request,
        "pros/staff/availability.html",
        {
            "slots": slots,
            "exceptions": exceptions.filter(date__gte=today),
            "slot_form": slot_form,
            "exception_form": exception_form,
            "feed_url": tokens.feed_url(request.user),
        },
        status=status,
    )


@require_POST
@staff_view(is_team)
def availability_delete(request, kind, pk):
    model = AvailabilitySlot if kind == "creneau" else AvailabilityException
    obj = model.objects.filter(territory=request.staff_territory, pk=pk).first()
    if obj is None:
        raise Http404("Créneau introuvable.")
    if not is_coordination(request.user) and obj.mediator_id != request.user.pk:
        raise PermissionDenied("Vous ne pouvez retirer que vos propres disponibilités.")
    obj.delete()
    messages.success(request, gettext("Retiré."))
    return redirect("pros_staff:availability")


# --- links issued to structures ----------------------------------------------------------------
@staff_view(is_coordination)
def links(request):
    territory = request.staff_territory
    form = StructureLinkForm(request.POST or None, territory=territory)
    if request.method == "POST" and form.is_valid():
        link = structure_link_create(territory=territory, user=request.user, **form.cleaned_data)
        messages.success(
            request,
            gettext("Lien créé : transmettez-le à la structure : %(url)s")
            % {"url": tokens.structure_url(link)},
        )
        return redirect("pros_staff:links")
    items = [(link, tokens.structure_url(link)) for link in structure_links(territory=territory)]
    return render(request, "pros/staff/links.html", {"form": form, "items": items})


@require_POST
@staff_view(is_coordination)
def link_revoke(request, pk):
    link = StructureLink.objects.filter(territory=request.staff_territory, pk=pk).first()
    if link is None:
        raise Http404("Lien introuvable.")
    structure_link_revoke(link=link)
    messages.success(request, gettext("Lien révoqué : il ne fonctionne plus."))
    return redirect("pros_staff:links")
