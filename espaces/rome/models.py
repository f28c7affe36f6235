"""The ROME 4.0 referential of France Travail (national, shared by every territory).

Filled by `espaces import_rome DIR` (the whole referential) or, for the codes a pack needs,
by the pack's `rome.yaml` (rows created only when missing; the import is authoritative)."""

from django.db import models

from .enums import AppellationClassification, Origin, Riasec, TransitionEco


class RomeFiche(models.Model):
    code = models.CharField("code ROME", max_length=5, primary_key=True)
    label = models.CharField("libellé", max_length=300)
    transition_eco = models.CharField(
        "transition écologique", max_length=60, choices=TransitionEco.choices, blank=True
    )
    riasec_major = models.CharField(
        "RIASEC majeur", max_length=1, choices=Riasec.choices, blank=True
    )
    riasec_minor = models.CharField(
        "RIASEC mineur", max_length=1, choices=Riasec.choices, blank=True
    )
    domain_code = models.CharField("domaine professionnel", max_length=3, blank=True)
    domain_label = models.CharField("libellé du domaine", max_length=300, blank=True)
    code_ogr = models.CharField("code OGR", max_length=12, blank=True)
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.IMPORT)

    class Meta:
        verbose_name = "fiche ROME"
        verbose_name_plural = "fiches ROME"
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} — {self.label}"

    @property
    def riasec(self) -> str:
        return self.riasec_major + self.riasec_minor


class RomeAppellation(models.Model):
    fiche = models.ForeignKey(RomeFiche, on_delete=models.CASCADE, related_name="appellations")
    code_ogr = models.CharField("code OGR", max_length=12, null=True, blank=True, unique=True)
    label = models.CharField("libellé", max_length=300)
    label_short = models.CharField("libellé court", max_length=300, blank=True)
    classification = models.CharField(
        max_length=12,
        choices=AppellationClassification.choices,
        default=AppellationClassification.SYNONYME,
    )
    transition_eco = models.CharField(max_length=60, choices=TransitionEco.choices, blank=True)
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.IMPORT)

    class Meta:
        verbose_name = "appellation ROME"
        ordering = ["label"]
        constraints = [
            # Only rows without an OGR code (written by packs) are unique by label: the
            # official referential itself carries a few same-label appellations under one code
            # (6 pairs in v460, e.g. K1719 « Chef / Cheffe de police municipale »).
            models.UniqueConstraint(
                fields=["fiche", "label"],
                condition=models.Q(code_ogr__isnull=True),
                name="rome_appellation_unique_label",
                violation_error_message="Cette appellation existe déjà pour cette fiche.",
            )
        ]

    def __str__(self):
        return self.label


class CentreInteret(models.Model):
    code = models.PositiveSmallIntegerField("code", primary_key=True)
    label = models.CharField("libellé", max_length=300)
    definition = models.TextField(blank=True)
    fiches = models.ManyToManyField(
        RomeFiche, through="CentreInteretLink", related_name="centres_interet"
    )

    class Meta:
        verbose_name = "centre d'intérêt"
        verbose_name_plural = "centres d'intérêt"
        ordering = ["code"]

    def __str__(self):
        return self.label


class CentreInteretLink(models.Model):
    centre = models.ForeignKey(CentreInteret, on_delete=models.CASCADE, related_name="links")
    fiche = models.ForeignKey(RomeFiche, on_delete=models.CASCADE, related_name="centre_links")
    principal = models.BooleanField(default=False)

    class Meta:
        verbose_name = "lien centre d'intérêt – fiche"
        constraints = [
            models.UniqueConstraint(fields=["centre", "fiche"], name="centre_interet_link_unique")
        ]

    def __str__(self):
        return f"{self.centre_id} → {self.fiche_id}"
