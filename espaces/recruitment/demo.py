"""Fictional recruitment data for `espaces demo_data`, built after the rest with its own random
generator (the visits, events and files of the demo stay exactly as they were).

Offers are published by the pack's employers on their linked job sheets, from October 2024 to
today; older ones are closed or archived, recent ones open. Candidacies are relayed for people
whose file was opened with consent; every hire is one of the files whose exit outcome is
already « en emploi » (hired on the exit day), so the hires never exceed EECR04 and the
dashboard, the report and the indicators agree."""

import datetime as dt
import random

from django.utils import timezone

from espaces.catalogue.models import Metier
from espaces.reception.enums import ExitOutcome, LegalBasis
from espaces.reception.models import Beneficiary
from espaces.territories.enums import PartnerKind
from espaces.territories.models import Partner, Territory

from .enums import (
    CandidacyStatus,
    Contract,
    OfferSource,
    OfferStatus,
    RecruitmentMethod,
    RejectionReason,
)
from .models import Candidacy, CandidacyEvent, Offer, OfferRome

START = dt.date(2024, 10, 1)
CONTRACTS = [Contract.CDI, Contract.CDD, Contract.INTERIM, Contract.ALTERNANCE, Contract.POEI_POEC]
CONTRACT_WEIGHTS = [35, 20, 25, 12, 8]


def _aware(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=timezone.get_current_timezone())


def _timestamps(*models):
    from espaces.stats.demo import _past_timestamps

    return _past_timestamps(*models)


def recruitment_demo_create(*, territory: Territory, today: dt.date, seed: int) -> dict:
    """Offers, candidacies and hires consistent with the demo's files (see the module doc)."""
    rng = random.Random(seed)
    employers = list(
        Partner.objects.filter(territory=territory, kind=PartnerKind.EMPLOYER).order_by("slug")
    )
    metiers = list(
        Metier.objects.filter(territory=territory, rome_fiches__isnull=False)
        .prefetch_related("rome_fiches", "sectors", "employers")
        .distinct()
        .order_by("slug")
    )
    if not employers or not metiers:
        return {"offers": 0, "candidacies": 0, "hires": 0}
    offers, links = [], []
    days = (today - START).days
    for employer in employers:
        own = [m for m in metiers if employer in m.employers.all()] or metiers
        for _ in range(rng.randint(2, 5)):
            metier = rng.choice(own)
            published = START + dt.timedelta(days=rng.randint(0, max(days - 1, 0)))
            closing = published + dt.timedelta(days=rng.randint(20, 75))
            if closing >= today:
                status, closed_at = OfferStatus.OPEN, None
            else:
                status = OfferStatus.ARCHIVED if (today - closing).days > 90 else OfferStatus.CLOSED
                closed_at = _aware(closing + dt.timedelta(days=1), 6)
            offer = Offer(
                territory=territory,
                employer=employer,
                # the pack's employers are real companies: a demo offer says it is fictional
                title=f"{metier.title} (offre fictive de démonstration)"[:200],
                description="Offre fictive des données de démonstration.",
                metier=metier,
                sector=next(iter(metier.sectors.all()), None),
                contract=rng.choices(CONTRACTS, CONTRACT_WEIGHTS)[0],
                commune=None,
                posts=rng.choice([1, 1, 2, 2, 3, 4, 5, 8]),
                start_on=closing + dt.timedelta(days=rng.randint(7, 30)),
                open_without_diploma=metier.open_without_diploma,
                funded_training=metier.open_without_diploma and rng.random() < 0.6,
                recruitment_method=rng.choice(RecruitmentMethod.values),
                closing_on=closing,
                status=status,
                published_at=_aware(published, 9),
                closed_at=closed_at,
                archived_at=closed_at if status == OfferStatus.ARCHIVED else None,
                source=OfferSource.SAISIE,
            )
            offer.created_at = offer.updated_at = _aware(published, 9)
            offers.append(offer)
            links.append((offer, [f.code for f in metier.rome_fiches.all()]))
    with _timestamps(Offer):
        Offer.objects.bulk_create(offers)
    OfferRome.objects.bulk_create(
        [OfferRome(offer=o, code=c) for o, codes in links for c in codes], ignore_conflicts=True
    )
    files = list(
        Beneficiary.objects.filter(territory=territory, legal_basis=LegalBasis.CONSENT).order_by(
            "pk"
        )
    )
    candidacies, events = [], []

    def offer_open_on(day):
        current = [o for o in offers if o.published_at.date() <= day <= o.closing_on]
        return rng.choice(current) if current else None

    hired = 0
    for file in files:
        if file.exit_outcome == ExitOutcome.EN_EMPLOI and rng.random() < 0.45:
            # a relayed candidacy that ended in this hire
            sent = max(file.exited_on - dt.timedelta(days=rng.randint(15, 45)), file.opened_on)
            offer = offer_open_on(sent)
            if offer is None:
                continue
            path = [
                CandidacyStatus.RECUE,
                CandidacyStatus.ENTRETIEN,
                CandidacyStatus.RETENUE,
                CandidacyStatus.EMBAUCHE,
            ]
            end_day = file.exited_on
            hired += 1
        elif not file.exited_on and rng.random() < 0.12:
            sent = min(file.opened_on + dt.timedelta(days=rng.randint(5, 40)), today)
            offer = offer_open_on(sent)
            if offer is None:
                continue
            path = rng.choice(
                [
                    [],
                    [CandidacyStatus.RECUE],
                    [CandidacyStatus.RECUE, CandidacyStatus.ENTRETIEN],
                    [CandidacyStatus.RECUE, CandidacyStatus.NON_RETENUE],
                    [CandidacyStatus.RECUE, CandidacyStatus.ENTRETIEN, CandidacyStatus.NON_RETENUE],
                ]
            )
            end_day = min(sent + dt.timedelta(days=rng.randint(3, 20)), today)
        else:
            continue
        final = path[-1] if path else CandidacyStatus.ENVOYEE
        step_days = [
            sent + (end_day - sent) * (i + 1) / max(len(path), 1) for i in range(len(path))
        ]
        candidacy = Candidacy(
            territory=territory,
            offer=offer,
            beneficiary=file,
            status=final,
            message="Candidature fictive des données de démonstration.",
            consent_given_on=sent,
            consent_text_version="2026-01",
            reply_due_on=sent + dt.timedelta(days=7),
            status_changed_at=_aware(end_day, 15),
            interview_on=step_days[1] if CandidacyStatus.ENTRETIEN in path else None,
            rejection_reason=rng.choice(RejectionReason.values)
            if final == CandidacyStatus.NON_RETENUE
            else "",
            hired_on=file.exited_on if final == CandidacyStatus.EMBAUCHE else None,
            hire_contract=offer.contract if final == CandidacyStatus.EMBAUCHE else "",
        )
        candidacy.created_at = candidacy.updated_at = _aware(sent, 11)
        candidacies.append(candidacy)
        history = [("", CandidacyStatus.ENVOYEE, sent)]
        previous = CandidacyStatus.ENVOYEE
        for status, day in zip(path, step_days, strict=True):
            history.append((previous, status, day))
            previous = status
        events.append((candidacy, history))
    with _timestamps(Candidacy):
        Candidacy.objects.bulk_create(candidacies, batch_size=500)
    CandidacyEvent.objects.bulk_create(
        [
            CandidacyEvent(
                candidacy=c,
                from_status=before,
                to_status=after,
                at=_aware(day, 14),
                by_label="Données de démonstration",
            )
            for c, history in events
            for before, after, day in history
        ],
        batch_size=1000,
    )
    return {"offers": len(offers), "candidacies": len(candidacies), "hires": hired}


def recruitment_demo_delete(*, territory: Territory) -> None:
    Candidacy.objects.filter(territory=territory).delete()
    Offer.objects.filter(territory=territory).delete()
