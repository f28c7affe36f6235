"""Questionnaires (loaded from packs), results reopened by a short code, and the anonymous
count of completed questionnaires (docs/orientation.md).

Nothing personal is stored: a result holds the answers (no name, no contact, never gender, age,
nationality or address) and what the matching gave; the count holds only a date, a site, the
mode and the top jobs and sectors.
"""

import secrets

from django.db import models

from espaces.common.models import TerritoryScopedModel

from .enums import Mode

# Crockford's base 32: no I, L, O or U, so that a code read aloud or typed is not misread.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 8
_CONFUSABLE = str.maketrans({"I": "1", "L": "1", "O": "0", "U": "V"})


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(text: str) -> str:
    """' abcd-efgh ' → 'ABCDEFGH'; the letters I, L, O and U are read as 1, 1, 0 and V."""
    cleaned = "".join(ch for ch in (text or "").upper() if ch.isalnum())
    return cleaned.translate(_CONFUSABLE)


def display_code(code: str) -> str:
    """'ABCDEFGH' → 'ABCD-EFGH' (easier to read and copy)."""
    return f"{code[:4]}-{code[4:]}" if len(code) == CODE_LENGTH else code


class Questionnaire(TerritoryScopedModel):
    """One version of a territory's questionnaire, as its pack defines it."""

    version = models.CharField("version", max_length=20)
    title = models.CharField("titre", max_length=200)
    definition = models.JSONField("définition")
    is_current = models.BooleanField("version en service", default=True)

    class Meta:
        verbose_name = "questionnaire d'orientation"
        verbose_name_plural = "questionnaires d'orientation"
        ordering = ["-is_current", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "version"],
                name="questionnaire_unique_version",
                violation_error_message="Cette version du questionnaire existe déjà.",
            ),
            models.UniqueConstraint(
                fields=["territory"],
                condition=models.Q(is_current=True),
                name="questionnaire_one_current",
                violation_error_message="Une seule version du questionnaire est en service.",
            ),
        ]

    def __str__(self):
        return f"{self.title} (version {self.version})"


class OrientationResult(TerritoryScopedModel):
    """Answers and results of one completed questionnaire, reopened with its short code."""

    code = models.CharField("code", max_length=CODE_LENGTH, unique=True)
    questionnaire_version = models.CharField("version du questionnaire", max_length=20)
    mode = models.CharField("mode", max_length=10, choices=Mode.choices, default=Mode.COMPLET)
    answers = models.JSONField("réponses", default=dict)
    results = models.JSONField("métiers proposés", default=list)
    barriers = models.JSONField("freins repérés", default=list)
    excluded = models.JSONField("métiers écartés", default=list)
    experience = models.JSONField(
        "métiers déjà faits reconnus",
        default=list,
        help_text="Fiches reconnues dans le texte tapé ; le texte lui-même n'est pas gardé.",
    )
    components = models.JSONField("critères utilisés", default=list)
    passerelles = models.JSONField("passerelles depuis l'expérience", default=list, blank=True)
    summary = models.JSONField(
        "confiance, envies non couvertes et fiches nationales", default=dict, blank=True
    )

    class Meta:
        verbose_name = "résultat d'orientation"
        verbose_name_plural = "résultats d'orientation"
        ordering = ["-created_at"]

    def __str__(self):
        return display_code(self.code)

    @property
    def pretty_code(self) -> str:
        return display_code(self.code)


class OrientationCompletion(TerritoryScopedModel):
    """One completed questionnaire, counted anonymously for the statistics (no link to the
    result, no answer): when, where (a site, or online), and what came out on top."""

    date = models.DateField("date")
    site = models.ForeignKey(
        "territories.Site",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="espace (vide : en ligne)",
    )
    mode = models.CharField("mode", max_length=10, choices=Mode.choices, default=Mode.COMPLET)
    top_metiers = models.JSONField("métiers en tête", default=list)
    top_sectors = models.JSONField("secteurs en tête", default=list)

    class Meta:
        verbose_name = "questionnaire rempli"
        verbose_name_plural = "questionnaires remplis"
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["territory", "date"], name="orientation_completion_date")]

    def __str__(self):
        return f"{self.date} — {self.site or 'en ligne'}"

    @property
    def place(self) -> str:
        return self.site.name if self.site_id else "en ligne"
