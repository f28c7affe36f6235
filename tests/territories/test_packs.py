import shutil

import pytest

from espaces.territories.models import (
    HeadlineFigure,
    Project,
    ProjectDate,
    ProjectFigure,
    Site,
    Source,
    Territory,
)
from espaces.territories.packs import PackValidationError, load_pack
from tests.conftest import EXAMPLE_PACK, run_command


def snapshot():
    """Every row the territory pack writes, with its update timestamp."""
    rows = []
    for model in (Territory, Source, Site, Project):
        rows += [(model.__name__, o.pk, o.updated_at) for o in model.objects.order_by("pk")]
    rows += [tuple(v) for v in ProjectFigure.objects.order_by("pk").values_list()]
    rows += [tuple(v) for v in ProjectDate.objects.order_by("pk").values_list()]
    rows += [tuple(v) for v in HeadlineFigure.objects.order_by("pk").values_list()]
    return rows


@pytest.fixture
def pack_copy(tmp_path):
    path = tmp_path / "pack"
    shutil.copytree(EXAMPLE_PACK, path)
    return path


def test_loading_the_example_pack_creates_its_records(db):
    report = load_pack(EXAMPLE_PACK)
    territory = Territory.objects.get(slug="exemple")
    assert report.territory == "exemple"
    assert territory.headline_value == 1500
    assert territory.hosts.get().host == "exemple.localhost"
    assert Site.objects.filter(territory=territory).count() == 2
    project = Project.objects.get(slug="gigafactory-exemple")
    assert project.get_status_display() == "En construction"
    # The latest announcement is the headline, the earlier one stays with its date.
    assert project.headline_direct_jobs.value == 1000
    assert sorted(project.figures.filter(kind="direct_jobs").values_list("value", flat=True)) == [
        1000,
        1200,
    ]
    first_stone = project.key_dates.get(label="Première pierre")
    assert (first_stone.date.isoformat(), first_stone.date_precision) == ("2023-11-01", "month")


def test_loading_twice_changes_nothing(db):
    load_pack(EXAMPLE_PACK)
    before = snapshot()
    report = load_pack(EXAMPLE_PACK)
    assert report.changed == 0
    assert snapshot() == before


def test_changed_value_updates_only_that_record(db, pack_copy):
    load_pack(pack_copy)
    text = (
        (pack_copy / "sites.yaml")
        .read_text()
        .replace("Espace de la gare", "Espace de la gare SNCF")
    )
    (pack_copy / "sites.yaml").write_text(text)
    report = load_pack(pack_copy)
    assert report.counts["espaces"]["modifiés"] == 1
    assert report.counts["espaces"]["inchangés"] == 1
    assert Site.objects.get(slug="gare").name == "Espace de la gare SNCF"


def test_bad_choice_names_file_line_record_field_and_allowed_values(db, pack_copy):
    load_pack(pack_copy)
    before = snapshot()
    path = pack_copy / "projects.yaml"
    path.write_text(path.read_text().replace("status: suspendu", "status: ouvert"))
    (pack_copy / "sites.yaml").write_text(
        (pack_copy / "sites.yaml").read_text().replace("Espace du centre", "Nouveau nom")
    )
    with pytest.raises(PackValidationError) as info:
        load_pack(pack_copy)
    [error] = info.value.errors
    lines = path.read_text().splitlines()
    assert error.file == "projects.yaml"
    assert lines[error.line - 1].strip() == "status: ouvert"
    assert error.record == "recyclage-exemple"
    assert error.field == "status"
    assert "en_production" in error.message and "suspendu" in error.message
    # All or nothing: the valid change to sites.yaml was not written either.
    assert snapshot() == before
    assert Site.objects.get(slug="centre").name == "Espace du centre"


def test_unknown_reference_is_refused_with_allowed_values(db, pack_copy):
    path = pack_copy / "projects.yaml"
    path.write_text(path.read_text().replace("sector: logistique-port", "sector: aeronautique"))
    with pytest.raises(PackValidationError) as info:
        load_pack(pack_copy)
    message = str(info.value)
    assert "projects.yaml" in message and "« aeronautique »" in message
    assert "batteries, logistique-port" in message
    assert not Territory.objects.exists()


def test_missing_field_duplicate_slug_and_bad_yaml_are_reported(db, pack_copy):
    (pack_copy / "partners.yaml").write_text(
        "- {slug: a, name: A, kind: employer}\n- {slug: a, name: B, kind: employer}\n- {slug: c, kind: employer}\n"
    )
    (pack_copy / "sectors.yaml").write_text("- slug: x\n  name: [unclosed\n")
    with pytest.raises(PackValidationError) as info:
        load_pack(pack_copy)
    messages = [str(e) for e in info.value.errors]
    assert any("partners.yaml, ligne 2" in m and "en double" in m for m in messages)
    assert any("« c »" in m and "« name »" in m and "obligatoire" in m for m in messages)
    assert any(m.startswith("sectors.yaml") and "YAML illisible" in m for m in messages)


def test_dry_run_reports_changes_but_writes_nothing(db):
    report = load_pack(EXAMPLE_PACK, dry_run=True)
    assert report.counts["projets"]["créés"] == 2
    assert not Territory.objects.exists()


def test_partial_dates_are_validated(db, pack_copy):
    path = pack_copy / "sites.yaml"
    path.write_text(path.read_text().replace("opened_on: 2024-10", "opened_on: 2024-13"))
    with pytest.raises(PackValidationError) as info:
        load_pack(pack_copy)
    assert "opened_on" in str(info.value) and "date" in str(info.value)


def test_load_pack_command_prints_counts_and_fails_cleanly(db, pack_copy):
    out = run_command("load_pack", str(pack_copy))
    assert "projets : 2 créé(s)" in out
    (pack_copy / "territory.yaml").unlink()
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="territory.yaml"):
        run_command("load_pack", str(pack_copy))
