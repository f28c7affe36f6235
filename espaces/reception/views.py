"""The reception back-office: the visit desk, follow-up files, referrals, follow-ups, audit log
and the visit figures. Thin views: permissions (permissions.py), reads (selectors.py),
writes (services.py)."""

import json

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_POST

from espaces.accounts.enums import Role
from espaces.accounts.models import User
from espaces.common.audit import AuditAction, audit_entries_for, audit_record
from espaces.common.list_filters import remembered_filters

from . import services
from .conf import referral_link_days, referral_reply_days, retention_months
from .consent import CURRENT_VERSION, consent_text
from .enums import LegalBasis, OptionKind, ReferralStatus
from .exports import beneficiary_export
from .forms import (
    BarrierForm,
    BeneficiaryForm,
    ExitForm,
    FollowUpForm,
    JournalEntryForm,
    LegalBasisForm,
    RecordVisitForm,
    ReferralForm,
    SiteChoiceForm,
    StatsFilterForm,
    TransitionForm,
    VisitForm,
)
from .notifications import partner_recipients
from .permissions import (
    can_erase,
    can_follow_up,
    can_handle_referrals,
    can_read_audit,
    can_read_stats,
    can_record_visits,
    is_partner,
    staff_view,
)
from .referral_links import referral_from_token
from .referral_links import referral_link as signed_referral_link
from .referral_states import TransitionError
from .rows import beneficiary_rows, today_items
from .selectors import (
    beneficiary_for,
    beneficiary_list,
    beneficiary_timeline,
    channel_and_purpose_labels,
    desk_site_list,
    desk_sites_for,
    follow_up_for,
    follow_ups_due,
    referral_for,
    referral_list,
    suggested_services,
    visits_editable_by,
    visits_of_the_day,
    with_open_referrals,
)
from .visit_rules import visit_rules_for

SITE_SESSION_KEY = "reception_site_id"
PAGE_SIZE = 25


def _page(request, queryset, size=PAGE_SIZE):
    return Paginator(queryset, size).get_page(request.GET.get("page"))


def _audit_read(request, beneficiary, summary="dossier consulté"):
    audit_record(
        territory=beneficiary.territory,
        user=request.user,
        action=AuditAction.READ,
        object_type="beneficiary",
        object_id=beneficiary.pk,
        summary=summary,
    )


# --- the visit desk --------------------------------------------------------------------------
def _desk_site(request, territory):
    sites = desk_site_list(user=request.user, territory=territory)
    if len(sites) == 1:
        return sites[0], sites
    chosen = request.session.get(SITE_SESSION_KEY)
    return next((s for s in sites if s.pk == chosen), None), sites


@staff_view(can_record_visits)
def desk(request):
    """Record a visit in three taps: public, purpose, save."""
    territory = request.staff_territory
    site, sites = _desk_site(request, territory)
    if not sites:
        return render(request, "reception/staff/no_site.html", status=200)
    if site is None:
        return redirect(f"{reverse('reception:choose_site')}?next={reverse('reception:desk')}")
    rules = visit_rules_for(territory)
    form = VisitForm(request.POST or None, rules=rules, site=site)
    if request.method == "POST" and form.is_valid():
        visit = services.visit_create(
            territory=territory, values=form.visit_values(), recorded_by=request.user
        )
        messages.success(
            request,
            ngettext(
                "Visite enregistrée : %(public)s (%(count)s personne).",
                "Visite enregistrée : %(public)s (%(count)s personnes).",
                visit.group_size,
            )
            % {"public": visit.get_public_category_display(), "count": visit.group_size},
        )
        return redirect("reception:desk")
    return render(
        request,
        "reception/staff/desk.html",
        {
            "form": form,
            "blank_form": not form.is_bound,  # its choices are a cached fragment
            "site": site,
            "several_sites": len(sites) > 1,
            "communes": rules.communes,
            "today": _today_list(request, territory, rules, sites),
        },
        status=422 if form.errors else 200,
    )


def _today_list(request, territory, rules, sites):
    visits = visits_of_the_day(user=request.user, territory=territory, sites=sites)
    purposes = rules.labels(OptionKind.PURPOSE)
    for visit in visits:
        visit.purpose_label = purposes.get(visit.purpose, visit.purpose)
    today = timezone.localdate()
    return {
        "visits": visits,
        "items": today_items(visits, today=today),  # drawn in Python (rows.py)
        "people": sum(v.group_size for v in visits),
        "date": today,
    }


@staff_view(can_record_visits)
def choose_site(request):
    territory = request.staff_territory
    sites = desk_sites_for(user=request.user, territory=territory)
    form = SiteChoiceForm(request.POST or None, sites=sites)
    if request.method == "POST" and form.is_valid():
        request.session[SITE_SESSION_KEY] = form.cleaned_data["site"].pk
        messages.success(
            request,
            gettext("Vous saisissez pour : %(site)s.") % {"site": form.cleaned_data["site"].name},
        )
        target = request.POST.get("next") or ""
        return redirect(target if target.startswith("/equipe/") else "reception:desk")
    return render(
        request,
        "reception/staff/choose_site.html",
        {"form": form, "next": request.GET.get("next", "")},
    )


@staff_view(can_record_visits)
def visit_edit(request, pk):
    """Correct one of one's own entries of the day."""
    territory = request.staff_territory
    visit = get_object_or_404(
        visits_editable_by(user=request.user, territory=territory).select_related(
            "site", "commune"
        ),
        pk=pk,
    )
    rules = visit_rules_for(territory)
    form = VisitForm(
        request.POST or None, rules=rules, site=visit.site, initial=VisitForm.initial_for(visit)
    )
    if request.method == "POST" and form.is_valid():
        services.visit_update(visit=visit, values=form.visit_values())
        messages.success(request, gettext("Visite corrigée."))
        return redirect("reception:desk")
    return render(
        request,
        "reception/staff/visit_edit.html",
        {"form": form, "visit": visit, "site": visit.site, "communes": rules.communes},
        status=422 if form.errors else 200,
    )


@staff_view(can_record_visits)
def visit_delete(request, pk):
    territory = request.staff_territory
    visit = get_object_or_404(
        visits_editable_by(user=request.user, territory=territory).select_related("site"), pk=pk
    )
    if request.method == "POST":
        services.visit_delete(visit=visit)
        messages.success(request, gettext("Visite supprimée."))
        return redirect("reception:desk")
    return render(request, "reception/staff/visit_delete.html", {"visit": visit})


# --- follow-up files ---------------------------------------------------------------------------
def _referents(territory):
    return User.objects.filter(
        territory=territory, is_active=True, role__in=[Role.MEDIATOR, Role.COORDINATOR]
    ).order_by("first_name", "last_name", "email")


@staff_view(can_follow_up)
def beneficiary_list_view(request):
    territory = request.staff_territory
    if response := remembered_filters(request, "personnes", keys=("filtre", "tri")):
        return response
    q = request.GET.get("q", "").strip()[:100]
    scope = request.GET.get("filtre", "")
    order = request.GET.get("tri", "recent")
    page = _page(
        request,
        beneficiary_list(user=request.user, territory=territory, q=q, scope=scope, order=order),
    )
    page.object_list = with_open_referrals(page.object_list)  # dictionaries (selectors.py)
    audit_record(
        territory=territory,
        user=request.user,
        action=AuditAction.READ,
        object_type="beneficiary",
        summary="liste des dossiers consultée" + (" (recherche)" if q else ""),
    )
    return render(
        request,
        "reception/staff/beneficiary_list.html",
        {
            "page": page,
            "rows": beneficiary_rows(page.object_list),
            "q": q,
            "scope": scope,
            "order": order,
            "retention_months": retention_months(),
            "saved_filters": request.saved_filters,
        },
    )


@staff_view(can_follow_up)
def beneficiary_create(request):
    territory = request.staff_territory
    basis_form = LegalBasisForm(request.POST or None)
    consent_basis = (request.POST.get("legal_basis") or LegalBasis.CONSENT) == LegalBasis.CONSENT
    initial = {"referent": request.user.pk if request.user.role == Role.MEDIATOR else None}
    sites = list(desk_sites_for(user=request.user, territory=territory))
    if len(sites) == 1:
        initial["site"] = sites[0].pk
    form = BeneficiaryForm(
        request.POST or None,
        territory=territory,
        referents=_referents(territory),
        consent_basis=consent_basis,
        initial=initial,
    )
    if request.method == "POST" and basis_form.is_valid() and form.is_valid():
        try:
            beneficiary = services.beneficiary_create(
                territory=territory,
                user=request.user,
                data=form.beneficiary_data(),
                legal_basis=basis_form.cleaned_data["legal_basis"],
                consent_given=basis_form.cleaned_data["consent_given"],
                consent_text_version=basis_form.cleaned_data["consent_text_version"],
            )
        except services.ReceptionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, gettext("Dossier ouvert."))
            return redirect("reception:beneficiary_detail", pk=beneficiary.pk)
    return render(
        request,
        "reception/staff/beneficiary_form.html",
        {
            "form": form,
            "basis_form": basis_form,
            "consent_text": consent_text(CURRENT_VERSION),
            "consent_version": CURRENT_VERSION,
            "creating": True,
        },
        status=422 if request.method == "POST" else 200,
    )


@staff_view(can_follow_up)
def beneficiary_edit(request, pk):
    territory = request.staff_territory
    beneficiary = beneficiary_for(user=request.user, territory=territory, pk=pk)
    form = BeneficiaryForm(
        request.POST or None,
        instance=beneficiary,
        territory=territory,
        referents=_referents(territory),
        consent_basis=beneficiary.legal_basis == LegalBasis.CONSENT,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.beneficiary_update(
                beneficiary=_saved_copy(beneficiary),
                user=request.user,
                data=form.beneficiary_data(),
            )
        except services.ReceptionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, gettext("Dossier mis à jour."))
            return redirect("reception:beneficiary_detail", pk=beneficiary.pk)
    if request.method == "GET":
        _audit_read(request, beneficiary, "dossier consulté (modification)")
    return render(
        request,
        "reception/staff/beneficiary_form.html",
        {"form": form, "beneficiary": beneficiary, "creating": False},
        status=422 if request.method == "POST" else 200,
    )


def _saved_copy(beneficiary):
    """The saved state: a ModelForm writes its cleaned data on the instance it was given."""
    return type(beneficiary).objects.select_related("territory").get(pk=beneficiary.pk)


@staff_view(can_follow_up)
def beneficiary_detail(request, pk):
    territory = request.staff_territory
    beneficiary = beneficiary_for(user=request.user, territory=territory, pk=pk)
    _audit_read(request, beneficiary)
    sites = desk_sites_for(user=request.user, territory=territory)
    rules = visit_rules_for(territory)
    return render(
        request,
        "reception/staff/beneficiary_detail.html",
        _detail_context(request, beneficiary, sites, rules),
    )


def _detail_context(request, beneficiary, sites, rules, **forms):
    purposes = [(o.slug, o.label) for o in rules.options_for(OptionKind.PURPOSE, None)]
    return {
        "b": beneficiary,
        "timeline": beneficiary_timeline(beneficiary=beneficiary),
        "barriers": beneficiary.barriers.all(),
        "proposals": beneficiary.service_proposals.all(),
        "suggested_services": suggested_services(beneficiary=beneficiary),
        "referrals": beneficiary.referrals.select_related("partner").order_by("-pk"),
        "follow_ups": beneficiary.follow_ups.all(),
        "entry_form": forms.get("entry_form") or JournalEntryForm(),
        "barrier_form": forms.get("barrier_form") or BarrierForm(),
        "visit_form": forms.get("visit_form")
        or RecordVisitForm(
            sites=sites,
            purposes=purposes,
            initial={"public_category": _category_for(beneficiary)},
        ),
        "can_erase": can_erase(request.user),
        "retention_months": retention_months(),
    }


def _category_for(beneficiary) -> str:
    return {
        "demandeur_emploi": "demandeur_emploi",
        "salarie": "salarie",
        "etudes_formation": "stagiaire_formation",
    }.get(beneficiary.employment_status, "habitant")


def _detail_with_errors(request, beneficiary, message=None, **forms):
    if message:
        messages.error(request, message)
    territory = request.staff_territory
    context = _detail_context(
        request,
        beneficiary,
        desk_sites_for(user=request.user, territory=territory),
        visit_rules_for(territory),
        **forms,
    )
    return render(request, "reception/staff/beneficiary_detail.html", context, status=422)


@require_POST
@staff_view(can_follow_up)
def beneficiary_add_entry(request, pk):
    beneficiary = beneficiary_for(user=request.user, territory=request.staff_territory, pk=pk)
    form = JournalEntryForm(request.POST)
    if not form.is_valid():
        return _detail_with_errors(request, beneficiary, entry_form=form)
    services.journal_entry_create(
        beneficiary=beneficiary,
        user=request.user,
        kind=form.cleaned_data["kind"],
        text=form.cleaned_data["text"],
        reference=form.cleaned_data["reference"],
        occurred_on=form.cleaned_data["occurred_on"],
    )
    messages.success(request, gettext("Entrée ajoutée au parcours."))
    return redirect("reception:beneficiary_detail", pk=pk)


@require_POST
@staff_view(can_follow_up)
def beneficiary_add_barrier(request, pk):
    beneficiary = beneficiary_for(user=request.user, territory=request.staff_territory, pk=pk)
    form = BarrierForm(request.POST)
    if not form.is_valid():
        return _detail_with_errors(request, beneficiary, barrier_form=form)
    try:
        added = services.barriers_add(
            beneficiary=beneficiary,
            user=request.user,
            thematiques=form.cleaned_data["thematique"],
        )
    except services.ReceptionError as exc:
        form.add_error("thematique", str(exc))
        return _detail_with_errors(request, beneficiary, barrier_form=form)
    messages.success(
        request,
        ngettext("Frein ajouté.", "%(count)s freins ajoutés.", len(added)) % {"count": len(added)},
    )
    return redirect("reception:beneficiary_detail", pk=pk)


@require_POST
@staff_view(can_follow_up)
def beneficiary_propose_service(request, pk):
    from espaces.services.selectors import services_of

    territory = request.staff_territory
    beneficiary = beneficiary_for(user=request.user, territory=territory, pk=pk)
    service = (
        services_of(territory=territory).filter(pk=request.POST.get("service") or None).first()
        if (request.POST.get("service") or "").isdigit()
        else None
    )
    if service is None:
        return _detail_with_errors(
            request, beneficiary, gettext("Choisissez un service dans la liste.")
        )
    services.service_propose(beneficiary=beneficiary, service=service, user=request.user)
    messages.success(request, gettext("Service proposé : %(service)s.") % {"service": service.nom})
    return redirect("reception:beneficiary_detail", pk=pk)


@require_POST
@staff_view(can_follow_up)
def barrier_lift(request, pk, barrier_pk):
    beneficiary = beneficiary_for(user=request.user, territory=request.staff_territory, pk=pk)
    barrier = get_object_or_404(beneficiary.barriers, pk=barrier_pk)
    services.barrier_lift(barrier=barrier, user=request.user)
    messages.success(request, gettext("Frein levé : %(barrier)s.") % {"barrier": barrier.label})
    return redirect("reception:beneficiary_detail", pk=pk)


@require_POST
@staff_view(can_follow_up)
def beneficiary_record_visit(request, pk):
    territory = request.staff_territory
    beneficiary = beneficiary_for(user=request.user, territory=territory, pk=pk)
    rules = visit_rules_for(territory)
    sites = desk_sites_for(user=request.user, territory=territory)
    form = RecordVisitForm(
        request.POST,
        sites=sites,
        purposes=[(o.slug, o.label) for o in rules.options_for(OptionKind.PURPOSE, None)],
    )
    if not form.is_valid():
        return _detail_with_errors(request, beneficiary, visit_form=form)
    site = form.cleaned_data["site"]
    try:
        purpose = rules.resolve_option(OptionKind.PURPOSE, form.cleaned_data["purpose"], site)
    except ValueError as exc:
        form.add_error("purpose", str(exc))
        return _detail_with_errors(request, beneficiary, visit_form=form)
    services.beneficiary_record_visit(
        beneficiary=beneficiary,
        user=request.user,
        site=site,
        public_category=form.cleaned_data["public_category"],
        purpose=purpose,
    )
    messages.success(request, gettext("Venue enregistrée et comptée dans le registre des visites."))
    return redirect("reception:beneficiary_detail", pk=pk)


@staff_view(can_follow_up)
def beneficiary_exit(request, pk):
    beneficiary = beneficiary_for(user=request.user, territory=request.staff_territory, pk=pk)
    form = ExitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            follow_up = services.beneficiary_exit(
                beneficiary=beneficiary,
                user=request.user,
                outcome=form.cleaned_data["outcome"],
                exited_on=form.cleaned_data["exited_on"],
            )
        except services.ReceptionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                gettext("Sortie enregistrée. Le suivi à 6 mois est prévu le %(date)s.")
                % {"date": f"{follow_up.due_on:%d/%m/%Y}"},
            )
            return redirect("reception:beneficiary_detail", pk=pk)
    return render(
        request,
        "reception/staff/beneficiary_exit.html",
        {"b": beneficiary, "form": form},
        status=422 if form.errors else 200,
    )


@staff_view(can_follow_up)
def beneficiary_export_page(request, pk):
    """Everything the file holds about the person, readable (access requests)."""
    beneficiary = beneficiary_for(user=request.user, territory=request.staff_territory, pk=pk)
    _audit_read(request, beneficiary, "export lisible des données de la personne")
    return render(
        request,
        "reception/staff/beneficiary_export.html",
        {"b": beneficiary, "data": beneficiary_export(beneficiary=beneficiary)},
    )


@staff_view(can_follow_up)
def beneficiary_export_json(request, pk):
    beneficiary = beneficiary_for(user=request.user, territory=request.staff_territory, pk=pk)
    audit_record(
        territory=beneficiary.territory,
        user=request.user,
        action=AuditAction.EXPORT,
        object_type="beneficiary",
        object_id=beneficiary.pk,
        summary="export JSON des données de la personne",
    )
    data = beneficiary_export(beneficiary=beneficiary)
    if beneficiary.territory.demo_data:
        data = {"mention": "Données de démonstration : personne fictive.", **data}
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="dossier-{beneficiary.pk}.json"'
    response["Cache-Control"] = "no-store"
    return response


@staff_view(can_erase)
def beneficiary_erase(request, pk):
    """Erasure on the person's request: personal data goes, the counts stay."""
    beneficiary = beneficiary_for(user=request.user, territory=request.staff_territory, pk=pk)
    if request.method == "POST":
        if request.POST.get("confirm") != "effacer":
            messages.error(request, gettext("Tapez « effacer » pour confirmer."))
        else:
            services.beneficiary_erase(beneficiary=beneficiary, user=request.user)
            messages.success(
                request,
                gettext(
                    "Les données personnelles du dossier n° %(pk)s sont effacées. Les chiffres "
                    "(visites, orientations, sorties) restent comptés, sans nom."
                )
                % {"pk": pk},
            )
            return redirect("reception:beneficiary_list")
    return render(request, "reception/staff/beneficiary_erase.html", {"b": beneficiary})


@staff_view(can_follow_up)
def beneficiary_link_registration(request, pk):
    """Attach an event registration of the person to the file (sessions in the timeline)."""
    from espaces.events.models import Registration

    territory = request.staff_territory
    beneficiary = beneficiary_for(user=request.user, territory=territory, pk=pk)
    registrations = Registration.objects.filter(
        territory=territory, anonymised_at__isnull=True
    ).select_related("session__event_type")
    if request.method == "POST":
        registration_id = request.POST.get("registration", "")
        if not registration_id.isdigit():
            raise Http404("Inscription inconnue.")
        registration = get_object_or_404(registrations, pk=registration_id)
        try:
            services.beneficiary_link_registration(
                beneficiary=beneficiary, registration=registration, user=request.user
            )
        except services.ReceptionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, gettext("Inscription liée au dossier."))
        return redirect("reception:beneficiary_detail", pk=pk)
    q = request.GET.get("q", "").strip()[:100]
    found = []
    if q:
        found = registrations.filter(
            Q(email__iexact=q) | Q(phone=q) | Q(last_name__iexact=q)
        ).exclude(pk__in=beneficiary.registrations.values("pk"))[:20]
    else:
        conditions = Q()
        if beneficiary.email:
            conditions |= Q(email__iexact=beneficiary.email)
        if beneficiary.phone:
            conditions |= Q(phone=beneficiary.phone)
        if conditions:
            found = registrations.filter(conditions).exclude(
                pk__in=beneficiary.registrations.values("pk")
            )[:20]
    return render(
        request,
        "reception/staff/beneficiary_registrations.html",
        {"b": beneficiary, "found": found, "q": q},
    )


# --- referrals -------------------------------------------------------------------------------
def referral_notice(request, referral, *, created: bool) -> bool:
    """Say what happened to the partner's e-mail, and only that. True when it leaves."""
    values = {"pk": referral.pk, "partner": referral.partner.name}
    recipients = partner_recipients(referral)
    sent = getattr(referral, "partner_emails_sent", None)
    delivery = getattr(referral, "partner_delivery", None)
    state = delivery.state() if (sent and delivery is not None) else "queued"
    if sent is None:  # inside an enclosing transaction: the e-mail is queued at its commit
        sent = len(recipients)
    if sent and state == "queued":
        text = (
            gettext(
                "Orientation n° %(pk)s envoyée à %(partner)s : le courriel qui l'en informe, "
                "avec un lien pour répondre, est en attente d'envoi (nouvel essai automatique)."
            )
            if created
            else gettext(
                "Un nouveau lien part par courriel à %(partner)s (en attente d'envoi, nouvel "
                "essai automatique) ; les liens précédents ne marchent plus."
            )
        )
        messages.success(request, text % values)
        return True
    if sent:
        text = (
            gettext(
                "Orientation n° %(pk)s envoyée à %(partner)s : un courriel l'en informe, "
                "avec un lien pour répondre."
            )
            if created
            else gettext(
                "Un nouveau lien est envoyé par courriel à %(partner)s ; les liens précédents "
                "ne marchent plus."
            )
        )
        messages.success(request, text % values)
        return True
    if recipients:
        text = gettext(
            "Orientation n° %(pk)s enregistrée, mais le courriel à %(partner)s n'a pas pu "
            "partir : personne n'est prévenu. Remettez-lui le lien ci-dessous, imprimez cette "
            "page ou appelez-le."
        )
    else:
        text = gettext(
            "Orientation n° %(pk)s enregistrée. %(partner)s n'a pas d'adresse de courriel : "
            "personne n'est prévenu. Remettez-lui le lien ci-dessous, imprimez cette page ou "
            "appelez-le."
        )
    messages.warning(request, text % values)
    return False


@staff_view(can_follow_up)
def referral_create(request, pk):
    territory = request.staff_territory
    beneficiary = beneficiary_for(user=request.user, territory=territory, pk=pk)
    form = ReferralForm(request.POST or None, territory=territory, reply_days=referral_reply_days())
    if request.method == "POST" and form.is_valid():
        try:
            referral = services.referral_create(
                beneficiary=beneficiary,
                partner=form.cleaned_data["partner"],
                user=request.user,
                message=form.cleaned_data["message"],
                reply_due_on=form.cleaned_data["reply_due_on"],
            )
        except services.ReceptionError as exc:
            form.add_error(None, str(exc))
        else:
            if referral_notice(request, referral, created=True):
                return redirect("reception:beneficiary_detail", pk=pk)
            return redirect("reception:referral_detail", pk=referral.pk)
    return render(
        request,
        "reception/staff/referral_form.html",
        {"b": beneficiary, "form": form},
        status=422 if form.errors else 200,
    )


@staff_view(can_handle_referrals)
def referral_list_view(request):
    territory = request.staff_territory
    if response := remembered_filters(request, "orientations", keys=("etat", "tri")):
        return response
    status = request.GET.get("etat", "en_attente" if is_partner(request.user) else "")
    order = request.GET.get("tri", "recent")
    page = _page(
        request,
        referral_list(user=request.user, territory=territory, status=status, order=order),
    )
    return render(
        request,
        "reception/staff/referral_list.html",
        {
            "page": page,
            "status": status,
            "statuses": ReferralStatus.choices,
            "is_partner": is_partner(request.user),
            "today": timezone.localdate(),
            "order": order,
            "saved_filters": request.saved_filters,
        },
    )


def _apply_transition(request, referral, *, user=None, by_label=""):
    form = TransitionForm(request.POST)
    if not form.is_valid():
        return form, gettext("Choisissez le nouvel état.")
    try:
        services.referral_transition(
            referral=referral,
            to_status=form.cleaned_data["to_status"],
            user=user,
            by_label=by_label,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
        )
    except TransitionError as exc:
        return form, str(exc)
    return None, None


@staff_view(can_handle_referrals)
def referral_detail(request, pk):
    territory = request.staff_territory
    referral = referral_for(user=request.user, territory=territory, pk=pk)
    partner_side = is_partner(request.user)
    if request.method == "POST":
        form, error = _apply_transition(request, referral, user=request.user)
        if error is None:
            referral.refresh_from_db()
            messages.success(
                request,
                gettext("Orientation n° %(pk)s : %(status)s.")
                % {"pk": pk, "status": referral.get_status_display()},
            )
            return redirect("reception:referral_detail", pk=pk)
        messages.error(request, error)
    else:
        if partner_side and services.referral_mark_received(referral=referral, user=request.user):
            referral = referral_for(user=request.user, territory=territory, pk=pk)
        audit_record(
            territory=territory,
            user=request.user,
            action=AuditAction.READ,
            object_type="beneficiary",
            object_id=referral.beneficiary_id,
            summary=f"orientation n° {pk} consultée"
            + (" par le partenaire" if partner_side else ""),
        )
    return render(
        request,
        "reception/staff/referral_detail.html",
        {
            "referral": referral,
            "b": referral.beneficiary,
            "next_choices": TransitionForm.next_choices(referral.status),
            "partner_side": partner_side,
            "partner_reachable": bool(partner_recipients(referral)),
            "handover_link": signed_referral_link(referral)
            if not partner_side and referral.awaiting_reply
            else "",
            "link_days": referral_link_days(),
        },
        status=422 if request.method == "POST" else 200,
    )


@require_POST
@staff_view(can_follow_up)
def referral_renew_link(request, pk):
    referral = referral_for(user=request.user, territory=request.staff_territory, pk=pk)
    referral = services.referral_link_renew(referral=referral, user=request.user)
    referral_notice(request, referral, created=False)
    return redirect("reception:referral_detail", pk=pk)


def referral_link(request, token):
    """A partner answers a referral without an account, through the signed link it received."""
    referral = referral_from_token(token)
    if referral is None:
        return render(request, "reception/public/referral_link_invalid.html", status=404)
    by_label = f"{referral.partner.name} (lien sans compte)"
    if request.method == "POST":
        form, error = _apply_transition(request, referral, by_label=by_label)
        if error is None:
            messages.success(request, gettext("Merci, votre réponse est enregistrée."))
            return redirect("reception:referral_link", token=token)
        messages.error(request, error)
    else:
        if services.referral_mark_received(referral=referral, by_label=by_label):
            referral.refresh_from_db()
        audit_record(
            territory=referral.territory,
            action=AuditAction.READ,
            object_type="beneficiary",
            object_id=referral.beneficiary_id,
            summary=f"orientation n° {referral.pk} consultée par lien signé",
            actor=by_label,
        )
    events = referral.events.select_related("by")
    response = render(
        request,
        "reception/public/referral_link.html",
        {
            "referral": referral,
            "b": referral.beneficiary,
            "events": events,
            "next_choices": TransitionForm.next_choices(referral.status),
        },
        status=422 if request.method == "POST" else 200,
    )
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


# --- follow-ups ------------------------------------------------------------------------------
@staff_view(can_follow_up)
def follow_up_list(request):
    territory = request.staff_territory
    page = _page(request, follow_ups_due(user=request.user, territory=territory))
    return render(
        request,
        "reception/staff/follow_up_list.html",
        {"page": page, "today": timezone.localdate()},
    )


@staff_view(can_follow_up)
def follow_up_record(request, pk):
    follow_up = follow_up_for(user=request.user, territory=request.staff_territory, pk=pk)
    form = FollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.follow_up_record(
                follow_up=follow_up,
                user=request.user,
                outcome=form.cleaned_data["outcome"],
                done_on=form.cleaned_data["done_on"],
            )
        except services.ReceptionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, gettext("Suivi à 6 mois enregistré."))
            return redirect("reception:follow_up_list")
    return render(
        request,
        "reception/staff/follow_up_form.html",
        {"follow_up": follow_up, "b": follow_up.beneficiary, "form": form},
        status=422 if form.errors else 200,
    )


# --- audit log and figures ---------------------------------------------------------------------
@staff_view(can_read_audit)
def audit_list(request):
    territory = request.staff_territory
    object_id = request.GET.get("dossier", "").strip()
    if object_id and not object_id.isdigit():
        object_id = ""
    entries = audit_entries_for(
        territory=territory, object_type="beneficiary" if object_id else "", object_id=object_id
    )
    return render(
        request,
        "reception/staff/audit_list.html",
        {"page": _page(request, entries, 50), "dossier": object_id},
    )


@staff_view(can_read_stats)
def stats_page(request):
    territory = request.staff_territory
    from espaces.stats.disclosure import protected, sees_exact_figures
    from espaces.stats.selectors import StatsFilter, history_start, summary_figures

    exact = sees_exact_figures(request.user)
    form = StatsFilterForm(request.GET or None, territory=territory)
    if not exact:
        del form.fields["site"]  # the whole territory for funders (docs/stats.md)
    summary = None
    if not request.GET or form.is_valid():
        data = form.cleaned_data if request.GET else {}
        start = data.get("date_from") or history_start(territory=territory)
        end = data.get("date_to") or timezone.localdate()
        summary, _ = protected(
            lambda f: summary_figures(territory=territory, filters=f),
            filters=StatsFilter(date_from=min(start, end), date_to=end, site=data.get("site")),
            exact=exact,
        )
    labels = channel_and_purpose_labels(territory=territory)
    return render(
        request,
        "reception/staff/stats.html",
        {
            "form": form,
            "summary": summary,
            "rows": _stats_rows(summary, labels) if summary else [],
        },
    )


def _stats_rows(summary, labels):
    from .enums import AgeBand, Gender, PublicCategory, Qpv

    def table(title, counts, names):
        return {
            "title": title,
            "rows": [(names.get(k, k) or gettext("Non précisé"), v) for k, v in counts.items()],
        }

    return [
        table(gettext("Par public"), summary["by_public_category"], dict(PublicCategory.choices)),
        table(gettext("Par genre"), summary["by_gender"], dict(Gender.choices)),
        table(gettext("Par âge"), summary["by_age_band"], dict(AgeBand.choices)),
        table(gettext("Quartier prioritaire"), summary["qpv"], dict(Qpv.choices)),
        table(gettext("Par motif"), summary["by_purpose"], labels[OptionKind.PURPOSE]),
        table(gettext("Par canal"), summary["by_channel"], labels[OptionKind.CHANNEL]),
    ]
