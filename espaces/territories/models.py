from django.db import models
from django.db.models import Q
from django.utils.translation import gettext

from espaces.common.models import TerritoryScopedModel, TimeStampedModel
from espaces.common.partial_dates import DatePrecision

from .enums import FigureKind, HeadlineFigureKind, PartnerKind, ProjectStatus

DEFAULT_FACTS_MAX_AGE_MONTHS = 6


def editor_note_field():
    """Staff-only remarks on a fact: research notes, what remains to confirm… Never shown in
    public pages, public exports, the public API or the kiosk (docs/content.md)."""
    return models.TextField(
        "note de l'équipe (interne)",
        blank=True,
        help_text="Visible seulement par l'équipe : ce qui reste à confirmer, d'où vient le "
        "chiffre… Jamais affichée au public.",
    )


def verified_on_field():
    return models.DateField(
        "vérifié le",
        null=True,
        blank=True,
        help_text="Jour où le fait a été vérifié sur sa source. Au-delà de l'âge fixé par le "
        "territoire, il apparaît dans la liste « à relire ».",
    )


class Territory(TimeStampedModel):
    slug = models.SlugField("identifiant", unique=True)
    name = models.CharField("nom", max_length=200)
    short_name = models.CharField("nom court", max_length=100)
    description = models.TextField("présentation", blank=True)
    headline_value = models.PositiveIntegerField("chiffre clé", null=True, blank=True)
    headline_label = models.CharField("libellé du chiffre clé", max_length=200, blank=True)
    headline_text = models.TextField("explication du chiffre clé", blank=True)
    headline_sources = models.ManyToManyField("Source", blank=True, related_name="+")
    facts_max_age_months = models.PositiveSmallIntegerField(
        "âge maximal des faits (mois)",
        default=DEFAULT_FACTS_MAX_AGE_MONTHS,
        help_text="Un fait vérifié il y a plus longtemps (ou jamais) est à relire.",
    )
    # Set by `demo_data`: every page, export and report then says « Données de démonstration ».
    demo_data = models.BooleanField("données de démonstration", default=False)
    # Set by the pack's budget section when a funding line is an EU fund (docs/eu-visibility.md):
    # pages and reports then carry the EU emblem and « Cofinancé par l'Union européenne ».
    eu_cofunded = models.BooleanField("cofinancé par l'Union européenne", default=False)
    # Pack `visibility:` (docs/eu-visibility.md): the managing authority's and the beneficiary's
    # names (and logos when the pack ships them), the operation's summary and aims.
    eu_visibility = models.JSONField("visibilité européenne", default=dict, blank=True)
    # Visual identity (pack: territory.yaml `identity`, docs/packs.md): colours checked by the
    # loader (white text on each reaches 4.5:1), served as /theme.css; empty = the site's own.
    brand_colour = models.CharField("couleur principale", max_length=7, blank=True)
    brand_dark_colour = models.CharField("couleur principale foncée", max_length=7, blank=True)
    accent_colour = models.CharField("couleur d'accent", max_length=7, blank=True)
    # The logo's file in the pack (a PackMedia path) and its digest: the page links it
    # without one more query.
    logo_file = models.CharField("logo (fichier du pack)", max_length=300, blank=True)
    logo_version = models.CharField(max_length=12, blank=True, editable=False)
    logo_alt = models.CharField("texte du logo", max_length=300, blank=True)

    class Meta:
        verbose_name = "territoire"
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def logo_url(self) -> str:
        if not self.logo_file:
            return ""
        from django.urls import reverse

        return f"{reverse('territories:media', args=[self.logo_file])}?v={self.logo_version}"


class TerritoryHost(models.Model):
    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="hosts")
    host = models.CharField("nom d'hôte", max_length=253, unique=True)

    class Meta:
        verbose_name = "nom d'hôte"

    def __str__(self):
        return self.host


class Commune(TerritoryScopedModel):
    insee = models.CharField("code INSEE", max_length=5)
    name = models.CharField("nom", max_length=200)
    note = models.CharField("remarque", max_length=500, blank=True)

    class Meta:
        verbose_name = "commune"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "insee"],
                name="commune_unique_insee",
                violation_error_message="Cette commune existe déjà dans ce territoire.",
            )
        ]

    def __str__(self):
        return self.name


class SluggedTerritoryModel(TerritoryScopedModel):
    slug = models.SlugField("identifiant", max_length=100)

    class Meta:
        abstract = True
        constraints = []

    @classmethod
    def unique_slug_constraint(cls, name: str):
        return models.UniqueConstraint(
            fields=["territory", "slug"],
            name=name,
            violation_error_message="Cet identifiant est déjà utilisé dans ce territoire.",
        )


class Source(SluggedTerritoryModel):
    title = models.CharField("titre", max_length=500)
    publisher = models.CharField("éditeur", max_length=200, blank=True)
    url = models.URLField("adresse web", max_length=1000, blank=True)
    published_on = models.DateField("publié le", null=True, blank=True)
    published_on_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    accessed_on = models.DateField("consulté le", null=True, blank=True)
    note = models.TextField("remarque", blank=True)
    editor_note = editor_note_field()
    verified_on = verified_on_field()

    class Meta:
        verbose_name = "source"
        ordering = ["title"]
        constraints = [SluggedTerritoryModel.unique_slug_constraint("source_unique_slug")]

    def __str__(self):
        return self.title


class HeadlineFigure(TerritoryScopedModel):
    kind = models.CharField(max_length=20, choices=HeadlineFigureKind.choices)
    value = models.PositiveIntegerField("valeur")
    label = models.CharField("libellé", max_length=300)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, null=True, blank=True)
    as_of = models.DateField("date", null=True, blank=True)
    as_of_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "chiffre du titre"
        ordering = ["kind", "order"]

    def __str__(self):
        return f"{self.value} {self.label}"


class Sector(SluggedTerritoryModel):
    name = models.CharField("nom", max_length=200)
    description = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "secteur"
        ordering = ["order", "name"]
        constraints = [SluggedTerritoryModel.unique_slug_constraint("sector_unique_slug")]

    def __str__(self):
        return self.name


class Site(SluggedTerritoryModel):
    """An Espace: a place open to the public, with its « Nous trouver » page (docs/packs.md)."""

    name = models.CharField("nom", max_length=200)
    address = models.CharField("adresse", max_length=300, blank=True)
    postcode = models.CharField("code postal", max_length=10, blank=True)
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, null=True, blank=True)
    # Weekly hours: {"lundi": ["09:00-12:30", "13:30-17:00"], ...}; a missing day is closed.
    hours = models.JSONField("horaires de la semaine", default=dict, blank=True)
    # Dated exceptions: [{"date": "2026-12-24", "until": "2027-01-02" or None,
    #                     "hours": [] (closed) or ["09:00-12:00"], "label": "…"}]
    hours_exceptions = models.JSONField("exceptions et fermetures", default=list, blank=True)
    opening_hours = models.TextField("précisions sur les horaires", blank=True)
    phone = models.CharField("téléphone", max_length=30, blank=True)
    email = models.EmailField("courriel", blank=True)
    transport_access = models.TextField("accès en transports", blank=True)
    # Nearest stops: [{"name": "Gare", "lines": ["C1", "C4"], "walk_minutes": 2}]
    bus_stops = models.JSONField("arrêts de bus les plus proches", default=list, blank=True)
    latitude = models.DecimalField(
        "latitude", max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        "longitude", max_digits=9, decimal_places=6, null=True, blank=True
    )
    # A static file (path under the static folders, e.g. "territories/plans/gare.png").
    plan_image = models.CharField("plan d'accès (image)", max_length=300, blank=True)
    plan_image_alt = models.CharField("description du plan", max_length=500, blank=True)
    opened_on = models.DateField("ouvert le", null=True, blank=True)
    opened_on_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    in_qpv = models.BooleanField("en quartier prioritaire", default=False)
    qpv_name = models.CharField("quartier prioritaire", max_length=200, blank=True)
    accessibility = models.TextField("accessibilité", blank=True)
    description = models.TextField(blank=True)
    sources = models.ManyToManyField(Source, blank=True, related_name="sites")
    verified_on = models.DateField("vérifié le", null=True, blank=True)
    # Staff only: never shown on public pages, public exports, the public API or the kiosk.
    editor_note = models.TextField("note de l'équipe (interne)", blank=True)

    class Meta:
        verbose_name = "espace"
        ordering = ["opened_on", "name"]
        constraints = [SluggedTerritoryModel.unique_slug_constraint("site_unique_slug")]

    def __str__(self):
        return self.name

    @property
    def has_address(self) -> bool:
        return bool(self.address)

    @property
    def osm_url(self) -> str:
        """A plain link to openstreetmap.org (no embedded map, no request from our pages)."""
        if self.latitude is None or self.longitude is None:
            return ""
        lat, lon = f"{self.latitude:.6f}", f"{self.longitude:.6f}"
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=18/{lat}/{lon}"


class Partner(SluggedTerritoryModel):
    name = models.CharField("nom", max_length=200)
    kind = models.CharField("type", max_length=20, choices=PartnerKind.choices)
    website = models.URLField("site web", blank=True)
    description = models.TextField(blank=True)
    contact_email = models.EmailField("courriel de contact", blank=True)

    class Meta:
        verbose_name = "partenaire"
        ordering = ["name"]
        constraints = [SluggedTerritoryModel.unique_slug_constraint("partner_unique_slug")]

    def __str__(self):
        return self.name


class ProjectQuerySet(models.QuerySet):
    def active(self):
        """Projects that may still recruit: neither suspended, paused nor abandoned."""
        return self.exclude(status__in=ProjectStatus.not_recruiting())


class Project(SluggedTerritoryModel):
    name = models.CharField("nom", max_length=300)
    company = models.CharField("entreprise", max_length=300)
    location = models.CharField("lieu", max_length=500, blank=True)
    communes = models.ManyToManyField(Commune, blank=True, related_name="projects")
    sector = models.ForeignKey(Sector, on_delete=models.PROTECT, related_name="projects")
    status = models.CharField("statut", max_length=20, choices=ProjectStatus.choices)
    status_note = models.TextField("précision sur le statut", blank=True)
    status_as_of = models.DateField("statut constaté le", null=True, blank=True)
    status_as_of_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    summary = models.TextField("résumé", blank=True)
    horizon = models.CharField("horizon", max_length=100, blank=True)
    jobs_description = models.TextField("métiers recherchés", blank=True)
    partner = models.ForeignKey(
        Partner, on_delete=models.SET_NULL, null=True, blank=True, related_name="projects"
    )
    sources = models.ManyToManyField(Source, blank=True, related_name="projects")
    editor_note = editor_note_field()
    verified_on = verified_on_field()

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = "projet de transformation"
        verbose_name_plural = "projets de transformation"
        ordering = ["name"]
        constraints = [SluggedTerritoryModel.unique_slug_constraint("project_unique_slug")]

    def __str__(self):
        return self.name

    def latest_figure(self, kind: str):
        """The most recent dated figure of that kind, else the last one listed
        (figures must be prefetched for lists)."""
        figures = [f for f in self.figures.all() if f.kind == kind]
        dated = [f for f in figures if f.as_of]
        if dated:
            return max(dated, key=lambda f: (f.as_of, f.order))
        return figures[-1] if figures else None

    @property
    def headline_direct_jobs(self):
        return self.latest_figure(FigureKind.DIRECT_JOBS)

    @property
    def headline_operation_jobs(self):
        return self.latest_figure(FigureKind.OPERATION_JOBS)

    @property
    def headline_construction_jobs(self):
        return self.latest_figure(FigureKind.CONSTRUCTION_PEAK_JOBS)

    @property
    def headline_jobs(self):
        """Jobs to show in lists: direct jobs, else jobs in operation, else construction peak."""
        return (
            self.headline_direct_jobs
            or self.headline_operation_jobs
            or self.headline_construction_jobs
        )

    @property
    def headline_recruited(self):
        return self.latest_figure(FigureKind.JOBS_RECRUITED)

    @property
    def headline_investment(self):
        return self.latest_figure(FigureKind.INVESTMENT_EUR)

    @property
    def horizon_phrase(self) -> str:
        """« à l'horizon 2032 » for a year or a span of years, else the horizon as written."""
        horizon = self.horizon.strip()
        if horizon[:4].isdigit():
            return gettext("à l'horizon %(horizon)s") % {"horizon": horizon}
        return horizon

    @property
    def is_suspended(self):
        """Suspended, paused or abandoned: never counted as recruiting."""
        return self.status in ProjectStatus.not_recruiting()


class ProjectFigure(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="figures")
    kind = models.CharField("type", max_length=30, choices=FigureKind.choices)
    value = models.BigIntegerField("valeur")
    value_max = models.BigIntegerField("valeur haute", null=True, blank=True)
    as_of = models.DateField("date", null=True, blank=True)
    as_of_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    source = models.ForeignKey(Source, on_delete=models.PROTECT, null=True, blank=True)
    note = models.TextField("remarque", blank=True)
    editor_note = editor_note_field()
    verified_on = verified_on_field()
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "chiffre annoncé"
        ordering = ["order"]
        constraints = [
            models.CheckConstraint(
                condition=Q(value_max__isnull=True) | Q(value_max__gte=models.F("value")),
                name="figure_value_max_gte_value",
                violation_error_message="La valeur haute doit être supérieure à la valeur.",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} : {self.value}"


class ProjectDate(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="key_dates")
    date = models.DateField("date")
    date_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    label = models.CharField("événement", max_length=500)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, null=True, blank=True)
    editor_note = editor_note_field()
    verified_on = verified_on_field()
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "date clé"
        ordering = ["date", "order"]

    def __str__(self):
        return f"{self.date} : {self.label}"


class PackMedia(TerritoryScopedModel):
    """An image file shipped in a territory's pack (a logo, a photo), kept in the database so
    that every app server serves it from the site's own address (/medias/<path>)."""

    path = models.CharField("fichier dans le pack", max_length=300)
    content_type = models.CharField("type", max_length=50)
    data = models.BinaryField("contenu")
    sha256 = models.CharField("empreinte", max_length=64)

    class Meta:
        verbose_name = "image du pack"
        verbose_name_plural = "images du pack"
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "path"],
                name="packmedia_unique_path",
                violation_error_message="Ce fichier existe déjà dans ce territoire.",
            )
        ]

    def __str__(self):
        return self.path

    @property
    def url(self) -> str:
        from django.urls import reverse

        return f"{reverse('territories:media', args=[self.path])}?v={self.sha256[:12]}"


class PhotoSubject(models.TextChoices):
    SITE = "site", "Espace"
    EVENT_TYPE = "event_type", "type d'événement"
    METIER = "metier", "fiche métier"


class Photo(TerritoryScopedModel):
    """An optional photo of an Espace, an event type or a job sheet, from the pack: always with
    its alternative text, its author and its licence (docs/packs.md)."""

    subject = models.CharField("sujet", max_length=20, choices=PhotoSubject.choices)
    slug = models.SlugField("identifiant du sujet", max_length=100)
    media = models.ForeignKey(PackMedia, on_delete=models.CASCADE, related_name="photos")
    alt = models.CharField("texte alternatif", max_length=500)
    author = models.CharField("auteur", max_length=200)
    licence = models.CharField("licence", max_length=200)

    class Meta:
        verbose_name = "photo"
        ordering = ["subject", "slug"]
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "subject", "slug"],
                name="photo_unique_subject",
                violation_error_message="Ce sujet a déjà une photo.",
            )
        ]

    def __str__(self):
        return f"{self.get_subject_display()} {self.slug}"
