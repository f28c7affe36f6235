"""Public pages of the agenda: list, session and registration form, signed links, iCal feeds."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from espaces.common.lazy import lazy_context
from espaces.common.public_url import absolute_url
from espaces.messaging import conf as messaging_conf
from espaces.messaging import phones
from espaces.messaging.services import contact_allowed
from espaces.ops.content_version import seats_version
from espaces.territories.models import Site
from espaces.territories.views import current_territory

from . import conf, ical
from .enums import RegistrationChannel, RegistrationStatus
from .forms import AgendaFilterForm, RegistrationForm, SurveyForm
from .models import EventType, Session
from .selectors import agenda_sessions, feed_sessions, registration_for_token, session_for_public
from .services import EventError, registration_cancel, registration_create, survey_submit
from .tokens import SURVEY_SALT, make_token, read_token

PAGE_SIZE = 20


def _metiers_with_upcoming_sessions(territory):
    from espaces.catalogue.models import Metier

    return (
        Metier.objects.filter(
            territory=territory,
            event_sessions__end__gt=timezone.now(),
            event_sessions__public=True,
        )
        .distinct()
        .order_by("title")
        .only("slug", "title", "translations")
    )


AGENDA_KEYS = ("form", "page", "sessions", "filtered", "sites", "event_types")


def _agenda_data(request, territory) -> dict:
    sites = list(Site.objects.filter(territory=territory))
    event_types = list(EventType.objects.filter(territory=territory))
    metiers = list(_metiers_with_upcoming_sessions(territory))
    wanted = request.GET.get("metier")
    if wanted and wanted not in {m.slug for m in metiers}:
        # a job sheet may link here for a job no session shows yet: answer "none" rather than
        # ignoring the filter
        from espaces.catalogue.models import Metier

        metiers += list(
            Metier.objects.filter(territory=territory, slug=wanted).only(
                "slug", "title", "translations"
            )
        )
    form = AgendaFilterForm(
        request.GET or None, sites=sites, event_types=event_types, metiers=metiers
    )
    filters = {}
    if form.is_bound:
        form.is_valid()
        data = form.cleaned_data
        filters = {
            "site": next((s for s in sites if s.slug == data.get("site")), None),
            "event_type": next((t for t in event_types if t.slug == data.get("type")), None),
            "metier": next((m for m in metiers if m.slug == data.get("metier")), None),
            "date_from": data.get("du"),
            "date_to": data.get("au") if "au" not in form.errors else None,
        }
    page = Paginator(agenda_sessions(territory=territory, **filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return {
        "form": form,
        "page": page,
        "sessions": page.object_list,
        "filtered": any(filters.values()),
        "sites": sites,
        "event_types": event_types,
    }


def agenda(request):
    """The agenda. Its filters and list are one template fragment cached by content version,
    seats version and address (templates/events/public/agenda.html): the context is lazy, so a
    cached fragment costs no query."""
    territory = current_territory(request)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "events/public/agenda.html",
        {
            **lazy_context(lambda: _agenda_data(request, territory), AGENDA_KEYS),
            "seats_version": SimpleLazyObject(seats_version),
            "query": query.urlencode(),
        },
    )


def _public_session_or_404(request, pk) -> Session:
    session = session_for_public(territory=current_territory(request), pk=pk)
    if session is None:
        raise Http404("Cette séance n'existe pas ou plus.")
    return session


def _contact_allowed(data) -> bool:
    """Each registration e-mails or texts the contact typed: at most
    ESPACES_REGISTRATION_LIMIT_PER_CONTACT a day for one address or number (no limit per client
    address: a kiosk or a partner's office registers many people from one address)."""
    return contact_allowed(
        "events-registration",
        email=data.get("email") or "",
        phone=data.get("phone") or "",
        limit=messaging_conf.registration_limit_per_contact(),
    )


@require_http_methods(["GET", "POST"])
def session_detail(request, pk):
    session = _public_session_or_404(request, pk)
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and not _contact_allowed(form.cleaned_data):
        form.add_error(
            None,
            gettext(
                "Trop d'inscriptions aujourd'hui avec cette adresse ou ce numéro : réessayez "
                "demain, ou appelez l'Espace."
            ),
        )
    elif request.method == "POST" and form.is_valid():
        try:
            registration = registration_create(
                session=session,
                channel=RegistrationChannel.WEB,
                **form.cleaned_data,
            )
        except EventError as exc:
            if exc.field and exc.field in form.fields:
                form.add_error(exc.field, exc.message)
            else:
                form.add_error(None, exc.message)
            session = _public_session_or_404(request, pk)  # fresh counts
        else:
            return redirect("events:registration", token=make_token(registration.pk))
    return render(
        request,
        "events/public/session.html",
        {
            "session": session,
            "form": form,
            "open": session.registration_open(),
            "reminder_hours": conf.reminder_hours(),
            "retention_days": conf.retention_days(),
            # The description of the session is a fragment cached by content and seats
            # versions (templates/events/public/session.html).
            "seats_version": SimpleLazyObject(seats_version),
        },
    )


def _registration_or_404(request, token: str, *, salt=None):
    pk = read_token(token, salt=salt) if salt else read_token(token)
    registration = registration_for_token(pk=pk) if pk else None
    if registration is None or registration.territory_id != current_territory(request).pk:
        raise Http404("Ce lien n'est pas valide. Vérifiez qu'il est complet.")
    return registration


def registration_detail(request, token):
    registration = _registration_or_404(request, token)
    return render(
        request,
        "events/public/registration.html",
        {
            "registration": registration,
            "session": registration.session,
            "token": token,
            # SMS go to mobiles only: a landline is never promised one.
            "sms_possible": phones.is_mobile(registration.phone or ""),
        },
    )


@require_http_methods(["GET", "POST"])
def registration_cancel_view(request, token):
    registration = _registration_or_404(request, token)
    session = registration.session
    error = None
    if request.method == "POST" and registration.is_active:
        try:
            promoted = registration_cancel(registration=registration)
        except EventError as exc:
            error = exc.message
        else:
            messages.success(
                request,
                gettext(
                    "Votre inscription est annulée. Merci d'avoir libéré la place : elle revient "
                    "à la première personne de la liste d'attente."
                )
                if promoted
                else gettext("Votre inscription est annulée. Merci d'avoir libéré la place."),
            )
            return redirect("events:registration", token=token)
    return render(
        request,
        "events/public/cancel.html",
        {"registration": registration, "session": session, "token": token, "error": error},
        status=409 if error else 200,
    )


@require_http_methods(["GET", "POST"])
def survey(request, token):
    registration = _registration_or_404(request, token, salt=SURVEY_SALT)
    session = registration.session
    available = registration.status == RegistrationStatus.CONFIRMED and session.has_started()
    existing = getattr(registration, "survey", None) if available else None
    initial = (
        {
            "rating": existing.rating,
            "discovery": existing.discovery,
            "next_step": existing.next_step,
        }
        if existing
        else None
    )
    form = SurveyForm(request.POST or None, initial=initial)
    if request.method == "POST" and available and form.is_valid():
        try:
            survey_submit(registration=registration, **form.cleaned_data)
        except EventError as exc:
            form.add_error(None, exc.message)
        else:
            return render(request, "events/public/survey_thanks.html", {"session": session})
    return render(
        request,
        "events/public/survey.html",
        {"registration": registration, "session": session, "form": form, "available": available},
    )


# --- iCal --------------------------------------------------------------------------------------
def _ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=900"
    return response


def agenda_ics(request):
    """All sessions; `?site=` and `?type=` narrow it like the per-site and per-type feeds."""
    territory = current_territory(request)
    site = event_type = None
    if request.GET.get("site"):
        site = Site.objects.filter(territory=territory, slug=request.GET["site"]).first()
        if site is None:
            raise Http404("Cet Espace n'existe pas.")
    if request.GET.get("type"):
        event_type = EventType.objects.filter(territory=territory, slug=request.GET["type"]).first()
        if event_type is None:
            raise Http404("Ce type d'événement n'existe pas.")
    name = f"Espaces 20 000 emplois · {territory.short_name}"
    if site:
        name += f" · {site.name}"
    if event_type:
        name += f" · {event_type.name}"
    sessions = feed_sessions(territory=territory, site=site, event_type=event_type)
    return _ics_response(ical.calendar_for(sessions, name=name), "agenda.ics")


def site_ics(request, slug):
    territory = current_territory(request)
    site = Site.objects.filter(territory=territory, slug=slug).first()
    if site is None:
        raise Http404("Cet Espace n'existe pas.")
    sessions = feed_sessions(territory=territory, site=site)
    return _ics_response(
        ical.calendar_for(sessions, name=f"{site.name} · agenda"), f"agenda-{slug}.ics"
    )


def type_ics(request, slug):
    territory = current_territory(request)
    event_type = EventType.objects.filter(territory=territory, slug=slug).first()
    if event_type is None:
        raise Http404("Ce type d'événement n'existe pas.")
    sessions = feed_sessions(territory=territory, event_type=event_type)
    return _ics_response(
        ical.calendar_for(
            sessions, name=f"Espaces 20 000 emplois · {territory.short_name} · {event_type.name}"
        ),
        f"agenda-{slug}.ics",
    )


def session_ics(request, pk):
    """« Ajouter à mon agenda » for one session."""
    session = _public_session_or_404(request, pk)
    return _ics_response(
        ical.calendar_for([session], name=session.display_title), f"seance-{session.pk}.ics"
    )


def feeds(request):
    """The page listing the feeds to subscribe to."""
    territory = current_territory(request)
    return render(
        request,
        "events/public/feeds.html",
        {
            "sites": Site.objects.filter(territory=territory),
            "event_types": EventType.objects.filter(territory=territory),
            "all_url": absolute_url(request=request, path=reverse("events:agenda_ics")),
        },
    )
