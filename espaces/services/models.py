"""Structures and the services they deliver, in the data·inclusion v1 shape (docs/services.md).

Reference values (thématiques, publics, fees…) are stored as the package's slugs; they are
validated on the way in (pack, import) with `data-inclusion-schema` and not declared as model
choices, so that a new version of the package never needs a migration.
"""

import calendar
import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils import timezone

from espaces.common.models import TerritoryScopedModel
from espaces.common.translations import TEXT, TranslatableMixin, translations_field
from espaces.territories.models import (
    SluggedTerritoryModel,
    editor_note_field,
    verified_on_field,
)

from .enums import (
    PLAIN_MOBILISATION_LABELS,
    Frais,
    ModeAccueil,
    ModeMobilisation,
    Nearness,
    PersonneMobilisatrice,
    Public,
    ReviewKind,
    ReviewOrigin,
    ServiceTag,
    Thematique,
    TypeService,
    category_of,
    label_of,
    labels_of,
)
from .enums import Categorie as CategorieEnum

DEFAULT_REVIEW_MONTHS = 12


def add_months(day: dt.date, months: int) -> dt.date:
    """2025-01-31 + 1 month → 2025-02-28 (the last day when the month is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def native_source(territory) -> str:
    """The data·inclusion `source` of the records the territory's team writes itself."""
    return f"espaces-{territory.slug}"


class DataInclusionRecord(SluggedTerritoryModel):
    """Fields shared by structures and services (data·inclusion v1 names)."""

    nom = models.CharField("nom", max_length=150)
    description = models.TextField("description", blank=True)
    commune = models.CharField("commune", max_length=200, blank=True)
    code_insee = models.CharField("code INSEE", max_length=5, blank=True)
    code_postal = models.CharField("code postal", max_length=5, blank=True)
    adresse = models.CharField("adresse", max_length=300, blank=True)
    complement_adresse = models.CharField("complément d'adresse", max_length=300, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    telephone = models.CharField("téléphone", max_length=50, blank=True)
    courriel = models.EmailField("courriel", blank=True)
    horaires_accueil = models.TextField("horaires d'accueil", blank=True)
    lien_source = models.URLField("lien chez le producteur", max_length=1000, blank=True)
    source_system = models.CharField(
        "source (data·inclusion)",
        max_length=100,
        help_text="« espaces-<territoire> » pour les fiches écrites par l'équipe ; sinon le "
        "producteur d'où la fiche a été importée.",
    )
    external_id = models.CharField(
        "identifiant chez le producteur", max_length=200, blank=True, default=""
    )
    date_maj = models.DateField("mise à jour chez le producteur", null=True, blank=True)
    translations = translations_field()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.source_system:
            self.source_system = native_source(self.territory)
        super().save(*args, **kwargs)

    @property
    def is_imported(self) -> bool:
        return bool(self.external_id)

    @property
    def datainclusion_id(self) -> str:
        return self.external_id or self.slug


class Structure(TranslatableMixin, DataInclusionRecord):
    TRANSLATABLE_FIELDS = {"nom": TEXT, "description": TEXT}

    site_web = models.URLField("site web", max_length=500, blank=True)
    accessibilite_lieu = models.URLField(
        "accessibilité du lieu (fiche Acceslibre)", max_length=500, blank=True
    )
    siret = models.CharField("SIRET", max_length=14, blank=True)
    partner = models.ForeignKey(
        "territories.Partner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="structures",
        verbose_name="partenaire",
        help_text="L'organisation partenaire à qui l'on demande de vérifier les fiches.",
    )
    sources = models.ManyToManyField(
        "territories.Source", blank=True, related_name="service_structures"
    )
    editor_note = editor_note_field()
    verified_on = verified_on_field()

    class Meta:
        verbose_name = "structure"
        ordering = ["nom"]
        constraints = [
            SluggedTerritoryModel.unique_slug_constraint("structure_unique_slug"),
            models.UniqueConstraint(
                fields=["territory", "source_system", "external_id"],
                condition=~Q(external_id=""),
                name="structure_unique_external_id",
                violation_error_message="Cette structure importée existe déjà pour cette source.",
            ),
        ]

    def __str__(self):
        return self.nom


class ServiceQuerySet(models.QuerySet):
    def overdue(self, today: dt.date | None = None):
        """Never verified, or last verified longer ago than its review period."""
        today = today or timezone.localdate()
        return self.filter(Q(last_verified_on__isnull=True) | Q(review_due_on__lt=today))

    def for_partner(self, partner):
        return self.filter(structure__partner=partner)


class Service(TranslatableMixin, DataInclusionRecord):
    TRANSLATABLE_FIELDS = {
        "nom": TEXT,
        "description": TEXT,
        "publics_precisions": TEXT,
        "conditions_acces": TEXT,
        "frais_precisions": TEXT,
        "mobilisation_precisions": TEXT,
    }

    structure = models.ForeignKey(
        Structure, on_delete=models.CASCADE, related_name="services", verbose_name="structure"
    )
    type = models.CharField("type de service", max_length=30, blank=True)
    thematiques = models.JSONField("thématiques", default=list, blank=True)
    publics = models.JSONField("publics", default=list, blank=True)
    publics_precisions = models.TextField("précisions sur les publics", blank=True)
    conditions_acces = models.TextField("conditions d'accès", blank=True)
    frais = models.CharField("frais", max_length=20, blank=True)
    frais_precisions = models.TextField("précisions sur les frais", blank=True)
    modes_accueil = models.JSONField("modes d'accueil", default=list, blank=True)
    modes_mobilisation = models.JSONField("modes de mobilisation", default=list, blank=True)
    mobilisable_par = models.JSONField("mobilisable par", default=list, blank=True)
    mobilisation_precisions = models.TextField("précisions sur la mobilisation", blank=True)
    lien_mobilisation = models.URLField("lien de mobilisation", max_length=1000, blank=True)
    zone_eligibilite = models.JSONField(
        "zone d'éligibilité",
        default=list,
        blank=True,
        help_text="Codes INSEE de communes, code de département (59), code EPCI ou « france ».",
    )
    contact_nom_prenom = models.CharField("contact", max_length=200, blank=True)
    volume_horaire_hebdomadaire = models.FloatField("heures par semaine", null=True, blank=True)
    nombre_semaines = models.PositiveIntegerField("nombre de semaines", null=True, blank=True)
    tags = models.JSONField(
        "étiquettes",
        default=list,
        blank=True,
        help_text="Relient les conditions des métiers aux services : "
        + ", ".join(ServiceTag.values),
    )
    sources = models.ManyToManyField("territories.Source", blank=True, related_name="services")
    last_verified_on = models.DateField("dernière vérification", null=True, blank=True)
    editor_note = editor_note_field()
    review_every_months = models.PositiveSmallIntegerField(
        "à revérifier tous les (mois)", default=DEFAULT_REVIEW_MONTHS
    )
    review_due_on = models.DateField("à revérifier avant le", null=True, blank=True, editable=False)
    review_requested_on = models.DateField(
        "vérification demandée le", null=True, blank=True, editable=False
    )

    objects = ServiceQuerySet.as_manager()

    class Meta:
        verbose_name = "service"
        ordering = ["nom"]
        constraints = [
            SluggedTerritoryModel.unique_slug_constraint("service_unique_slug"),
            models.UniqueConstraint(
                fields=["territory", "source_system", "external_id"],
                condition=~Q(external_id=""),
                name="service_unique_external_id",
                violation_error_message="Ce service importé existe déjà pour cette source.",
            ),
            models.CheckConstraint(
                condition=Q(review_every_months__gte=1),
                name="service_review_period_positive",
                violation_error_message="La période de vérification doit être d'au moins un mois.",
            ),
        ]
        indexes = [models.Index(fields=["territory", "review_due_on"])]

    def __str__(self):
        return self.nom

    def save(self, *args, **kwargs):
        self.review_due_on = self.compute_review_due_on()
        super().save(*args, **kwargs)

    def compute_review_due_on(self) -> dt.date | None:
        if self.last_verified_on is None:
            return None
        return add_months(self.last_verified_on, self.review_every_months or 1)

    # --- freshness ----------------------------------------------------------------------------
    def is_overdue(self, today: dt.date | None = None) -> bool:
        today = today or timezone.localdate()
        due = self.compute_review_due_on()
        return due is None or due < today

    @property
    def overdue(self) -> bool:
        return self.is_overdue()

    # --- labels for the pages (from the data·inclusion package) ---------------------------------
    @property
    def type_label(self) -> str:
        return label_of(TypeService, self.type) if self.type else ""

    @property
    def frais_label(self) -> str:
        return label_of(Frais, self.frais) if self.frais else ""

    @property
    def is_free(self) -> bool:
        return self.frais == Frais.GRATUIT.value

    @property
    def thematique_labels(self) -> list[str]:
        return labels_of(Thematique, self.thematiques)

    @property
    def categories(self) -> list[str]:
        return sorted({category_of(t) for t in self.thematiques or []})

    @property
    def category_labels(self) -> list[str]:
        return labels_of(CategorieEnum, self.categories)

    @property
    def publics_labels(self) -> list[str]:
        return labels_of(Public, self.publics)

    @property
    def modes_accueil_labels(self) -> list[str]:
        return labels_of(ModeAccueil, self.modes_accueil)

    @property
    def modes_mobilisation_labels(self) -> list[str]:
        return [
            PLAIN_MOBILISATION_LABELS.get(v) or label_of(ModeMobilisation, v)
            for v in self.modes_mobilisation or []
        ]

    @property
    def for_usagers(self) -> bool:
        return PersonneMobilisatrice.USAGERS.value in (self.mobilisable_par or [])

    @property
    def for_professionnels(self) -> bool:
        return PersonneMobilisatrice.PROFESSIONNELS.value in (self.mobilisable_par or [])

    @property
    def nearness_label(self) -> str:
        """Set by the selectors that rank by commune (`.nearness`)."""
        nearness = getattr(self, "nearness", None)
        return Nearness(nearness).label if nearness is not None else ""

    @property
    def tag_labels(self) -> list[str]:
        return [ServiceTag(t).label for t in self.tags or [] if t in ServiceTag.values]

    # --- contact: the service's own value, else the structure's ------------------------------
    def _own_or_structure(self, field: str) -> str:
        return getattr(self, field) or getattr(self.structure, field, "") or ""

    @property
    def contact_place(self) -> dict:
        """Address parts taken from one record: the service's when it has an address, else
        the structure's (never a street of one with the commune of the other)."""
        record = self if self.adresse else self.structure
        return {
            "adresse": record.adresse,
            "complement_adresse": record.complement_adresse,
            "code_postal": record.code_postal,
            "commune": record.commune or self.commune or self.structure.commune,
        }

    @property
    def contact_adresse(self) -> str:
        """The full address on one line, or "" when no street address is known."""
        place = self.contact_place
        if not place["adresse"]:
            return ""
        town = " ".join(p for p in (place["code_postal"], place["commune"]) if p)
        return ", ".join(p for p in (place["adresse"], place["complement_adresse"], town) if p)

    @property
    def contact_telephone(self) -> str:
        return self._own_or_structure("telephone")

    @property
    def contact_courriel(self) -> str:
        return self._own_or_structure("courriel")

    @property
    def contact_horaires(self) -> str:
        return self._own_or_structure("horaires_accueil")

    @property
    def location_insee(self) -> str:
        """Where the service is delivered: its own commune, else its structure's."""
        return self.code_insee or self.structure.code_insee


class ServiceReview(TerritoryScopedModel):
    """A confirmation (« toujours à jour ») or a correction sent for a service sheet."""

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="reviews", verbose_name="service"
    )
    partner = models.ForeignKey(
        "territories.Partner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="service_reviews",
        verbose_name="partenaire",
    )
    user = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="compte",
    )
    kind = models.CharField("type", max_length=20, choices=ReviewKind.choices)
    origin = models.CharField("origine", max_length=10, choices=ReviewOrigin.choices)
    note = models.TextField("correction proposée", blank=True)
    handled_at = models.DateTimeField("traitée le", null=True, blank=True)
    handled_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="traitée par",
    )

    class Meta:
        verbose_name = "vérification de fiche"
        verbose_name_plural = "vérifications de fiches"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=ReviewKind.CORRECTION) | ~Q(note=""),
                name="service_review_correction_has_note",
                violation_error_message="Une correction doit dire ce qui est à corriger.",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} : {self.service}"

    @property
    def is_pending(self) -> bool:
        return self.kind == ReviewKind.CORRECTION and self.handled_at is None
