"""POST /api/v1/simulations/emploi (docs/api.md, docs/gains.md): the same household with no
salary and with each gross monthly salary, computed by OpenFisca-France. Nothing is stored."""

from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from espaces.api.schemas import Message

from .engine import (
    MAX_CHILDREN,
    MAX_SCENARIOS,
    Household,
    Person,
    SimulationInputError,
    parse_month,
    simulate,
)
from .enums import Housing

router = Router(tags=["simulations"])


class HouseholdIn(Schema):
    couple: bool = False
    children_ages: list[int] = Field(default_factory=list, max_length=MAX_CHILDREN)
    housing: Housing = Housing.TENANT
    rent: float = 0
    commune: str = Field("59183", max_length=5)


class PersonIn(Schema):
    age: int


class SimulationIn(Schema):
    month: str | None = Field(
        None, max_length=7, description="AAAA-MM ; par défaut le mois en cours"
    )
    household: HouseholdIn
    person: PersonIn
    salaries: list[float] = Field(..., max_length=MAX_SCENARIOS)


class FiguresOut(Schema):
    gross: float
    net: float
    rsa: float
    prime_activite: float
    aide_logement: float
    prestations_familiales: float
    total: float


class EngineOut(Schema):
    name: str
    version: str


class SimulationOut(Schema):
    month: str
    engine: EngineOut
    baseline: FiguresOut
    scenarios: list[FiguresOut]


@router.post(
    "/simulations/emploi",
    response={200: SimulationOut, 400: Message, 422: Message},
    summary="Revenus du foyer avec et sans emploi (OpenFisca-France)",
)
def simulation_emploi(request, body: SimulationIn):
    try:
        month = parse_month(body.month)
        answer = simulate(
            month=month,
            household=Household(
                couple=body.household.couple,
                children_ages=tuple(body.household.children_ages),
                housing=body.household.housing,
                rent=body.household.rent,
                commune=body.household.commune,
            ),
            person=Person(age=body.person.age),
            salaries=list(body.salaries),
        )
    except SimulationInputError as exc:
        raise HttpError(422, f"Données invalides : {exc}") from exc
    return {
        "month": answer.month,
        "engine": answer.engine,
        "baseline": answer.baseline.as_dict(),
        "scenarios": [figures.as_dict() for figures in answer.scenarios],
    }
