"""{% services_for_metier metier %}: the services a job's conditions call for (job sheets)."""

from django import template
from django.utils.translation import gettext

from espaces.services.selectors import services_for_conditions

register = template.Library()

SHOWN_PER_HELP = 3


def _join_fr(items: list[str]) -> str:
    """['a', 'b', 'c'] → 'a, b et c'."""
    if len(items) <= 1:
        return "".join(items)
    return gettext("%(items)s et %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


@register.inclusion_tag("services/public/_for_metier.html")
def services_for_metier(metier, limit: int = SHOWN_PER_HELP):
    """Render the services answering the job's conditions (`metier.condition_values`, or
    `metier.conditions` as a list of slugs) in `metier.territory`.

    Renders nothing when no condition calls for a service or none is referenced."""
    conditions = getattr(metier, "condition_values", None)
    if conditions is None:  # any object with a plain list of condition slugs
        conditions = getattr(metier, "conditions", None) or []
    conditions = list(conditions)
    territory = getattr(metier, "territory", None)
    if not conditions or territory is None:
        return {"helps": []}
    helps = services_for_conditions(territory=territory, conditions=conditions)
    labels = []
    for help_ in helps:
        help_.shown = help_.services[:limit]
        help_.more = len(help_.services) > limit
        labels += [label for label in help_.condition_labels if label not in labels]
    return {"helps": helps, "conditions_text": _join_fr(labels), "metier": metier}
