"""Recruitment figures of a period for the dashboard, the funder report (stats/bilan.py) and
the public impact page: offers published, posts, candidacies, interviews and hires; hires by
employer, sector, contract, public (situation at entry of the follow-up file), QPV and gender;
the share of women among the hires in industrial jobs (sectors of ESPACES_INDUSTRIAL_SECTORS).
Aggregates only, in a fixed number of queries (docs/recruitment.md, « Chiffres »)."""

from django.db.models import Count, F, IntegerField, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext

from espaces.reception.enums import EmploymentStatus, Gender, Qpv
from espaces.stats import conf as stats_conf
from espaces.stats.selectors import Series, StatsFilter, Table, rate
from espaces.territories.models import Partner, Territory

from .enums import CandidacyStatus, Contract
from .models import Candidacy, CandidacyEvent, Offer

NOT_GIVEN = ""


class _DistinctCount(Count):
    def __init__(self, expression, **extra):
        super().__init__(expression, distinct=True, **extra)


def _count(queryset, field: str = "pk", how=Count):
    """A correlated subquery counting (or summing) `queryset` per employer."""
    inner = queryset.order_by().values("employer_key").annotate(total=how(field)).values("total")
    return Coalesce(Subquery(inner, output_field=IntegerField()), 0)


def recruitment_figures(*, territory: Territory, filters: StatsFilter) -> dict:
    """Every recruitment figure of the period (offers by publication date, candidacies by the
    date they were sent, interviews by the date of the change, hires by hiring date), in two
    queries: one row per employer, and the hires grouped by their attributes."""
    employer = OuterRef("pk")
    offers = Offer.objects.filter(
        employer=employer,
        published_at__date__gte=filters.date_from,
        published_at__date__lte=filters.date_to,
    ).annotate(employer_key=F("employer_id"))
    candidacies = Candidacy.objects.filter(
        offer__employer=employer,
        created_at__date__gte=filters.date_from,
        created_at__date__lte=filters.date_to,
    ).annotate(employer_key=F("offer__employer_id"))
    interviews = CandidacyEvent.objects.filter(
        candidacy__offer__employer=employer,
        to_status=CandidacyStatus.ENTRETIEN,
        at__date__gte=filters.date_from,
        at__date__lte=filters.date_to,
    ).annotate(employer_key=F("candidacy__offer__employer_id"))
    hires = Candidacy.objects.filter(
        territory=territory,
        status=CandidacyStatus.EMBAUCHE,
        hired_on__gte=filters.date_from,
        hired_on__lte=filters.date_to,
    )
    if filters.site is not None:
        candidacies = candidacies.filter(beneficiary__site=filters.site)
        interviews = interviews.filter(candidacy__beneficiary__site=filters.site)
        hires = hires.filter(beneficiary__site=filters.site)
    employer_hires = hires.filter(offer__employer=employer).annotate(
        employer_key=F("offer__employer_id")
    )
    rows = list(
        Partner.objects.filter(territory=territory)
        .annotate(
            n_offers=_count(offers),
            n_posts=_count(offers, "posts", Sum),
            n_candidacies=_count(candidacies),
            n_interviews=_count(interviews, "candidacy_id", _DistinctCount),
            n_hires=_count(employer_hires),
        )
        .values("name", "n_offers", "n_posts", "n_candidacies", "n_interviews", "n_hires")
        .order_by("name")
    )
    rows = [r for r in rows if r["n_offers"] or r["n_candidacies"] or r["n_hires"]]
    employer_rows = sorted(
        ([r["name"], r["n_offers"], r["n_posts"], r["n_candidacies"], r["n_hires"]] for r in rows),
        key=lambda r: (-r[4], -r[3], r[0]),
    )
    industrial_slugs = set(stats_conf.industrial_sectors())
    groups = (
        hires.order_by()
        .values(
            "offer__sector__slug",
            "offer__sector__name",
            "hire_contract",
            "beneficiary__employment_status",
            "beneficiary__qpv",
            "beneficiary__gender",
        )
        .annotate(n=Count("pk"))
    )
    by_sector: dict = {}
    by_contract: dict = {}
    by_public: dict = {}
    by_qpv: dict = {}
    by_gender: dict = {}
    industrial = industrial_women = industrial_known = 0
    for g in groups:
        n = g["n"]
        for target, key in (
            (by_sector, g["offer__sector__name"] or NOT_GIVEN),
            (by_contract, g["hire_contract"]),
            (by_public, g["beneficiary__employment_status"]),
            (by_qpv, g["beneficiary__qpv"]),
            (by_gender, g["beneficiary__gender"]),
        ):
            target[key] = target.get(key, 0) + n
        if g["offer__sector__slug"] in industrial_slugs:
            industrial += n
            if g["beneficiary__gender"] == Gender.FEMME:
                industrial_women += n
            if g["beneficiary__gender"] != Gender.NON_RENSEIGNE:
                industrial_known += n
    published = {
        "offers": sum(r["n_offers"] for r in rows),
        "posts": sum(r["n_posts"] for r in rows),
    }
    candidacy_count = sum(r["n_candidacies"] for r in rows)
    interview_count = sum(r["n_interviews"] for r in rows)
    totals = {
        "hires": sum(r["n_hires"] for r in rows),
        "industrial": industrial,
        "industrial_women": industrial_women,
        "industrial_known": industrial_known,
    }
    by_employer = {r["name"]: r["n_hires"] for r in rows if r["n_hires"]}
    not_given = gettext("non renseigné")
    series = [
        Series(
            "recrutement-entonnoir",
            gettext("Recrutement : des offres aux embauches"),
            gettext(
                "Offres publiées et postes dans la période ; candidatures transmises par les "
                "médiateurs, entretiens obtenus et embauches (date d'embauche) dans la période."
            ),
            [
                ("offres", gettext("Offres publiées"), published["offers"] or 0),
                ("postes", gettext("Postes offerts"), published["posts"] or 0),
                ("candidatures", gettext("Candidatures transmises"), candidacy_count),
                ("entretiens", gettext("Entretiens obtenus"), interview_count),
                ("embauches", gettext("Embauches"), totals["hires"]),
            ],
            column=gettext("Nombre"),
        ),
        Series(
            "embauches-par-contrat",
            gettext("Embauches par contrat"),
            gettext("Contrat signé, tel que l'employeur l'a indiqué."),
            [(c.value, c.label, by_contract.get(c.value, 0)) for c in Contract],
        ),
        Series(
            "embauches-par-secteur",
            gettext("Embauches par secteur"),
            gettext("Secteur de l'offre (celui de sa fiche métier quand il n'est pas donné)."),
            sorted(
                ((k or "-", k or not_given, n) for k, n in by_sector.items()),
                key=lambda r: (-r[2], r[1]),
            ),
        ),
        Series(
            "embauches-par-public",
            gettext("Embauches par situation à l'entrée"),
            gettext("Situation de la personne à l'ouverture de son dossier de suivi."),
            [(s.value, s.label, by_public.get(s.value, 0)) for s in EmploymentStatus],
        ),
        Series(
            "embauches-qpv",
            gettext("Embauches de personnes habitant en QPV"),
            gettext("Quartier prioritaire de la politique de la ville, d'après le dossier."),
            [(q.value, q.label, by_qpv.get(q.value, 0)) for q in Qpv],
        ),
        Series(
            "embauches-par-genre",
            gettext("Embauches par genre"),
            gettext("Genre noté dans le dossier de suivi."),
            [(g.value, g.label, by_gender.get(g.value, 0)) for g in Gender],
        ),
    ]
    return {
        "offers": published["offers"] or 0,
        "posts": published["posts"] or 0,
        "candidacies": candidacy_count,
        "interviews": interview_count,
        "hires": totals["hires"],
        "hires_industrial": totals["industrial"],
        "women_hired_industrial": totals["industrial_women"],
        "women_share_hired_industrial": rate(
            totals["industrial_women"], totals["industrial_known"]
        ),
        "by_employer": by_employer,
        "by_sector": {k or not_given: n for k, n in by_sector.items()},
        "by_contract": {c.value: by_contract.get(c.value, 0) for c in Contract},
        "by_public": {s.value: by_public.get(s.value, 0) for s in EmploymentStatus},
        "qpv": {q.value: by_qpv.get(q.value, 0) for q in Qpv},
        "by_gender": {g.value: by_gender.get(g.value, 0) for g in Gender},
        "series": series,
        "table": Table(
            "recrutement-par-employeur",
            gettext("Recrutement par employeur"),
            [
                gettext("Employeur"),
                gettext("Offres publiées"),
                gettext("Postes"),
                gettext("Candidatures"),
                gettext("Embauches"),
            ],
            employer_rows,
            gettext("Offres publiées, candidatures transmises et embauches dans la période."),
        ),
    }
