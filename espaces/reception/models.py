"""Visits, follow-up files (beneficiaries), their timeline, referrals to partners, follow-ups.

Visits are anonymous counts. A follow-up file holds personal data: it exists only with a
recorded consent or another legal basis, every read and change is audited
(espaces/common/audit.py), and it is anonymised once its retention period is over (retention.py).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from espaces.common.dates import validate_date_range, validate_not_future
from espaces.common.models import TerritoryScopedModel

from .enums import (
    AgeBand,
    EducationLevel,
    EmploymentStatus,
    ExitOutcome,
    FollowUpOutcome,
    Gender,
    JournalKind,
    LegalBasis,
    OptionKind,
    PublicCategory,
    Qpv,
    ReferralStatus,
    SensitiveAnswer,
    VisitSource,
)
from .thematiques import THEMATIQUE_CHOICES, thematique_label

# the largest group one visit entry may count (desk form, API, import, admin)
MAX_GROUP_SIZE = 500

SENSITIVE_FIELDS = [
    "disability",
    "third_country_national",
    "foreign_background",
    "minority",
    "homeless",
]


# --- visits ----------------------------------------------------------------------------------
class VisitOption(TerritoryScopedModel):
    """A channel or a purpose of visit offered by the territory's pack (visit_options.yaml)."""

    kind = models.CharField("type", max_length=10, choices=OptionKind.choices)
    slug = models.SlugField("identifiant", max_length=50)
    label = models.CharField("libellé", max_length=100)
    order = models.PositiveIntegerField("ordre", default=0)
    sites = models.ManyToManyField(
        "territories.Site",
        blank=True,
        related_name="+",
        verbose_name="espaces",
        help_text="vide : proposé dans tous les espaces du territoire",
    )

    class Meta:
        verbose_name = "canal ou motif de visite"
        verbose_name_plural = "canaux et motifs de visite"
        ordering = ["kind", "order", "label"]
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "kind", "slug"],
                name="visit_option_unique_slug",
                violation_error_message="Cet identifiant est déjà utilisé pour ce type d'option.",
            )
        ]

    def __str__(self):
        return self.label


class VisitImport(TerritoryScopedModel):
    """One spreadsheet imported by `espaces import_visits` (its digest refuses a second import)."""

    file_name = models.CharField("fichier", max_length=300)
    sha256 = models.CharField("empreinte", max_length=64)
    lines = models.PositiveIntegerField("lignes")
    visitors = models.PositiveIntegerField("personnes")

    class Meta:
        verbose_name = "import de visites"
        verbose_name_plural = "imports de visites"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "sha256"],
                name="visit_import_unique_file",
                violation_error_message="Ce fichier a déjà été importé.",
            )
        ]

    def __str__(self):
        return self.file_name


class VisitQuerySet(models.QuerySet):
    def public(self):
        """Visitors of the public: professionals of the support sector are counted apart."""
        return self.exclude(public_category=PublicCategory.PROFESSIONNEL_ACCOMPAGNEMENT)

    def professionals(self):
        return self.filter(public_category=PublicCategory.PROFESSIONNEL_ACCOMPAGNEMENT)

    def between(self, date_from=None, date_to=None):
        qs = self
        if date_from:
            qs = qs.filter(date__gte=date_from)
        if date_to:
            qs = qs.filter(date__lte=date_to)
        return qs


class Visit(TerritoryScopedModel):
    """One entry of the visit log: a person or a group of `group_size` people with the same
    attributes. Anonymous: no name, no contact."""

    date = models.DateField("date", validators=[validate_date_range, validate_not_future])
    time = models.TimeField("heure", null=True, blank=True)
    site = models.ForeignKey(
        "territories.Site", on_delete=models.PROTECT, related_name="visits", verbose_name="espace"
    )
    public_category = models.CharField("public", max_length=30, choices=PublicCategory.choices)
    gender = models.CharField(
        "genre", max_length=15, choices=Gender.choices, default=Gender.NON_RENSEIGNE
    )
    age_band = models.CharField(
        "âge", max_length=10, choices=AgeBand.choices, default=AgeBand.INCONNU
    )
    qpv = models.CharField("QPV", max_length=10, choices=Qpv.choices, default=Qpv.INCONNU)
    commune = models.ForeignKey(
        "territories.Commune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="commune",
    )
    channel = models.CharField("canal", max_length=50, blank=True)
    purpose = models.CharField("motif", max_length=50, blank=True)
    group_size = models.PositiveIntegerField(
        "nombre de personnes",
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_GROUP_SIZE)],
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="saisie par",
    )
    source = models.CharField(
        "origine", max_length=10, choices=VisitSource.choices, default=VisitSource.DESK
    )
    import_batch = models.ForeignKey(
        VisitImport, on_delete=models.CASCADE, null=True, blank=True, related_name="visits"
    )
    beneficiary = models.ForeignKey(
        "Beneficiary",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="visits",
        verbose_name="dossier de suivi",
    )

    objects = VisitQuerySet.as_manager()

    class Meta:
        verbose_name = "visite"
        ordering = ["-date", "-time", "-pk"]
        indexes = [
            # group_size makes it covering for the statistics' monthly fingerprints
            models.Index(fields=["territory", "date", "group_size"], name="visit_territory_date"),
            models.Index(fields=["site", "date"]),
            models.Index(fields=["recorded_by", "created_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(group_size__gte=1),
                name="visit_group_size_positive",
                violation_error_message="Le nombre de personnes doit être au moins 1.",
            ),
            models.CheckConstraint(
                condition=Q(public_category__in=PublicCategory.values),
                name="visit_public_category_valid",
                violation_error_message="Catégorie de public inconnue.",
            ),
            models.CheckConstraint(
                condition=Q(gender__in=Gender.values),
                name="visit_gender_valid",
                violation_error_message="Genre inconnu.",
            ),
            models.CheckConstraint(
                condition=Q(age_band__in=AgeBand.values),
                name="visit_age_band_valid",
                violation_error_message="Tranche d'âge inconnue.",
            ),
            models.CheckConstraint(
                condition=Q(qpv__in=Qpv.values),
                name="visit_qpv_valid",
                violation_error_message="Valeur QPV inconnue.",
            ),
        ]

    def __str__(self):
        return f"{self.date} {self.site_id} {self.public_category} ×{self.group_size}"

    @property
    def is_professional(self) -> bool:
        return self.public_category == PublicCategory.PROFESSIONNEL_ACCOMPAGNEMENT


# --- follow-up files ---------------------------------------------------------------------------
class BeneficiaryQuerySet(models.QuerySet):
    def active(self):
        """Files that still hold personal data (not anonymised)."""
        return self.filter(anonymised_at__isnull=True)


def sensitive_blank_q() -> Q:
    return Q(**{f: "" for f in SENSITIVE_FIELDS})


def employment_status_detail(label: str, long_term_unemployed: bool, self_employed: bool) -> str:
    """« Demandeur·se d'emploi de longue durée », « … (indépendant·e) »: the situation at entry
    as the files and their list show it."""
    if long_term_unemployed:
        label += " de longue durée"
    if self_employed:
        label += " (indépendant·e)"
    return label


class Beneficiary(TerritoryScopedModel):
    """A person's follow-up file. Opened only with a recorded consent or another legal basis."""

    first_name = models.CharField("prénom", max_length=150)
    last_name = models.CharField("nom", max_length=150)
    email = models.EmailField("courriel", blank=True)
    phone = models.CharField("téléphone", max_length=30, blank=True)
    commune = models.ForeignKey(
        "territories.Commune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="commune de résidence",
    )
    qpv = models.CharField(
        "habite en quartier prioritaire", max_length=10, choices=Qpv.choices, default=Qpv.INCONNU
    )
    age_band = models.CharField(
        "tranche d'âge", max_length=10, choices=AgeBand.choices, default=AgeBand.INCONNU
    )
    gender = models.CharField(
        "genre", max_length=15, choices=Gender.choices, default=Gender.NON_RENSEIGNE
    )
    employment_status = models.CharField(
        "situation à l'entrée", max_length=20, choices=EmploymentStatus.choices
    )
    long_term_unemployed = models.BooleanField(
        "demandeur·se d'emploi de longue durée", default=False
    )
    self_employed = models.BooleanField("indépendant·e", default=False)
    education_level = models.CharField(
        "niveau d'études",
        max_length=15,
        choices=EducationLevel.choices,
        default=EducationLevel.NON_RENSEIGNE,
    )
    disability = models.CharField(
        "situation de handicap", max_length=30, choices=SensitiveAnswer.choices, blank=True
    )
    third_country_national = models.CharField(
        "ressortissant·e d'un pays hors Union européenne",
        max_length=30,
        choices=SensitiveAnswer.choices,
        blank=True,
    )
    foreign_background = models.CharField(
        "origine étrangère", max_length=30, choices=SensitiveAnswer.choices, blank=True
    )
    minority = models.CharField(
        "appartenance à une minorité", max_length=30, choices=SensitiveAnswer.choices, blank=True
    )
    homeless = models.CharField(
        "sans domicile ou exclusion du logement",
        max_length=30,
        choices=SensitiveAnswer.choices,
        blank=True,
    )

    legal_basis = models.CharField("base légale", max_length=20, choices=LegalBasis.choices)
    consent_given_on = models.DateField("consentement recueilli le", null=True, blank=True)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="consentement recueilli par",
    )
    consent_text_version = models.CharField(
        "version du texte d'information", max_length=20, blank=True
    )

    site = models.ForeignKey(
        "territories.Site",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="espace d'accueil",
    )
    referent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="référent·e",
    )
    opened_on = models.DateField("ouvert le", default=timezone.localdate)
    last_contact_on = models.DateField("dernier contact le", default=timezone.localdate)
    exited_on = models.DateField("sortie le", null=True, blank=True)
    exit_outcome = models.CharField(
        "situation à la sortie", max_length=25, choices=ExitOutcome.choices, blank=True
    )
    anonymised_at = models.DateTimeField("anonymisé le", null=True, blank=True)
    registrations = models.ManyToManyField(
        "events.Registration",
        blank=True,
        related_name="beneficiaries",
        verbose_name="inscriptions aux événements",
    )

    objects = BeneficiaryQuerySet.as_manager()

    class Meta:
        verbose_name = "dossier de suivi"
        verbose_name_plural = "dossiers de suivi"
        ordering = ["last_name", "first_name", "pk"]
        indexes = [
            models.Index(fields=["territory", "last_contact_on"]),
            models.Index(fields=["territory", "last_name"]),
            # the list of files opens newest first: its first page without sorting every file,
            # and its count read from the index alone
            models.Index(
                fields=["territory", "anonymised_at", "created_at"],
                name="beneficiary_list_recent",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(legal_basis=LegalBasis.CONSENT)
                | (Q(consent_given_on__isnull=False) & ~Q(consent_text_version="")),
                name="beneficiary_consent_recorded",
                violation_error_message=(
                    "Le consentement doit être daté et la version du texte d'information notée."
                ),
            ),
            models.CheckConstraint(
                condition=Q(legal_basis__in=LegalBasis.values),
                name="beneficiary_legal_basis_valid",
                violation_error_message="Base légale inconnue.",
            ),
            models.CheckConstraint(
                condition=Q(employment_status__in=EmploymentStatus.values),
                name="beneficiary_employment_status_valid",
                violation_error_message="Situation à l'entrée inconnue.",
            ),
            models.CheckConstraint(
                condition=Q(long_term_unemployed=False)
                | Q(employment_status=EmploymentStatus.DEMANDEUR_EMPLOI),
                name="beneficiary_long_term_only_if_unemployed",
                violation_error_message=(
                    "« Longue durée » ne s'applique qu'aux demandeurs et demandeuses d'emploi."
                ),
            ),
            models.CheckConstraint(
                condition=Q(self_employed=False) | Q(employment_status=EmploymentStatus.SALARIE),
                name="beneficiary_self_employed_only_if_employed",
                violation_error_message="« Indépendant·e » ne s'applique qu'aux personnes en emploi.",
            ),
            models.CheckConstraint(
                condition=Q(legal_basis=LegalBasis.CONSENT) | sensitive_blank_q(),
                name="beneficiary_sensitive_only_with_consent",
                violation_error_message=(
                    "Les questions sensibles ne peuvent être posées qu'avec le consentement "
                    "de la personne."
                ),
            ),
            models.CheckConstraint(
                condition=(Q(exited_on__isnull=True) & Q(exit_outcome=""))
                | (Q(exited_on__isnull=False) & ~Q(exit_outcome="")),
                name="beneficiary_exit_has_outcome",
                violation_error_message="Une sortie doit avoir une date et une situation.",
            ),
        ]

    def __str__(self):
        if self.anonymised_at:
            return f"Dossier anonymisé n° {self.pk}"
        return f"{self.first_name} {self.last_name}"

    @property
    def reference(self) -> str:
        """What logs, e-mails and audit entries may say about the file: its number only."""
        return f"dossier n° {self.pk}"

    @property
    def is_anonymised(self) -> bool:
        return self.anonymised_at is not None

    @property
    def has_exited(self) -> bool:
        return self.exited_on is not None

    @property
    def employment_status_detail(self) -> str:
        return employment_status_detail(
            self.get_employment_status_display(), self.long_term_unemployed, self.self_employed
        )


class JournalEntry(models.Model):
    """A note, an action or an orientation result in a file's timeline."""

    beneficiary = models.ForeignKey(Beneficiary, on_delete=models.CASCADE, related_name="journal")
    kind = models.CharField("type", max_length=15, choices=JournalKind.choices)
    occurred_on = models.DateField("date", default=timezone.localdate)
    text = models.TextField("texte", blank=True)
    reference = models.CharField(
        "référence", max_length=50, blank=True, help_text="code d'un résultat d'orientation"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="auteur·e",
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)

    class Meta:
        verbose_name = "entrée du parcours"
        verbose_name_plural = "entrées du parcours"
        ordering = ["-occurred_on", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} du {self.occurred_on}"


class Barrier(models.Model):
    """A barrier to employment identified with the person (a data·inclusion thématique)."""

    beneficiary = models.ForeignKey(Beneficiary, on_delete=models.CASCADE, related_name="barriers")
    thematique = models.CharField("frein", max_length=100, choices=THEMATIQUE_CHOICES)
    identified_on = models.DateField("identifié le", default=timezone.localdate)
    identified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="identifié par",
    )
    lifted_on = models.DateField("levé le", null=True, blank=True)

    class Meta:
        verbose_name = "frein"
        ordering = ["identified_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["beneficiary", "thematique"],
                name="barrier_unique_per_file",
                violation_error_message="Ce frein est déjà noté dans le dossier.",
            )
        ]

    def __str__(self):
        return thematique_label(self.thematique)

    @property
    def label(self) -> str:
        return thematique_label(self.thematique)


class ServiceProposal(models.Model):
    """A barrier-lifting service proposed to the person (services app, data·inclusion v1)."""

    beneficiary = models.ForeignKey(
        Beneficiary, on_delete=models.CASCADE, related_name="service_proposals"
    )
    service = models.ForeignKey(
        "services.Service",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="service",
    )
    service_name = models.CharField(
        "nom du service", max_length=300, help_text="gardé si le service disparaît du catalogue"
    )
    barrier = models.ForeignKey(
        Barrier,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="service_proposals",
        verbose_name="frein",
    )
    proposed_on = models.DateField("proposé le", default=timezone.localdate)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="proposé par",
    )

    class Meta:
        verbose_name = "service proposé"
        verbose_name_plural = "services proposés"
        ordering = ["proposed_on", "pk"]

    def __str__(self):
        return self.service_name


# --- referrals -------------------------------------------------------------------------------
class Referral(TerritoryScopedModel):
    """A referral of a person to a partner organisation, with its state machine (referrals.py)."""

    beneficiary = models.ForeignKey(Beneficiary, on_delete=models.CASCADE, related_name="referrals")
    partner = models.ForeignKey(
        "territories.Partner",
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name="partenaire",
    )
    status = models.CharField(
        "état", max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.ENVOYEE
    )
    message = models.TextField("demande", blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="envoyée par",
    )
    reply_due_on = models.DateField("réponse attendue avant le")
    refusal_reason = models.TextField("motif du refus", blank=True)
    status_changed_at = models.DateTimeField("état modifié le", default=timezone.now)
    reminders_sent = models.PositiveIntegerField("relances envoyées", default=0)
    last_reminder_at = models.DateTimeField("dernière relance", null=True, blank=True)
    link_version = models.PositiveIntegerField(
        "version du lien", default=1, help_text="l'augmenter invalide les liens déjà envoyés"
    )

    class Meta:
        verbose_name = "orientation vers un partenaire"
        verbose_name_plural = "orientations vers des partenaires"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["partner", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ReferralStatus.values),
                name="referral_status_valid",
                violation_error_message="État d'orientation inconnu.",
            ),
            models.CheckConstraint(
                condition=~Q(status=ReferralStatus.REFUSEE) | ~Q(refusal_reason=""),
                name="referral_refusal_has_reason",
                violation_error_message="Un refus doit être motivé.",
            ),
        ]

    def __str__(self):
        return f"Orientation n° {self.pk} vers {self.partner}"

    @property
    def awaiting_reply(self) -> bool:
        return self.status in (ReferralStatus.ENVOYEE, ReferralStatus.RECUE)

    @property
    def is_overdue(self) -> bool:
        return self.awaiting_reply and self.reply_due_on < timezone.localdate()


class ReferralEvent(models.Model):
    """One dated and attributed change of state of a referral."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(
        "état précédent", max_length=20, choices=ReferralStatus.choices, blank=True
    )
    to_status = models.CharField("nouvel état", max_length=20, choices=ReferralStatus.choices)
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
        verbose_name = "changement d'état"
        verbose_name_plural = "changements d'état"
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


# --- follow-up after exit --------------------------------------------------------------------
class FollowUp(TerritoryScopedModel):
    """The follow-up to do six months after exit, to record the person's situation then."""

    beneficiary = models.ForeignKey(
        Beneficiary, on_delete=models.CASCADE, related_name="follow_ups"
    )
    due_on = models.DateField("à faire le")
    done_on = models.DateField("fait le", null=True, blank=True)
    outcome = models.CharField(
        "situation à 6 mois", max_length=25, choices=FollowUpOutcome.choices, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="renseigné par",
    )
    notified_at = models.DateTimeField("rappel envoyé le", null=True, blank=True)

    class Meta:
        verbose_name = "suivi à 6 mois"
        verbose_name_plural = "suivis à 6 mois"
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(done_on__isnull=True) & Q(outcome=""))
                | (Q(done_on__isnull=False) & ~Q(outcome="")),
                name="follow_up_done_has_outcome",
                violation_error_message="Un suivi fait doit avoir une date et une situation.",
            )
        ]

    def __str__(self):
        return f"Suivi à 6 mois du dossier n° {self.beneficiary_id}"

    @property
    def is_due(self) -> bool:
        return self.done_on is None and self.due_on <= timezone.localdate()


class SensitiveTally(TerritoryScopedModel):
    """The answers to the optional sensitive questions (ESF+ EECO12–EECO16) of anonymised
    files, kept as counts only: one row per Espace, day of opening and gender, with no link to
    any file. Anonymising a file adds its « oui » answers here before they are erased, so that
    the indicators of a period are the same before and after the purge (docs/rgpd.md)."""

    site = models.ForeignKey(
        "territories.Site",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="espace",
    )
    opened_on = models.DateField("dossiers ouverts le")
    gender = models.CharField("genre", max_length=20)
    disability = models.PositiveIntegerField("handicap", default=0)
    third_country_national = models.PositiveIntegerField("pays tiers", default=0)
    foreign_background = models.PositiveIntegerField("origine étrangère", default=0)
    minority = models.PositiveIntegerField("minorité", default=0)
    homeless = models.PositiveIntegerField("sans domicile", default=0)

    class Meta:
        verbose_name = "réponses sensibles agrégées (dossiers anonymisés)"
        verbose_name_plural = "réponses sensibles agrégées (dossiers anonymisés)"
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "site", "opened_on", "gender"],
                name="sensitive_tally_unique_cell",
                nulls_distinct=False,
            )
        ]

    def __str__(self):
        return f"Réponses sensibles agrégées du {self.opened_on:%d/%m/%Y}"
