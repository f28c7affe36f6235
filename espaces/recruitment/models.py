"""Recruitment needs (offers) published by employers, and candidacies relayed by mediators.

An offer belongs to one employer (a territories.Partner) and to its territory; it is never
deleted: it closes (by hand or at its closing date) and is archived. A candidacy links a
follow-up file (reception.Beneficiary) to an offer, with the person's consent; every change of
state is dated and attributed (CandidacyEvent). A CV is kept in the database — never under a
public address — and removed once its retention period is over (retention.py)."""

import re

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from espaces.common.models import TerritoryScopedModel

from .enums import (
    CandidacyStatus,
    Contract,
    OfferSource,
    OfferStatus,
    RecruitmentMethod,
    RejectionReason,
)

ROME_CODE = re.compile(r"^[A-N]\d{4}$")


class OfferQuerySet(models.QuerySet):
    def open(self, today=None):
        """Open offers whose closing date is not passed (expiry is also applied at read time)."""
        today = today or timezone.localdate()
        return self.filter(status=OfferStatus.OPEN).filter(
            Q(closing_on__isnull=True) | Q(closing_on__gte=today)
        )

    def for_rome(self, codes):
        return self.filter(rome_links__code__in=list(codes)).distinct()


class Offer(TerritoryScopedModel):
    """A recruitment need of an employer (« besoin de recrutement »)."""

    employer = models.ForeignKey(
        "territories.Partner",
        on_delete=models.PROTECT,
        related_name="offers",
        verbose_name="employeur",
    )
    title = models.CharField("intitulé du poste", max_length=200)
    description = models.TextField("description", blank=True)
    metier = models.ForeignKey(
        "catalogue.Metier",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="offers",
        verbose_name="fiche métier locale",
    )
    sector = models.ForeignKey(
        "territories.Sector",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="offers",
        verbose_name="secteur",
    )
    contract = models.CharField("contrat", max_length=15, choices=Contract.choices)
    hours = models.CharField(
        "horaires et durée du travail", max_length=200, blank=True, help_text="ex. 35 h, 3×8"
    )
    shift_work = models.BooleanField("travail posté ou en équipes", default=False)
    commune = models.ForeignKey(
        "territories.Commune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="lieu de travail",
    )
    posts = models.PositiveIntegerField("nombre de postes", default=1)
    start_on = models.DateField("début du contrat", null=True, blank=True)
    requirements = models.TextField("prérequis", blank=True)
    open_without_diploma = models.BooleanField("ouvert sans diplôme", default=False)
    funded_training = models.BooleanField("avec formation financée", default=False)
    recruitment_method = models.CharField(
        "méthode de recrutement",
        max_length=15,
        choices=RecruitmentMethod.choices,
        default=RecruitmentMethod.CV,
    )
    closing_on = models.DateField("date de clôture", null=True, blank=True)
    status = models.CharField(
        "état", max_length=10, choices=OfferStatus.choices, default=OfferStatus.DRAFT
    )
    published_at = models.DateTimeField("publiée le", null=True, blank=True)
    closed_at = models.DateTimeField("fermée le", null=True, blank=True)
    archived_at = models.DateTimeField("archivée le", null=True, blank=True)
    job_dating = models.ForeignKey(
        "events.Session",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="offers",
        verbose_name="séance de l'agenda (job dating, rencontre)",
    )
    source = models.CharField(
        "origine", max_length=15, choices=OfferSource.choices, default=OfferSource.SAISIE
    )
    external_id = models.CharField("identifiant d'origine", max_length=100, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="créée par",
    )

    objects = OfferQuerySet.as_manager()

    class Meta:
        verbose_name = "offre (besoin de recrutement)"
        verbose_name_plural = "offres (besoins de recrutement)"
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["territory", "status", "closing_on"]),
            models.Index(fields=["employer", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(posts__gte=1),
                name="offer_posts_positive",
                violation_error_message="Une offre compte au moins un poste.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=OfferStatus.values),
                name="offer_status_valid",
                violation_error_message="État d'offre inconnu.",
            ),
            models.CheckConstraint(
                condition=Q(contract__in=Contract.values),
                name="offer_contract_valid",
                violation_error_message="Contrat inconnu.",
            ),
            models.UniqueConstraint(
                fields=["territory", "source", "external_id"],
                condition=~Q(external_id=""),
                name="offer_unique_external_id",
                violation_error_message="Cette offre a déjà été importée.",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.employer})"

    @property
    def rome_codes(self) -> list[str]:
        return [link.code for link in self.rome_links.all()]

    def is_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.status == OfferStatus.OPEN and (
            self.closing_on is None or self.closing_on >= today
        )


class OfferRome(models.Model):
    """One ROME 4.0 code of an offer (a table, so that job sheets find their offers in SQL)."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="rome_links")
    code = models.CharField("code ROME", max_length=5, db_index=True)

    class Meta:
        verbose_name = "code ROME de l'offre"
        verbose_name_plural = "codes ROME de l'offre"
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["offer", "code"], name="offer_rome_unique"),
        ]

    def __str__(self):
        return self.code


class CandidacyQuerySet(models.QuerySet):
    def awaiting_reply(self):
        return self.filter(status__in=[CandidacyStatus.ENVOYEE, CandidacyStatus.RECUE])


class Candidacy(TerritoryScopedModel):
    """A person (follow-up file) proposed by a mediator for an offer, with their consent."""

    offer = models.ForeignKey(Offer, on_delete=models.PROTECT, related_name="candidacies")
    beneficiary = models.ForeignKey(
        "reception.Beneficiary",
        on_delete=models.CASCADE,
        related_name="candidacies",
        verbose_name="dossier de suivi",
    )
    status = models.CharField(
        "état", max_length=15, choices=CandidacyStatus.choices, default=CandidacyStatus.ENVOYEE
    )
    message = models.TextField("message à l'employeur", blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="proposée par",
    )
    consent_given_on = models.DateField("accord de la personne recueilli le")
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="accord recueilli par",
    )
    consent_text_version = models.CharField("version du texte lu", max_length=20)
    cv_name = models.CharField("nom du CV", max_length=200, blank=True)
    cv_content_type = models.CharField(max_length=100, blank=True)
    cv_data = models.BinaryField("CV", null=True, blank=True, editable=False)
    cv_removed_at = models.DateTimeField("CV supprimé le", null=True, blank=True)
    reply_due_on = models.DateField("réponse attendue avant le")
    status_changed_at = models.DateTimeField("état modifié le", default=timezone.now)
    interview_on = models.DateField("entretien le", null=True, blank=True)
    rejection_reason = models.CharField(
        "motif", max_length=20, choices=RejectionReason.choices, blank=True
    )
    hired_on = models.DateField("embauche le", null=True, blank=True)
    hire_contract = models.CharField(
        "contrat signé", max_length=15, choices=Contract.choices, blank=True
    )
    reminders_sent = models.PositiveIntegerField("relances envoyées", default=0)
    last_reminder_at = models.DateTimeField("dernière relance", null=True, blank=True)
    link_version = models.PositiveIntegerField(
        "version du lien", default=1, help_text="l'augmenter invalide les liens déjà envoyés"
    )

    objects = CandidacyQuerySet.as_manager()

    class Meta:
        verbose_name = "candidature"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["territory", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=CandidacyStatus.values),
                name="candidacy_status_valid",
                violation_error_message="État de candidature inconnu.",
            ),
            models.CheckConstraint(
                condition=~Q(status=CandidacyStatus.NON_RETENUE) | ~Q(rejection_reason=""),
                name="candidacy_rejection_has_reason",
                violation_error_message="Une candidature non retenue doit avoir son motif.",
            ),
            models.CheckConstraint(
                condition=~Q(status=CandidacyStatus.EMBAUCHE)
                | (Q(hired_on__isnull=False) & ~Q(hire_contract="")),
                name="candidacy_hire_has_date_and_contract",
                violation_error_message="Une embauche doit avoir sa date et son contrat.",
            ),
            models.UniqueConstraint(
                fields=["offer", "beneficiary"],
                name="candidacy_unique_per_offer",
                violation_error_message="Cette personne est déjà proposée pour cette offre.",
            ),
        ]

    def __str__(self):
        return f"Candidature n° {self.pk}"

    @property
    def reference(self) -> str:
        return f"candidature n° {self.pk}"

    @property
    def awaiting_reply(self) -> bool:
        return self.status in (CandidacyStatus.ENVOYEE, CandidacyStatus.RECUE)

    @property
    def is_overdue(self) -> bool:
        return self.awaiting_reply and self.reply_due_on < timezone.localdate()

    @property
    def has_cv(self) -> bool:
        return bool(self.cv_name) and self.cv_removed_at is None


class CandidacyEvent(models.Model):
    """One dated and attributed change of state of a candidacy."""

    candidacy = models.ForeignKey(Candidacy, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(
        "état précédent", max_length=15, choices=CandidacyStatus.choices, blank=True
    )
    to_status = models.CharField("nouvel état", max_length=15, choices=CandidacyStatus.choices)
    at = models.DateTimeField("le", default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="par",
    )
    by_label = models.CharField(
        "par (libellé)", max_length=200, blank=True, help_text="quand la réponse vient d'un lien"
    )
    note = models.TextField("commentaire", blank=True)

    class Meta:
        verbose_name = "changement d'état de candidature"
        verbose_name_plural = "changements d'état de candidature"
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.from_status or '—'} → {self.to_status}"

    @property
    def author_label(self) -> str:
        if self.by_id:
            user = self.by
            name = f"{user.first_name} {user.last_name}".strip()
            return name or user.email
        return self.by_label or "—"
