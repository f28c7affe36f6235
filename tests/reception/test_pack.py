"""visit_options.yaml: channels and purposes of visits, per territory and optionally per site."""

import shutil

import pytest

from espaces.reception.enums import OptionKind
from espaces.reception.models import VisitOption
from espaces.territories.packs import PackValidationError, load_pack
from tests.conftest import DUNKERQUE_PACK, EXAMPLE_PACK


def test_example_pack_loads_channels_and_purposes_in_order(example_territory):
    purposes = VisitOption.objects.filter(territory=example_territory, kind=OptionKind.PURPOSE)
    assert list(purposes.values_list("slug", flat=True)) == [
        "information-metiers",
        "orientation",
        "atelier",
        "casque-vr",
        "rencontre-entreprise",
        "aide-cv",
        "autre",
    ]
    channels = VisitOption.objects.filter(territory=example_territory, kind=OptionKind.CHANNEL)
    assert channels.count() == 7
    assert channels.get(slug="bouche-a-oreille").label == "Bouche-à-oreille"
    vr = purposes.get(slug="casque-vr")
    assert list(vr.sites.values_list("slug", flat=True)) == ["centre"]


def test_loading_twice_changes_no_option(example_territory):
    report = load_pack(EXAMPLE_PACK)
    assert report.counts["canaux et motifs de visite"]["inchangés"] == 14
    assert report.counts["canaux et motifs de visite"]["créés"] == 0


def test_dunkerque_pack_has_the_brief_purposes(dunkerque):
    slugs = set(
        VisitOption.objects.filter(territory=dunkerque, kind=OptionKind.PURPOSE).values_list(
            "slug", flat=True
        )
    )
    assert slugs == {
        "information-metiers",
        "orientation",
        "atelier",
        "casque-vr",
        "rencontre-entreprise",
        "aide-cv",
        "autre",
    }


@pytest.fixture
def pack_copy(tmp_path):
    path = tmp_path / "pack"
    shutil.copytree(EXAMPLE_PACK, path)
    return path


def test_unknown_site_and_duplicate_slug_are_errors_naming_line_and_allowed_values(db, pack_copy):
    (pack_copy / "visit_options.yaml").write_text(
        "channels:\n"
        "  - {slug: spontane, label: Venue spontanée}\n"
        "  - {slug: spontane, label: Encore}\n"
        "purposes:\n"
        "  - {slug: atelier, label: Atelier, sites: [lune]}\n",
        encoding="utf-8",
    )
    with pytest.raises(PackValidationError) as exc:
        load_pack(pack_copy)
    messages = [str(e) for e in exc.value.errors]
    assert (
        "visit_options.yaml, ligne 3, enregistrement « spontane », champ « channels » : "
        "identifiant en double" in messages
    )
    assert (
        "visit_options.yaml, ligne 5, enregistrement « atelier », champ « purposes.sites » : "
        "espace « lune » inconnu. Valeurs permises : centre, gare." in messages
    )
    assert not VisitOption.objects.exists()


def test_dunkerque_options_load_idempotently(dunkerque):
    counts = load_pack(DUNKERQUE_PACK).counts["canaux et motifs de visite"]
    assert (counts["créés"], counts["modifiés"], counts["inchangés"]) == (0, 0, 14)
