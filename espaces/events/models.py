"""Event types, schools, sessions, registrations (with the waiting list) and survey answers."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from espaces.common.models import TerritoryScopedModel
from espaces.common.translations import TEXT, TranslatableMixin, translations_field
from espaces.territories.models import SluggedTerritoryModel

from .enums import (
    ACTIVE_STATUSES,
    AttendanceStatus,
    ClassLevel,
    EventKind,
    PublicCategory,
    RegistrationChannel,
    RegistrationStatus,
    SchoolKind,
    SessionStatus,
    SurveyDiscovery,
    SurveyNextStep,
    SurveyRating,
)


class EventType(TranslatableMixin, SluggedTerritoryModel):
    """A kind of event of the territory's pack (« Immersion casque VR », « Fresque du climat »…)."""

    TRANSLATABLE_FIELDS = {"name": TEXT, "description": TEXT}

    name = models.CharField("nom", max_length=200)
    kind = models.CharField("catégorie", max_length=30, choices=EventKind.choices)
    description = models.TextField("présentation", blank=True)
    default_capacity = models.PositiveIntegerField("nombre de places par défaut", default=12)
    default_duration_minutes = models.PositiveIntegerField(
        "durée par défaut (minutes)", default=120
    )
    waitlist_enabled = models.BooleanField("liste d'attente par défaut", default=True)
    translations = translations_field()

    class Meta:
        verbose_name = "type d'événement"
        verbose_name_plural = "types d'événements"
        ordering = ["name"]
        constraints = [
            SluggedTerritoryModel.unique_slug_constraint("eventtype_unique_slug"),
            models.CheckConstraint(
                condition=Q(default_capacity__gte=1),
                name="eventtype_capacity_positive",
                violation_error_message="Le nombre de places doit être d'au moins 1.",
            ),
        ]

    def __str__(self):
        return self.name


class School(TerritoryScopedModel):
    """A school of the territory, identified by its UAI (code of the Éducation nationale)."""

    uai = models.CharField("code UAI", max_length=8)
    name = models.CharField("nom", max_length=200)
    commune = models.ForeignKey(
        "territories.Commune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="schools",
        verbose_name="commune",
    )
    kind = models.CharField("type", max_length=10, choices=SchoolKind.choices)

    class Meta:
        verbose_name = "établissement scolaire"
        verbose_name_plural = "établissements scolaires"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "uai"],
                name="school_unique_uai",
                violation_error_message="Un établissement porte déjà ce code UAI.",
            )
        ]

    def __str__(self):
        return self.name


def registrations_total(field: str, *, count: bool = False, **filters):
    """Sum (or count) of `field` over the registrations of the outer session matching
    `filters`, 0 when there is none: a correlated subquery."""
    aggregate = models.Count(field) if count else models.Sum(field)
    rows = (
        Registration.objects.filter(session=models.OuterRef("pk"), **filters)
        .order_by()
        .values("session")
        .annotate(total=aggregate)
        .values("total")
    )
    return models.functions.Coalesce(models.Subquery(rows, output_field=models.IntegerField()), 0)


class SessionQuerySet(models.QuerySet):
    def with_counts(self):
        """Annotates `seats_taken` (confirmed seats) and `waiting` (people on the waiting list).

        Correlated subqueries rather than a join with GROUP BY: grouping would list every
        selected column (the session's, and those of `select_related`), which costs more to
        compile and to run than the two small counts (issue SPEED)."""
        return self.annotate(
            seats_taken=registrations_total("seats", status=RegistrationStatus.CONFIRMED),
            waiting=registrations_total("pk", status=RegistrationStatus.WAITLISTED, count=True),
        )

    def upcoming(self, *, now: dt.datetime | None = None):
        return self.filter(end__gt=now or timezone.now())


class Session(TranslatableMixin, TerritoryScopedModel):
    """One occurrence of an event: a date, a place, seats."""

    TRANSLATABLE_FIELDS = {"title": TEXT, "description": TEXT, "audience": TEXT}

    event_type = models.ForeignKey(
        EventType, on_delete=models.PROTECT, related_name="sessions", verbose_name="type"
    )
    title = models.CharField(
        "titre",
        max_length=200,
        blank=True,
        help_text="Laissez vide pour reprendre le nom du type d'événement.",
    )
    description = models.TextField("présentation", blank=True)
    site = models.ForeignKey(
        "territories.Site",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="event_sessions",
        verbose_name="espace organisateur",
        help_text="L'Espace qui organise ; la séance y a lieu sauf si un lieu extérieur est donné.",
    )
    place_name = models.CharField(
        "lieu extérieur",
        max_length=200,
        blank=True,
        help_text="Établissement scolaire, entreprise… quand la séance n'a pas lieu dans un Espace.",
    )
    place_address = models.CharField("adresse du lieu extérieur", max_length=300, blank=True)
    start = models.DateTimeField("début")
    end = models.DateTimeField("fin")
    capacity = models.PositiveIntegerField("nombre de places")
    waitlist_enabled = models.BooleanField("liste d'attente", default=True)
    audience = models.CharField(
        "public visé", max_length=200, blank=True, help_text="« Tout public », « Lycéens »…"
    )
    partners = models.ManyToManyField(
        "territories.Partner",
        blank=True,
        related_name="event_sessions",
        verbose_name="entreprises et partenaires",
    )
    metiers = models.ManyToManyField(
        "catalogue.Metier",
        blank=True,
        related_name="event_sessions",
        verbose_name="métiers présentés",
    )
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="facilitated_sessions",
        verbose_name="animateurs et animatrices",
    )
    other_facilitators = models.CharField("autres intervenants", max_length=300, blank=True)
    accessibility = models.TextField("accessibilité", blank=True)
    public = models.BooleanField(
        "ouverte au public",
        default=True,
        help_text=(
            "Décochez pour une séance réservée (classe, groupe) : elle n'apparaît ni dans "
            "l'agenda public, ni dans l'API, et personne ne s'y inscrit en ligne."
        ),
    )
    status = models.CharField(
        "statut", max_length=10, choices=SessionStatus.choices, default=SessionStatus.PLANNED
    )
    cancelled_at = models.DateTimeField("annulée le", null=True, blank=True)
    cancellation_reason = models.CharField("motif d'annulation", max_length=300, blank=True)
    translations = translations_field()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="créée par",
    )

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = "séance"
        ordering = ["start", "pk"]
        indexes = [models.Index(fields=["territory", "start"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")),
                name="session_end_after_start",
                violation_error_message="La fin doit être après le début.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=SessionStatus.values),
                name="session_status_valid",
                violation_error_message="Statut de séance inconnu.",
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1),
                name="session_capacity_positive",
                violation_error_message="Le nombre de places doit être d'au moins 1.",
            ),
        ]

    def __str__(self):
        return f"{self.display_title} — {timezone.localtime(self.start):%d/%m/%Y %H:%M}"

    @property
    def display_title(self) -> str:
        return self.title or self.event_type.name

    def translation(self, field: str, language: str):
        """`display_title` follows `display_title`: the session's title, else its type's name."""
        if field == "display_title":
            if self.title:
                return super().translation("title", language)
            return self.event_type.translation("name", language)
        return super().translation(field, language)

    @property
    def place_label(self) -> str:
        """Where it happens, in one line: the outside place when there is one, else the Espace."""
        if self.place_name:
            return ", ".join(p for p in (self.place_name, self.place_address) if p)
        return self.site.name if self.site_id else ""

    @property
    def is_outside(self) -> bool:
        return bool(self.place_name)

    @property
    def is_cancelled(self) -> bool:
        return self.status == SessionStatus.CANCELLED

    def has_started(self, now: dt.datetime | None = None) -> bool:
        return self.start <= (now or timezone.now())

    def has_ended(self, now: dt.datetime | None = None) -> bool:
        return self.end <= (now or timezone.now())

    # The two counts below need `with_counts()`; they fall back to a query otherwise.
    def _taken(self) -> int:
        if hasattr(self, "seats_taken"):
            return self.seats_taken
        return (
            self.registrations.filter(status=RegistrationStatus.CONFIRMED).aggregate(
                n=models.Sum("seats")
            )["n"]
            or 0
        )

    def _waiting(self) -> int:
        if hasattr(self, "waiting"):
            return self.waiting
        return self.registrations.filter(status=RegistrationStatus.WAITLISTED).count()

    @property
    def seats_left(self) -> int:
        return max(self.capacity - self._taken(), 0)

    @property
    def waitlist_count(self) -> int:
        return self._waiting()

    @property
    def is_full(self) -> bool:
        return self.seats_left == 0

    def registration_open(self, now: dt.datetime | None = None) -> bool:
        """The public may still ask for a seat (or a place on the waiting list)."""
        if not self.public or self.is_cancelled or self.has_started(now):
            return False
        return not self.is_full or self.waitlist_enabled

    @property
    def waitlist_open(self) -> bool:
        """Asking now would put the person on the waiting list."""
        return self.is_full and self.waitlist_enabled and not self.is_cancelled


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=ACTIVE_STATUSES)

    def confirmed(self):
        return self.filter(status=RegistrationStatus.CONFIRMED)

    def waitlisted(self):
        return self.filter(status=RegistrationStatus.WAITLISTED).order_by("pk")


class Registration(TerritoryScopedModel):
    """A person (or a class) on a session: a confirmed seat or a place on the waiting list.

    The waiting list is served in order of request (primary key order: keys are allocated while
    the session row is locked). Personal data is cleared by `registrations_anonymise`.
    """

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="registrations", verbose_name="séance"
    )
    status = models.CharField("inscription", max_length=30, choices=RegistrationStatus.choices)
    attendance = models.CharField(
        "présence",
        max_length=12,
        choices=AttendanceStatus.choices,
        default=AttendanceStatus.REGISTERED,
    )
    seats = models.PositiveSmallIntegerField("places", default=1)
    first_name = models.CharField("prénom", max_length=150, blank=True)
    last_name = models.CharField("nom", max_length=150, blank=True)
    email = models.EmailField("adresse électronique", blank=True)
    phone = models.CharField("téléphone", max_length=20, blank=True)
    public_category = models.CharField(
        "catégorie de public", max_length=30, choices=PublicCategory.choices, blank=True
    )
    school = models.ForeignKey(
        School,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name="établissement",
    )
    class_level = models.CharField(
        "niveau de la classe", max_length=12, choices=ClassLevel.choices, blank=True
    )
    channel = models.CharField("canal", max_length=10, choices=RegistrationChannel.choices)
    consent_at = models.DateTimeField("accord donné le", null=True, blank=True)
    confirmed_at = models.DateTimeField("confirmée le", null=True, blank=True)
    cancelled_at = models.DateTimeField("annulée le", null=True, blank=True)
    checked_in_at = models.DateTimeField("pointée le", null=True, blank=True)
    reminder_sent_at = models.DateTimeField("rappel envoyé le", null=True, blank=True)
    survey_sent_at = models.DateTimeField("questionnaire envoyé le", null=True, blank=True)
    keep_for_follow_up = models.BooleanField(
        "conserver pour un suivi",
        default=False,
        help_text="La personne a un dossier de suivi : ses coordonnées ne sont pas anonymisées.",
    )
    anonymised_at = models.DateTimeField("anonymisée le", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="inscrite par",
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = "inscription"
        ordering = ["pk"]
        indexes = [
            models.Index(fields=["session", "status"]),
            models.Index(fields=["status", "reminder_sent_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=RegistrationStatus.values)
                & Q(attendance__in=AttendanceStatus.values),
                name="registration_status_valid",
                violation_error_message="Statut d'inscription ou de présence inconnu.",
            ),
            models.CheckConstraint(
                condition=Q(seats__gte=1),
                name="registration_seats_positive",
                violation_error_message="Une inscription compte au moins une place.",
            ),
            models.CheckConstraint(
                condition=~Q(status=RegistrationStatus.WAITLISTED) | Q(seats=1),
                name="registration_waitlist_single_seat",
                violation_error_message="Un groupe ne peut pas être mis en liste d'attente.",
            ),
            models.CheckConstraint(
                condition=Q(attendance=AttendanceStatus.REGISTERED)
                | Q(status=RegistrationStatus.CONFIRMED),
                name="registration_attendance_needs_seat",
                violation_error_message="Seule une inscription confirmée peut être pointée.",
            ),
            models.UniqueConstraint(
                fields=["session", "email"],
                condition=Q(status__in=ACTIVE_STATUSES)
                & Q(channel__in=[RegistrationChannel.WEB, RegistrationChannel.API])
                & ~Q(email=""),
                name="registration_unique_email",
                violation_error_message="Une inscription existe déjà avec cette adresse.",
            ),
            models.UniqueConstraint(
                fields=["session", "phone"],
                condition=Q(status__in=ACTIVE_STATUSES)
                & Q(channel__in=[RegistrationChannel.WEB, RegistrationChannel.API])
                & ~Q(phone=""),
                name="registration_unique_phone",
                violation_error_message="Une inscription existe déjà avec ce numéro.",
            ),
        ]

    def __str__(self):
        who = self.display_name
        return f"{who} — {self.get_status_display()}"

    @property
    def display_name(self) -> str:
        if self.anonymised_at:
            return "Personne anonymisée"
        name = f"{self.first_name} {self.last_name}".strip()
        return name or "Sans nom"

    @property
    def is_group(self) -> bool:
        return self.seats > 1 or self.school_id is not None

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def waitlist_position(self) -> int | None:
        """1 for the first in line; None when not waiting."""
        if self.status != RegistrationStatus.WAITLISTED:
            return None
        return (
            Registration.objects.filter(
                session_id=self.session_id, status=RegistrationStatus.WAITLISTED, pk__lt=self.pk
            ).count()
            + 1
        )


class SurveyResponse(TerritoryScopedModel):
    """The optional three-question satisfaction survey, one per registration."""

    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="survey", verbose_name="inscription"
    )
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="survey_responses", verbose_name="séance"
    )
    rating = models.PositiveSmallIntegerField(
        "la séance vous a plu", choices=SurveyRating.choices, null=True, blank=True
    )
    discovery = models.CharField(
        "a découvert un métier", max_length=12, choices=SurveyDiscovery.choices, blank=True
    )
    next_step = models.CharField(
        "veut aller plus loin", max_length=12, choices=SurveyNextStep.choices, blank=True
    )

    class Meta:
        verbose_name = "réponse au questionnaire de satisfaction"
        verbose_name_plural = "réponses au questionnaire de satisfaction"

    def __str__(self):
        return f"Avis sur {self.session_id}"
