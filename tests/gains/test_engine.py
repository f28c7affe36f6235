"""The simulator's figures are OpenFisca-France's own: each household of the table is computed
again here the idiomatic way (one situation per household, the salary as an OpenFisca axis over
the four months of the stable situation) and compared within one euro."""

import pytest

from espaces.gains import engine
from espaces.gains.engine import Household, Person, SimulationInputError, simulate

# OpenFisca-France loads once per process (about 10 s of CPU): its tests share a worker.
pytestmark = pytest.mark.xdist_group("openfisca")

MONTH = "2026-06"
MONTHS = ["2026-03", "2026-04", "2026-05", "2026-06"]
SALARIES = [0.0, 900.0, 1850.0, 2600.0]  # none, part-time, about the SMIC, above
HOUSING = {
    "locataire": "locataire_vide",
    "proprietaire": "proprietaire",
    "heberge": "loge_gratuitement",
}

HOUSEHOLDS = [
    # alone, no child, tenant
    {"couple": False, "children": [], "housing": "locataire", "rent": 480, "age": 35},
    # single parent, one toddler, tenant
    {"couple": False, "children": [2], "housing": "locataire", "rent": 560, "age": 29},
    # couple, two children, tenant
    {"couple": True, "children": [5, 9], "housing": "locataire", "rent": 650, "age": 41},
    # couple, three children, owner
    {"couple": True, "children": [1, 7, 14], "housing": "proprietaire", "rent": 0, "age": 38},
    # alone, hosted, under 25
    {"couple": False, "children": [], "housing": "heberge", "rent": 0, "age": 23},
]


def reference(case: dict) -> dict[str, list[float]]:
    """OpenFisca-France directly: one household, salaries along an axis."""
    from openfisca_core.simulation_builder import SimulationBuilder

    year = int(MONTH[:4])
    people = {"moi": {"date_naissance": {"ETERNITY": f"{year - case['age']}-01-01"}}}
    parents = ["moi"]
    if case["couple"]:
        people["conjoint"] = {"date_naissance": {"ETERNITY": f"{year - case['age']}-01-01"}}
        parents.append("conjoint")
    children = []
    for n, age in enumerate(case["children"]):
        people[f"enfant{n}"] = {"date_naissance": {"ETERNITY": f"{year - age}-01-01"}}
        children.append(f"enfant{n}")
    menage = {
        "personne_de_reference": ["moi"],
        "enfants": children,
        "statut_occupation_logement": dict.fromkeys(MONTHS, HOUSING[case["housing"]]),
        "depcom": dict.fromkeys(MONTHS, "59183"),
    }
    if case["couple"]:
        menage["conjoint"] = ["conjoint"]
    if case["housing"] == "locataire":
        menage["loyer"] = dict.fromkeys(MONTHS, case["rent"])
    situation = {
        "individus": people,
        "familles": {"famille": {"parents": parents, "enfants": children}},
        "foyers_fiscaux": {"foyer": {"declarants": parents, "personnes_a_charge": children}},
        "menages": {"menage": menage},
        "axes": [
            [
                {
                    "name": "salaire_de_base",
                    "period": month,
                    "min": SALARIES[0],
                    "max": SALARIES[-1],
                    "count": len(SALARIES),
                    "index": 0,
                }
                for month in MONTHS
            ]
        ],
    }
    # An axis spreads evenly: make the table's salaries an even spread.
    simulation = SimulationBuilder().build_from_entities(engine.tax_benefit_system(), situation)
    salaries = simulation.calculate("salaire_de_base", MONTH)
    family = sum(
        simulation.calculate(name, MONTH)
        for name in ("af_nettes_crds", "cf_net_crds", "asf_nette_crds", "paje_nette_crds")
    )
    size = len(people)
    return {
        "gross": [float(v) for v in salaries[::size]],
        "net": [float(v) for v in simulation.calculate("salaire_net", MONTH)[::size]],
        "rsa": [float(v) for v in simulation.calculate("rsa", MONTH)],
        "prime_activite": [float(v) for v in simulation.calculate("ppa", MONTH)],
        "aide_logement": [float(v) for v in simulation.calculate("aide_logement", MONTH)],
        "prestations_familiales": [float(v) for v in family],
    }


@pytest.fixture(scope="module")
def evenly_spread():
    step = (SALARIES[-1] - SALARIES[0]) / (len(SALARIES) - 1)
    return [round(SALARIES[0] + step * n, 2) for n in range(len(SALARIES))]


@pytest.mark.parametrize(
    "case",
    HOUSEHOLDS,
    ids=lambda c: f"{len(c['children'])}enf-{c['housing']}-{'couple' if c['couple'] else 'seul'}",
)
def test_figures_equal_openfisca_france_within_one_euro(case, evenly_spread):
    expected = reference(case)
    assert expected["gross"] == pytest.approx(evenly_spread, abs=0.01)
    answer = simulate(
        month=MONTH,
        household=Household(
            couple=case["couple"],
            children_ages=tuple(case["children"]),
            housing=case["housing"],
            rent=case["rent"],
            commune="59183",
        ),
        person=Person(age=case["age"]),
        salaries=evenly_spread[1:],
    )
    columns = [answer.baseline, *answer.scenarios]
    for field in ("net", "rsa", "prime_activite", "aide_logement", "prestations_familiales"):
        got = [getattr(figures, field) for figures in columns]
        assert got == pytest.approx(expected[field], abs=1.0), field
    for figures in columns:
        assert figures.total == pytest.approx(
            figures.net
            + figures.rsa
            + figures.prime_activite
            + figures.aide_logement
            + figures.prestations_familiales,
            abs=0.02,
        )


def test_a_job_is_worth_more_than_no_job_for_a_single_parent():
    answer = simulate(
        month=MONTH,
        household=Household(children_ages=(3,), housing="locataire", rent=550, commune="59183"),
        person=Person(age=30),
        salaries=[1850.0],
    )
    baseline, job = answer.baseline, answer.scenarios[0]
    assert baseline.rsa > 0 and baseline.net == 0
    assert job.net > 1300 and job.prime_activite > 0
    assert job.total > baseline.total


def test_are_is_kept_in_part_while_working():
    person = Person(age=45, are_daily=40.0)
    assert engine.are_kept(person, 0) == 1200.0
    assert engine.are_kept(person, 1000) == 500.0
    assert engine.are_kept(person, 2000) == 0.0
    answer = simulate(
        month=MONTH,
        household=Household(housing="heberge", commune="59183"),
        person=person,
        salaries=[1000.0],
    )
    assert answer.baseline.are == pytest.approx(1200, abs=60)  # net of contributions
    assert 0 < answer.scenarios[0].are < answer.baseline.are


def test_engine_version_is_the_pinned_one():
    from tests.conftest import ROOT

    lock = (ROOT / "requirements-openfisca.lock").read_text()
    assert f"openfisca-france=={engine.engine_info()['version']}" in lock.lower()
    assert engine.engine_info()["name"] == "OpenFisca-France"


def test_smic_comes_from_the_engine_parameters():
    # SMIC horaire brut 11,88 € from 1 November 2024 (décret n° 2024-951), 35 h a week.
    assert engine.smic_gross_monthly("2025-06") == pytest.approx(1801.80, abs=0.01)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"person": Person(age=12)}, "Âge"),
        ({"household": Household(children_ages=(30,))}, "enfant"),
        ({"household": Household(commune="Dunkerque")}, "INSEE"),
        ({"household": Household(housing="chateau")}, "Logement"),
        ({"salaries": []}, "salaires"),
        ({"salaries": [-5.0]}, "Salaire"),
        ({"salaries": [1000.0] * 41}, "salaires"),
    ],
)
def test_bad_input_is_refused_in_french(kwargs, message):
    arguments = {
        "month": MONTH,
        "household": Household(),
        "person": Person(age=30),
        "salaries": [1000.0],
        **kwargs,
    }
    with pytest.raises(SimulationInputError, match=message):
        simulate(**arguments)


def test_months_are_checked():
    assert engine.parse_month("2026-02") == "2026-02"
    assert engine.parse_month(None) == engine.current_month()
    for bad in ("2026-13", "26-01", "1900-01", "abcd-ef"):
        with pytest.raises(SimulationInputError):
            engine.parse_month(bad)
