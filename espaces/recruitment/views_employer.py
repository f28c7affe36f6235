"""The employer's space and the staff side of recruitment: offers (create, edit, publish,
close, archive), candidacies (propose from a follow-up file, answer, signed link). Thin views:
permissions.py, selectors.py, services.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from espaces.common.audit import AuditAction, audit_record
from espaces.reception.permissions import staff_view
from espaces.reception.selectors import beneficiary_for

from . import services
from .consent import CURRENT_VERSION, consent_text
from .enums import CandidacyStatus, OfferStatus
from .forms import CandidacyForm, CandidacyTransitionForm, OfferForm
from .links import candidacy_from_token
from .permissions import (
    can_handle_candidacies,
    can_manage_offers,
    can_propose,
    can_read_offers,
    is_employer,
    may_publish_for,
)
from .selectors import candidacies_for, candidacy_for, offer_for, offers_for
from .states import TransitionError

PAGE_SIZE = 25


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


# --- offers ----------------------------------------------------------------------------------
@staff_view(can_read_offers)
def offer_list(request):
    territory = request.staff_territory
    status = request.GET.get("etat", "")
    offers = offers_for(user=request.user, territory=territory, include_archived=True)
    if status in OfferStatus.values:
        offers = offers.filter(status=status)
    else:
        offers = offers.exclude(status=OfferStatus.ARCHIVED)
        status = ""
    return render(
        request,
        "recruitment/staff/offer_list.html",
        {
            "page": _page(request, offers),
            "status": status,
            "statuses": OfferStatus.choices,
            "can_manage": can_manage_offers(request.user),
            "is_employer": is_employer(request.user),
        },
    )


def _employer_for_form(user):
    return user.organisation if is_employer(user) else None


@staff_view(can_manage_offers)
def offer_create(request):
    territory = request.staff_territory
    form = OfferForm(
        request.POST or None, territory=territory, employer=_employer_for_form(request.user)
    )
    if request.method == "POST" and form.is_valid():
        employer = form.cleaned_data["employer"]
        if not may_publish_for(request.user, employer):
            raise PermissionDenied("Vous publiez seulement pour votre organisation.")
        try:
            offer = services.offer_create(
                territory=territory,
                employer=employer,
                values=form.offer_values,
                user=request.user,
                publish="publish" in request.POST,
            )
        except services.RecruitmentError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                gettext("Offre enregistrée (%(status)s).") % {"status": offer.get_status_display()},
            )
            return redirect("recruitment:staff_offer", pk=offer.pk)
    return render(
        request,
        "recruitment/staff/offer_form.html",
        {"form": form, "offer": None},
        status=422 if form.errors else 200,
    )


def _initial(offer):
    return {
        "employer": offer.employer_id,
        "title": offer.title,
        "rome_codes": ", ".join(offer.rome_codes),
        "contract": offer.contract,
        "posts": offer.posts,
        "commune": offer.commune_id,
        "hours": offer.hours,
        "shift_work": offer.shift_work,
        "start_on": offer.start_on,
        "closing_on": offer.closing_on,
        "requirements": offer.requirements,
        "open_without_diploma": offer.open_without_diploma,
        "funded_training": offer.funded_training,
        "recruitment_method": offer.recruitment_method,
        "job_dating": offer.job_dating_id,
        "description": offer.description,
    }


@staff_view(can_manage_offers)
def offer_edit(request, pk):
    territory = request.staff_territory
    offer = offer_for(user=request.user, territory=territory, pk=pk)
    form = OfferForm(
        request.POST or None,
        territory=territory,
        employer=offer.employer if is_employer(request.user) else None,
        initial=_initial(offer),
    )
    if request.method == "POST" and form.is_valid():
        employer = form.cleaned_data["employer"]
        if not may_publish_for(request.user, employer):
            raise PermissionDenied("Vous publiez seulement pour votre organisation.")
        try:
            offer.employer = employer
            services.offer_update(offer=offer, values=form.offer_values, user=request.user)
        except services.RecruitmentError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, gettext("Offre mise à jour."))
            return redirect("recruitment:staff_offer", pk=offer.pk)
    return render(
        request,
        "recruitment/staff/offer_form.html",
        {"form": form, "offer": offer},
        status=422 if form.errors else 200,
    )


@staff_view(can_read_offers)
def offer_detail(request, pk):
    territory = request.staff_territory
    offer = offer_for(user=request.user, territory=territory, pk=pk)
    candidacies = candidacies_for(user=request.user, territory=territory).filter(offer=offer)
    return render(
        request,
        "recruitment/staff/offer_detail.html",
        {
            "offer": offer,
            "candidacies": candidacies,
            "can_manage": can_manage_offers(request.user),
        },
    )


@require_POST
@staff_view(can_manage_offers)
def offer_status(request, pk):
    offer = offer_for(user=request.user, territory=request.staff_territory, pk=pk)
    action = request.POST.get("action")
    actions = {
        "publier": services.offer_publish,
        "fermer": services.offer_close,
        "archiver": services.offer_archive,
    }
    if action not in actions:
        messages.error(request, gettext("Action inconnue : publier, fermer ou archiver."))
        return redirect("recruitment:staff_offer", pk=pk)
    try:
        actions[action](offer=offer, user=request.user)
    except services.RecruitmentError as exc:
        messages.error(request, str(exc))
    else:
        offer.refresh_from_db()
        messages.success(
            request, gettext("Offre : %(status)s.") % {"status": offer.get_status_display()}
        )
    return redirect("recruitment:staff_offer", pk=pk)


# --- candidacies -----------------------------------------------------------------------------
@staff_view(can_propose)
def candidacy_create(request, pk):
    territory = request.staff_territory
    beneficiary = beneficiary_for(user=request.user, territory=territory, pk=pk)
    form = CandidacyForm(
        request.POST or None,
        request.FILES or None,
        territory=territory,
        initial={"offer": request.GET.get("offre")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            candidacy = services.candidacy_create(
                beneficiary=beneficiary,
                offer=form.cleaned_data["offer"],
                user=request.user,
                consent_given=form.cleaned_data["consent"],
                message=form.cleaned_data["message"],
                cv=form.cleaned_data.get("cv"),
            )
        except services.RecruitmentError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                gettext(
                    "Candidature n° %(pk)s transmise à %(employer)s : l'employeur est prévenu par "
                    "courriel."
                )
                % {"pk": candidacy.pk, "employer": candidacy.offer.employer.name},
            )
            return redirect("recruitment:candidacy_detail", pk=candidacy.pk)
    return render(
        request,
        "recruitment/staff/candidacy_form.html",
        {
            "b": beneficiary,
            "form": form,
            "consent_text": consent_text(CURRENT_VERSION),
            "consent_version": CURRENT_VERSION,
            "candidacies": beneficiary.candidacies.select_related("offer__employer"),
        },
        status=422 if form.errors else 200,
    )


@staff_view(can_handle_candidacies)
def candidacy_list(request):
    territory = request.staff_territory
    candidacies = candidacies_for(user=request.user, territory=territory)
    status = request.GET.get("etat", "")
    if status == "en_attente":
        candidacies = candidacies.awaiting_reply()
    elif status in CandidacyStatus.values:
        candidacies = candidacies.filter(status=status)
    else:
        status = ""
    return render(
        request,
        "recruitment/staff/candidacy_list.html",
        {
            "page": _page(request, candidacies),
            "status": status,
            "statuses": CandidacyStatus.choices,
            "is_employer": is_employer(request.user),
        },
    )


def _apply_transition(request, candidacy, *, user=None, by_label="", employer_side=False):
    form = CandidacyTransitionForm(request.POST)
    if not form.is_valid():
        return gettext("Choisissez le nouvel état.")
    data = form.cleaned_data
    try:
        services.candidacy_transition(
            candidacy=candidacy,
            to_status=data["to_status"],
            user=user,
            by_label=by_label,
            reason=data["reason"],
            note=data["note"],
            interview_on=data["interview_on"],
            hired_on=data["hired_on"],
            contract=data["contract"],
            employer_side=employer_side,
        )
    except TransitionError as exc:
        return str(exc)
    return None


def _audit_read(candidacy, *, user=None, actor="", summary):
    audit_record(
        territory=candidacy.territory,
        user=user,
        actor=actor,
        action=AuditAction.READ,
        object_type="beneficiary",
        object_id=candidacy.beneficiary_id,
        summary=summary,
    )


@staff_view(can_handle_candidacies)
def candidacy_detail(request, pk):
    territory = request.staff_territory
    candidacy = candidacy_for(user=request.user, territory=territory, pk=pk)
    employer_side = is_employer(request.user)
    if request.method == "POST":
        error = _apply_transition(
            request, candidacy, user=request.user, employer_side=employer_side
        )
        if error is None:
            candidacy.refresh_from_db()
            messages.success(
                request,
                gettext("Candidature n° %(pk)s : %(status)s.")
                % {"pk": pk, "status": candidacy.get_status_display()},
            )
            return redirect("recruitment:candidacy_detail", pk=pk)
        messages.error(request, error)
    else:
        if employer_side and services.candidacy_mark_received(
            candidacy=candidacy, user=request.user
        ):
            candidacy = candidacy_for(user=request.user, territory=territory, pk=pk)
        _audit_read(
            candidacy,
            user=request.user,
            summary=f"candidature n° {pk} consultée"
            + (" par l'employeur" if employer_side else ""),
        )
    return render(
        request,
        "recruitment/staff/candidacy_detail.html",
        {
            "candidacy": candidacy,
            "b": candidacy.beneficiary,
            "events": candidacy.events.select_related("by"),
            "next_choices": CandidacyTransitionForm.next_choices(
                candidacy.status, employer=employer_side
            ),
            "form": CandidacyTransitionForm(),
            "employer_side": employer_side,
            "staff_side": not employer_side,
            "cv_url": "recruitment:candidacy_cv",
        },
        status=422 if request.method == "POST" else 200,
    )


def _cv_response(candidacy) -> HttpResponse:
    if not candidacy.has_cv or candidacy.cv_data is None or candidacy.beneficiary.is_anonymised:
        raise Http404("Pas de CV pour cette candidature.")
    response = HttpResponse(bytes(candidacy.cv_data), content_type="application/octet-stream")
    name = candidacy.cv_name.rsplit("/", 1)[-1].replace('"', "")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@staff_view(can_handle_candidacies)
def candidacy_cv(request, pk):
    candidacy = candidacy_for(user=request.user, territory=request.staff_territory, pk=pk)
    response = _cv_response(candidacy)
    _audit_read(candidacy, user=request.user, summary=f"candidature n° {pk} : CV téléchargé")
    return response


@require_POST
@staff_view(can_propose)
def candidacy_renew_link(request, pk):
    candidacy = candidacy_for(user=request.user, territory=request.staff_territory, pk=pk)
    services.candidacy_link_renew(candidacy=candidacy, user=request.user)
    messages.success(
        request,
        gettext(
            "Un nouveau lien est envoyé à l'employeur ; les liens précédents ne marchent plus."
        ),
    )
    return redirect("recruitment:candidacy_detail", pk=pk)


def _link_candidacy(token):
    candidacy = candidacy_from_token(token)
    if candidacy is None:
        return None, ""
    return candidacy, f"{candidacy.offer.employer.name} (lien sans compte)"


def candidacy_link(request, token):
    """An employer answers a candidacy without an account, through the signed link."""
    candidacy, by_label = _link_candidacy(token)
    if candidacy is None:
        return render(request, "recruitment/public/link_invalid.html", status=404)
    if request.method == "POST":
        error = _apply_transition(request, candidacy, by_label=by_label, employer_side=True)
        if error is None:
            messages.success(request, gettext("Merci, votre réponse est enregistrée."))
            return redirect("recruitment:candidacy_link", token=token)
        messages.error(request, error)
    else:
        if services.candidacy_mark_received(candidacy=candidacy, by_label=by_label):
            candidacy.refresh_from_db()
        _audit_read(
            candidacy,
            actor=by_label,
            summary=f"candidature n° {candidacy.pk} consultée par lien signé",
        )
    response = render(
        request,
        "recruitment/public/candidacy_link.html",
        {
            "candidacy": candidacy,
            "b": candidacy.beneficiary,
            "events": candidacy.events.select_related("by"),
            "next_choices": CandidacyTransitionForm.next_choices(candidacy.status, employer=True),
            "form": CandidacyTransitionForm(),
            "token": token,
        },
        status=422 if request.method == "POST" else 200,
    )
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


def candidacy_link_cv(request, token):
    candidacy, by_label = _link_candidacy(token)
    if candidacy is None:
        raise Http404("Lien invalide ou expiré.")
    response = _cv_response(candidacy)
    _audit_read(
        candidacy, actor=by_label, summary=f"candidature n° {candidacy.pk} : CV téléchargé par lien"
    )
    response["Referrer-Policy"] = "no-referrer"
    return response
