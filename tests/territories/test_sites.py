"""The Espaces as places: sites.yaml fields, « Nous trouver » pages, /api/v1/territory."""

import datetime as dt
import shutil
from decimal import Decimal

import pytest
import yaml
from django.urls import reverse

from espaces.territories.models import Site
from espaces.territories.packs import PackValidationError, load_pack
from espaces.territories.packs.export import export_pack
from tests.conftest import EXAMPLE_PACK


@pytest.fixture
def centre(example_territory):
    return Site.objects.get(territory=example_territory, slug="centre")


def test_pack_loads_every_site_field(centre):
    assert centre.address == "1 place de l'Exemple"
    assert centre.postcode == "99100"
    assert centre.hours == {
        "lundi": ["09:00-12:30", "13:30-17:00"],
        "mercredi": ["09:00-12:30"],
        "vendredi": ["13:30-17:00"],
    }
    assert centre.hours_exceptions == [
        {
            "date": "2030-07-14",
            "until": None,
            "hours": ["10:00-12:00"],
            "label": "Matinée seulement",
        },
        {
            "date": "2030-12-24",
            "until": "2031-01-01",
            "hours": [],
            "label": "Fermeture de fin d'année",
        },
    ]
    assert centre.phone == "01 99 00 00 00"
    assert centre.email == "centre@exemple.invalid"
    assert centre.bus_stops == [
        {"name": "Place de l'Exemple", "lines": ["1", "4"], "walk_minutes": 2}
    ]
    assert (centre.latitude, centre.longitude) == (Decimal("50.500000"), Decimal("2.250000"))
    assert centre.verified_on == dt.date(2030, 1, 15)
    assert centre.editor_note.startswith("NOTE-INTERNE-EXEMPLE")
    assert centre.osm_url == (
        "https://www.openstreetmap.org/?mlat=50.500000&mlon=2.250000#map=18/50.500000/2.250000"
    )


def test_loading_the_sites_twice_changes_nothing_and_export_gives_them_back(
    example_territory, tmp_path
):
    assert load_pack(EXAMPLE_PACK).changed == 0
    out = tmp_path / "out"
    export_pack(example_territory, out)
    sites = yaml.safe_load((out / "sites.yaml").read_text())
    centre = next(s for s in sites if s["slug"] == "centre")
    assert centre["hours"]["lundi"] == ["09:00-12:30", "13:30-17:00"]
    assert centre["hours_exceptions"][1] == {
        "date": "2030-12-24",
        "until": "2031-01-01",
        "label": "Fermeture de fin d'année",
    }
    assert centre["latitude"] == 50.5
    assert centre["editor_note"].startswith("NOTE-INTERNE-EXEMPLE")
    assert load_pack(out).changed == 0


def _pack_with_sites(tmp_path, sites):
    target = tmp_path / "pack"
    shutil.copytree(EXAMPLE_PACK, target)
    (target / "sites.yaml").write_text(yaml.safe_dump(sites, allow_unicode=True))
    return target


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"hours": {"lundi": ["9h-12h"]}}, "hours", "au mauvais format"),
        ({"hours": {"monday": ["09:00-12:00"]}}, "hours", "inconnue"),
        ({"latitude": 50.1}, "latitude", "latitude et longitude vont ensemble"),
        ({"email": "pas-une-adresse"}, "email", "adresse de courriel « pas-une-adresse » invalide"),
        ({"postcode": "591"}, "postcode", "au mauvais format"),
        (
            {"plan_image": "territories/plans/absent.png", "plan_image_alt": "Plan"},
            "plan_image",
            "introuvable",
        ),
        (
            {"hours_exceptions": [{"date": "2030-12-24", "until": "2030-12-20"}]},
            "hours_exceptions",
            "« until » est avant « date »",
        ),
    ],
)
def test_bad_site_fields_are_refused_with_file_and_field(db, tmp_path, fields, field, message):
    pack = _pack_with_sites(tmp_path, [{"slug": "centre", "name": "Centre", **fields}])
    with pytest.raises(PackValidationError) as error:
        load_pack(pack)
    text = str(error.value)
    assert "sites.yaml" in text
    assert field in text
    assert message in text


def test_nous_trouver_page_shows_the_place(client, settings_example, centre):
    page = client.get(reverse("territories:site", args=["centre"])).content.decode()
    assert "1 place de l&#x27;Exemple, 99100 Ville-Exemple" in page
    assert (
        '<th scope="row">Lundi</th><td>9\u00a0h – 12\u00a0h\u00a030, 13\u00a0h\u00a030 – 17\u00a0h</td>'
        in page
    )
    assert '<th scope="row">Mardi</th><td>fermé</td>' in page
    assert "Fermeture de fin d&#x27;année" in page
    assert 'href="tel:0199000000"' in page
    assert 'href="mailto:centre@exemple.invalid"' in page
    assert "Place de l&#x27;Exemple</strong> — lignes 1, 4 — 2 minutes à pied" in page
    assert 'href="https://www.openstreetmap.org/?mlat=50.500000' in page
    assert "<iframe" not in page and "tile.openstreetmap" not in page  # a link, no map
    assert "NOTE-INTERNE-EXEMPLE" not in page
    assert "communiquée prochainement" not in page


def test_past_exceptions_are_not_shown(client, settings_example, centre):
    centre.hours_exceptions = [
        {"date": "2020-01-01", "until": None, "hours": [], "label": "Ancienne fermeture"}
    ]
    centre.save()
    page = client.get(reverse("territories:site", args=["centre"])).content.decode()
    assert "Ancienne fermeture" not in page
    assert "Fermetures et horaires exceptionnels" not in page


def test_unknown_address_is_said_once_on_its_page_only(client, settings_example, example_territory):
    page = client.get(reverse("territories:site", args=["gare"])).content.decode()
    assert page.count("Adresse communiquée prochainement") == 1
    # Unknown hours, phone, access: absent, without placeholder.
    assert "Horaires" not in page.split("<main")[1].split("</main>")[0]
    assert "à vérifier" not in page
    for other in ("/", "/nous-trouver/", reverse("territories:site", args=["centre"])):
        assert "communiquée prochainement" not in client.get(other).content.decode()


def test_unknown_site_is_404(client, settings_example):
    assert client.get("/nous-trouver/nulle-part/").status_code == 404


def test_index_lists_the_sites_and_every_page_links_to_it(client, settings_example, centre):
    page = client.get(reverse("territories:sites")).content.decode()
    assert 'href="/nous-trouver/centre/"' in page
    assert 'href="/nous-trouver/gare/"' in page
    home = client.get("/").content.decode()
    assert home.count('href="/nous-trouver/"') >= 2  # menu and footer
    assert 'href="/nous-trouver/centre/"' in home


def test_nous_trouver_page_query_count(
    client, settings_example, centre, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        assert client.get(reverse("territories:sites")).status_code == 200


def test_api_territory_exposes_the_sites_without_the_editor_note(client, settings_example, centre):
    data = client.get("/api/v1/territory").json()
    site = next(s for s in data["sites"] if s["slug"] == "centre")
    assert site["postcode"] == "99100"
    assert site["hours"]["mercredi"] == ["09:00-12:30"]
    assert site["hours_exceptions"][1]["closed"] is True
    assert site["hours_exceptions"][0]["closed"] is False
    assert site["bus_stops"][0]["lines"] == ["1", "4"]
    assert site["latitude"] == 50.5
    assert site["openstreetmap_url"].startswith("https://www.openstreetmap.org/")
    assert site["phone"] == "01 99 00 00 00"
    assert site["url"] == "http://testserver/nous-trouver/centre/"
    assert site["verified_on"] == "2030-01-15"
    assert "editor_note" not in site
    assert "NOTE-INTERNE-EXEMPLE" not in str(data)
    gare = next(s for s in data["sites"] if s["slug"] == "gare")
    assert gare["address"] == "" and gare["hours"] == {} and gare["latitude"] is None
