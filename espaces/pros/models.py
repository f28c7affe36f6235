"""Requests from schools and groups, inbound referrals from professionals, mediators'
availability (weekly slots and dated exceptions), appointments, links issued to structures."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from espaces.common.models import TerritoryScopedModel
from espaces.events.enums import ClassLevel

from .enums import (
    AppointmentStatus,
    ExceptionKind,
    ReferralStatus,
    RequestKind,
    RequestPlace,
    RequestStatus,
    StructureKind,
)

WEEKDAYS = [
    (0, "lundi"),
    (1, "mardi"),
    (2, "mercredi"),
    (3, "jeudi"),
    (4, "vendredi"),
    (5, "samedi"),
    (6, "dimanche"),
]


class AvailabilitySlot(TerritoryScopedModel):
    """Every week, this mediator is free at this Espace between `start_time` and `end_time`."""

    mediator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="availability_slots",
        verbose_name="médiateur·rice",
    )
    site = models.ForeignKey(
        "territories.Site", on_delete=models.CASCADE, related_name="+", verbose_name="espace"
    )
    weekday = models.PositiveSmallIntegerField("jour", choices=WEEKDAYS)
    start_time = models.TimeField("de")
    end_time = models.TimeField("à")
    valid_from = models.DateField("à partir du", null=True, blank=True)
    valid_until = models.DateField("jusqu'au", null=True, blank=True)

    class Meta:
        verbose_name = "créneau de disponibilité"
        verbose_name_plural = "créneaux de disponibilité"
        ordering = ["weekday", "start_time", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")),
                name="availability_end_after_start",
                violation_error_message="La fin du créneau doit être après son début.",
            ),
            models.CheckConstraint(
                condition=Q(weekday__gte=0) & Q(weekday__lte=6),
                name="availability_weekday_valid",
                violation_error_message="Jour de la semaine inconnu.",
            ),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.start_time:%H:%M}–{self.end_time:%H:%M}"


class AvailabilityException(TerritoryScopedModel):
    """A dated change: the mediator is away (whole day or hours), or free on an extra slot."""

    mediator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="availability_exceptions",
        verbose_name="médiateur·rice",
    )
    site = models.ForeignKey(
        "territories.Site",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="espace",
        help_text="Obligatoire pour une disponibilité en plus ; vide = toutes les Espaces.",
    )
    date = models.DateField("date")
    kind = models.CharField("nature", max_length=10, choices=ExceptionKind.choices)
    start_time = models.TimeField("de", null=True, blank=True)
    end_time = models.TimeField("à", null=True, blank=True)
    note = models.CharField("remarque", max_length=200, blank=True)

    class Meta:
        verbose_name = "exception de disponibilité"
        verbose_name_plural = "exceptions de disponibilité"
        ordering = ["date", "start_time", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ExceptionKind.values),
                name="availability_exception_kind_valid",
                violation_error_message="Nature d'exception inconnue.",
            ),
            models.CheckConstraint(
                condition=~Q(kind=ExceptionKind.EXTRA)
                | (Q(site__isnull=False) & Q(start_time__isnull=False) & Q(end_time__isnull=False)),
                name="availability_extra_has_hours",
                violation_error_message=(
                    "Une disponibilité en plus a un Espace, une heure de début et de fin."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} le {self.date:%d/%m/%Y}"


class StructureLink(TerritoryScopedModel):
    """A signed link issued by the Espace to a structure without account: whoever holds it may
    refer people on the structure's behalf and see the status of those referrals."""

    organisation = models.ForeignKey(
        "territories.Partner",
        on_delete=models.CASCADE,
        related_name="structure_links",
        verbose_name="structure",
    )
    label = models.CharField("pour", max_length=200, blank=True, help_text="Service, équipe…")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="créé par",
    )
    revoked_at = models.DateTimeField("révoqué le", null=True, blank=True)

    class Meta:
        verbose_name = "lien d'orientation d'une structure"
        verbose_name_plural = "liens d'orientation des structures"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.organisation} {self.label}".strip()

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class PersonalDataMixin(models.Model):
    consent_at = models.DateTimeField("accord recueilli le")
    last_activity_on = models.DateField("dernière activité le", default=timezone.localdate)
    anonymised_at = models.DateTimeField("anonymisée le", null=True, blank=True)

    class Meta:
        abstract = True


class ProRequest(PersonalDataMixin, TerritoryScopedModel):
    """A school's or a structure's request for a visit to an Espace or an intervention."""

    kind = models.CharField("demandeur", max_length=10, choices=RequestKind.choices)
    status = models.CharField(
        "statut", max_length=12, choices=RequestStatus.choices, default=RequestStatus.RECEIVED
    )
    organisation_name = models.CharField("établissement ou structure", max_length=200)
    structure_kind = models.CharField(
        "type de structure", max_length=20, choices=StructureKind.choices, blank=True
    )
    school = models.ForeignKey(
        "events.School",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pro_requests",
        verbose_name="établissement",
    )
    level = models.CharField("niveau", max_length=60, blank=True)
    participants = models.PositiveIntegerField("nombre de participants")
    accompanying = models.PositiveSmallIntegerField("encadrants", default=1)
    place = models.CharField("lieu", max_length=10, choices=RequestPlace.choices)
    site = models.ForeignKey(
        "territories.Site",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Espace souhaité",
    )
    wished_periods = models.JSONField("périodes souhaitées", default=list)
    topics = models.TextField("sujets ou métiers", blank=True)
    metiers = models.ManyToManyField(
        "catalogue.Metier", blank=True, related_name="+", verbose_name="métiers"
    )
    accessibility_needs = models.TextField("besoins d'accessibilité", blank=True)
    contact_name = models.CharField("contact", max_length=150, blank=True)
    contact_email = models.EmailField("courriel du contact", blank=True)
    contact_phone = models.CharField("téléphone du contact", max_length=20, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pro_requests",
        verbose_name="compte du demandeur",
    )
    session = models.ForeignKey(
        "events.Session",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pro_requests",
        verbose_name="séance",
    )
    registration = models.ForeignKey(
        "events.Registration",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="réservation du groupe",
    )
    decline_reason = models.CharField("motif", max_length=300, blank=True)
    visits_recorded_at = models.DateTimeField("venue notée le", null=True, blank=True)
    survey_sent_at = models.DateTimeField("questionnaire envoyé le", null=True, blank=True)
    survey_rating = models.PositiveSmallIntegerField("satisfaction", null=True, blank=True)
    survey_useful = models.CharField("utile pour le groupe", max_length=12, blank=True)
    survey_again = models.CharField("à refaire", max_length=12, blank=True)
    survey_comment = models.TextField("commentaire", blank=True)
    survey_answered_at = models.DateTimeField("avis donné le", null=True, blank=True)

    class Meta:
        verbose_name = "demande d'intervention ou de visite"
        verbose_name_plural = "demandes d'intervention ou de visite"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["territory", "status", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(participants__gte=1),
                name="prorequest_participants_positive",
                violation_error_message="Le nombre de participants doit être d'au moins 1.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=RequestStatus.values) & Q(kind__in=RequestKind.values),
                name="prorequest_status_valid",
                violation_error_message="Statut ou demandeur inconnu.",
            ),
        ]

    def __str__(self):
        return f"Demande n° {self.pk} — {self.organisation_name}"

    @property
    def reference(self) -> str:
        return f"D-{self.pk:05d}"


class ProposedDate(TerritoryScopedModel):
    """A date offered to the requester, taken from a mediator's availability."""

    request = models.ForeignKey(
        ProRequest, on_delete=models.CASCADE, related_name="proposals", verbose_name="demande"
    )
    site = models.ForeignKey(
        "territories.Site", on_delete=models.PROTECT, related_name="+", verbose_name="espace"
    )
    mediator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="médiateur·rice",
    )
    start = models.DateTimeField("début")
    end = models.DateTimeField("fin")
    chosen = models.BooleanField("retenue", default=False)

    class Meta:
        verbose_name = "date proposée"
        verbose_name_plural = "dates proposées"
        ordering = ["start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")),
                name="proposeddate_end_after_start",
                violation_error_message="La fin doit être après le début.",
            )
        ]


class InboundReferral(PersonalDataMixin, TerritoryScopedModel):
    """A person referred to an Espace by a professional, with the person's consent."""

    organisation = models.ForeignKey(
        "territories.Partner",
        on_delete=models.PROTECT,
        related_name="inbound_referrals",
        verbose_name="structure qui oriente",
    )
    referrer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inbound_referrals",
        verbose_name="professionnel·le (compte)",
    )
    link = models.ForeignKey(
        StructureLink,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name="lien de la structure",
    )
    referrer_name = models.CharField("professionnel·le", max_length=150, blank=True)
    site = models.ForeignKey(
        "territories.Site", on_delete=models.PROTECT, related_name="+", verbose_name="Espace"
    )
    first_name = models.CharField("prénom", max_length=150, blank=True)
    contact_email = models.EmailField("courriel", blank=True)
    contact_phone = models.CharField("téléphone", max_length=20, blank=True)
    needs = models.JSONField("besoins (thématiques data·inclusion)", default=list)
    reason = models.TextField("motif", blank=True)
    preferred_times = models.CharField("moments préférés", max_length=300, blank=True)
    consent_version = models.CharField("version du texte d'accord", max_length=20)
    status = models.CharField(
        "statut", max_length=12, choices=ReferralStatus.choices, default=ReferralStatus.RECEIVED
    )
    oriented_to = models.CharField("orientée vers", max_length=200, blank=True)
    accepted_at = models.DateTimeField("prise en charge le", null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="suivie par",
    )
    registration = models.ForeignKey(
        "events.Registration",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="inscription à une séance",
    )

    class Meta:
        verbose_name = "orientation entrante"
        verbose_name_plural = "orientations entrantes"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["territory", "status", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ReferralStatus.values),
                name="inboundreferral_status_valid",
                violation_error_message="Statut d'orientation inconnu.",
            ),
            models.CheckConstraint(
                condition=~Q(contact_email="", contact_phone="") | Q(anonymised_at__isnull=False),
                name="inboundreferral_has_contact",
                violation_error_message="Indiquez un téléphone ou un courriel de la personne.",
            ),
        ]

    def __str__(self):
        return f"Orientation entrante {self.reference}"

    @property
    def reference(self) -> str:
        return f"O-{self.pk:05d}"


class InboundReferralEvent(TerritoryScopedModel):
    """One dated change of status (what the professional sees in the history)."""

    referral = models.ForeignKey(
        InboundReferral, on_delete=models.CASCADE, related_name="events", verbose_name="orientation"
    )
    status = models.CharField("statut", max_length=12, choices=ReferralStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="par",
    )

    class Meta:
        verbose_name = "étape d'une orientation entrante"
        ordering = ["created_at", "pk"]


class Appointment(TerritoryScopedModel):
    """A one-to-one appointment with a mediator at an Espace (from their availability)."""

    referral = models.ForeignKey(
        InboundReferral,
        on_delete=models.CASCADE,
        related_name="appointments",
        verbose_name="orientation",
    )
    site = models.ForeignKey(
        "territories.Site", on_delete=models.PROTECT, related_name="+", verbose_name="espace"
    )
    mediator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="appointments",
        verbose_name="médiateur·rice",
    )
    start = models.DateTimeField("début")
    end = models.DateTimeField("fin")
    status = models.CharField(
        "statut",
        max_length=10,
        choices=AppointmentStatus.choices,
        default=AppointmentStatus.PLANNED,
    )
    reminder_sent_at = models.DateTimeField("rappel envoyé le", null=True, blank=True)

    class Meta:
        verbose_name = "rendez-vous"
        verbose_name_plural = "rendez-vous"
        ordering = ["start", "pk"]
        indexes = [models.Index(fields=["mediator", "start"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")),
                name="appointment_end_after_start",
                violation_error_message="La fin doit être après le début.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=AppointmentStatus.values),
                name="appointment_status_valid",
                violation_error_message="Statut de rendez-vous inconnu.",
            ),
        ]

    def __str__(self):
        return f"Rendez-vous du {timezone.localtime(self.start):%d/%m/%Y %H:%M}"


LEVEL_CHOICES = ClassLevel.choices
