"""`espaces demo_data`: the brief's January–June 2025 figures, exactly, through the API."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F, Sum

from espaces.accounts.services import token_create
from espaces.orientation.models import OrientationCompletion
from espaces.reception.models import Beneficiary, FollowUp, Referral, Visit
from espaces.stats.indicators import compute_indicators
from espaces.stats.models import DemoDataset
from espaces.stats.selectors import StatsFilter
from espaces.territories.models import Site
from tests.conftest import run_command
from tests.factories import UserFactory


@pytest.fixture
def demo(dunkerque):
    out = run_command("demo_data", "--seed", "2025")
    assert "629 visiteurs du public" in out
    return dunkerque


def test_brief_figures_through_the_summary_api(client, demo):
    coordinator = UserFactory(role="coordinator", territory=demo)
    response = client.get(
        "/api/v1/stats/summary?from=2025-01-01&to=2025-06-30",
        HTTP_AUTHORIZATION=f"Bearer {token_create(user=coordinator)}",
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["visitors"] == 629
    categories = data["by_public_category"]
    assert categories["demandeur_emploi"] == 351
    assert categories["stagiaire_formation"] == 130
    assert categories["salarie"] == 53
    assert sum(categories.values()) == 629
    assert sum(1 for key, n in categories.items() if n and key not in (
        "demandeur_emploi", "stagiaire_formation", "salarie")) >= 5  # fmt: skip
    assert data["professionals"] == 370
    for key in ("by_gender", "by_age_band", "qpv"):
        assert sum(data[key].values()) == 629
    assert data["school_interventions"] == 12
    assert data["schools"] == 9
    assert data["sessions"] > 12
    assert data["by_site"] == {"saint-pol-sur-mer": 629}


def test_demo_is_realistic_and_its_indicators_pass_their_checks(demo):
    # the second Espace opens in July 2025
    gare = Visit.objects.filter(territory=demo, site__slug="gare-dunkerque")
    assert not gare.filter(date__lt=dt.date(2025, 7, 1)).exists()
    assert gare.filter(date__gte=dt.date(2025, 7, 1)).exists()
    first = Visit.objects.filter(territory=demo).order_by("date").first().date
    assert first >= dt.date(2024, 10, 1)
    assert Visit.objects.filter(territory=demo, date__gte=dt.date(2026, 1, 1)).exists()
    # journeys: files with consent, exits, referrals in every state, follow-ups, questionnaires
    files = Beneficiary.objects.filter(territory=demo)
    assert files.count() > 100
    assert files.filter(legal_basis="consentement", consent_given_on__isnull=False).exists()
    assert files.filter(exited_on__isnull=False).exists()
    states = set(Referral.objects.filter(territory=demo).values_list("status", flat=True))
    assert {"envoyee", "acceptee", "refusee", "en_emploi", "entree_formation"} <= states
    assert not Referral.objects.filter(territory=demo, status="refusee", refusal_reason="").exists()
    assert FollowUp.objects.filter(territory=demo, done_on__isnull=False).exists()
    assert OrientationCompletion.objects.filter(territory=demo, site__isnull=True).exists()
    # every visit of a file's first day belongs to the file's Espace
    linked = Visit.objects.filter(territory=demo, beneficiary__isnull=False)
    assert linked.exists() and not linked.exclude(site=F("beneficiary__site")).exists()
    assert Visit.objects.filter(territory=demo).aggregate(n=Sum("group_size"))["n"] > 3000
    for start, end in (
        (dt.date(2025, 1, 1), dt.date(2025, 6, 30)),
        (dt.date(2024, 10, 1), dt.date(2026, 11, 30)),
    ):
        indicators = compute_indicators(territory=demo, filters=StatsFilter(start, end))
        assert indicators.participants > 0
        assert indicators.all_passed, [c.detail for c in indicators.checks if not c.passed]
    # and the command refuses to run twice
    with pytest.raises(CommandError, match="existent déjà.*--reset"):
        call_command("demo_data")
    assert DemoDataset.objects.filter(territory=demo).count() == 1


def test_never_mixed_with_real_data(example_territory, settings):
    from tests.reception.factories import VisitFactory

    settings.ESPACES_TERRITORY = "exemple"
    VisitFactory(site=Site.objects.filter(territory=example_territory).first())
    with pytest.raises(CommandError, match="ne viennent pas de demo_data"):
        call_command("demo_data")
    with pytest.raises(CommandError, match="ne viennent pas de demo_data"):
        call_command("demo_data", "--reset")
    assert Visit.objects.filter(territory=example_territory).count() == 1


def test_reset_rebuilds_the_same_dataset(example_territory, settings):
    settings.ESPACES_TERRITORY = "exemple"
    run_command("demo_data", "--seed", "7")
    first = sorted(Visit.objects.values_list("date", "public_category", "group_size"))
    run_command("demo_data", "--seed", "7", "--reset")
    assert sorted(Visit.objects.values_list("date", "public_category", "group_size")) == first
    summary = Visit.objects.filter(date__range=(dt.date(2025, 1, 1), dt.date(2025, 6, 30)))
    assert (
        summary.exclude(public_category="professionnel_accompagnement").aggregate(
            n=Sum("group_size")
        )["n"]
        == 629
    )


def test_unknown_territory(db, settings):
    settings.ESPACES_TERRITORY = "nulle-part"
    with pytest.raises(CommandError, match="chargez d'abord son pack"):
        call_command("demo_data")
