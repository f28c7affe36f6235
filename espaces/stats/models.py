from decimal import Decimal

from django.db import models

from espaces.common.models import TerritoryScopedModel

from .enums import BudgetKind, ExpenseCategory, TallyDimension


class Budget(TerritoryScopedModel):
    """A programme budget over a period (the brief's 3-year budget), with its lines."""

    slug = models.SlugField("identifiant", max_length=100)
    name = models.CharField("nom", max_length=300)
    period_start = models.DateField("début")
    period_end = models.DateField("fin")
    announced_total = models.DecimalField(
        "total annoncé", max_digits=14, decimal_places=2, null=True, blank=True
    )
    source = models.ForeignKey(
        "territories.Source", on_delete=models.PROTECT, null=True, blank=True
    )
    note = models.TextField("remarque", blank=True)

    class Meta:
        verbose_name = "budget"
        ordering = ["period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "slug"],
                name="budget_unique_slug",
                violation_error_message="Cet identifiant est déjà utilisé dans ce territoire.",
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="budget_period_ordered",
                violation_error_message="La fin de la période doit suivre son début.",
            ),
        ]

    def __str__(self):
        return self.name

    def total(self, kind: str) -> Decimal:
        return sum((line.amount for line in self.lines.all() if line.kind == kind), Decimal("0"))

    @property
    def expenses_total(self) -> Decimal:
        return self.total(BudgetKind.EXPENSE)

    @property
    def funding_total(self) -> Decimal:
        return self.total(BudgetKind.FUNDING)

    @property
    def balance(self) -> Decimal:
        """Funding minus expenses: the brief's budget differs by a few cents."""
        return self.funding_total - self.expenses_total


class BudgetLine(models.Model):
    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="lines")
    kind = models.CharField("type", max_length=12, choices=BudgetKind.choices)
    label = models.CharField("libellé", max_length=300)
    category = models.CharField(
        "catégorie", max_length=20, choices=ExpenseCategory.choices, blank=True
    )
    funder = models.ForeignKey(
        "territories.Partner", on_delete=models.PROTECT, null=True, blank=True
    )
    site = models.ForeignKey("territories.Site", on_delete=models.PROTECT, null=True, blank=True)
    amount = models.DecimalField("montant (€)", max_digits=14, decimal_places=2)
    order = models.PositiveIntegerField(default=0)
    eu_fund = models.BooleanField("fonds de l'Union européenne", default=False)

    class Meta:
        verbose_name = "ligne de budget"
        ordering = ["kind", "order"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0),
                name="budget_line_amount_positive",
                violation_error_message="Le montant doit être positif.",
            )
        ]

    def __str__(self):
        return f"{self.label} : {self.amount} €"


class DemoDataset(TerritoryScopedModel):
    """Marks a territory whose visits, files and sessions were made by `espaces demo_data`, so
    that the command never mixes fictional data with real data and `--reset` only ever erases
    fictional data."""

    seed = models.IntegerField("graine")
    built_on = models.DateField("construit pour le")
    counts = models.JSONField("nombres créés", default=dict)

    class Meta:
        verbose_name = "jeu de données de démonstration"
        verbose_name_plural = "jeux de données de démonstration"
        constraints = [
            models.UniqueConstraint(
                fields=["territory"],
                name="demo_dataset_one_per_territory",
                violation_error_message="Ce territoire a déjà des données de démonstration.",
            )
        ]

    def __str__(self):
        return f"Démonstration (graine {self.seed}, {self.built_on})"


class VisitTallyMonth(models.Model):
    """The fingerprint of one month of the visit log when its tallies were computed: the
    tallies are used while the log still has the same number of entries, the same last entry
    and the same number of people (espaces/stats/tallies.py). A cache: deleting it is safe."""

    territory = models.ForeignKey(
        "territories.Territory", on_delete=models.CASCADE, related_name="+"
    )
    month = models.DateField("mois")
    visits = models.PositiveIntegerField("entrées du registre")
    last_visit_id = models.PositiveBigIntegerField("dernière entrée")
    people = models.PositiveBigIntegerField("personnes")
    version = models.PositiveBigIntegerField("version du mois", default=0)
    computed_at = models.DateTimeField("calculé le", auto_now=True)

    class Meta:
        verbose_name = "mois de décompte des visites"
        constraints = [
            models.UniqueConstraint(fields=["territory", "month"], name="visit_tally_month_unique")
        ]

    def __str__(self):
        return f"{self.month:%Y-%m} : {self.visits} entrées"


class VisitMonthVersion(models.Model):
    """A counter bumped in the same transaction as every visit saved or deleted through the ORM
    (espaces/stats/tallies.py): tallies computed from an older version are computed again, even
    when a concurrent edit kept the month's fingerprint the same."""

    territory = models.ForeignKey(
        "territories.Territory", on_delete=models.CASCADE, related_name="+"
    )
    month = models.DateField("mois")
    version = models.PositiveBigIntegerField("version", default=0)

    class Meta:
        verbose_name = "version d'un mois du registre des visites"
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "month"], name="visit_month_version_unique"
            )
        ]

    def __str__(self):
        return f"{self.month:%Y-%m} : version {self.version}"


class VisitTally(models.Model):
    """People of the visit log in one month, one Espace and one public category, counted along
    one dimension (gender, age band, QPV, commune, channel, purpose). Derived data."""

    territory = models.ForeignKey(
        "territories.Territory", on_delete=models.CASCADE, related_name="+"
    )
    month = models.DateField("mois")
    site = models.ForeignKey("territories.Site", on_delete=models.CASCADE, related_name="+")
    public_category = models.CharField("public", max_length=30)
    dimension = models.CharField("dimension", max_length=10, choices=TallyDimension.choices)
    value = models.CharField("valeur", max_length=50, blank=True)
    people = models.PositiveBigIntegerField("personnes")

    class Meta:
        verbose_name = "décompte mensuel des visites"
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "month", "site", "public_category", "dimension", "value"],
                name="visit_tally_unique",
            )
        ]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.public_category} {self.dimension}={self.value} : {self.people}"


class Target(TerritoryScopedModel):
    """A figure the programme aims at over a period (pack `targets.yaml`): shown as progress on
    the dashboard and on the report summary, prorated to the period shown."""

    slug = models.SlugField("identifiant", max_length=100)
    indicator = models.CharField("chiffre visé", max_length=40)  # a key of comparison.COMPARED
    value = models.DecimalField("valeur", max_digits=14, decimal_places=2)
    unit = models.CharField("unité", max_length=60)
    period_start = models.DateField("début")
    period_end = models.DateField("fin")
    source = models.ForeignKey(
        "territories.Source", on_delete=models.PROTECT, null=True, blank=True
    )
    note = models.TextField("remarque", blank=True)

    class Meta:
        verbose_name = "objectif"
        ordering = ["period_start", "slug"]
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "slug"],
                name="target_unique_slug",
                violation_error_message="Cet identifiant est déjà utilisé dans ce territoire.",
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="target_period_ordered",
                violation_error_message="La fin de la période doit suivre son début.",
            ),
            models.CheckConstraint(
                condition=models.Q(value__gt=0),
                name="target_value_positive",
                violation_error_message="La valeur visée doit être positive.",
            ),
        ]

    def __str__(self):
        return f"{self.indicator} : {self.value} {self.unit}"


class ReportCommentary(TerritoryScopedModel):
    """The coordinator's commentary of one report period, written before the export and shown
    on the summary page of the PDF and XLSX (staff-only; every change is audited)."""

    date_from = models.DateField("du")
    date_to = models.DateField("au")
    text = models.TextField("commentaire", max_length=4000)
    updated_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "commentaire du bilan"
        verbose_name_plural = "commentaires des bilans"
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "date_from", "date_to"],
                name="report_commentary_one_per_period",
                violation_error_message="Cette période a déjà un commentaire.",
            )
        ]

    def __str__(self):
        return f"{self.date_from} – {self.date_to}"
