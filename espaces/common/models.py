from django.db import models
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import get_language


def choice_labels(field) -> dict:
    """{value: label} of a model field's choices in the active language, made once per field
    and language."""
    language = get_language()
    per_language = field.__dict__.setdefault("_espaces_choice_labels", {})
    labels = per_language.get(language)
    if labels is None:
        labels = per_language[language] = {
            key: force_str(label, strings_only=True)
            for key, label in dict(make_hashable(field.flatchoices)).items()
        }
    return labels


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field):
        """`get_<field>_display()` as Django's, without rebuilding the dictionary of the field's
        choices at each call (30 µs a row in the team's lists: issue SPEED)."""
        value = getattr(self, field.attname)
        return force_str(choice_labels(field).get(make_hashable(value), value), strings_only=True)


class TerritoryScopedModel(TimeStampedModel):
    """Every domain object belongs to one territory; selectors always filter on it."""

    territory = models.ForeignKey(
        "territories.Territory",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="territoire",
    )

    class Meta:
        abstract = True


class AuditAction(models.TextChoices):
    READ = "read", "Consultation"
    CREATE = "create", "Création"
    UPDATE = "update", "Modification"
    DELETE = "delete", "Suppression"
    EXPORT = "export", "Export"
    ERASE = "erase", "Effacement sur demande"
    PURGE = "purge", "Anonymisation (durée de conservation dépassée)"


class AuditLog(models.Model):
    """Who read or changed which personal-data record, and when (espaces/common/audit.py).

    `summary` never holds personal data: it says what was done, not to whom."""

    territory = models.ForeignKey(
        "territories.Territory",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="territoire",
    )
    user = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="compte",
    )
    actor = models.CharField(
        "auteur", max_length=200, blank=True, help_text="quand ce n'est pas un compte"
    )
    action = models.CharField("action", max_length=10, choices=AuditAction.choices)
    object_type = models.CharField("type d'objet", max_length=50)
    object_id = models.CharField("identifiant de l'objet", max_length=50, blank=True)
    summary = models.CharField("résumé", max_length=300, blank=True)
    at = models.DateTimeField("le", default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "entrée du journal d'accès"
        verbose_name_plural = "journal d'accès"
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["territory", "object_type", "object_id"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()} {self.object_type} {self.object_id}"


class SavedListFilters(models.Model):
    """The filters a staff member last used on a list (people, referrals, sessions…), applied
    again when they come back to the bare list (espaces/common/list_filters.py).

    Only the list's choice filters are kept (state, site, order…), never free-text searches: a
    name typed in a search box is personal data and stays out of the database."""

    user = models.ForeignKey(
        "accounts.User",
        on_delete=models.CASCADE,
        related_name="saved_list_filters",
        verbose_name="utilisateur",
    )
    list_name = models.CharField("liste", max_length=50)
    query = models.CharField("filtres", max_length=500)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "filtres enregistrés"
        verbose_name_plural = "filtres enregistrés"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "list_name"],
                name="saved_list_filters_one_per_list",
                violation_error_message="Un seul jeu de filtres enregistré par liste.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.list_name} : {self.query}"
