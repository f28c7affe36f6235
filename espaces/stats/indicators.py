"""ESF+ / JTF common indicators on participants (Regulation (EU) 2021/1057, Annex I; Annex II
is for operations targeting the most deprived and is not used here): outputs EECO01–EECO17 and
results EECR01–EECR06, by gender, computed in one query over the follow-up files
(docs/indicators.md maps each code to the data and says what was checked against which source).

Participants are the identified people — those with a follow-up file — whose file was opened
in the period (their situation at entry). Results are those of the same participants, as known
on the day of the report. Anonymous visitors are not participants: they are reported apart.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import Coalesce

from espaces.reception.enums import (
    AgeBand,
    EducationLevel,
    EmploymentStatus,
    ExitOutcome,
    FollowUpOutcome,
    Gender,
    SensitiveAnswer,
)
from espaces.reception.models import Beneficiary, FollowUp, SensitiveTally, Visit
from espaces.territories.models import Territory

from .selectors import PROFESSIONAL, StatsFilter

OUTPUT = "realisation"
IMMEDIATE = "resultat_immediat"
LONGER_TERM = "resultat_long_terme"
KIND_LABELS = {
    OUTPUT: "Indicateurs communs de réalisation (participants à l'entrée)",
    IMMEDIATE: "Indicateurs communs de résultat immédiat (à la sortie)",
    LONGER_TERM: "Indicateurs communs de résultat à long terme (six mois après la sortie)",
}

# (key, gender value, label): the regulation asks women, men and non-binary; files where the
# gender was not given are shown in a fourth column so that the total adds up.
GENDER_COLUMNS = [
    ("femmes", Gender.FEMME, "Femmes"),
    ("hommes", Gender.HOMME, "Hommes"),
    ("non_binaires", Gender.AUTRE, "Non binaires"),
    ("non_renseigne", Gender.NON_RENSEIGNE, "Genre non renseigné"),
]
NOT_COLLECTED = "non collecté"

INACTIVE = Q(employment_status__in=[EmploymentStatus.INACTIF, EmploymentStatus.ETUDES_FORMATION])
# EECR01 and EECR04 record a change of labour market situation (SFC2021 support portal FAQ on
# the reference period of immediate results): only people not in employment at entry count.
NOT_EMPLOYED = Q(employment_status=EmploymentStatus.DEMANDEUR_EMPLOI) | INACTIVE


def _employed_after_six_months():
    return Exists(
        FollowUp.objects.filter(beneficiary=OuterRef("pk"), outcome=FollowUpOutcome.EN_EMPLOI)
    )


@dataclass(frozen=True)
class IndicatorDef:
    code: str
    label: str
    kind: str
    condition: object | None  # a Q or a conditional expression; None: not collected
    data: str  # where the figure comes from (French)


def definitions() -> list[IndicatorDef]:
    yes = SensitiveAnswer.OUI
    return [
        IndicatorDef(
            "EECO01",
            "Nombre total de participants",
            OUTPUT,
            Q(),
            "dossiers de suivi ouverts dans la période",
        ),
        IndicatorDef(
            "EECO02",
            "Chômeurs, y compris les chômeurs de longue durée",
            OUTPUT,
            Q(employment_status=EmploymentStatus.DEMANDEUR_EMPLOI),
            "situation à l'entrée « demandeur·se d'emploi »",
        ),
        IndicatorDef(
            "EECO03",
            "Chômeurs de longue durée",
            OUTPUT,
            Q(employment_status=EmploymentStatus.DEMANDEUR_EMPLOI, long_term_unemployed=True),
            "demandeur·se d'emploi coché « de longue durée »",
        ),
        IndicatorDef(
            "EECO04",
            "Personnes inactives",
            OUTPUT,
            INACTIVE,
            "situation à l'entrée « inactif·ve » ou « en études ou en formation »",
        ),
        IndicatorDef(
            "EECO05",
            "Personnes occupant un emploi, y compris les indépendants",
            OUTPUT,
            Q(employment_status=EmploymentStatus.SALARIE),
            "situation à l'entrée « en emploi » (salarié·e ou indépendant·e)",
        ),
        IndicatorDef(
            "EECO06",
            "Enfants de moins de 18 ans",
            OUTPUT,
            Q(age_band=AgeBand.MOINS_18),
            "tranche d'âge « moins de 18 ans »",
        ),
        IndicatorDef(
            "EECO07",
            "Jeunes âgés de 18 à 29 ans",
            OUTPUT,
            Q(age_band=AgeBand.DE_18_A_29),
            "tranche d'âge « 18 à 29 ans »",
        ),
        IndicatorDef(
            "EECO08",
            "Participants âgés de 55 ans et plus",
            OUTPUT,
            Q(age_band=AgeBand.PLUS_55),
            "tranche d'âge « 55 ans et plus »",
        ),
        IndicatorDef(
            "EECO09",
            "Participants ayant au plus le niveau du premier cycle de l'enseignement "
            "secondaire (CITE 0 à 2)",
            OUTPUT,
            Q(education_level=EducationLevel.ISCED_0_2),
            "niveau d'études CITE 0 à 2",
        ),
        IndicatorDef(
            "EECO10",
            "Participants ayant le niveau du deuxième cycle de l'enseignement secondaire "
            "(CITE 3) ou post-secondaire non supérieur (CITE 4)",
            OUTPUT,
            Q(education_level=EducationLevel.ISCED_3_4),
            "niveau d'études CITE 3 et 4",
        ),
        IndicatorDef(
            "EECO11",
            "Participants ayant le niveau de l'enseignement supérieur (CITE 5 à 8)",
            OUTPUT,
            Q(education_level=EducationLevel.ISCED_5_8),
            "niveau d'études CITE 5 à 8",
        ),
        IndicatorDef(
            "EECO12",
            "Participants handicapés",
            OUTPUT,
            Q(disability=yes),
            "question facultative « situation de handicap » = oui (avec consentement)",
        ),
        IndicatorDef(
            "EECO13",
            "Ressortissants de pays tiers",
            OUTPUT,
            Q(third_country_national=yes),
            "question facultative « ressortissant·e d'un pays hors UE » = oui",
        ),
        IndicatorDef(
            "EECO14",
            "Participants d'origine étrangère",
            OUTPUT,
            Q(foreign_background=yes),
            "question facultative « origine étrangère » = oui",
        ),
        IndicatorDef(
            "EECO15",
            "Minorités (y compris les communautés marginalisées telles que les Roms)",
            OUTPUT,
            Q(minority=yes),
            "question facultative « appartenance à une minorité » = oui",
        ),
        IndicatorDef(
            "EECO16",
            "Sans-abri ou personnes touchées par l'exclusion en matière de logement",
            OUTPUT,
            Q(homeless=yes),
            "question facultative « sans domicile ou exclusion du logement » = oui",
        ),
        IndicatorDef(
            "EECO17",
            "Participants issus de zones rurales",
            OUTPUT,
            None,
            "non collecté : le degré d'urbanisation (DEGURBA) des communes n'est pas enregistré",
        ),
        IndicatorDef(
            "EECR01",
            "Participants à la recherche d'un emploi au terme de leur participation",
            IMMEDIATE,
            INACTIVE & Q(exit_outcome=ExitOutcome.EN_RECHERCHE),
            "inactif·ve à l'entrée et sortie « en recherche d'emploi »",
        ),
        IndicatorDef(
            "EECR02",
            "Participants suivant un enseignement ou une formation au terme de leur participation",
            IMMEDIATE,
            Q(exit_outcome=ExitOutcome.EN_ETUDES_FORMATION),
            "sortie « en études ou en formation »",
        ),
        IndicatorDef(
            "EECR03",
            "Participants obtenant une qualification au terme de leur participation",
            IMMEDIATE,
            Q(exit_outcome=ExitOutcome.QUALIFICATION),
            "sortie « a obtenu une qualification »",
        ),
        IndicatorDef(
            "EECR04",
            "Participants exerçant un emploi, y compris à titre indépendant, au terme de leur "
            "participation",
            IMMEDIATE,
            NOT_EMPLOYED & Q(exit_outcome=ExitOutcome.EN_EMPLOI),
            "demandeur·se d'emploi ou inactif·ve à l'entrée et sortie « en emploi (y compris "
            "indépendant) », notée par le médiateur ou remplie par une embauche enregistrée",
        ),
        IndicatorDef(
            "EECR05",
            "Participants exerçant un emploi, y compris à titre indépendant, six mois après "
            "la fin de leur participation",
            LONGER_TERM,
            _employed_after_six_months(),
            "suivi à 6 mois fait, situation « en emploi »",
        ),
        IndicatorDef(
            "EECR06",
            "Participants dont la situation sur le marché du travail s'est améliorée six mois "
            "après la fin de leur participation",
            LONGER_TERM,
            None,
            "non collecté : le suivi à 6 mois ne note pas la qualité de l'emploi (CDI, temps "
            "plein, poste plus qualifié)",
        ),
    ]


@dataclass
class IndicatorValue:
    code: str
    label: str
    kind: str
    data: str
    values: dict[str, int] | None  # by gender column; None when not collected

    @property
    def collected(self) -> bool:
        return self.values is not None

    @property
    def total(self) -> int | None:
        return sum(self.values.values()) if self.values is not None else None

    def as_dict(self) -> dict:
        out = {"code": self.code, "label": self.label, "kind": self.kind, "data": self.data}
        if self.values is None:
            out.update({key: NOT_COLLECTED for key, _, _ in GENDER_COLUMNS})
            out["total"] = NOT_COLLECTED
        else:
            out.update(self.values)
            out["total"] = self.total
        return out


@dataclass
class Check:
    label: str
    passed: bool
    detail: str

    def as_dict(self) -> dict:
        return {"label": self.label, "passed": self.passed, "detail": self.detail}


@dataclass
class Indicators:
    participants: int
    values: list[IndicatorValue]
    checks: list[Check]
    anonymous_visitors: int = 0
    professionals: int = 0
    by_code: dict = field(default_factory=dict)

    @property
    def all_passed(self) -> bool:
        return all(c.passed for c in self.checks)


def participants_for(*, territory: Territory, filters: StatsFilter):
    files = Beneficiary.objects.filter(
        territory=territory, opened_on__gte=filters.date_from, opened_on__lte=filters.date_to
    )
    if filters.site is not None:
        files = files.filter(site=filters.site)
    return files.order_by()


# the sensitive indicators and their field: anonymised files keep them as counts only
SENSITIVE_CODES = {
    "EECO12": "disability",
    "EECO13": "third_country_national",
    "EECO14": "foreign_background",
    "EECO15": "minority",
    "EECO16": "homeless",
}


def _add_purged_sensitive_answers(row: dict, *, territory: Territory, filters) -> None:
    """Add the answers of anonymised files, kept as daily counts (SensitiveTally), to EECO12–
    EECO16: the figures of a period are the same before and after the purge."""
    tallies = SensitiveTally.objects.filter(
        territory=territory, opened_on__gte=filters.date_from, opened_on__lte=filters.date_to
    )
    if filters.site is not None:
        tallies = tallies.filter(site=filters.site)
    sums = tallies.order_by().aggregate(
        **{
            f"{code}__{key}": Coalesce(Sum(field, filter=Q(gender=gender)), 0)
            for code, field in SENSITIVE_CODES.items()
            for key, gender, _ in GENDER_COLUMNS
        }
    )
    for name, value in sums.items():
        row[name] += value


def compute_indicators(
    *, territory: Territory, filters: StatsFilter, anonymous: dict | None = None
) -> Indicators:
    """Every indicator by gender in one aggregate query, plus the consistency checks.
    `anonymous` ({"visitors", "professionals"}) spares a pass over the visits when known."""
    defs = definitions()
    aggregates = {}
    for d in defs:
        if d.condition is None:
            continue
        for key, gender, _ in GENDER_COLUMNS:
            aggregates[f"{d.code}__{key}"] = Count("pk", filter=Q(d.condition) & Q(gender=gender))
    row = participants_for(territory=territory, filters=filters).aggregate(**aggregates)
    _add_purged_sensitive_answers(row, territory=territory, filters=filters)
    values = [
        IndicatorValue(
            code=d.code,
            label=d.label,
            kind=d.kind,
            data=d.data,
            values=None
            if d.condition is None
            else {key: row[f"{d.code}__{key}"] for key, _, _ in GENDER_COLUMNS},
        )
        for d in defs
    ]
    by_code = {v.code: v for v in values}
    if anonymous is None:
        visits = Visit.objects.filter(
            territory=territory, date__gte=filters.date_from, date__lte=filters.date_to
        )
        if filters.site is not None:
            visits = visits.filter(site=filters.site)
        anonymous = visits.order_by().aggregate(
            visitors=Coalesce(Sum("group_size", filter=~Q(public_category=PROFESSIONAL)), 0),
            professionals=Coalesce(Sum("group_size", filter=Q(public_category=PROFESSIONAL)), 0),
        )
    return Indicators(
        participants=by_code["EECO01"].total,
        values=values,
        checks=consistency_checks(by_code),
        anonymous_visitors=anonymous["visitors"],
        professionals=anonymous["professionals"],
        by_code=by_code,
    )


def _columns(by_code: dict, code: str) -> dict[str, int] | None:
    value = by_code.get(code)
    if value is None or value.values is None:
        return None
    return {**value.values, "total": value.total}


def consistency_checks(by_code: dict) -> list[Check]:
    """The rules a funder's system applies, checked for every gender column and the total:
    EECO01 = EECO02 + EECO04 + EECO05; EECO03 ≤ EECO02; age and education groups within the
    participants; no result above the number of participants."""
    checks: list[Check] = []
    keys = [key for key, _, _ in GENDER_COLUMNS] + ["total"]
    total = _columns(by_code, "EECO01")
    if total is None:
        return [Check("EECO01 calculé", False, "EECO01 est absent.")]

    def failures(predicate) -> list[str]:
        return [key for key in keys if not predicate(key)]

    def add(label, predicate, explain):
        bad = failures(predicate)
        detail = "vérifié pour chaque genre et au total" if not bad else explain(bad)
        checks.append(Check(label, not bad, detail))

    c2, c3, c4, c5 = (_columns(by_code, c) for c in ("EECO02", "EECO03", "EECO04", "EECO05"))
    add(
        "EECO01 = EECO02 + EECO04 + EECO05 (chaque participant a une et une seule situation)",
        lambda k: total[k] == c2[k] + c4[k] + c5[k],
        lambda bad: (
            "écart pour : " + ", ".join(f"{k} ({total[k]} ≠ {c2[k] + c4[k] + c5[k]})" for k in bad)
        ),
    )
    add(
        "EECO03 ≤ EECO02 (les chômeurs de longue durée sont des chômeurs)",
        lambda k: c3[k] <= c2[k],
        lambda bad: "dépassement pour : " + ", ".join(f"{k} ({c3[k]} > {c2[k]})" for k in bad),
    )
    for label, codes in (
        ("EECO06 + EECO07 + EECO08 ≤ EECO01 (tranches d'âge)", ("EECO06", "EECO07", "EECO08")),
        ("EECO09 + EECO10 + EECO11 ≤ EECO01 (niveaux d'études)", ("EECO09", "EECO10", "EECO11")),
        (
            "EECR01 + EECR02 + EECR03 + EECR04 ≤ EECO01 (une situation à la sortie)",
            ("EECR01", "EECR02", "EECR03", "EECR04"),
        ),
    ):
        cols = [_columns(by_code, c) for c in codes]

        def summed(k, cols=cols):
            return sum(c[k] for c in cols)

        add(
            label,
            lambda k, summed=summed: summed(k) <= total[k],
            lambda bad, summed=summed: (
                "dépassement pour : " + ", ".join(f"{k} ({summed(k)} > {total[k]})" for k in bad)
            ),
        )
    results = [
        code for code, value in by_code.items() if value.kind != OUTPUT and value.values is not None
    ]
    over = [
        f"{code} {k} ({_columns(by_code, code)[k]} > {total[k]})"
        for code in results
        for k in keys
        if _columns(by_code, code)[k] > total[k]
    ]
    checks.append(
        Check(
            "Aucun résultat au-dessus de sa réalisation (EECR ≤ EECO01)",
            not over,
            "vérifié pour chaque genre et au total"
            if not over
            else "dépassement : " + "; ".join(over),
        )
    )
    return checks


def protect_indicators(full: Indicators, parts: list[Indicators], threshold: int) -> Indicators:
    """The indicators of the whole period as a reader without access to personal files may see
    them (espaces/stats/disclosure.py): per indicator and month, the gender counts under k are
    withheld (with complementary suppression) and the published ones summed. The checks keep
    their result, not their detail (it would give exact counts)."""
    from django.utils.translation import gettext

    from .disclosure import sum_groups, sum_published

    for value in full.values:
        if value.values is not None:
            value.values = sum_groups(
                value.values, [p.by_code[value.code].values for p in parts], threshold
            )
    full.participants = full.by_code["EECO01"].total
    full.anonymous_visitors = sum_published([p.anonymous_visitors for p in parts], threshold)
    full.professionals = sum_published([p.professionals for p in parts], threshold)
    for check in full.checks:
        check.detail = gettext("détail réservé à la coordination")
    return full


def indicators_for(*, territory: Territory, filters: StatsFilter, exact: bool):
    """(indicators, filters used): exact, or protected on whole closed months."""
    from dataclasses import replace

    from . import disclosure

    if exact:
        return compute_indicators(territory=territory, filters=filters), filters
    aligned = disclosure.align_filters(filters)
    full = compute_indicators(territory=territory, filters=aligned)
    parts = [
        compute_indicators(territory=territory, filters=replace(aligned, date_from=s, date_to=e))
        for s, e in disclosure.months(aligned.date_from, aligned.date_to)
    ]
    return protect_indicators(full, parts, disclosure.k()), aligned
