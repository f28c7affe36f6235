from django.db import models


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        abstract = True


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
