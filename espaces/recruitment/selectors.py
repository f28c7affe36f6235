"""Reads of the recruitment domain; every function takes who is asking (`user=`) or the
territory (`territory=`), so that a view cannot forget to scope."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, Sum
from django.http import Http404
from django.utils import timezone

from espaces.accounts.enums import Role
from espaces.territories.models import Territory

from .enums import OfferStatus
from .models import Candidacy, Offer, OfferRome
from .permissions import is_employer

PUBLIC_PREFETCH = (Prefetch("rome_links", queryset=OfferRome.objects.order_by("pk")),)


@dataclass
class OfferFilters:
    rome: str = ""
    commune: str = ""
    contract: str = ""
    employer: str = ""
    sector: str = ""


def public_offers(*, territory: Territory, filters: OfferFilters | None = None):
    """Open offers of the territory (closing date not passed), newest first."""
    filters = OfferFilters(
        **{k: str(v).replace("\x00", "") for k, v in vars(filters or OfferFilters()).items()}
    )  # PostgreSQL refuses NUL characters in a query: they would be a 500
    offers = Offer.objects.open().filter(territory=territory)
    if filters.rome:
        codes = [c.strip().upper() for c in filters.rome.split(",") if c.strip()]
        # a letter and fewer digits is a family prefix (H29 → H2901, H2913…)
        query = Q()
        for code in codes:
            query |= Q(rome_links__code__startswith=code)
        offers = offers.filter(pk__in=Offer.objects.filter(query).values("pk"))
    if filters.commune:
        offers = offers.filter(Q(commune__insee=filters.commune) | Q(commune__name=filters.commune))
    if filters.contract:
        offers = offers.filter(contract=filters.contract)
    if filters.employer:
        offers = offers.filter(employer__slug=filters.employer)
    if filters.sector:
        offers = offers.filter(
            Q(sector__slug=filters.sector) | Q(metier__sectors__slug=filters.sector)
        ).distinct()
    return (
        offers.select_related("employer", "commune", "metier", "sector", "job_dating")
        .prefetch_related(*PUBLIC_PREFETCH)
        .order_by("-published_at", "-pk")
    )


def public_offer(*, territory: Territory, pk: int) -> Offer:
    offer = (
        Offer.objects.open()
        .filter(territory=territory, pk=pk)
        .select_related("employer", "commune", "metier", "sector", "job_dating")
        .prefetch_related(*PUBLIC_PREFETCH)
        .first()
    )
    if offer is None:
        raise Http404("Cette offre n'est plus ouverte.")
    return offer


def offers_for_rome_codes(*, territory_id: int, codes: list[str], metier=None) -> list[Offer]:
    """Open offers sharing a ROME code with a job sheet (or attached to it)."""
    if not codes and metier is None:
        return []
    query = Q(rome_links__code__in=list(codes))
    if metier is not None:
        query |= Q(metier=metier)
    ids = Offer.objects.filter(query).values("pk")
    return list(
        Offer.objects.open()
        .filter(territory_id=territory_id, pk__in=ids)
        .select_related("employer", "commune")
        .prefetch_related(*PUBLIC_PREFETCH)
        .order_by("-posts", "-published_at", "-pk")
    )


def offers_by_code(*, territory_id: int, codes) -> dict[str, list[Offer]]:
    """{ROME code: open offers having it}, in one query."""
    links = (
        OfferRome.objects.filter(code__in=list(codes), offer__territory_id=territory_id)
        .filter(offer__in=Offer.objects.open())
        .select_related("offer__employer", "offer__commune")
        .order_by("-offer__posts", "offer__pk")
    )
    out: dict[str, list[Offer]] = {}
    for link in links:
        out.setdefault(link.code, []).append(link.offer)
    return out


def offers_for_session(*, session) -> list[Offer]:
    return list(
        Offer.objects.open()
        .filter(job_dating=session)
        .select_related("employer", "commune")
        .order_by("title")
    )


def employer_summary(offers: list[Offer]) -> list[dict]:
    """« 3 postes ouverts chez … »: posts per employer, most posts first."""
    by_employer: dict[int, dict] = {}
    for offer in offers:
        entry = by_employer.setdefault(
            offer.employer_id, {"employer": offer.employer, "posts": 0, "offers": []}
        )
        entry["posts"] += offer.posts
        entry["offers"].append(offer)
    return sorted(by_employer.values(), key=lambda e: (-e["posts"], e["employer"].name))


# --- staff and employer side -----------------------------------------------------------------
def offers_for(*, user, territory: Territory, include_archived: bool = False):
    """Offers a staff or employer account may see: an employer its organisation's only."""
    offers = Offer.objects.filter(territory=territory)
    if is_employer(user):
        offers = offers.filter(employer_id=user.organisation_id)
    elif not user.has_role(Role.ADMIN, Role.COORDINATOR, Role.MEDIATOR):
        return Offer.objects.none()
    if not include_archived:
        offers = offers.exclude(status=OfferStatus.ARCHIVED)
    return (
        offers.select_related("employer", "commune")
        .prefetch_related(*PUBLIC_PREFETCH)
        .annotate(candidacy_count=Count("candidacies"))
        .order_by("status", "-published_at", "-pk")
    )


def offer_for(*, user, territory: Territory, pk: int) -> Offer:
    offer = offers_for(user=user, territory=territory, include_archived=True).filter(pk=pk).first()
    if offer is None:
        raise Http404("Offre introuvable.")
    return offer


def candidacies_for(*, user, territory: Territory):
    """Candidacies a user may see: an employer only those on its organisation's offers."""
    candidacies = Candidacy.objects.filter(territory=territory)
    if is_employer(user):
        candidacies = candidacies.filter(offer__employer_id=user.organisation_id)
    elif not user.has_role(Role.ADMIN, Role.COORDINATOR, Role.MEDIATOR):
        return Candidacy.objects.none()
    return candidacies.select_related("offer__employer", "beneficiary").order_by(
        "-created_at", "-pk"
    )


def candidacy_for(*, user, territory: Territory, pk: int) -> Candidacy:
    candidacy = candidacies_for(user=user, territory=territory).filter(pk=pk).first()
    if candidacy is None:
        raise Http404("Candidature introuvable.")
    return candidacy


def open_offers_for_proposal(*, territory: Territory):
    return (
        Offer.objects.open()
        .filter(territory=territory)
        .select_related("employer", "commune")
        .order_by("employer__name", "title")
    )


def offer_counts(*, territory: Territory) -> dict:
    today = timezone.localdate()
    return (
        Offer.objects.open(today)
        .filter(territory=territory)
        .aggregate(offers=Count("pk"), posts=Sum("posts"))
    )
