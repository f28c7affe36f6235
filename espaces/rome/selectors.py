"""Reads of the ROME referential shared by the other apps.

The ROME is national (the same for every territory): these selectors take no territory.
"""

from collections.abc import Iterable

from django.db.models import Case, IntegerField, QuerySet, Value, When

from .enums import AppellationClassification
from .models import CentreInteret, RomeAppellation, RomeFiche


def fiches_by_codes(codes: Iterable[str]) -> dict[str, RomeFiche]:
    """{code: fiche} for the known codes among `codes`, in code order (unknown codes absent)."""
    return {f.code: f for f in RomeFiche.objects.filter(code__in=set(codes)).order_by("code")}


def centres_interet() -> QuerySet[CentreInteret]:
    """The ROME « centres d'intérêt » (30 in ROME 4.0), by code."""
    return CentreInteret.objects.order_by("code")


def appellations_for_codes(codes: Iterable[str]) -> dict[str, list[RomeAppellation]]:
    """{code: appellations} for `codes`, the principal appellation first, then by label.

    Every requested code is a key (an empty list when the code has no appellation).
    """
    wanted = sorted(set(codes))
    result: dict[str, list[RomeAppellation]] = {code: [] for code in wanted}
    principal_first = Case(
        When(classification=AppellationClassification.PRINCIPALE, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    for appellation in RomeAppellation.objects.filter(fiche_id__in=wanted).order_by(
        "fiche_id", principal_first, "label", "pk"
    ):
        result[appellation.fiche_id].append(appellation)
    return result
