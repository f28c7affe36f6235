import datetime as dt

import pytest
from django.utils import timezone

from espaces.recruitment import services
from espaces.recruitment.figures import recruitment_figures
from espaces.stats.indicators import compute_indicators
from espaces.stats.selectors import StatsFilter
from espaces.territories.models import Sector
from tests.reception.factories import BeneficiaryFactory

from .factories import CandidacyFactory

pytestmark = pytest.mark.django_db


def _hire(candidacy, contract="cdi"):
    for status in ("recue", "entretien", "retenue"):
        services.candidacy_transition(candidacy=candidacy, to_status=status)
    services.candidacy_transition(
        candidacy=candidacy, to_status="embauche", hired_on=timezone.localdate(), contract=contract
    )


def _period():
    today = timezone.localdate()
    return StatsFilter(date_from=today - dt.timedelta(days=30), date_to=today)


def test_figures_count_offers_candidacies_interviews_and_hires(
    world, django_assert_max_num_queries
):
    batteries = Sector.objects.get(territory=world.territory, slug="batteries")
    world.offer_x.sector = batteries
    world.offer_x.save()
    _hire(world.candidacy_x)  # a woman, industrial job
    man = BeneficiaryFactory(territory=world.territory, gender="homme", qpv="oui")
    second = CandidacyFactory(offer=world.offer_y, beneficiary=man)
    _hire(second, contract="interim")
    CandidacyFactory(offer=world.offer_x, beneficiary=BeneficiaryFactory(territory=world.territory))
    with django_assert_max_num_queries(2):
        figures = recruitment_figures(territory=world.territory, filters=_period())
    assert (figures["offers"], figures["posts"]) == (2, 4)
    assert (figures["candidacies"], figures["interviews"], figures["hires"]) == (3, 2, 2)
    assert figures["by_contract"]["cdi"] == 1 and figures["by_contract"]["interim"] == 1
    assert figures["by_employer"] == {"Usine d'exemple": 1, "Autre usine": 1}
    assert figures["by_gender"]["femme"] == 1 and figures["qpv"]["oui"] == 1
    assert figures["by_public"]["demandeur_emploi"] == 2
    assert (figures["hires_industrial"], figures["women_hired_industrial"]) == (1, 1)
    assert figures["women_share_hired_industrial"] == 1.0
    assert figures["table"].rows[0][0] in {"Usine d'exemple", "Autre usine"}
    site_filter = StatsFilter(
        date_from=_period().date_from, date_to=_period().date_to, site=world.site_a
    )
    assert recruitment_figures(territory=world.territory, filters=site_filter)["hires"] == 1


def test_hires_feed_eecr04(world):
    filters = _period()
    before = compute_indicators(territory=world.territory, filters=filters).by_code["EECR04"]
    _hire(world.candidacy_x)
    after = compute_indicators(territory=world.territory, filters=filters).by_code["EECR04"]
    assert after.values["femmes"] == before.values["femmes"] + 1


def test_other_territory_counts_nothing(world):
    _hire(world.candidacy_x)
    figures = recruitment_figures(territory=world.other, filters=_period())
    assert (figures["offers"], figures["hires"]) == (0, 0)


def test_dashboard_and_report_show_the_recruitment_section(client, world):
    _hire(world.candidacy_x)
    client.force_login(world.users.funder)
    today = timezone.localdate().isoformat()
    query = f"?date_from={today}&date_to={today}"
    page = client.get("/equipe/statistiques/" + query).content.decode()
    assert "Recrutement : offres, candidatures relayées, embauches" in page
    # A funder reads protected figures (docs/stats.md): one hire is under k, never shown.
    data = client.get("/equipe/statistiques/bilan.json" + query).json()
    assert data["recruitment"]["hires"] != 1
    # The coordinator reads the exact figures.
    client.force_login(world.users.coordinator)
    data = client.get("/equipe/statistiques/bilan.json" + query).json()
    assert data["recruitment"]["hires"] == 1


def test_public_impact_suppresses_small_hire_counts(client, world):
    _hire(world.candidacy_x)
    page = client.get("/impact/").content.decode()
    assert "embauches après une candidature relayée par un Espace" in page
    assert "moins de 5" in page
