"""`espaces export_pack SLUG PATH`: a territory's current content written back as a pack.

Round trip: load a pack, export it, load the export into an empty database, export again: the
two exports are identical, byte for byte."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from espaces.events.models import School
from espaces.services.models import Service, Structure
from espaces.territories.models import Territory
from espaces.territories.packs import load_pack
from espaces.territories.packs.export import export_pack
from espaces.territories.packs.registry import ordered_sections
from tests.conftest import DUNKERQUE_PACK, EXAMPLE_PACK, ROOT, run_command

SECOND_PACK = ROOT / "data" / "packs" / "douai-lens-bethune"


def files_of(path: Path) -> dict[str, bytes]:
    """Every file of a pack folder, images in sub-folders included (docs/packs.md)."""
    return {
        str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()
    }


def snapshot() -> dict:
    """Texts and figures as the database holds them, to compare before and after a reload."""
    from espaces.catalogue.models import Metier
    from espaces.territories.models import Project, Source

    def rows(queryset):
        return sorted(queryset, key=repr)

    return {
        "metiers": rows(
            Metier.objects.values_list("slug", "title", "summary", "day_tasks", "keywords")
        ),
        "services": rows(Service.objects.values_list("slug", "nom", "description", "publics")),
        "projects": rows(
            Project.objects.values_list("slug", "summary", "status_note", "status_as_of")
        ),
        "figures": rows(
            Project.objects.values_list(
                "slug", "figures__kind", "figures__value", "figures__as_of", "figures__note"
            )
        ),
        "sources": rows(Source.objects.values_list("slug", "title", "url", "published_on")),
    }


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "pack, slug",
    [(EXAMPLE_PACK, "exemple"), (DUNKERQUE_PACK, "dunkerque"), (SECOND_PACK, "douai-lens-bethune")],
    ids=["exemple", "dunkerque", "douai-lens-bethune"],
)
def test_export_load_export_is_byte_identical(tmp_path, pack, slug):
    load_pack(pack)
    before = snapshot()
    run_command("export_pack", slug, str(tmp_path / "first"))
    call_command("flush", interactive=False, verbosity=0)  # an empty database
    assert not Territory.objects.exists()
    load_pack(tmp_path / "first")
    assert snapshot() == before  # nothing lost or changed on the way
    run_command("export_pack", slug, str(tmp_path / "second"))
    first, second = files_of(tmp_path / "first"), files_of(tmp_path / "second")
    assert list(first) == list(second)
    different = [name for name in first if first[name] != second[name]]
    assert not different, different
    assert load_pack(tmp_path / "second").changed == 0


@pytest.mark.django_db
def test_export_writes_every_kind_the_territory_has(tmp_path, dunkerque):
    report = export_pack(dunkerque, tmp_path)
    expected = {f"{s.file_stem}.yaml" for s in ordered_sections() if s.export}
    # Dunkerque has no sourced target yet (the brief gives none): an empty section writes no
    # file; the example pack's targets go through the round trip above.
    assert set(report.files) == expected - {"targets.yaml"}
    assert report.files["metiers.yaml"] == 118  # the 62 industrial sheets and 56 everyday ones
    text = (tmp_path / "territory.yaml").read_text(encoding="utf-8")
    assert text.startswith("# territory.yaml du territoire « dunkerque »")
    assert "headline:" in text and "value: 20000" in text
    rome = (tmp_path / "rome.yaml").read_text(encoding="utf-8")
    assert "Source : France Travail, ROME 4.0" in rome


@pytest.mark.django_db
def test_export_is_deterministic_and_sorted(tmp_path, example_territory):
    export_pack(example_territory, tmp_path / "a")
    export_pack(example_territory, tmp_path / "b")
    assert files_of(tmp_path / "a") == files_of(tmp_path / "b")
    metiers = (tmp_path / "a" / "metiers.yaml").read_text(encoding="utf-8")
    slugs = [line.split(": ")[1] for line in metiers.splitlines() if line.startswith("- slug: ")]
    assert slugs == sorted(slugs)
    projects = (tmp_path / "a" / "projects.yaml").read_text(encoding="utf-8")
    assert "as_of: 2022-02" in projects  # a month stays a month
    assert "date: 2022\n" in projects  # a year stays a year


@pytest.mark.django_db
def test_export_holds_what_the_team_added_and_leaves_imported_services_out(
    tmp_path, example_territory
):
    School.objects.create(territory=example_territory, uai="9990009Z", name="Collège ajouté")
    structure = Structure.objects.get(territory=example_territory, slug="agence-emploi-exemple")
    Service.objects.create(
        territory=example_territory,
        structure=structure,
        slug="importe",
        nom="Service importé de data·inclusion",
        description="Importé.",
        source_system="dora",
        external_id="abc-123",
        thematiques=["mobilite--preparer-un-permis"],
    )
    export_pack(example_territory, tmp_path)
    assert "Collège ajouté" in (tmp_path / "schools.yaml").read_text(encoding="utf-8")
    assert "importe" not in (tmp_path / "services.yaml").read_text(encoding="utf-8")


@pytest.mark.django_db
def test_export_command_refuses_unknown_territory_and_non_empty_folder(tmp_path, example_territory):
    with pytest.raises(
        CommandError, match="Territoire « ailleurs » inconnu. Territoires chargés : exemple"
    ):
        run_command("export_pack", "ailleurs", str(tmp_path / "x"))
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "vieux.yaml").write_text("- slug: vieux\n", encoding="utf-8")
    with pytest.raises(CommandError, match="contient déjà un pack"):
        run_command("export_pack", "exemple", str(folder))
    assert (folder / "vieux.yaml").exists()
    out = run_command("export_pack", "exemple", str(folder), "--replace")
    assert not (folder / "vieux.yaml").exists()
    assert "metiers.yaml : 4 enregistrement(s)" in out


@pytest.mark.django_db
def test_dates_without_precision_are_written_as_full_dates(tmp_path, example_territory):
    export_pack(example_territory, tmp_path)
    metiers = (tmp_path / "metiers.yaml").read_text(encoding="utf-8")
    assert "reviewed_on: 2026-06-01" in metiers
    budget = (tmp_path / "budget.yaml").read_text(encoding="utf-8")
    assert "period_start: 2024-10-01" in budget and "amount: 200.50" in budget


@pytest.mark.django_db(transaction=True)
def test_translations_make_the_round_trip(tmp_path, example_territory):
    from espaces.catalogue.models import Metier
    from espaces.events.models import EventType

    # A translation added in the administration, its keys in any order (as a JSON column may
    # keep them): the export writes languages and fields in a fixed order.
    cariste = Metier.objects.get(territory=example_territory, slug="cariste")
    cariste.translations = {"en": {"likes": ["Driving all day."], "title": "Forklift driver"}}
    cariste.save()
    run_command("export_pack", "exemple", str(tmp_path / "first"))
    metiers = (tmp_path / "first" / "metiers.yaml").read_text(encoding="utf-8")
    assert (
        "  translations:\n    en:\n      title: Forklift driver\n      likes:\n"
        "      - Driving all day.\n"
    ) in metiers
    assert "      title: Battery production operator\n" in metiers
    questionnaire = (tmp_path / "first" / "questionnaire.yaml").read_text(encoding="utf-8")
    assert "text: Repair a device" in questionnaire and "label: A little" in questionnaire
    assert "name: Discover jobs workshop" in (tmp_path / "first" / "event_types.yaml").read_text(
        encoding="utf-8"
    )
    call_command("flush", interactive=False, verbosity=0)
    load_pack(tmp_path / "first")
    assert Metier.objects.get(slug="cariste").translations == {
        "en": {"title": "Forklift driver", "likes": ["Driving all day."]}
    }
    assert EventType.objects.get(slug="atelier-metiers").translations["en"]["name"] == (
        "Discover jobs workshop"
    )
    run_command("export_pack", "exemple", str(tmp_path / "second"))
    assert files_of(tmp_path / "first") == files_of(tmp_path / "second")
    assert load_pack(tmp_path / "second").changed == 0
