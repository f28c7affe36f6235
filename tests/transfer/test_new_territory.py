"""`espaces new_territory SLUG`: a commented skeleton with every kind of file, which loads as
soon as its required fields are filled."""

import pytest
from django.core.management.base import CommandError

from espaces.events.models import EventType
from espaces.orientation.models import Questionnaire
from espaces.reception.models import VisitOption
from espaces.territories.models import Territory
from espaces.territories.packs import PackValidationError, load_pack
from espaces.territories.packs.registry import ordered_sections
from tests.conftest import run_command


def fill_required(path, name="Communauté de test", short_name="Test"):
    territory = path / "territory.yaml"
    text = territory.read_text(encoding="utf-8")
    text = text.replace("\nname:\n", f'\nname: "{name}"\n')
    text = text.replace("\nshort_name:\n", f'\nshort_name: "{short_name}"\n')
    territory.write_text(text, encoding="utf-8")


@pytest.fixture
def skeleton(tmp_path, settings):
    path = tmp_path / "nouveau"
    out = run_command("new_territory", "nouveau", "--path", str(path))
    assert "Squelette du pack « nouveau » écrit" in out
    return path


def test_skeleton_has_a_commented_file_for_every_kind(skeleton):
    stems = {s.file_stem for s in ordered_sections()}
    written = {p.name for p in skeleton.iterdir()}
    for stem in stems:
        assert f"{stem}.yaml" in written, stem
    for name in written - {"LISEZMOI.md"}:
        text = (skeleton / name).read_text(encoding="utf-8")
        assert text.startswith("# Pack du territoire « nouveau »"), name
        assert sum(line.lstrip().startswith("#") for line in text.splitlines()) >= 3, name
    assert "slug: nouveau" in (skeleton / "territory.yaml").read_text(encoding="utf-8")


@pytest.mark.django_db
def test_skeleton_refuses_to_load_until_the_required_fields_are_filled(skeleton):
    with pytest.raises(PackValidationError) as exc:
        load_pack(skeleton)
    fields = {(e.file, e.field) for e in exc.value.errors}
    assert fields == {("territory.yaml", "name"), ("territory.yaml", "short_name")}
    assert all(e.line for e in exc.value.errors)
    assert not Territory.objects.exists()


@pytest.mark.django_db
def test_skeleton_with_the_required_fields_filled_loads(skeleton):
    fill_required(skeleton)
    report = load_pack(skeleton)
    territory = Territory.objects.get(slug="nouveau")
    assert (territory.name, territory.short_name) == ("Communauté de test", "Test")
    assert report.changed > 0
    assert EventType.objects.filter(territory=territory).count() == 4
    assert VisitOption.objects.filter(territory=territory, kind="channel").count() == 7
    assert Questionnaire.objects.filter(territory=territory, is_current=True).exists()
    assert load_pack(skeleton).changed == 0


@pytest.mark.django_db
def test_uncommented_examples_load_once_filled(skeleton):
    """The commented example records are valid once uncommented (here: one site, one source)."""
    fill_required(skeleton)
    (skeleton / "sources.yaml").write_text(
        "- slug: presse-exemple-2024\n  title: Article\n  published_on: 2024-05-02\n",
        encoding="utf-8",
    )
    communes = skeleton / "territory.yaml"
    communes.write_text(
        communes.read_text(encoding="utf-8").replace(
            "communes: []", 'communes:\n  - {insee: "59178", name: "Douai"}'
        ),
        encoding="utf-8",
    )
    sites = skeleton / "sites.yaml"
    lines = sites.read_text(encoding="utf-8").splitlines()
    example = [line[2:] for line in lines if line.startswith("# - slug") or line.startswith("#   ")]
    example = [line.replace("[slug-d-une-source]", "[presse-exemple-2024]") for line in example]
    sites.write_text("\n".join(example) + "\n", encoding="utf-8")
    load_pack(skeleton)
    assert Territory.objects.get(slug="nouveau")


def test_new_territory_refuses_bad_slug_and_existing_folder(skeleton):
    with pytest.raises(CommandError, match="Identifiant « Mon Territoire » invalide"):
        run_command("new_territory", "Mon Territoire", "--path", str(skeleton.parent / "x"))
    with pytest.raises(CommandError, match="existe déjà et n'est pas vide"):
        run_command("new_territory", "nouveau", "--path", str(skeleton))
