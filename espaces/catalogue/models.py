"""Job sheets (métiers) of a territory, linked to the ROME 4.0 referential."""

import datetime as dt

from django.db import models
from django.db.models import Q

from espaces.common.models import TimeStampedModel
from espaces.common.partial_dates import DatePrecision
from espaces.common.translations import LIST, TEXT, TranslatableMixin, translations_field
from espaces.territories.models import SluggedTerritoryModel

from .enums import Condition, EntryLevel, SalaryBasis, SalaryPeriod

REVIEW_EVERY_MONTHS = 12


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` earlier (clamped to the end of shorter months)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


class MetierQuerySet(models.QuerySet):
    def to_review(self, *, today: dt.date):
        """Sheets never reviewed, or reviewed more than 12 months before `today`."""
        limit = months_before(today, REVIEW_EVERY_MONTHS)
        return self.filter(Q(reviewed_on__isnull=True) | Q(reviewed_on__lt=limit))


class Metier(TranslatableMixin, SluggedTerritoryModel):
    TRANSLATABLE_FIELDS = {
        "title": TEXT,
        "summary": TEXT,
        "day_tasks": LIST,
        "likes": LIST,
        "hard": LIST,
    }

    title = models.CharField("intitulé", max_length=200)
    rome_fiches = models.ManyToManyField(
        "rome.RomeFiche", blank=True, related_name="metiers", verbose_name="codes ROME"
    )
    sectors = models.ManyToManyField(
        "territories.Sector", blank=True, related_name="metiers", verbose_name="secteurs"
    )
    summary = models.TextField(
        "présentation", help_text="En langage simple, phrases courtes, 80 mots au moins."
    )
    day_tasks = models.JSONField("une journée de travail", default=list, blank=True)
    likes = models.JSONField("ce qui plaît", default=list, blank=True)
    hard = models.JSONField("ce qui est difficile", default=list, blank=True)
    entry_level = models.CharField(
        "niveau pour commencer", max_length=20, choices=EntryLevel.choices
    )
    open_without_diploma = models.BooleanField(
        "accessible sans diplôme après une formation courte financée", default=False
    )
    short_training_months = models.PositiveSmallIntegerField(
        "durée de cette formation (mois)", null=True, blank=True
    )
    keywords = models.JSONField("mots-clés", default=list, blank=True)
    # {condition: why the sheet differs from its ROME work contexts} (catalogue/conditions.py).
    conditions_reasons = models.JSONField(
        "raisons des écarts avec le ROME", default=dict, blank=True
    )
    employers = models.ManyToManyField(
        "territories.Partner", blank=True, related_name="metiers", verbose_name="employeurs"
    )
    projects = models.ManyToManyField(
        "territories.Project",
        through="MetierProject",
        blank=True,
        related_name="metiers",
        verbose_name="projets qui recrutent",
    )
    salary_min = models.PositiveIntegerField("salaire de départ minimum", null=True, blank=True)
    salary_max = models.PositiveIntegerField("salaire de départ maximum", null=True, blank=True)
    salary_period = models.CharField(
        "période", max_length=10, choices=SalaryPeriod.choices, blank=True
    )
    salary_basis = models.CharField(
        "brut ou net", max_length=10, choices=SalaryBasis.choices, blank=True
    )
    salary_source = models.ForeignKey(
        "territories.Source",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="source du salaire",
    )
    salary_as_of = models.DateField("date du salaire", null=True, blank=True)
    salary_as_of_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    reviewed_on = models.DateField("relue le", null=True, blank=True)
    editor_note = models.TextField(
        "note de l'équipe (jamais affichée au public)",
        blank=True,
        help_text="Ce qui reste à vérifier, les sources consultées, les questions en cours.",
    )
    condition_reasons = models.JSONField(
        "raisons des écarts avec le ROME",
        default=dict,
        blank=True,
        help_text="Pour chaque condition qui diffère des contextes de travail du ROME, la "
        'raison, par exemple {"nuit": "Les lignes de bus locales ne roulent pas la nuit."}. '
        "Jamais affiché au public.",
    )
    translations = translations_field()

    objects = MetierQuerySet.as_manager()

    class Meta:
        verbose_name = "métier"
        ordering = ["title"]
        constraints = [
            SluggedTerritoryModel.unique_slug_constraint("metier_unique_slug"),
            models.CheckConstraint(
                condition=Q(salary_max__isnull=True)
                | Q(salary_min__isnull=True)
                | Q(salary_max__gte=models.F("salary_min")),
                name="metier_salary_max_gte_min",
                violation_error_message="Le salaire maximum doit être supérieur au minimum.",
            ),
            models.CheckConstraint(
                condition=Q(salary_min__isnull=True) | Q(salary_source__isnull=False),
                name="metier_salary_is_sourced",
                violation_error_message="Un salaire doit avoir sa source.",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def has_salary(self) -> bool:
        return self.salary_min is not None and self.salary_source_id is not None

    @property
    def condition_values(self) -> list[str]:
        """Condition slugs (conditions must be prefetched for lists)."""
        return [c.condition for c in self.conditions.all()]

    # The three hours dimensions of the orientation (FAIR): read from the condition rows, so that
    # they never disagree with the « conditions to avoid » filter. Prefetch `conditions`.
    @property
    def night_work(self) -> bool:
        return Condition.NUIT in self.condition_values

    @property
    def shift_work(self) -> bool:
        """Shifts (2x8, 3x8), rotating or staggered hours (early mornings, late evenings)."""
        return Condition.TRAVAIL_POSTE in self.condition_values

    @property
    def weekend_work(self) -> bool:
        return Condition.WEEKEND in self.condition_values

    @property
    def rome_codes(self) -> list[str]:
        return [f.code for f in self.rome_fiches.all()]


class MetierCondition(models.Model):
    """One working condition of a job; a table so that « conditions to avoid » filter in SQL."""

    metier = models.ForeignKey(Metier, on_delete=models.CASCADE, related_name="conditions")
    condition = models.CharField("condition", max_length=20, choices=Condition.choices)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "condition de travail"
        verbose_name_plural = "conditions de travail"
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["metier", "condition"],
                name="metier_condition_unique",
                violation_error_message="Cette condition est déjà indiquée pour ce métier.",
            )
        ]

    def __str__(self):
        return self.get_condition_display()


class Training(models.Model):
    metier = models.ForeignKey(Metier, on_delete=models.CASCADE, related_name="trainings")
    title = models.CharField("formation", max_length=300)
    body = models.CharField(
        "organisme",
        max_length=300,
        blank=True,
        help_text="Laissez vide quand il n'est pas sourcé (notez-le dans la note de l'équipe).",
    )
    duration = models.CharField("durée", max_length=200, blank=True)
    level = models.CharField("niveau", max_length=20, choices=EntryLevel.choices, blank=True)
    funding = models.JSONField("financements possibles", default=list, blank=True)
    url = models.URLField("adresse web", max_length=1000, blank=True)
    note = models.CharField("remarque", max_length=500, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "formation"
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title

    def funding_labels(self) -> list[str]:
        from .enums import Funding

        return [Funding(f).label if f in Funding.values else f for f in self.funding]


class MetierProject(models.Model):
    metier = models.ForeignKey(Metier, on_delete=models.CASCADE, related_name="project_links")
    project = models.ForeignKey(
        "territories.Project", on_delete=models.CASCADE, related_name="metier_links"
    )
    note = models.CharField("précision", max_length=500, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "projet qui recrute"
        verbose_name_plural = "projets qui recrutent"
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["metier", "project"],
                name="metier_project_unique",
                violation_error_message="Ce projet est déjà lié à ce métier.",
            )
        ]

    def __str__(self):
        return f"{self.metier} — {self.project}"


class RoleModel(models.Model):
    metier = models.ForeignKey(Metier, on_delete=models.CASCADE, related_name="role_models")
    name = models.CharField("prénom, âge", max_length=200)
    text = models.TextField("portrait")
    illustrative = models.BooleanField(
        "portrait d'illustration",
        default=True,
        help_text="Décochez seulement pour une vraie personne qui a donné son accord.",
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "portrait"
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name


class MetierRevision(TimeStampedModel):
    """Who changed a sheet, when, and which fields (admin edits and pack loads)."""

    metier = models.ForeignKey(Metier, on_delete=models.CASCADE, related_name="revisions")
    user = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="par",
    )
    origin = models.CharField("origine", max_length=20, default="admin")
    fields = models.JSONField("champs modifiés", default=list, blank=True)
    message = models.CharField("résumé", max_length=500, blank=True)

    class Meta:
        verbose_name = "modification de fiche"
        verbose_name_plural = "modifications de fiches"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.metier} — {self.created_at:%Y-%m-%d %H:%M}"
