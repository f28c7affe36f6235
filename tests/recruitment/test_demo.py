import datetime as dt

import pytest
from django.utils import timezone

from espaces.recruitment.enums import CandidacyStatus, OfferStatus
from espaces.recruitment.figures import recruitment_figures
from espaces.recruitment.models import Candidacy, Offer
from espaces.stats.indicators import compute_indicators
from espaces.stats.selectors import StatsFilter
from tests.conftest import run_command

pytestmark = pytest.mark.django_db


def test_demo_data_adds_offers_candidacies_and_hires_consistent_with_the_files(dunkerque):
    out = run_command("demo_data", "--seed", "2025")
    assert "629 visiteurs du public" in out  # the brief's figures are unchanged
    offers = Offer.objects.filter(territory=dunkerque)
    assert offers.filter(status=OfferStatus.OPEN).exists()
    # the employers are real companies: every demo offer says it is fictional
    assert not offers.exclude(title__endswith="(offre fictive de démonstration)").exists()
    assert offers.filter(status__in=[OfferStatus.CLOSED, OfferStatus.ARCHIVED]).exists()
    hires = Candidacy.objects.filter(territory=dunkerque, status=CandidacyStatus.EMBAUCHE)
    assert hires.exists()
    for hire in hires.select_related("beneficiary"):
        assert hire.beneficiary.exit_outcome == "en_emploi"
        assert hire.hired_on == hire.beneficiary.exited_on
        assert hire.events.last().to_status == "embauche"
    assert Candidacy.objects.filter(territory=dunkerque, status="non_retenue").exists()
    everything = StatsFilter(date_from=dt.date(2024, 10, 1), date_to=timezone.localdate())
    figures = recruitment_figures(territory=dunkerque, filters=everything)
    eecr04 = compute_indicators(territory=dunkerque, filters=everything).by_code["EECR04"]
    assert (
        0
        < figures["hires"]
        <= eecr04.total + hires.filter(beneficiary__employment_status="salarie").count()
    )
    assert figures["offers"] == offers.count()
    # deleting the demo removes its offers too
    run_command("demo_data", "--seed", "2025", "--reset")
    assert Offer.objects.filter(territory=dunkerque).count() == figures["offers"]
