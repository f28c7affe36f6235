"""Writes of the services domain: freshness reviews, review e-mails, data·inclusion import."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext

from espaces.common.partial_dates import format_partial_date
from espaces.messaging.services import queue_email
from espaces.territories.models import Partner, Territory

from .datainclusion import ParsedImport, service_values, structure_values
from .enums import ReviewKind
from .models import DEFAULT_REVIEW_MONTHS, Service, ServiceReview, Structure
from .review_links import REVIEW_LINK_MAX_AGE, review_path
from .selectors import overdue_by_partner

MAX_NOTE_LENGTH = 5000


class ServiceError(ValueError):
    """A French message saying what to fix."""


# --- freshness ---------------------------------------------------------------------------------
@transaction.atomic
def service_mark_verified(
    *, service: Service, origin: str, user=None, partner: Partner | None = None, today=None
) -> Service:
    """Record that the sheet was checked today and is still right."""
    today = today or timezone.localdate()
    service.last_verified_on = today
    service.save(update_fields=["last_verified_on", "review_due_on", "updated_at"])
    ServiceReview.objects.create(
        territory_id=service.territory_id,
        service=service,
        partner=partner,
        user=user if user is not None and user.is_authenticated else None,
        kind=ReviewKind.CONFIRMED,
        origin=origin,
    )
    return service


@transaction.atomic
def service_correction_submit(
    *, service: Service, note: str, origin: str, user=None, partner: Partner | None = None
) -> ServiceReview:
    """Keep a correction sent for a sheet, for the coordinators to apply."""
    note = (note or "").strip()
    if not note:
        raise ServiceError(gettext("Écrivez ce qui a changé avant d'envoyer la correction."))
    if len(note) > MAX_NOTE_LENGTH:
        raise ServiceError(
            gettext("La correction est trop longue (%(length)s caractères, %(max)s au plus).")
            % {"length": len(note), "max": MAX_NOTE_LENGTH}
        )
    return ServiceReview.objects.create(
        territory_id=service.territory_id,
        service=service,
        partner=partner,
        user=user if user is not None and user.is_authenticated else None,
        kind=ReviewKind.CORRECTION,
        origin=origin,
        note=note,
    )


@transaction.atomic
def correction_mark_handled(*, review: ServiceReview, user) -> ServiceReview:
    review.handled_at = timezone.now()
    review.handled_by = user
    review.save(update_fields=["handled_at", "handled_by", "updated_at"])
    return review


# --- review e-mails ---------------------------------------------------------------------------------
@dataclass
class ReviewRequestReport:
    sent: list[tuple[Partner, list[Service]]] = field(default_factory=list)
    without_email: list[tuple[Partner, list[Service]]] = field(default_factory=list)
    without_partner: list[Service] = field(default_factory=list)
    dry_run: bool = False

    def lines(self) -> list[str]:
        prefix = "[essai, aucun courriel envoyé] " if self.dry_run else ""
        out = []
        for partner, services in self.sent:
            out.append(
                f"{prefix}{partner.name} <{partner.contact_email}> : "
                f"{len(services)} fiche(s) à vérifier"
            )
        for partner, services in self.without_email:
            out.append(
                f"Sans courriel de contact : {partner.name} ({len(services)} fiche(s)) — "
                "renseignez contact_email dans partners.yaml ou vérifiez ces fiches vous-même"
            )
        if self.without_partner:
            out.append(
                f"{len(self.without_partner)} fiche(s) à vérifier sans partenaire lié à leur "
                "structure : la coordination les vérifie (page « Services à vérifier »)"
            )
        return out


def default_base_url(territory: Territory) -> str:
    from espaces.common.public_url import public_base_url

    return public_base_url(territory=territory)


def _review_email(*, territory, partner, services, link, today) -> tuple[str, str]:
    expires_on = today + dt.timedelta(days=REVIEW_LINK_MAX_AGE.days)
    body = render_to_string(
        "services/emails/review_request.txt",
        {
            "territory": territory,
            "partner": partner,
            "services": services,
            "link": link,
            "expires_on": format_partial_date(expires_on, "day"),
        },
    )
    subject = (
        f"Espaces 20 000 emplois · {territory.short_name} : "
        f"{len(services)} fiche(s) de vos services à vérifier"
    )
    return subject, body


def review_requests_send(
    *, territory: Territory, base_url: str | None = None, dry_run: bool = False, today=None
) -> ReviewRequestReport:
    """E-mail each partner contact one message listing their overdue sheets, with a signed
    review link valid 30 days. The e-mail is queued with the dates (it leaves on commit)."""
    today = today or timezone.localdate()
    base_url = (base_url or default_base_url(territory)).rstrip("/")
    report = ReviewRequestReport(dry_run=dry_run)
    grouped = overdue_by_partner(territory=territory, today=today)
    for partner, services in sorted(grouped.items(), key=lambda kv: kv[0].name if kv[0] else ""):
        if partner is None:
            report.without_partner.extend(services)
            continue
        if not partner.contact_email:
            report.without_email.append((partner, services))
            continue
        report.sent.append((partner, services))
        if dry_run:
            continue
        subject, body = _review_email(
            territory=territory,
            partner=partner,
            services=services,
            link=base_url + review_path(partner),
            today=today,
        )
        with transaction.atomic():
            Service.objects.filter(pk__in=[s.pk for s in services]).update(
                review_requested_on=today
            )
            queue_email(
                territory=territory,
                kind="services.review_request",
                to=partner.contact_email,
                subject=subject,
                body=body,
            )
    return report


# --- data·inclusion import ---------------------------------------------------------------------
@dataclass
class ImportReport:
    counts: dict = field(default_factory=lambda: defaultdict(lambda: defaultdict(int)))

    def count(self, kind: str, what: str) -> None:
        self.counts[kind][what] += 1

    def lines(self) -> list[str]:
        return [
            f"{kind} : {c['créés']} créé(s), {c['modifiés']} modifié(s), "
            f"{c['inchangés']} inchangé(s)"
            for kind, c in self.counts.items()
        ]

    @property
    def changed(self) -> int:
        return sum(c["créés"] + c["modifiés"] for c in self.counts.values())


def _free_slug(model, territory: Territory, base: str, taken: set[str]) -> str:
    base = slugify(base)[:90].strip("-") or "fiche"
    if not taken:
        taken.update(model.objects.filter(territory=territory).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def _upsert(model, territory, report, kind, values: dict, taken: set[str], extra_on_create=None):
    obj = model.objects.filter(
        territory=territory,
        source_system=values["source_system"],
        external_id=values["external_id"],
    ).first()
    if obj is None:
        slug = _free_slug(
            model, territory, f"{values['source_system']}-{values['external_id']}", taken
        )
        obj = model(territory=territory, slug=slug, **values, **(extra_on_create or {}))
        obj.save()
        report.count(kind, "créés")
        return obj
    diff = [k for k, v in values.items() if getattr(obj, k) != v]
    if diff:
        for k in diff:
            setattr(obj, k, values[k])
        if kind == "services" and "date_maj" in diff and values["date_maj"]:
            current = obj.last_verified_on
            obj.last_verified_on = max(filter(None, [current, values["date_maj"]]))
        obj.save()
        report.count(kind, "modifiés")
    else:
        report.count(kind, "inchangés")
    return obj


@transaction.atomic
def services_import(*, territory: Territory, parsed: ParsedImport) -> ImportReport:
    """Upsert validated data·inclusion structures and services by (source, id), in one
    transaction. Product fields (tags, review period, partner) set by staff are kept."""
    report = ImportReport()
    taken: set[str] = set()
    structures = {}
    for item in parsed.structures:
        structure = _upsert(
            Structure, territory, report, "structures", structure_values(item.record), taken
        )
        structures[(item.record.source, item.record.id)] = structure
    missing = {(i.record.source, i.record.structure_id) for i in parsed.services} - set(structures)
    for structure in Structure.objects.filter(
        territory=territory,
        source_system__in={s for s, _ in missing},
        external_id__in={i for _, i in missing},
    ):
        structures[(structure.source_system, structure.external_id)] = structure
    taken = set()
    for item in parsed.services:
        record = item.record
        values = service_values(record)
        values["structure_id"] = structures[(record.source, record.structure_id)].pk
        _upsert(
            Service,
            territory,
            report,
            "services",
            values,
            taken,
            extra_on_create={
                "last_verified_on": record.date_maj,
                "review_every_months": DEFAULT_REVIEW_MONTHS,
            },
        )
    return report
