"""A territory's visual identity from its pack (colours checked for contrast, a logo served
from the site) and the optional photos of Espaces, event types and job sheets."""

import shutil
import struct
import zlib

import pytest
import yaml

from espaces.territories.identity import contrast_ratio
from espaces.territories.models import PackMedia, Photo, Territory
from espaces.territories.packs import PackValidationError, load_pack
from espaces.territories.packs.export import export_pack
from tests.conftest import EXAMPLE_PACK


@pytest.fixture
def pack_copy(tmp_path):
    path = tmp_path / "pack"
    shutil.copytree(EXAMPLE_PACK, path)
    return path


def tiny_png() -> bytes:
    """A real 2×2 PNG (grey), written by hand: no image library needed."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    raw = b"".join(b"\x00" + b"\x80\x80\x80" * 2 for _ in range(2))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def edit_yaml(path, change):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_contrast_ratio_matches_wcag_reference_values():
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21)
    assert contrast_ratio("#ffffff", "#767676") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1)


def test_example_pack_brings_its_colours_and_logo(example_territory):
    t = example_territory
    assert (t.brand_colour, t.brand_dark_colour, t.accent_colour) == (
        "#2d6a2f",
        "#1f4a21",
        "#9a3d0a",
    )
    assert t.logo_file == "identite/logo-exemple.svg"
    assert t.logo_alt == "Communauté d'exemple (logo fictif)"
    media = PackMedia.objects.get(territory=t, path=t.logo_file)
    assert media.content_type == "image/svg+xml"
    assert t.logo_version == media.sha256[:12]


def test_a_colour_too_light_for_white_text_is_refused_with_its_ratio(db, pack_copy):
    edit_yaml(
        pack_copy / "territory.yaml",
        lambda d: d["identity"]["colours"].update(brand="#4caf50"),
    )
    with pytest.raises(PackValidationError) as info:
        load_pack(pack_copy)
    message = str(info.value)
    assert "territory.yaml" in message
    assert "#4caf50" in message and "2.78:1" in message and "4.5:1" in message
    assert not Territory.objects.exists()  # all or nothing


@pytest.mark.parametrize(
    "logo, expected",
    [
        ("identite/absent.svg", "introuvable"),
        ("../sites.yaml", "dans le dossier du pack"),
        ("territory.yaml", "pas une image"),
    ],
)
def test_a_logo_that_is_not_an_image_of_the_pack_is_refused(db, pack_copy, logo, expected):
    edit_yaml(pack_copy / "territory.yaml", lambda d: d["identity"]["logo"].update(file=logo))
    with pytest.raises(PackValidationError, match=expected):
        load_pack(pack_copy)


def test_an_svg_with_a_script_is_refused(db, pack_copy):
    (pack_copy / "identite" / "logo-exemple.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    )
    with pytest.raises(PackValidationError, match="script"):
        load_pack(pack_copy)


def test_theme_css_gives_the_territory_colours_and_is_cached(client, settings_example):
    html = client.get("/").content.decode()
    tokens, main, theme = (
        html.index("/static/espaces/tokens"),
        html.index("/static/espaces/espaces"),
        html.index('href="/theme.css?v='),
    )
    assert tokens < main < theme  # the tokens first, the territory's overrides last
    url = html[theme + 6 : html.index('"', theme + 6)].replace("&amp;", "&")
    response = client.get(url)
    assert response["Content-Type"].startswith("text/css")
    css = response.content.decode()
    assert "--brand: #2d6a2f;" in css and "--brand-dark: #1f4a21;" in css
    assert "--accent: #9a3d0a;" in css
    assert "immutable" in response["Cache-Control"]


def test_a_territory_without_identity_links_no_theme_and_no_logo(client, dunkerque, settings):
    settings.ESPACES_TERRITORY = "dunkerque"
    html = client.get("/").content.decode()
    assert "/theme.css" not in html
    assert "brand-logo" not in html
    assert "/static/espaces/tokens" in html


def test_logo_is_served_from_the_site_and_cannot_run_anything(client, settings_example):
    html = client.get("/").content.decode()
    assert 'class="brand-logo" src="/medias/identite/logo-exemple.svg?v=' in html
    assert 'alt="Communauté d&#x27;exemple (logo fictif)"' in html
    territory = Territory.objects.get(slug="exemple")
    response = client.get(territory.logo_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert b"EXEMPLE" in response.content
    assert "sandbox" in response["Content-Security-Policy"]
    assert "immutable" in response["Cache-Control"]
    assert client.get("/medias/identite/autre.svg").status_code == 404


def add_photos(pack_copy, **photo):
    (pack_copy / "photos").mkdir()
    (pack_copy / "photos" / "centre.png").write_bytes(tiny_png())
    value = {
        "file": "photos/centre.png",
        "alt": "La salle d'accueil, deux tables et un écran",
        "author": "Équipe de test",
        "licence": "CC BY 4.0",
        **photo,
    }
    edit_yaml(pack_copy / "sites.yaml", lambda sites: sites[0].update(photo=value))
    return value


def test_a_photo_is_shown_with_its_alt_text_and_credit(db, client, settings, pack_copy):
    add_photos(pack_copy)
    load_pack(pack_copy)
    settings.ESPACES_TERRITORY = "exemple"
    photo = Photo.objects.get(subject="site", slug="centre")
    assert (photo.author, photo.licence) == ("Équipe de test", "CC BY 4.0")
    html = client.get("/nous-trouver/centre/").content.decode()
    assert '<figure class="photo"><img src="/medias/photos/centre.png?v=' in html
    assert 'alt="La salle d&#x27;accueil, deux tables et un écran"' in html
    assert "Photo : Équipe de test — CC BY 4.0" in html
    image = client.get(photo.media.url)
    assert image["Content-Type"] == "image/png" and image.content == tiny_png()
    # An Espace without a photo gets nothing, never a placeholder.
    assert '<figure class="photo"' not in client.get("/nous-trouver/gare/").content.decode()


@pytest.mark.parametrize("missing", ["alt", "author", "licence"])
def test_a_photo_without_alt_author_or_licence_is_refused(db, pack_copy, missing):
    add_photos(pack_copy, **{missing: ""})
    with pytest.raises(PackValidationError) as info:
        load_pack(pack_copy)
    assert "sites.yaml" in str(info.value) and missing in str(info.value)


def test_photo_removed_from_the_pack_is_removed_and_reload_changes_nothing(db, pack_copy):
    add_photos(pack_copy)
    load_pack(pack_copy)
    second = load_pack(pack_copy)
    assert not any(
        counts.get("créés") or counts.get("modifiés") for counts in second.counts.values()
    ), second.counts
    edit_yaml(pack_copy / "sites.yaml", lambda sites: sites[0].pop("photo"))
    load_pack(pack_copy)
    assert not Photo.objects.exists()


def test_export_writes_the_logo_and_photos_back(db, pack_copy, tmp_path):
    add_photos(pack_copy)
    load_pack(pack_copy)
    out = tmp_path / "export"
    export_pack(Territory.objects.get(slug="exemple"), out)
    assert (out / "identite" / "logo-exemple.svg").read_bytes() == (
        pack_copy / "identite" / "logo-exemple.svg"
    ).read_bytes()
    assert (out / "photos" / "centre.png").read_bytes() == tiny_png()
    territory = yaml.safe_load((out / "territory.yaml").read_text())
    assert territory["identity"]["colours"]["brand"] == "#2d6a2f"
    sites = yaml.safe_load((out / "sites.yaml").read_text())
    assert sites[0]["photo"]["licence"] == "CC BY 4.0"


def test_check_pack_names_the_photo_without_licence(db, pack_copy):
    from io import StringIO

    from django.core.management import CommandError, call_command

    add_photos(pack_copy, licence="")
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("check_pack", str(pack_copy), stdout=out)
    assert "sites.yaml" in out.getvalue() and "licence" in out.getvalue()
    assert not Photo.objects.exists()
