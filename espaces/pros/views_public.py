"""Pages for professionals: request forms (schools, groups), following a request by its signed
link, the survey, referring a person (prescriber account or structure link), the statuses of
one's referrals, the mediators' calendar feeds, resources to print."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from espaces.accounts.models import User
from espaces.events import ical
from espaces.events.selectors import schools_for
from espaces.territories.views import current_territory

from . import ratelimit, tokens
from .consent import consent_text
from .enums import RequestKind, RequestStatus
from .forms import ReferralForm, RequestForm, SurveyForm
from .models import InboundReferral, ProposedDate, ProRequest, StructureLink
from .permissions import is_prescriber
from .selectors import mediator_agenda, referral_of, referrals_of, referrals_of_link, requests_of
from .services import (
    ProsError,
    inbound_referral_create,
    request_accept,
    request_create,
    request_survey_submit,
)


def _private(response):
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex"
    return response


def home(request):
    """The professionals' page: what they can ask for, and their own space when signed in."""
    return render(request, "pros/public/home.html", {"prescriber": is_prescriber(request.user)})


def _apply_error(form, exc: ProsError):
    field = exc.field if exc.field in form.fields else None
    if exc.field == "wished_periods":
        field = "period_1_from"
    form.add_error(field, exc.message)


@require_http_methods(["GET", "POST"])
def request_new(request, kind: str):
    territory = current_territory(request)
    if kind not in RequestKind.values:
        raise Http404("Type de demande inconnu.")
    form = RequestForm(request.POST or None, kind=kind, territory=territory)
    status = 200
    if request.method == "POST" and form.is_valid():
        if not ratelimit.allow(request, "request"):
            form.add_error(
                None,
                gettext(
                    "Trop de demandes envoyées depuis cette connexion : réessayez dans une heure."
                ),
            )
            status = 429
        else:
            data = form.cleaned_data
            try:
                pro_request = request_create(
                    territory=territory,
                    kind=kind,
                    organisation_name=data["organisation_name"],
                    uai=data.get("uai", ""),
                    level=data.get("level", ""),
                    participants=data["participants"],
                    wished_periods=form.periods(),
                    place=data["place"],
                    site=data["site"],
                    topics=data["topics"],
                    accessibility_needs=data["accessibility_needs"],
                    contact_name=data["contact_name"],
                    contact_email=data["contact_email"],
                    contact_phone=data["contact_phone"],
                    consent=data["consent"],
                    structure_kind=data.get("structure_kind", ""),
                    owner=request.user if is_prescriber(request.user) else None,
                )
            except ProsError as exc:
                _apply_error(form, exc)
            else:
                token = tokens.make(pro_request.pk, tokens.REQUEST_SALT)
                messages.success(
                    request,
                    gettext(
                        "Merci : votre demande %(ref)s est enregistrée. Un courriel de confirmation "
                        "vient de partir ; gardez-le, son lien ramène ici."
                    )
                    % {"ref": pro_request.reference},
                )
                return redirect("pros:request_status", token=token)
    if form.errors and status == 200:
        status = 422 if request.method == "POST" else 200
    return render(
        request,
        "pros/public/request_form.html",
        {
            "form": form,
            "kind": kind,
            "schools": schools_for(territory=territory) if kind == RequestKind.SCHOOL else [],
        },
        status=status,
    )


def _request_or_404(request, token, salt):
    pk = tokens.read(token, salt)
    pro_request = (
        ProRequest.objects.filter(pk=pk, territory=current_territory(request))
        .select_related("session__site", "school")
        .first()
        if pk
        else None
    )
    if pro_request is None or pro_request.anonymised_at:
        raise Http404("Ce lien n'est pas valide. Vérifiez qu'il est complet.")
    return pro_request


@require_http_methods(["GET", "POST"])
def request_status(request, token):
    """The requester follows the request and picks one of the dates proposed."""
    pro_request = _request_or_404(request, token, tokens.REQUEST_SALT)
    error = None
    if request.method == "POST":
        proposal = ProposedDate.objects.filter(
            request=pro_request, pk=request.POST.get("proposal") or 0
        ).first()
        if proposal is None:
            error = gettext("Choisissez une des dates proposées.")
        else:
            try:
                request_accept(pro_request=pro_request, proposal=proposal)
            except ProsError as exc:
                error = exc.message
            else:
                messages.success(request, gettext("C'est noté : la date est confirmée."))
                return redirect("pros:request_status", token=token)
    response = render(
        request,
        "pros/public/request_status.html",
        {
            "req": pro_request,
            "proposals": pro_request.proposals.select_related("site"),
            "error": error,
            "choosing": pro_request.status == RequestStatus.PROPOSED,
        },
        status=409 if error else 200,
    )
    return _private(response)


@require_http_methods(["GET", "POST"])
def request_survey(request, token):
    pro_request = _request_or_404(request, token, tokens.SURVEY_SALT)
    available = pro_request.session is not None and pro_request.session.has_started()
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and available and form.is_valid():
        try:
            request_survey_submit(pro_request=pro_request, **form.cleaned_data)
        except ProsError as exc:
            form.add_error(None, exc.message)
        else:
            return _private(render(request, "pros/public/survey_thanks.html", {"req": pro_request}))
    return _private(
        render(
            request,
            "pros/public/survey.html",
            {"req": pro_request, "form": form, "available": available},
        )
    )


# --- referrals by professionals --------------------------------------------------------------
def _refer(request, *, territory, organisation, referrer=None, link=None):
    form = ReferralForm(request.POST or None, territory=territory)
    if request.method == "POST" and form.is_valid():
        try:
            referral = inbound_referral_create(
                territory=territory,
                organisation=organisation,
                referrer=referrer,
                link=link,
                **form.cleaned_data,
            )
        except ProsError as exc:
            _apply_error(form, exc)
        else:
            return referral, form
    return None, form


def _prescriber(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not is_prescriber(request.user):
        raise PermissionDenied("Cette page est réservée aux prescripteurs et prescriptrices.")
    if request.user.territory_id != current_territory(request).pk:
        raise PermissionDenied("Votre compte appartient à un autre territoire.")
    return None


def prescriber_home(request):
    """A prescriber's own referrals (status only) and requests."""
    refusal = _prescriber(request)
    if refusal:
        return refusal
    return _private(
        render(
            request,
            "pros/public/prescriber_home.html",
            {
                "referrals": referrals_of(user=request.user)[:100],
                "requests": requests_of(user=request.user)[:100],
            },
        )
    )


@require_http_methods(["GET", "POST"])
def prescriber_refer(request):
    refusal = _prescriber(request)
    if refusal:
        return refusal
    territory = current_territory(request)
    referral, form = _refer(
        request,
        territory=territory,
        organisation=request.user.organisation,
        referrer=request.user,
    )
    if referral is not None:
        messages.success(
            request,
            gettext("Orientation %(ref)s envoyée : l'Espace recontacte la personne.")
            % {"ref": referral.reference},
        )
        return redirect("pros:prescriber_home")
    return _private(
        render(
            request,
            "pros/public/refer.html",
            {
                "form": form,
                "consent_text": consent_text(),
                "organisation": request.user.organisation,
            },
            status=422 if form.errors else 200,
        )
    )


def prescriber_referral(request, pk):
    refusal = _prescriber(request)
    if refusal:
        return refusal
    referral = referral_of(user=request.user, pk=pk)
    if referral is None:
        raise Http404("Orientation introuvable.")
    return _private(
        render(
            request,
            "pros/public/referral_status.html",
            {"referral": referral, "history": referral.events.order_by("created_at", "pk")},
        )
    )


def _link_or_404(request, token) -> StructureLink:
    pk = tokens.read(token, tokens.STRUCTURE_SALT)
    link = (
        StructureLink.objects.filter(pk=pk, territory=current_territory(request))
        .select_related("organisation")
        .first()
        if pk
        else None
    )
    if link is None or not link.is_active:
        raise Http404("Ce lien n'est pas valide ou a été révoqué : demandez-en un à l'Espace.")
    return link


@require_http_methods(["GET", "POST"])
def structure_refer(request, token):
    """Refer through the link the Espace gave the structure; lists that link's referrals."""
    link = _link_or_404(request, token)
    referral, form = _refer(
        request,
        territory=link.territory,
        organisation=link.organisation,
        link=link,
    )
    if referral is not None:
        messages.success(
            request,
            gettext(
                "Orientation %(ref)s envoyée. Gardez ce lien pour suivre où elle en est : %(url)s"
            )
            % {"ref": referral.reference, "url": tokens.referral_status_url(referral)},
        )
        return redirect("pros:structure_refer", token=token)
    return _private(
        render(
            request,
            "pros/public/refer.html",
            {
                "form": form,
                "consent_text": consent_text(),
                "organisation": link.organisation,
                "link_referrals": referrals_of_link(link=link)[:100],
            },
            status=422 if form.errors else 200,
        )
    )


def referral_status(request, token):
    """One referral's status through its signed link (what the structure may know)."""
    pk = tokens.read(token, tokens.REFERRAL_SALT)
    referral = (
        InboundReferral.objects.filter(pk=pk, territory=current_territory(request))
        .select_related("site")
        .first()
        if pk
        else None
    )
    if referral is None:
        raise Http404("Ce lien n'est pas valide. Vérifiez qu'il est complet.")
    return _private(
        render(
            request,
            "pros/public/referral_status.html",
            {"referral": referral, "history": referral.events.order_by("created_at", "pk")},
        )
    )


# --- a mediator's calendar ---------------------------------------------------------------------
def mediator_feed(request, token):
    """Appointments and facilitated sessions of one mediator, as iCal (signed address)."""
    import datetime as dt

    from django.utils import timezone
    from icalendar import Calendar, Event

    pk = tokens.read(token.removesuffix(".ics"), tokens.FEED_SALT)
    user = User.objects.filter(pk=pk, is_active=True).first() if pk else None
    if user is None or user.territory_id != current_territory(request).pk:
        raise Http404("Ce lien n'est pas valide.")
    today = timezone.localdate()
    appointments, sessions = mediator_agenda(
        user=user, date_from=today - dt.timedelta(days=30), date_to=today + dt.timedelta(days=366)
    )
    stamp = timezone.now()
    calendar = Calendar()
    calendar.add("prodid", "-//Espaces 20 000 emplois//pros//FR")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", gettext("Mes rendez-vous et séances"))
    for session in sessions:
        calendar.add_component(ical.session_event(session, stamp=stamp))
    for appointment in appointments:
        event = Event()
        event.add("uid", f"rdv-{appointment.pk}@espaces")
        event.add("dtstamp", stamp)
        event.add("dtstart", appointment.start)
        event.add("dtend", appointment.end)
        # no name in a calendar that may be synced elsewhere: the reference only
        event.add(
            "summary",
            gettext("Rendez-vous (orientation %(ref)s)")
            % {"ref": appointment.referral.reference if appointment.referral_id else "—"},
        )
        event.add("location", appointment.site.name)
        if appointment.status == "cancelled":
            event.add("status", "CANCELLED")
        calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="mes-rendez-vous.ics"'
    return _private(response)
