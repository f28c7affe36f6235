"""Barriers to employment, named by the data·inclusion v1 thématiques (grouped by category)."""

from data_inclusion.schema.v1 import Categorie, Thematique

_CATEGORY_LABELS = {c.value: c.label for c in Categorie}
_LABELS = {t.value: t.label for t in Thematique}


def _grouped() -> list:
    groups: dict[str, list] = {}
    for thematique in Thematique:
        category = thematique.value.split("--", 1)[0]
        groups.setdefault(_CATEGORY_LABELS.get(category, category), []).append(
            (thematique.value, thematique.label)
        )
    return list(groups.items())


THEMATIQUE_CHOICES = _grouped()
THEMATIQUE_VALUES = frozenset(_LABELS)


def thematique_label(value: str) -> str:
    """« Mobilité : Préparer un permis » for 'mobilite--preparer-un-permis'."""
    category = _CATEGORY_LABELS.get(value.split("--", 1)[0], "")
    label = _LABELS.get(value, value)
    return f"{category} : {label}" if category else label
