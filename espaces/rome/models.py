"""The ROME 4.0 referential of France Travail (national, shared by every territory).

Filled by `espaces import_rome DIR` (the whole referential) or, for the codes a pack needs,
by the pack's `rome.yaml` (rows created only when missing; the import is authoritative)."""

from django.db import models

from .enums import (
    AppellationClassification,
    ContextType,
    CoreLevel,
    Origin,
    Riasec,
    SkillKind,
    TransitionEco,
)


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
    # Texts of the fiche (unix_texte): sentences joined by newlines, in the official order.
    definition = models.TextField("définition", blank=True)
    access = models.TextField("accès à l'emploi", blank=True)
    # Tags of unix_referentiel_code_rome (`O` / `N` / empty → True / False / None).
    transition_num = models.BooleanField("transition numérique", null=True, blank=True)
    transition_demo = models.BooleanField("transition démographique", null=True, blank=True)
    regulated = models.BooleanField("emploi réglementé", null=True, blank=True)
    managerial = models.BooleanField("emploi cadre", null=True, blank=True)
    work_contexts = models.ManyToManyField(
        "RomeWorkContext", through="RomeFicheContext", related_name="fiches", blank=True
    )
    skills = models.ManyToManyField(
        "RomeSkill", through="RomeFicheSkill", related_name="fiches", blank=True
    )
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


class RomeWorkContext(models.Model):
    """One work context of the referential (unix_referentiel_contexte_travail), e.g. « Travail
    de nuit » (type 2, horaires) or « Port et manipulation de charges lourdes » (type 1)."""

    code_ogr = models.CharField("code OGR", max_length=12, primary_key=True)
    label = models.CharField("libellé", max_length=300)
    type_code = models.PositiveSmallIntegerField("type", choices=ContextType.choices)
    type_label = models.CharField("libellé du type", max_length=200, blank=True)

    class Meta:
        verbose_name = "contexte de travail ROME"
        verbose_name_plural = "contextes de travail ROME"
        ordering = ["type_code", "label"]

    def __str__(self):
        return self.label


class RomeFicheContext(models.Model):
    """A fiche's work context (unix_liens_rome_referentiels, bloc 6)."""

    fiche = models.ForeignKey(RomeFiche, on_delete=models.CASCADE, related_name="context_links")
    context = models.ForeignKey(
        RomeWorkContext, on_delete=models.CASCADE, related_name="fiche_links"
    )

    class Meta:
        verbose_name = "contexte de travail d'une fiche"
        constraints = [
            models.UniqueConstraint(fields=["fiche", "context"], name="rome_fiche_context_unique")
        ]

    def __str__(self):
        return f"{self.fiche_id} → {self.context_id}"


class RomeSkill(models.Model):
    """A savoir-faire or savoir-être (unix_referentiel_competence) or a savoir
    (unix_referentiel_savoir) of the referential."""

    code_ogr = models.CharField("code OGR", max_length=12, primary_key=True)
    label = models.CharField("libellé", max_length=500)
    kind = models.CharField("nature", max_length=12, choices=SkillKind.choices)
    category = models.CharField("catégorie", max_length=200, blank=True)
    subcategory = models.CharField("sous-catégorie", max_length=200, blank=True)
    macro = models.BooleanField("macro-compétence", default=False)

    class Meta:
        verbose_name = "compétence ROME"
        verbose_name_plural = "compétences ROME"
        ordering = ["label"]

    def __str__(self):
        return self.label


class RomeFicheSkill(models.Model):
    """A fiche's skill (unix_liens_rome_referentiels, bloc 5) and how central it is to the
    fiche (unix_coherence_item)."""

    fiche = models.ForeignKey(RomeFiche, on_delete=models.CASCADE, related_name="skill_links")
    skill = models.ForeignKey(RomeSkill, on_delete=models.CASCADE, related_name="fiche_links")
    core = models.CharField(
        "cœur de métier", max_length=12, choices=CoreLevel.choices, blank=True, default=""
    )

    class Meta:
        verbose_name = "compétence d'une fiche"
        constraints = [
            models.UniqueConstraint(fields=["fiche", "skill"], name="rome_fiche_skill_unique")
        ]

    def __str__(self):
        return f"{self.fiche_id} → {self.skill_id}"


class RomeMobility(models.Model):
    """A job-to-job mobility (unix_rubrique_mobilite): from `source` towards `target`, the
    referential's `numero_ordre` (1 = closest) in `order`."""

    source = models.ForeignKey(RomeFiche, on_delete=models.CASCADE, related_name="mobilities")
    target = models.ForeignKey(RomeFiche, on_delete=models.CASCADE, related_name="mobilities_in")
    order = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "mobilité ROME"
        verbose_name_plural = "mobilités ROME"
        ordering = ["source", "order", "target"]
        constraints = [
            models.UniqueConstraint(fields=["source", "target"], name="rome_mobility_unique")
        ]

    def __str__(self):
        return f"{self.source_id} → {self.target_id}"
