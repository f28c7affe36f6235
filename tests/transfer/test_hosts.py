"""Which territory answers a request: ESPACES_TERRITORY_HOSTS, the packs' hosts, `?territory=`
on the API, else ESPACES_TERRITORY."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from espaces.territories.packs import load_pack
from espaces.territories.selectors import parse_territory_hosts, territory_for_request
from tests.conftest import EXAMPLE_PACK

from .conftest import EXAMPLE_B_PACK

pytestmark = pytest.mark.django_db


@pytest.fixture
def both(db, settings):
    settings.ALLOWED_HOSTS = ["*"]
    settings.ESPACES_TERRITORY = "exemple"
    settings.ESPACES_TERRITORY_HOSTS = ""
    load_pack(EXAMPLE_PACK)
    load_pack(EXAMPLE_B_PACK)


def slug_for(path, host):
    request = RequestFactory().get(path, HTTP_HOST=host)
    territory = territory_for_request(request)
    return territory.slug if territory else None


def test_parse_territory_hosts():
    assert parse_territory_hosts("a=x.fr, www.x.fr ; b=Y.fr") == {
        "x.fr": "a",
        "www.x.fr": "a",
        "y.fr": "b",
    }
    assert parse_territory_hosts("") == {}
    with pytest.raises(ImproperlyConfigured, match="ne suit pas la forme"):
        parse_territory_hosts("a:x.fr")
    with pytest.raises(ImproperlyConfigured, match="donné à deux territoires"):
        parse_territory_hosts("a=x.fr;b=x.fr")


def test_host_of_the_pack_then_default(both):
    assert slug_for("/", "exemple-b.localhost") == "exemple-b"
    assert slug_for("/", "exemple.localhost") == "exemple"
    assert slug_for("/", "inconnu.localhost") == "exemple"


def test_environment_hosts_come_first(both, settings):
    settings.ESPACES_TERRITORY_HOSTS = "exemple-b=emplois.quetzal.fr;exemple=exemple-b.localhost"
    assert slug_for("/", "emplois.quetzal.fr") == "exemple-b"
    assert slug_for("/", "EMPLOIS.quetzal.fr:8000") == "exemple-b"
    assert slug_for("/", "exemple-b.localhost") == "exemple"  # the deployment overrides the pack


def test_environment_variable_is_read_when_the_setting_is_absent(both, settings, monkeypatch):
    del settings.ESPACES_TERRITORY_HOSTS
    monkeypatch.setenv("ESPACES_TERRITORY_HOSTS", "exemple-b=b.example.org")
    assert slug_for("/", "b.example.org") == "exemple-b"


def test_territory_parameter_only_on_the_api(both):
    assert slug_for("/api/v1/territory?territory=exemple-b", "exemple.localhost") == "exemple-b"
    assert slug_for("/metiers/?territory=exemple-b", "exemple.localhost") == "exemple"
    assert slug_for("/api/v1/territory?territory=inconnu", "exemple.localhost") is None


def test_unknown_territory_on_the_api_is_404_in_french(client, both):
    response = client.get("/api/v1/metiers?territory=inconnu", HTTP_HOST="exemple.localhost")
    assert response.status_code == 404
    assert "Territoire inconnu" in response.json()["message"]


def test_the_territory_of_a_host_is_remembered_until_an_edit(
    both, django_assert_num_queries, monkeypatch
):
    """A host's territory is kept by the process until the content version changes: no query
    at the next request, each request its own copy, an edit (or a new host) seen at once."""
    from espaces.territories import selectors
    from espaces.territories.models import Territory, TerritoryHost

    def territory():
        return territory_for_request(RequestFactory().get("/", HTTP_HOST="exemple-b.localhost"))

    first = territory()
    with django_assert_num_queries(0):
        second = territory()
    assert second == first and second is not first
    second.name = "Changé dans une requête"  # stays in that request
    assert territory().name != "Changé dans une requête"
    renamed = Territory.objects.get(slug="exemple-b")
    renamed.name = "Exemple B renommé"
    renamed.save()
    assert territory().name == "Exemple B renommé"
    # a write without signal (another worker's edit under a per-process cache): read again
    # once the memo's minute is over
    Territory.objects.filter(slug="exemple-b").update(name="Exemple B, autre processus")
    assert territory().name == "Exemple B renommé"
    monkeypatch.setattr(selectors, "_BY_HOST_SECONDS", 0.0)
    assert territory().name == "Exemple B, autre processus"
    TerritoryHost.objects.filter(host="exemple-b.localhost").delete()
    assert territory().slug == "exemple"  # the default, once the pack's host is gone


def test_a_changed_setting_is_seen_at_once(both, settings):
    assert slug_for("/", "autre.localhost") == "exemple"
    settings.ESPACES_TERRITORY = "exemple-b"
    assert slug_for("/", "autre.localhost") == "exemple-b"
    settings.ESPACES_TERRITORY_HOSTS = "exemple=autre.localhost"
    assert slug_for("/", "autre.localhost") == "exemple"
