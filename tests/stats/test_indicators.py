"""ESF+ / JTF participant indicators: values by gender, « non collecté », consistency checks,
and GET /api/v1/stats/indicators."""

import datetime as dt

import pytest

from espaces.reception.enums import ExitOutcome
from espaces.stats.indicators import IndicatorValue, compute_indicators, consistency_checks
from espaces.stats.selectors import StatsFilter
from tests.reception.factories import BeneficiaryFactory

from .conftest import SEMESTER


@pytest.fixture
def indicators(semester):
    return compute_indicators(territory=semester.territory, filters=StatsFilter(*SEMESTER))


def values(indicators, code):
    return indicators.by_code[code].values


def test_participants_are_files_opened_in_the_period_by_gender(indicators):
    assert indicators.participants == 3
    assert values(indicators, "EECO01") == {
        "femmes": 1,
        "hommes": 1,
        "non_binaires": 1,
        "non_renseigne": 0,
    }
    assert values(indicators, "EECO02")["femmes"] == 1
    assert values(indicators, "EECO03")["femmes"] == 1
    assert values(indicators, "EECO04")["hommes"] == 1
    assert values(indicators, "EECO05")["non_binaires"] == 1
    assert values(indicators, "EECO07")["hommes"] == 1
    assert values(indicators, "EECO09")["femmes"] == 1
    assert values(indicators, "EECO12")["femmes"] == 1


def test_results_at_exit_and_at_six_months(indicators):
    assert indicators.by_code["EECR04"].total == 1
    assert indicators.by_code["EECR05"].values["femmes"] == 1
    assert indicators.by_code["EECR01"].total == 0


def test_job_search_and_employment_at_exit_count_a_change_of_situation_only(semester):
    """EECR01 and EECR04 record a change of labour market situation (SFC2021 FAQ): someone
    already employed at entry and employed at exit, or unemployed at entry and still searching,
    is not a result; the other exit situations count whatever the situation at entry."""
    t = semester.territory
    day, left = dt.date(2026, 2, 2), dt.date(2026, 3, 2)
    for status, outcome in [
        ("salarie", ExitOutcome.EN_EMPLOI),  # no change: not in EECR04
        ("demandeur_emploi", ExitOutcome.EN_EMPLOI),  # EECR04
        ("etudes_formation", ExitOutcome.EN_EMPLOI),  # inactive at entry: EECR04
        ("demandeur_emploi", ExitOutcome.EN_RECHERCHE),  # no change: not in EECR01
        ("inactif", ExitOutcome.EN_RECHERCHE),  # EECR01
        ("salarie", ExitOutcome.QUALIFICATION),  # EECR03 whatever the situation at entry
    ]:
        BeneficiaryFactory(territory=t, gender="femme", employment_status=status,
                           opened_on=day, exited_on=left, exit_outcome=outcome)  # fmt: skip
    result = compute_indicators(
        territory=t, filters=StatsFilter(dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    )
    assert result.participants == 6
    assert result.by_code["EECR04"].total == 2
    assert result.by_code["EECR01"].total == 1
    assert result.by_code["EECR03"].total == 1
    assert result.all_passed


def test_labels_follow_the_regulation_wording(indicators):
    labels = {v.code: v.label for v in indicators.values}
    assert "au plus" in labels["EECO09"] and "CITE 0 à 2" in labels["EECO09"]
    assert "Titulaires" not in labels["EECO10"] and "(CITE 3)" in labels["EECO10"]
    assert "CITE 5 à 8" in labels["EECO11"]


def test_what_is_not_collected_is_said_never_invented(indicators):
    for code in ("EECO17", "EECR06"):
        value = indicators.by_code[code]
        assert not value.collected and value.total is None
        assert value.as_dict()["total"] == "non collecté"
    codes = [v.code for v in indicators.values]
    assert codes == [f"EECO{n:02d}" for n in range(1, 18)] + [f"EECR{n:02d}" for n in range(1, 7)]


def test_anonymous_visitors_are_reported_apart(indicators):
    assert indicators.anonymous_visitors == 12 and indicators.professionals == 4


def test_checks_pass_on_consistent_data(indicators):
    assert indicators.all_passed
    assert len(indicators.checks) == 6


def _value(code, kind="realisation", **columns):
    base = {"femmes": 0, "hommes": 0, "non_binaires": 0, "non_renseigne": 0}
    return IndicatorValue(code, code, kind, "", {**base, **columns})


def test_checks_fail_and_say_where_on_inconsistent_figures():
    by_code = {
        "EECO01": _value("EECO01", femmes=5, hommes=3),
        "EECO02": _value("EECO02", femmes=2, hommes=3),
        "EECO03": _value("EECO03", femmes=3),
        "EECO04": _value("EECO04", femmes=1),
        "EECO05": _value("EECO05", femmes=1),
        **{c: _value(c) for c in ("EECO06", "EECO07", "EECO08", "EECO09", "EECO10", "EECO11")},
        "EECR01": _value("EECR01", "resultat_immediat"),
        "EECR02": _value("EECR02", "resultat_immediat"),
        "EECR03": _value("EECR03", "resultat_immediat"),
        "EECR04": _value("EECR04", "resultat_immediat", hommes=4),
    }
    checks = {c.label.split(" (")[0]: c for c in consistency_checks(by_code)}
    assert checks["EECO01 = EECO02 + EECO04 + EECO05"].passed is False
    assert "femmes (5 ≠ 4)" in checks["EECO01 = EECO02 + EECO04 + EECO05"].detail
    assert checks["EECO03 ≤ EECO02"].passed is False
    assert checks["Aucun résultat au-dessus de sa réalisation"].passed is False
    assert "EECR04 hommes (4 > 3)" in checks["Aucun résultat au-dessus de sa réalisation"].detail


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("funder", 200),
        ("coordinator", 200),
        ("mediator", 403),
        ("partner", 403),
        ("other_coordinator", 403),
    ],
)
def test_indicators_api_roles(client, semester, bearer, role, status):
    user = getattr(semester.users, role)
    response = client.get("/api/v1/stats/indicators?from=2025-01-01&to=2025-06-30", **bearer(user))
    assert response.status_code == status
    if status == 200:
        data = response.json()
        by_code = {i["code"]: i for i in data["indicators"]}
        assert by_code["EECO17"]["total"] == "non collecté"
        if role == "funder":  # protected: every monthly count under 5 withheld (disclosure)
            assert data["protected"] is True and data["participants"] == 0
            assert by_code["EECO01"]["femmes"] == 0 and by_code["EECO12"]["total"] == 0
            assert data["anonymous_visitors"] == 8  # April's 8 trainees; March's 4 withheld
            return
        assert data["participants"] == 3 and data["all_checks_passed"] is True
        assert by_code["EECO01"]["femmes"] == 1
        assert data["anonymous_visitors"] == 12
    else:
        assert "message" in response.json()


def test_indicators_api_needs_a_token_and_valid_dates(client, semester, bearer):
    assert client.get("/api/v1/stats/indicators?from=2025-01-01&to=2025-06-30").status_code == 401
    headers = bearer(semester.users.funder)
    bad = client.get("/api/v1/stats/indicators?from=2025-13-01&to=2025-06-30", **headers)
    assert bad.status_code == 400 and "AAAA-MM-JJ" in bad.json()["message"]
    reversed_ = client.get("/api/v1/stats/indicators?from=2025-06-30&to=2025-01-01", **headers)
    assert reversed_.status_code == 400
    unknown = client.get(
        "/api/v1/stats/indicators?from=2025-01-01&to=2025-06-30&site=nulle-part", **headers
    )
    assert unknown.status_code == 404 and "centre" in unknown.json()["message"]
