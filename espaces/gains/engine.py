"""What a household would live on, with and without a job, computed by OpenFisca-France in this
process (docs/gains.md). The tax-benefit system is loaded once per process and every scenario of
one answer (the baseline, the salaries asked for, the salary curve) is one vectorised simulation.

The case computed is a *stable situation*: each salary is earned in the month asked for and in the
three months before it, and the household (housing, rent, commune, members) is the same over those
four months, so that the quarterly resources of the RSA and the prime d'activité are those of the
job. Nothing here is stored."""

from __future__ import annotations

import datetime as dt
import re
import threading
from dataclasses import dataclass, field
from importlib import metadata

from .enums import Housing

ENGINE_NAME = "OpenFisca-France"
MONTHS_OF_STABLE_SITUATION = 4  # the month asked for and the three before it
MAX_SCENARIOS = 40
MAX_CHILDREN = 8
COMMUNE_RE = re.compile(r"^(\d{5}|2[AB]\d{3})$")

# OpenFisca's value of each housing situation (statut_occupation_logement).
HOUSING_STATUS = {
    Housing.TENANT: "locataire_vide",
    Housing.OWNER: "proprietaire",
    Housing.HOSTED: "loge_gratuitement",
}

# Family benefits paid every month (net of CRDS, what the CAF pays): allocations familiales,
# complément familial, allocation de soutien familial, PAJE. The back-to-school allowance (ARS) is
# yearly and left out of a monthly figure.
FAMILY_BENEFITS = ("af_nettes_crds", "cf_net_crds", "asf_nette_crds", "paje_nette_crds")

# The share of the gross salary deducted from the ARE kept while working (France Travail's
# « cumul allocation-salaire »: the monthly allowance minus 70 % of the gross salary).
ARE_REDUCTION_RATE = 0.70
ARE_DAYS_PER_MONTH = 30

_lock = threading.Lock()
_system = None


def tax_benefit_system():
    """The French tax-benefit system, loaded once per process (about 3 s and 120 MB)."""
    global _system
    if _system is None:
        with _lock:
            if _system is None:
                from openfisca_france import FranceTaxBenefitSystem

                _system = FranceTaxBenefitSystem()
    return _system


def warm_up() -> None:
    """Loads the system and runs one small simulation, so that the first visitor does not wait."""
    simulate(
        month=current_month(),
        household=Household(),
        person=Person(age=30),
        salaries=[1000.0],
    )


def warm_up_quietly() -> None:
    """warm_up() for a background thread: a failure is logged, never raised."""
    import logging

    from espaces.ops import memory

    try:
        warm_up()
    except Exception:  # the simulator loads it again on first use
        logging.getLogger("espaces.gains").exception("Chargement d'OpenFisca-France échoué")
    else:
        memory.keep(collect=True)  # 600 000 objects kept for the worker's life


def engine_info() -> dict:
    return {"name": ENGINE_NAME, "version": metadata.version("openfisca-france")}


def current_month(today: dt.date | None = None) -> str:
    today = today or dt.date.today()
    return f"{today.year:04d}-{today.month:02d}"


def smic_gross_monthly(month: str, hours_per_week: float = 35.0) -> float:
    """The gross SMIC for the given weekly hours, from OpenFisca-France's parameters."""
    parameters = tax_benefit_system().parameters(f"{month}-01")
    hourly = parameters.marche_travail.salaire_minimum.smic.smic_b_horaire
    return round(hourly * hours_per_week * 52 / 12, 2)


class SimulationInputError(ValueError):
    """A household or salary the engine cannot take; the message is in French."""


@dataclass(frozen=True)
class Household:
    couple: bool = False
    children_ages: tuple[int, ...] = ()
    housing: str = Housing.TENANT
    rent: float = 0.0
    commune: str = "59183"


@dataclass(frozen=True)
class Person:
    age: int
    # Page only (the API has no ARE): the daily gross ARE today, kept in part while working.
    are_daily: float = 0.0


@dataclass
class Figures:
    gross: float
    net: float
    rsa: float
    prime_activite: float
    aide_logement: float
    prestations_familiales: float
    are: float = 0.0
    total: float = field(init=False)

    def __post_init__(self):
        self.total = round(
            self.net
            + self.are
            + self.rsa
            + self.prime_activite
            + self.aide_logement
            + self.prestations_familiales,
            2,
        )

    def as_dict(self, *, with_are: bool = False) -> dict:
        data = {
            "gross": self.gross,
            "net": self.net,
            "rsa": self.rsa,
            "prime_activite": self.prime_activite,
            "aide_logement": self.aide_logement,
            "prestations_familiales": self.prestations_familiales,
            "total": self.total,
        }
        if with_are:
            data["are"] = self.are
        return data


@dataclass
class Answer:
    month: str
    engine: dict
    baseline: Figures
    scenarios: list[Figures]


def parse_month(value: str | None) -> str:
    if not value:
        return current_month()
    match = re.fullmatch(r"(\d{4})-(\d{2})", value)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise SimulationInputError("Mois attendu au format AAAA-MM (par exemple 2026-11).")
    year = int(match.group(1))
    if not 2020 <= year <= current_month_year() + 1:
        raise SimulationInputError(
            f"Mois hors des années calculées : de 2020 à {current_month_year() + 1}."
        )
    return value


def current_month_year() -> int:
    return dt.date.today().year


def _previous_months(month: str, count: int) -> list[str]:
    year, number = (int(part) for part in month.split("-"))
    months = []
    for _ in range(count):
        months.append(f"{year:04d}-{number:02d}")
        number -= 1
        if number == 0:
            year, number = year - 1, 12
    return list(reversed(months))


def _birth_date(month: str, age: int) -> str:
    """1 January of the year that gives this age in that month (the convention of docs/gains.md)."""
    return f"{int(month[:4]) - age:04d}-01-01"


def validate(household: Household, person: Person, salaries: list[float]) -> None:
    if not 16 <= person.age <= 100:
        raise SimulationInputError("Âge attendu entre 16 et 100 ans.")
    if len(household.children_ages) > MAX_CHILDREN:
        raise SimulationInputError(f"{MAX_CHILDREN} enfants au plus.")
    if any(not 0 <= age <= 25 for age in household.children_ages):
        raise SimulationInputError("Âge d'un enfant attendu entre 0 et 25 ans.")
    if household.housing not in HOUSING_STATUS:
        raise SimulationInputError("Logement inconnu : locataire, proprietaire ou heberge attendu.")
    if not 0 <= household.rent <= 5000:
        raise SimulationInputError("Loyer mensuel attendu entre 0 et 5 000 €.")
    if not COMMUNE_RE.match(household.commune or ""):
        raise SimulationInputError("Code INSEE de la commune attendu (5 caractères, ex. 59183).")
    if not 0 <= person.are_daily <= 300:
        raise SimulationInputError("Allocation chômage journalière attendue entre 0 et 300 €.")
    if not 1 <= len(salaries) <= MAX_SCENARIOS:
        raise SimulationInputError(f"Entre 1 et {MAX_SCENARIOS} salaires bruts mensuels.")
    if any(not 0 <= salary <= 20000 for salary in salaries):
        raise SimulationInputError("Salaire brut mensuel attendu entre 0 et 20 000 €.")


def are_kept(person: Person, gross: float) -> float:
    """Monthly gross ARE kept while earning `gross` (0 without ARE)."""
    monthly = person.are_daily * ARE_DAYS_PER_MONTH
    return round(max(0.0, monthly - ARE_REDUCTION_RATE * gross), 2)


def build_situation(
    *, month: str, household: Household, person: Person, salaries: list[float]
) -> dict:
    """One OpenFisca situation holding every scenario as its own household (group `g0` is the
    situation without salary)."""
    months = _previous_months(month, MONTHS_OF_STABLE_SITUATION)
    individus, familles, foyers, menages = {}, {}, {}, {}
    for index, gross in enumerate([0.0, *salaries]):
        adult = f"g{index}_personne"
        parents = [adult]
        individus[adult] = {
            "date_naissance": {"ETERNITY": _birth_date(month, person.age)},
            "salaire_de_base": {m: gross for m in months},
        }
        are = are_kept(person, gross)
        if are:
            individus[adult]["chomage_brut"] = {m: are for m in months}
        if household.couple:
            partner = f"g{index}_conjoint"
            parents.append(partner)
            individus[partner] = {"date_naissance": {"ETERNITY": _birth_date(month, person.age)}}
        children = []
        for rank, age in enumerate(household.children_ages):
            child = f"g{index}_enfant{rank}"
            children.append(child)
            individus[child] = {"date_naissance": {"ETERNITY": _birth_date(month, age)}}
        familles[f"g{index}"] = {"parents": parents, "enfants": children}
        foyers[f"g{index}"] = {"declarants": parents, "personnes_a_charge": children}
        menage = {
            "personne_de_reference": [adult],
            "enfants": children,
            "statut_occupation_logement": {m: HOUSING_STATUS[household.housing] for m in months},
            "depcom": {m: household.commune for m in months},
        }
        if household.couple:
            menage["conjoint"] = [parents[1]]
        if household.housing == Housing.TENANT:
            menage["loyer"] = {m: float(household.rent) for m in months}
        menages[f"g{index}"] = menage
    return {
        "individus": individus,
        "familles": familles,
        "foyers_fiscaux": foyers,
        "menages": menages,
    }


def simulate(*, month: str, household: Household, person: Person, salaries: list[float]) -> Answer:
    """The baseline (no salary) and one set of figures per gross monthly salary."""
    from openfisca_core.simulation_builder import SimulationBuilder

    validate(household, person, salaries)
    situation = build_situation(month=month, household=household, person=person, salaries=salaries)
    simulation = SimulationBuilder().build_from_entities(tax_benefit_system(), situation)

    def per_family(variable):
        return simulation.calculate(variable, month)

    net_by_person = simulation.calculate("salaire_net", month)
    are_by_person = simulation.calculate("chomage_net", month)
    people = simulation.persons.ids
    adults = [index for index, name in enumerate(people) if name.endswith("_personne")]
    rsa = per_family("rsa")
    ppa = per_family("ppa")
    housing_aid = per_family("aide_logement")
    family = sum(per_family(name) for name in FAMILY_BENEFITS)

    figures = []
    for group, gross in enumerate([0.0, *salaries]):
        adult = adults[group]
        figures.append(
            Figures(
                gross=round(float(gross), 2),
                net=round(float(net_by_person[adult]), 2),
                are=round(float(are_by_person[adult]), 2),
                rsa=round(float(rsa[group]), 2),
                prime_activite=round(float(ppa[group]), 2),
                aide_logement=round(float(housing_aid[group]), 2),
                prestations_familiales=round(float(family[group]), 2),
            )
        )
    return Answer(month=month, engine=engine_info(), baseline=figures[0], scenarios=figures[1:])
