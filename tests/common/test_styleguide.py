"""The team's « guide de style » page: reserved to the staff of the territory, and rendering
every component through the site's real templates."""

import pytest

from espaces.accounts.enums import Role
from espaces.common.pictograms import PICTOS
from tests.factories import UserFactory

URL = "/equipe/guide-de-style/"


def test_anonymous_visitor_is_sent_to_the_login_page(client, settings_example):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/equipe/connexion/?next=")


@pytest.mark.parametrize("role", [Role.PARTNER, Role.FUNDER, Role.EMPLOYER])
def test_other_roles_are_refused(client, example_territory, settings_example, role):
    from espaces.territories.models import Partner

    organisation = Partner.objects.filter(territory=example_territory).first()
    user = UserFactory(role=role, territory=example_territory, organisation=organisation)
    client.force_login(user)
    assert client.get(URL).status_code == 403


def test_staff_of_another_territory_is_refused(client, settings_example):
    client.force_login(UserFactory(role=Role.COORDINATOR))  # a territory of its own
    assert client.get(URL).status_code == 403


@pytest.mark.parametrize("role", [Role.MEDIATOR, Role.COORDINATOR])
def test_mediators_and_coordinators_see_every_component(
    client, example_territory, settings_example, role
):
    client.force_login(UserFactory(role=role, territory=example_territory))
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    # Tokens, each one shown.
    for token in ("--brand", "--accent", "--space-4", "--text-xl", "--brand-tint"):
        assert f"<code>{token}</code>" in html, token
    # Buttons, cards from the catalogue and the services, figure, source, statuses.
    assert 'class="button-secondary"' in html and 'class="button-small"' in html
    assert 'class="card metier-card"' in html
    assert 'class="service-card"' in html
    assert 'class="figure-line"' in html
    assert 'class="source"' in html
    for status in ("en_production", "en_construction", "annonce", "suspendu", "abandonne"):
        assert f"status status-{status}" in html, status
    # A form with its errors, linked to its fields.
    assert 'aria-invalid="true"' in html and 'class="error"' in html
    assert 'id="id_email_erreur"' in html and 'id="id_first_name_erreur"' in html
    # A table, the notices, the EU footer.
    assert "<caption>Exemple de tableau" in html
    for notice in ("message-info", "message-success", "message-error", "demo-banner", "empty"):
        assert notice in html, notice
    assert "Cofinancé par l&#x27;Union européenne" in html or "Cofinancé par l'Union" in html
    # Every pictogram, decorative, and one announced with its label.
    assert html.count('class="picto picto-') >= len(PICTOS)
    assert 'role="img" aria-label="Agenda"' in html
    # No photo in the example pack: no placeholder image either.
    assert '<figure class="photo"' not in html
