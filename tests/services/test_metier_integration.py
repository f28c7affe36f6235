"""Job sheets point to the services their conditions call for (SERVICES ↔ CATALOGUE)."""

from espaces.catalogue.models import Metier
from tests.factories import UserFactory


def test_shift_work_job_sheet_lists_night_mobility_and_childcare(client, dunkerque, settings):
    settings.ESPACES_TERRITORY = "dunkerque"
    metier = (
        Metier.objects.filter(territory=dunkerque, conditions__condition="nuit")
        .distinct()
        .order_by("slug")
        .first()
    )
    assert metier is not None
    html = client.get(f"/metiers/{metier.slug}/").content.decode()
    assert "ces services peuvent vous aider" in html
    assert "Taxibus" in html  # night transport of the DK'Bus network
    # No sourced childcare with atypical hours in the pack (TRUST): the former research-note
    # « service » saying no source was found is not published any more.
    assert "pas trouvé de source" not in html
    assert "garde-horaires-decales-reperes" not in html


def test_staff_dashboard_links_to_review_lists(client, example_territory):
    coordinator = UserFactory(role="coordinator", territory=example_territory)
    client.force_login(coordinator)
    html = client.get("/equipe/", HTTP_HOST="exemple.localhost").content.decode()
    assert "/equipe/metiers/a-relire/" in html and "/equipe/services/a-verifier/" in html
    funder = UserFactory(role="funder", territory=example_territory)
    client.force_login(funder)
    html = client.get("/equipe/", HTTP_HOST="exemple.localhost").content.decode()
    assert "/equipe/services/a-verifier/" not in html
