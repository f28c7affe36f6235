"""Team pages of the agenda (/agenda/equipe/…): sessions, bookings, check-in, attendance list."""

import datetime as dt

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from espaces.common.dates import date_in_range, parse_day
from espaces.common.enums import PublicCategory
from espaces.common.lazy import lazy_context
from espaces.common.list_filters import remembered_filters
from espaces.common.spreadsheet import csv_writer
from espaces.messaging import phones
from espaces.ops.content_version import seats_version
from espaces.territories.models import Site

from .enums import AttendanceStatus, RegistrationChannel, RegistrationStatus
from .forms import (
    CancelSessionForm,
    DuplicateForm,
    GroupBookingForm,
    SchoolForm,
    SessionForm,
    StaffPersonBookingForm,
)
from .models import EventType, Registration
from .permissions import staff_required
from .selectors import (
    attendance_stats,
    checkin_counts,
    checkin_registrations,
    school_stats,
    session_for_staff,
    session_for_staff_page,
    session_registrations,
    session_roster,
    staff_sessions,
    survey_summary,
)
from .services import (
    EventError,
    attendance_mark,
    registration_cancel,
    registration_create,
    school_create,
    session_cancel,
    session_create,
    session_duplicate,
    session_update,
)

PAGE_SIZE = 30


def _session_or_404(request, pk):
    session = session_for_staff(territory=request.staff_territory, pk=pk)
    if session is None:
        raise Http404("Cette séance n'existe pas dans ce territoire.")
    return session


def _form_error(form, exc: EventError) -> None:
    field = {"start": "start_time", "end": "end_time"}.get(exc.field, exc.field)
    form.add_error(field if field in form.fields else None, exc.message)


@staff_required
def session_list(request):
    """The team's sessions. The filter and the table are a template fragment kept by content
    version, seats version and address (templates/events/staff/session_list.html; names of
    sessions and counts, no personal data): the context is lazy, so a kept fragment reads no
    row. Sessions ending drop out of the list within the fragment's minute."""
    territory = request.staff_territory
    past = request.GET.get("periode") == "passees"
    # upcoming sessions soonest first (a schedule), past ones newest first; the site filter is
    # remembered per user (espaces/common/list_filters.py)
    list_name = "seances-passees" if past else "seances"
    if response := remembered_filters(request, list_name, keys=("site",), fixed=("periode",)):
        return response

    def build() -> dict:
        sites = list(Site.objects.filter(territory=territory).only("slug", "name"))
        site = next((s for s in sites if s.slug == request.GET.get("site")), None)
        sessions = staff_sessions(territory=territory, past=past, site=site)
        page = Paginator(sessions, PAGE_SIZE).get_page(request.GET.get("page"))
        return {"page": page, "sessions": page.object_list, "sites": sites, "site": site}

    return render(
        request,
        "events/staff/session_list.html",
        {
            **lazy_context(build, ("page", "sessions", "sites", "site")),
            "past": past,
            "saved_filters": request.saved_filters,
            "seats_version": SimpleLazyObject(seats_version),
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def session_new(request):
    territory = request.staff_territory
    initial = {}
    if request.GET.get("type"):
        event_type = EventType.objects.filter(territory=territory, slug=request.GET["type"]).first()
        initial["event_type"] = event_type.pk if event_type else None
    form = SessionForm(request.POST or None, territory=territory, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            session = session_create(
                territory=territory, created_by=request.user, **form.service_values()
            )
        except EventError as exc:
            _form_error(form, exc)
        else:
            messages.success(
                request, gettext("La séance est créée : elle apparaît dans l'agenda public.")
            )
            if session.event_type.kind == "intervention_scolaire":
                messages.info(
                    request,
                    gettext("Inscrivez maintenant la classe (établissement, niveau, élèves)."),
                )
                return redirect("events:staff_book_group", pk=session.pk)
            return redirect("events:staff_session", pk=session.pk)
    return render(request, "events/staff/session_form.html", {"form": form, "session": None})


@staff_required
@require_http_methods(["GET", "POST"])
def session_edit(request, pk):
    session = _session_or_404(request, pk)
    if session.is_cancelled:
        messages.error(request, gettext("Une séance annulée ne se modifie plus : dupliquez-la."))
        return redirect("events:staff_session", pk=pk)
    form = SessionForm(
        request.POST or None,
        territory=request.staff_territory,
        initial=SessionForm.initial_for(session),
    )
    if request.method == "POST" and form.is_valid():
        try:
            session_update(session=session, **form.service_values())
        except EventError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, gettext("La séance est modifiée."))
            return redirect("events:staff_session", pk=pk)
    return render(request, "events/staff/session_form.html", {"form": form, "session": session})


@staff_required
@require_http_methods(["GET", "POST"])
def session_duplicate_view(request, pk):
    session = _session_or_404(request, pk)
    start = timezone.localtime(session.start)
    if date_in_range(start.date() + dt.timedelta(days=7)):
        start += dt.timedelta(days=7)  # a week later by default, within the range of dates
    form = DuplicateForm(
        request.POST or None, initial={"date": start.date(), "start_time": start.time()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            copy = session_duplicate(session=session, start=form.start(), created_by=request.user)
        except EventError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, gettext("La séance est dupliquée. Vérifiez-la, puis c'est prêt.")
            )
            return redirect("events:staff_session", pk=copy.pk)
    return render(
        request, "events/staff/session_duplicate.html", {"form": form, "session": session}
    )


def delivery_state(registration) -> str:
    """« sent », « queued » (waiting in the message queue, retried automatically) or « none »:
    what the sending said, else (still to leave at the commit of an enclosing transaction)
    « queued » when they gave an e-mail or a mobile number."""
    delivery = getattr(registration, "delivery", None)
    if delivery is not None:
        state = delivery.state()
        return state if state in ("sent", "queued") else "none"
    if registration.email or phones.is_mobile(registration.phone or ""):
        return "queued"
    return "none"


def reached(registration) -> bool:
    """Whether a message left or waits in the queue for this person."""
    return delivery_state(registration) != "none"


@staff_required
@require_http_methods(["GET", "POST"])
def session_cancel_view(request, pk):
    session = _session_or_404(request, pk)
    form = CancelSessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        session_cancel(session=session, reason=form.cleaned_data["reason"])
        affected = getattr(session, "affected_registrations", [])
        states = {r.pk: delivery_state(r) for r in affected}
        sent = [r for r in affected if states[r.pk] == "sent"]
        queued = [r for r in affected if states[r.pk] == "queued"]
        untold = [r for r in affected if states[r.pk] == "none"]
        text = gettext("La séance est annulée.")
        if sent:
            text += " " + ngettext(
                "%(count)s personne a reçu un courriel ou un SMS.",
                "%(count)s personnes ont reçu un courriel ou un SMS.",
                len(sent),
            ) % {"count": len(sent)}
        if queued:
            text += " " + ngettext(
                "%(count)s message est en attente d'envoi (nouvel essai automatique ; en cas "
                "d'échec définitif, la coordination le voit dans « Courriels et SMS en échec »).",
                "%(count)s messages sont en attente d'envoi (nouvel essai automatique ; en cas "
                "d'échec définitif, la coordination les voit dans « Courriels et SMS en échec »).",
                len(queued),
            ) % {"count": len(queued)}
        if untold:
            text += " " + ngettext(
                "%(count)s personne n'a pas pu être prévenue (pas de courriel ni de portable, "
                "ou envoi en échec) : appelez-la. %(names)s",
                "%(count)s personnes n'ont pas pu être prévenues (pas de courriel ni de "
                "portable, ou envoi en échec) : appelez-les. %(names)s",
                len(untold),
            ) % {"count": len(untold), "names": ", ".join(r.display_name for r in untold)}
        (messages.warning if untold else messages.success)(request, text)
        return redirect("events:staff_session", pk=pk)
    return render(request, "events/staff/session_cancel.html", {"form": form, "session": session})


@staff_required
def session_detail(request, pk):
    """The session for the team: its description (place, seats, facilitators, partners, jobs,
    actions) is a fragment kept by content and seats versions (no personal data); the roster,
    which holds names and contacts, is drawn at each request and never cached."""
    territory = request.staff_territory
    session = session_for_staff_page(territory=territory, pk=pk)
    if session is None:
        raise Http404("Cette séance n'existe pas dans ce territoire.")
    registrations = list(session_roster(session=session))
    confirmed = [r for r in registrations if r.status == RegistrationStatus.CONFIRMED]
    waiting = [r for r in registrations if r.status == RegistrationStatus.WAITLISTED]
    # the counts the roster shows, from the rows it shows (as Session.with_counts() would)
    session.seats_taken = sum(r.seats for r in confirmed)
    session.waiting = len(waiting)
    return render(
        request,
        "events/staff/session_detail.html",
        {
            "session": session,
            "has_ended": session.has_ended(),
            "described": SimpleLazyObject(
                lambda: session_for_staff(territory=territory, pk=session.pk)
            ),
            "seats_version": SimpleLazyObject(seats_version),
            "confirmed": confirmed,
            "waiting": waiting,
            "cancelled": [r for r in registrations if not r.is_active],
            "survey": survey_summary(session=session),
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def book_person(request, pk):
    session = _session_or_404(request, pk)
    form = StaffPersonBookingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            registration = registration_create(
                session=session,
                channel=RegistrationChannel.STAFF,
                created_by=request.user,
                **form.cleaned_data,
            )
        except EventError as exc:
            _form_error(form, exc)
        else:
            if registration.status == RegistrationStatus.CONFIRMED:
                messages.success(
                    request,
                    gettext("%(name)s est inscrit·e.") % {"name": registration.display_name},
                )
            else:
                messages.warning(
                    request,
                    gettext(
                        "Séance complète : %(name)s est en liste d'attente (position %(position)s)."
                    )
                    % {
                        "name": registration.display_name,
                        "position": registration.waitlist_position,
                    },
                )
            return redirect("events:staff_session", pk=pk)
    return render(request, "events/staff/book_person.html", {"form": form, "session": session})


@staff_required
@require_http_methods(["GET", "POST"])
def book_group(request, pk):
    session = _session_or_404(request, pk)
    territory = request.staff_territory
    form = GroupBookingForm(request.POST or None, territory=territory)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            registration = registration_create(
                session=session,
                channel=RegistrationChannel.STAFF,
                created_by=request.user,
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                phone=data["phone"],
                consent=data["consent"],
                seats=data["seats"],
                school=data["school"],
                class_level=data["class_level"],
                public_category=PublicCategory.JEUNE_SCOLAIRE if data["school"] else "",
            )
        except EventError as exc:
            _form_error(form, exc)
        else:
            messages.success(
                request,
                ngettext(
                    "Groupe inscrit : %(count)s place réservée.",
                    "Groupe inscrit : %(count)s places réservées.",
                    registration.seats,
                )
                % {"count": registration.seats},
            )
            return redirect("events:staff_session", pk=pk)
    return render(request, "events/staff/book_group.html", {"form": form, "session": session})


@staff_required
@require_POST
def registration_cancel_staff(request, pk, registration_pk):
    session = _session_or_404(request, pk)
    registration = Registration.objects.filter(session=session, pk=registration_pk).first()
    if registration is None:
        raise Http404("Cette inscription n'existe pas.")
    promoted = registration_cancel(registration=registration, by_organiser=True)
    names = {"name": registration.display_name}
    unreached = []
    state = delivery_state(registration)
    if state == "sent":
        text = gettext("Inscription de %(name)s annulée ; un message l'en informe.") % names
    elif state == "queued":
        text = (
            gettext(
                "Inscription de %(name)s annulée ; le message qui l'en informe est en attente "
                "d'envoi (nouvel essai automatique)."
            )
            % names
        )
    else:
        text = gettext("Inscription de %(name)s annulée.") % names
        unreached.append(registration.display_name)
    if promoted:
        text += " " + gettext("Place donnée à : %(names)s.") % {
            "names": ", ".join(r.display_name for r in promoted)
        }
        unreached += [r.display_name for r in promoted if not reached(r)]
    if unreached:
        text += " " + gettext(
            "Pas de message possible (ni courriel ni portable, ou envoi en échec) : prévenez "
            "par téléphone ou à l'Espace %(names)s."
        ) % {"names": ", ".join(unreached)}
    (messages.warning if unreached else messages.success)(request, text)
    return redirect("events:staff_session", pk=pk)


# --- tablet check-in ----------------------------------------------------------------------------
@staff_required
def checkin(request, pk):
    session = _session_or_404(request, pk)
    registrations = list(checkin_registrations(session=session))
    counts = {
        s: sum(r.seats for r in registrations if r.attendance == s) for s in AttendanceStatus.values
    }
    return render(
        request,
        "events/staff/checkin.html",
        {
            "session": session,
            "registrations": registrations,
            "counts": counts,
            "choices": [c for c in AttendanceStatus.choices if c[0] != AttendanceStatus.REGISTERED],
            "walkin_form": StaffPersonBookingForm(),
        },
    )


@staff_required
@require_POST
def checkin_mark(request, pk, registration_pk):
    """One tap: POST attendance=present|absent|excused|registered. With HTMX, answers the row."""
    session = _session_or_404(request, pk)
    registration = (
        Registration.objects.filter(session=session, pk=registration_pk)
        .select_related("school")
        .first()
    )
    if registration is None:
        raise Http404("Cette inscription n'existe pas.")
    error = None
    try:
        registration = attendance_mark(
            registration=registration, attendance=request.POST.get("attendance", "")
        )
    except EventError as exc:
        error = exc.message
    if request.headers.get("HX-Request"):
        return render(
            request,
            "events/staff/_checkin_row.html",
            {
                "session": session,
                "r": registration,
                "error": error,
                "counts": checkin_counts(session=session),
                "choices": [
                    c for c in AttendanceStatus.choices if c[0] != AttendanceStatus.REGISTERED
                ],
            },
            status=200 if error is None else 409,
        )
    if error:
        messages.error(request, error)
    return redirect(reverse("events:staff_checkin", args=[pk]) + f"#inscription-{registration_pk}")


@staff_required
@require_POST
def checkin_walkin(request, pk):
    """Someone shows up without registering: added as present if a seat is left."""
    session = _session_or_404(request, pk)
    form = StaffPersonBookingForm(request.POST)
    if form.is_valid():
        try:
            registration = registration_create(
                session=session,
                channel=RegistrationChannel.STAFF,
                created_by=request.user,
                attendance=AttendanceStatus.PRESENT,
                send_messages=False,
                **form.cleaned_data,
            )
        except EventError as exc:
            messages.error(request, exc.message)
        else:
            if registration.status == RegistrationStatus.CONFIRMED:
                messages.success(
                    request,
                    gettext("%(name)s est ajouté·e, présent·e.")
                    % {"name": registration.display_name},
                )
            else:
                messages.warning(
                    request,
                    gettext("Plus de place : %(name)s est en liste d'attente.")
                    % {"name": registration.display_name},
                )
    else:
        messages.error(
            request,
            gettext("Personne non ajoutée : %(errors)s")
            % {"errors": " ".join(e for errors in form.errors.values() for e in errors)},
        )
    return redirect("events:staff_checkin", pk=pk)


# --- attendance list ----------------------------------------------------------------------------
@staff_required
def attendance_sheet(request, pk):
    session = _session_or_404(request, pk)
    return render(
        request,
        "events/staff/attendance_sheet.html",
        {
            "session": session,
            "registrations": list(checkin_registrations(session=session)),
            "now": timezone.now(),
        },
    )


@staff_required
def attendance_csv(request, pk):
    session = _session_or_404(request, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    start = timezone.localtime(session.start)
    response["Content-Disposition"] = (
        f'attachment; filename="emargement-{start:%Y-%m-%d}-seance-{session.pk}.csv"'
    )
    response.write("\ufeff")  # Excel opens UTF-8 correctly with a BOM
    writer = csv_writer(response)
    if request.territory.demo_data:
        writer.writerow(["Données de démonstration : personnes et inscriptions fictives."])
    writer.writerow(
        [
            "séance",
            "date",
            "prénom",
            "nom",
            "adresse électronique",
            "téléphone",
            "catégorie de public",
            "places",
            "établissement",
            "UAI",
            "niveau",
            "inscription",
            "présence",
            "canal",
        ]
    )
    for r in session_registrations(session=session):
        writer.writerow(
            [
                v
                for v in (
                    session.display_title,
                    f"{start:%Y-%m-%d %H:%M}",
                    r.first_name,
                    r.last_name,
                    r.email,
                    r.phone,
                    r.get_public_category_display() if r.public_category else "",
                    r.seats,
                    r.school.name if r.school else "",
                    r.school.uai if r.school else "",
                    r.get_class_level_display() if r.class_level else "",
                    r.get_status_display(),
                    r.get_attendance_display() if r.status == RegistrationStatus.CONFIRMED else "",
                    r.get_channel_display(),
                )
            ]
        )
    return response


# --- schools and figures ----------------------------------------------------------------------
@staff_required
@require_http_methods(["GET", "POST"])
def school_new(request):
    territory = request.staff_territory
    form = SchoolForm(request.POST or None, territory=territory)
    if request.method == "POST" and form.is_valid():
        try:
            school = school_create(territory=territory, **form.cleaned_data)
        except EventError as exc:
            _form_error(form, exc)
        else:
            messages.success(
                request,
                gettext("Établissement ajouté : %(name)s (%(uai)s).")
                % {"name": school.name, "uai": school.uai},
            )
            back = request.POST.get("next", "")
            if back.startswith("/agenda/equipe/"):
                return redirect(back)
            return redirect("events:staff_sessions")
    return render(
        request,
        "events/staff/school_form.html",
        {"form": form, "next": request.GET.get("next", request.POST.get("next", ""))},
    )


@staff_required
def figures(request):
    """Attendance and school figures for a period (default: the current year)."""
    territory = request.staff_territory
    today = timezone.localdate()

    def parse(name, default):
        try:
            return parse_day(request.GET.get(name, ""), name)
        except ValueError:
            return default

    date_from = parse("du", today.replace(month=1, day=1))
    date_to = parse("au", today)
    return render(
        request,
        "events/staff/figures.html",
        {
            "date_from": date_from,
            "date_to": date_to,
            "attendance": attendance_stats(
                territory=territory, date_from=date_from, date_to=date_to
            ),
            "schools": school_stats(territory=territory, date_from=date_from, date_to=date_to),
        },
    )
