"""Pack section `metiers`: loading, idempotence, validation with file, line and field."""

import shutil

import pytest

from espaces.catalogue.models import Metier, MetierCondition, MetierProject, RoleModel, Training
from espaces.rome.models import RomeFiche
from espaces.territories.packs import PackValidationError, load_pack
from tests.conftest import EXAMPLE_PACK

# Codes the territory's projects recruit (issue: CATALOGUE, point 2).
REQUIRED_DUNKERQUE_CODES = set(
    """H2705 H2703 H2704 H1503 H1528 H1531 H2304 H2301 I1304 I1309 I1310 I1302 I1335 I1326 H2913
    H2914 H2902 H1309 H2706 H2708 H1522 F1701 F1703 F1302 F1301 F1602 F1626 I1504 H2710 H2701
    H2907 H1506 N1101 N1115 N1110 N3203 H1303 K2503 F1610 F1620 I1306 I1321 K2308 K2309 H1404
    H1208""".split()  # noqa: SIM905
)


def snapshot():
    rows = [(m.pk, m.updated_at) for m in Metier.objects.order_by("pk")]
    for model in (MetierCondition, Training, MetierProject, RoleModel):
        rows += [tuple(v) for v in model.objects.order_by("pk").values_list()]
    rows += [tuple(v) for v in Metier.sectors.through.objects.order_by("pk").values_list()]
    rows += [tuple(v) for v in Metier.rome_fiches.through.objects.order_by("pk").values_list()]
    return rows


@pytest.fixture
def pack_copy(tmp_path):
    path = tmp_path / "pack"
    shutil.copytree(EXAMPLE_PACK, path)
    return path


def replace_in(path, old, new, count=1):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_example_pack_loads_the_job_sheets_with_their_children(example_territory):
    cariste = Metier.objects.get(territory=example_territory, slug="cariste")
    assert cariste.title.startswith("Cariste")
    assert cariste.rome_codes == ["N1101"]
    assert sorted(s.slug for s in cariste.sectors.all()) == ["batteries", "logistique-port"]
    assert cariste.condition_values == ["weekend", "port_charges"]
    assert (cariste.entry_level, cariste.open_without_diploma) == ("sans_diplome", True)
    assert (cariste.salary_min, cariste.salary_max, cariste.salary_period) == (1900, 2100, "mois")
    assert cariste.salary_source.slug == "annonce-exemple"
    assert cariste.salary_as_of.isoformat() == "2024-05-01"
    assert cariste.salary_as_of_precision == "month"
    assert [p.project.slug for p in cariste.project_links.all()] == [
        "gigafactory-exemple",
        "recyclage-exemple",
    ]
    assert cariste.trainings.get().funding == ["france_travail", "cpf", "employeur"]
    assert sorted(e.slug for e in cariste.employers.all()) == ["agence-emploi", "usine-exemple"]
    docker = Metier.objects.get(slug="docker")
    assert docker.reviewed_on is None and not docker.has_salary
    assert RoleModel.objects.get(metier__slug="soudeur").illustrative is True
    assert cariste.revisions.get().origin == "pack"


def test_loading_twice_changes_nothing(example_territory):
    before = snapshot()
    report = load_pack(EXAMPLE_PACK)
    assert report.counts["métiers"]["inchangés"] == 4
    assert report.changed == 0
    assert snapshot() == before


def test_changing_a_training_updates_only_that_sheet(db, pack_copy):
    load_pack(pack_copy)
    replace_in(pack_copy / "metiers.yaml", "duration: 1 à 2 semaines", "duration: 2 semaines")
    report = load_pack(pack_copy)
    assert report.counts["métiers"]["modifiés"] == 1
    assert report.counts["métiers"]["inchangés"] == 3
    assert Training.objects.get(metier__slug="cariste").duration == "2 semaines"
    assert Metier.objects.get(slug="cariste").revisions.count() == 2


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        ("rome_codes: [N1101]", "rome_codes: [X9999]", "rome_codes", "code ROME « X9999 » inconnu"),
        (
            "sectors: [logistique-port, batteries]",
            "sectors: [logistique-port, aeronautique]",
            "sectors",
            "secteur « aeronautique » inconnu",
        ),
        ("entry_level: sans_diplome", "entry_level: cap", "entry_level", "valeur « cap » inconnue"),
        (
            "    - project: recyclage-exemple",
            "    - project: projet-fantome",
            "projects",
            "projet « projet-fantome » inconnu",
        ),
        (
            "source: annonce-exemple\n",
            "source: source-fantome\n",
            "salary.source",
            "source « source-fantome » inconnue",
        ),
        (
            "conditions: [weekend, port_charges]",
            "conditions: [weekend, froid]",
            "conditions.1",
            "froid",
        ),
    ],
)
def test_bad_reference_is_refused_with_file_line_and_field(
    example_territory, pack_copy, old, new, field, message
):
    before = snapshot()
    replace_in(pack_copy / "metiers.yaml", old, new)
    with pytest.raises(PackValidationError) as error:
        load_pack(pack_copy)
    problems = [e for e in error.value.errors if e.file == "metiers.yaml"]
    assert problems, error.value
    problem = problems[0]
    assert problem.record == "cariste"
    assert problem.field == field
    assert message in problem.message
    lines = (pack_copy / "metiers.yaml").read_text(encoding="utf-8").splitlines()
    assert problem.line and new.strip() in lines[problem.line - 1]
    assert f"metiers.yaml, ligne {problem.line}, enregistrement « cariste »" in str(problem)
    assert snapshot() == before  # nothing written


def test_short_summary_and_too_few_tasks_are_refused(db, pack_copy):
    text = (pack_copy / "metiers.yaml").read_text(encoding="utf-8")
    start = text.index("- slug: docker")
    end = text.index("- slug: soudeur")
    docker = (
        "- slug: docker\n  title: Docker\n  rome_codes: [N3203]\n  sectors: [logistique-port]\n"
        "  summary: Vous chargez les bateaux.\n  day_tasks: [Charger, Décharger]\n"
        "  entry_level: sans_diplome\n\n"
    )
    (pack_copy / "metiers.yaml").write_text(text[:start] + docker + text[end:], encoding="utf-8")
    with pytest.raises(PackValidationError) as error:
        load_pack(pack_copy)
    messages = {e.field: e.message for e in error.value.errors if e.record == "docker"}
    assert "présentation trop courte : 4 mots, il en faut 80 au moins" in messages["summary"]
    assert messages["day_tasks"] == "liste trop courte (3 éléments au moins)"
    assert not Metier.objects.exists()


def test_rome_code_already_imported_is_accepted_without_rome_yaml(db, pack_copy):
    (pack_copy / "rome.yaml").unlink()
    for code, label in (
        ("H2705", "Pilote de ligne"),
        ("N1101", "Cariste"),
        ("N3203", "Docker"),
        ("H2913", "Soudeur / Soudeuse"),
    ):
        RomeFiche.objects.create(code=code, label=label)
    load_pack(pack_copy)
    assert Metier.objects.get(slug="soudeur").rome_codes == ["H2913"]


def test_unknown_rome_code_message_says_how_to_fix(db, pack_copy):
    (pack_copy / "rome.yaml").unlink()
    with pytest.raises(PackValidationError) as error:
        load_pack(pack_copy)
    message = next(e.message for e in error.value.errors if e.field == "rome_codes")
    assert "rome.yaml" in message and "espaces import_rome" in message


def test_dunkerque_catalogue_holds_the_required_jobs(dunkerque_db):
    metiers = Metier.objects.filter(territory=dunkerque_db)
    assert metiers.count() >= 60
    codes = set(
        Metier.rome_fiches.through.objects.filter(metier__territory=dunkerque_db).values_list(
            "romefiche_id", flat=True
        )
    )
    assert codes >= REQUIRED_DUNKERQUE_CODES
    for metier in metiers.prefetch_related("role_models"):
        assert len(metier.day_tasks) >= 3, metier.slug
        assert metier.salary_min is None or metier.salary_source_id, metier.slug
    women = [r for r in RoleModel.objects.filter(metier__territory=dunkerque_db) if r.illustrative]
    assert women  # portraits are marked as illustrative


def test_dunkerque_pack_reload_is_idempotent(dunkerque_db, tmp_path):
    from tests.catalogue.conftest import copy_catalogue_pack

    before = snapshot()
    report = load_pack(copy_catalogue_pack(tmp_path / "dk"))
    assert report.counts["métiers"]["inchangés"] >= 60
    assert report.counts["métiers"]["modifiés"] == 0
    assert snapshot() == before
