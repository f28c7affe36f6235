"""Every figure of a closed period is the same before and after `purge_personal_data`
(docs/rgpd.md): the ESF+ indicators (EECO12–EECO16 included, kept as counts once the answers
are erased), the gender-bias indicator, every dashboard figure, the API and the public page."""

import datetime as dt

import pytest
from django.core.management import call_command

from espaces.reception.models import Beneficiary, SensitiveTally
from espaces.reception.retention import purge_personal_data
from espaces.stats.bilan import build_bilan
from espaces.stats.indicators import compute_indicators
from espaces.stats.selectors import StatsFilter, gender_bias_figures
from tests.reception.factories import BeneficiaryFactory

pytestmark = pytest.mark.django_db

PERIODS = [
    (dt.date(2025, 1, 1), dt.date(2025, 6, 30)),
    (dt.date(2025, 3, 10), dt.date(2025, 3, 10)),
    (dt.date(2025, 3, 1), dt.date(2025, 3, 31)),
    (dt.date(2024, 10, 1), dt.date(2025, 12, 31)),
]
FAR_FUTURE = dt.date(2040, 1, 1)


@pytest.fixture
def sensitive(semester):
    """More files with every sensitive answer, on two sites and two genders."""
    t = semester.territory
    for site, gender in ((semester.centre, "femme"), (semester.gare, "homme"), (None, "autre")):
        BeneficiaryFactory(
            territory=t, site=site, gender=gender, opened_on=dt.date(2025, 3, 10),
            employment_status="demandeur_emploi", disability="oui",
            third_country_national="oui", foreign_background="oui", minority="oui",
            homeless="oui",
        )  # fmt: skip
    BeneficiaryFactory(
        territory=t, site=semester.centre, gender="femme", opened_on=dt.date(2025, 3, 10),
        employment_status="inactif", disability="non", minority="ne_souhaite_pas_repondre",
    )  # fmt: skip
    return semester


def _figures(world):
    t = world.territory
    out = {}
    for start, end in PERIODS:
        for site in (None, world.centre, world.gare):
            filters = StatsFilter(date_from=start, date_to=end, site=site)
            bilan = build_bilan(territory=t, filters=filters).as_dict()
            bilan.pop("generated_on")
            out[(start, end, site and site.slug, "bilan")] = bilan
            indicators = compute_indicators(territory=t, filters=filters)
            out[(start, end, site and site.slug, "eeco")] = {
                v.code: v.values for v in indicators.values
            }
            bias = gender_bias_figures(territory=t, filters=filters)
            out[(start, end, site and site.slug, "bias")] = (bias["by_gender"], bias["people"])
    return out


def _api(client, world, bearer):
    headers = bearer(world.users.coordinator)
    out = {}
    for start, end in PERIODS:
        query = f"from={start}&to={end}"
        for path in ("/api/v1/stats/summary", "/api/v1/stats/indicators"):
            response = client.get(f"{path}?{query}", **headers)
            assert response.status_code == 200
            out[(path, query)] = response.json()
    return out


def test_every_figure_of_a_closed_period_is_identical_after_the_purge(client, sensitive, bearer):
    world = sensitive
    before = _figures(world)
    api_before = _api(client, world, bearer)
    client.force_login(world.users.coordinator)
    page_before = client.get(
        "/equipe/statistiques/?date_from=2025-01-01&date_to=2025-06-30"
    ).content.decode()
    public_before = client.get("/impact/").content.decode()
    eeco12 = before[(*PERIODS[0], None, "eeco")]["EECO12"]
    assert eeco12 == {"femmes": 2, "hommes": 1, "non_binaires": 1, "non_renseigne": 0}
    assert before[(*PERIODS[0], None, "bias")][1] == 2  # the woman and the man

    report = purge_personal_data(today=FAR_FUTURE)

    assert report.counts["dossiers de suivi"] == Beneficiary.objects.count()
    assert not Beneficiary.objects.exclude(disability="").exists()
    assert not Beneficiary.objects.exclude(first_name="").exists()
    assert SensitiveTally.objects.count() == 3  # centre/femme, gare/homme, no site/autre
    after = _figures(world)
    for key, value in before.items():
        assert after[key] == value, key
    assert _api(client, world, bearer) == api_before
    page_after = client.get(
        "/equipe/statistiques/?date_from=2025-01-01&date_to=2025-06-30"
    ).content.decode()
    assert page_after == page_before
    assert client.get("/impact/").content.decode() == public_before


def test_purging_twice_and_the_command_change_nothing_more(sensitive):
    world = sensitive
    filters = StatsFilter(date_from=PERIODS[0][0], date_to=PERIODS[0][1])
    before = {v.code: v.values for v in compute_indicators(
        territory=world.territory, filters=filters).values}  # fmt: skip
    purge_personal_data(today=FAR_FUTURE)
    call_command("purge_personal_data", verbosity=0)
    purge_personal_data(today=FAR_FUTURE)
    after = {v.code: v.values for v in compute_indicators(
        territory=world.territory, filters=filters).values}  # fmt: skip
    assert after == before
