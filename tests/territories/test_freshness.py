"""Facts kept fresh (TRUST): staff-only editor notes, verified_on, the pack-set age, source links
that must be real publication addresses, `check_pack`, the stale list by owner."""

import datetime as dt
import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from espaces.services.models import Service, Structure
from espaces.territories.enums import ProjectStatus
from espaces.territories.freshness import COORDINATION, stale_facts
from espaces.territories.models import Project, ProjectFigure, Site, Source, Territory
from espaces.territories.packs import PackValidationError, load_pack
from espaces.territories.packs.links import aggregator_problem, refused_host_problem
from tests.conftest import DUNKERQUE_PACK, EXAMPLE_PACK, ROOT
from tests.factories import UserFactory

SECOND_PACK = ROOT / "data" / "packs" / "douai-lens-bethune"
TODAY = dt.date(2026, 12, 2)
NOTE = "NOTE-INTERNE-ZX9 chiffre du tableau de recherche"


@pytest.fixture
def pack_copy(tmp_path):
    path = tmp_path / "pack"
    shutil.copytree(EXAMPLE_PACK, path)
    return path


def _append(path, text):
    with open(path, "a", encoding="utf-8") as f:
        f.write(text)


def _run(*args):
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


# --- source links -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "url",
    [
        "https://www.staging.libe.io/forums/article-20231012",
        "https://staging.example.fr/a",
        "https://www.testing.lemoniteur.fr/article/x.2348250",
        "https://testing.lemoniteur.fr/article",
        "http://localhost:8000/page",
        "http://127.0.0.1:8000/",
        "http://intranet.local/page",
        "http://10.0.0.4/page",
    ],
)
def test_refused_hosts(url):
    assert refused_host_problem(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.liberation.fr/economie/article",
        "https://www.lemoniteur.fr/article/x.2348250",
        "https://www.deltafm.fr/neomat",
        "https://test.fr/",  # a public site whose name is « test »
    ],
)
def test_publication_hosts_are_accepted(url):
    assert refused_host_problem(url) is None
    assert aggregator_problem(url) is None


@pytest.mark.parametrize(
    "url",
    [
        "https://news.google.com/articles/CBMi",
        "https://www.msn.com/fr-fr/actualite/article",
        "https://fr.news.yahoo.com/article.html",
        "https://flipboard.com/@x/article",
        "https://archive.fo/zGYbT",
    ],
)
def test_aggregators_are_flagged(url):
    assert refused_host_problem(url) is None
    assert aggregator_problem(url)


@pytest.mark.django_db
def test_validator_refuses_a_staging_host_with_file_line_and_field(pack_copy):
    _append(
        pack_copy / "sources.yaml",
        "- slug: article-staging\n"
        "  title: Article relevé sur un site de test\n"
        "  url: https://www.staging.libe.io/forums/article\n",
    )
    lines = (pack_copy / "sources.yaml").read_text(encoding="utf-8").splitlines()
    url_line = next(i for i, line in enumerate(lines, 1) if "staging.libe.io" in line)
    with pytest.raises(PackValidationError) as exc:
        load_pack(pack_copy)
    message = str(exc.value)
    assert (
        f"sources.yaml, ligne {url_line}, enregistrement « article-staging », champ « url »"
        in message
    )
    assert "www.staging.libe.io" in message and "site de test" in message
    assert not Territory.objects.exists()  # nothing written


@pytest.mark.django_db
def test_validator_warns_on_an_aggregator_and_still_loads(pack_copy):
    _append(
        pack_copy / "sources.yaml",
        "- slug: article-agrege\n  title: Article vu sur Google Actualités\n"
        "  url: https://news.google.com/articles/CBMi123\n",
    )
    report = load_pack(pack_copy)
    assert Source.objects.filter(slug="article-agrege").exists()
    assert len(report.warnings) == 1
    warning = str(report.warnings[0])
    assert "enregistrement « article-agrege », champ « url »" in warning
    assert "agrégateur" in warning


@pytest.mark.parametrize("pack", [DUNKERQUE_PACK, SECOND_PACK], ids=["dunkerque", "douai"])
@pytest.mark.django_db
def test_real_packs_have_no_refused_host_nor_aggregator(pack):
    report = load_pack(pack)
    assert report.warnings == []
    for source in Source.objects.exclude(url=""):
        assert refused_host_problem(source.url) is None, source.slug


# --- verified_on, editor_note, facts age in the pack ----------------------------------------------
@pytest.mark.django_db
def test_editor_notes_and_dates_are_loaded_and_exported(pack_copy, tmp_path):
    text = (pack_copy / "territory.yaml").read_text(encoding="utf-8")
    (pack_copy / "territory.yaml").write_text(
        text.replace("short_name:", "facts_max_age_months: 3\nshort_name:", 1), encoding="utf-8"
    )
    _append(
        pack_copy / "sources.yaml",
        f'- slug: note-source\n  title: Source\n  verified_on: 2026-11-01\n  editor_note: "{NOTE}"\n',
    )
    load_pack(pack_copy)
    territory = Territory.objects.get(slug="exemple")
    assert territory.facts_max_age_months == 3
    source = Source.objects.get(slug="note-source")
    assert (source.verified_on, source.editor_note) == (dt.date(2026, 11, 1), NOTE)
    from espaces.territories.packs.export import export_pack

    export_pack(territory, tmp_path / "out")
    assert "facts_max_age_months: 3" in (tmp_path / "out" / "territory.yaml").read_text()
    exported = (tmp_path / "out" / "sources.yaml").read_text(encoding="utf-8")
    assert NOTE in exported and "verified_on: 2026-11-01" in exported


# --- the stale list ------------------------------------------------------------------------------
@pytest.mark.django_db
def test_stale_facts_by_owner_follow_the_pack_set_age(example_territory):
    territory = example_territory
    project = Project.objects.get(territory=territory, slug="gigafactory-exemple")
    Project.objects.filter(pk=project.pk).update(verified_on=dt.date(2026, 10, 1))
    Site.objects.filter(territory=territory).update(verified_on=dt.date(2026, 1, 1))
    Source.objects.filter(territory=territory).update(verified_on=dt.date(2026, 11, 30))
    Structure.objects.filter(territory=territory).update(verified_on=dt.date(2026, 11, 30))
    Service.objects.filter(territory=territory).update(last_verified_on=dt.date(2026, 11, 30))
    other = Project.objects.get(territory=territory, slug="recyclage-exemple")
    Project.objects.filter(pk=other.pk).update(verified_on=dt.date(2026, 11, 30))

    groups = {g.owner: g for g in stale_facts(territory=territory, today=TODAY)}
    # 6 months: the Espaces (January) are stale; the project of October is not, nor its
    # figures and dates (they take its date).
    coordination = groups[str(COORDINATION)]
    assert sorted(f.label for f in coordination.facts) == sorted(
        Site.objects.filter(territory=territory).values_list("name", flat=True)
    )
    assert all(f.kind == "Espace" for f in coordination.facts)
    assert list(groups) == [str(COORDINATION)]

    territory.facts_max_age_months = 1  # the project of October becomes stale, by owner
    territory.save()
    groups = {g.owner: g for g in stale_facts(territory=territory, today=TODAY)}
    owner = project.partner.name
    kinds = sorted({f.kind for f in groups[owner].facts})
    assert kinds == ["Chiffre", "Date clé", "Projet"]
    assert {f.slug for f in groups[owner].facts} == {"gigafactory-exemple"}
    assert list(groups)[0] == str(COORDINATION)  # the coordination first


@pytest.mark.django_db
def test_stale_facts_never_verified_come_first_and_query_count_is_fixed(
    example_territory, django_assert_num_queries
):
    with django_assert_num_queries(7):
        groups = stale_facts(territory=example_territory, today=TODAY)
    for group in groups:
        dates = [f.verified_on for f in group.facts]
        never = [d for d in dates if d is None]
        assert dates[: len(never)] == never
    ProjectFigure.objects.create(
        project=Project.objects.get(slug="gigafactory-exemple"), kind="direct_jobs", value=5
    )
    with django_assert_num_queries(7):
        stale_facts(territory=example_territory, today=TODAY)


@pytest.mark.django_db
def test_to_review_page_lists_stale_facts_by_owner_with_editor_notes(client, example_territory):
    Project.objects.filter(slug="gigafactory-exemple").update(editor_note=NOTE)
    user = UserFactory(role="coordinator", territory=example_territory, is_staff=True)
    client.force_login(user)
    html = client.get("/equipe/metiers/a-relire/", HTTP_HOST="exemple.localhost").content.decode()
    assert "Faits à revérifier" in html
    assert str(COORDINATION) in html
    assert "Usine d&#x27;exemple" in html or "Usine d'exemple" in html
    assert "NOTE-INTERNE-ZX9" in html  # staff see the note


# --- check_pack ------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_check_pack_on_a_folder_prints_stale_facts_and_writes_nothing():
    out = _run("check_pack", str(EXAMPLE_PACK), "--date", "2026-12-02")
    assert "Pack" in out and "valide" in out
    assert "Faits à relire de « exemple »" in out
    assert "avant le 2026-06-02, âge maximal 6 mois" in out
    assert f"  {COORDINATION} (" in out
    assert "[Projet] Gigafactory d'exemple — jamais vérifié" in out
    assert "Problèmes des sources : 0." in out
    assert not Territory.objects.exists()  # rolled back


@pytest.mark.django_db
def test_check_pack_on_a_folder_with_a_staging_source_fails(pack_copy):
    _append(
        pack_copy / "sources.yaml",
        "- slug: article-staging\n  title: Article\n  url: https://www.testing.lemoniteur.fr/a\n",
    )
    with pytest.raises(CommandError) as exc:
        _run("check_pack", str(pack_copy))
    assert "1 erreur(s) à corriger" in str(exc.value)


@pytest.mark.django_db
def test_check_pack_on_a_territory_reports_source_problems_and_errors(example_territory):
    out = _run("check_pack", "exemple", "--date", "2026-12-02")  # exit code 0: warnings only
    assert "Faits à relire" in out
    Source.objects.filter(slug="presse-exemple").update(url="https://www.msn.com/fr-fr/article")
    out = _run("check_pack", "exemple")
    assert "Attention : source « presse-exemple »" in out and "agrégateur" in out
    Source.objects.filter(slug="presse-exemple").update(url="http://localhost:8000/a")
    with pytest.raises(CommandError):
        _run("check_pack", "exemple")
    with pytest.raises(CommandError) as exc:
        _run("check_pack", "inconnu")
    assert "ni un dossier de pack ni un territoire connu" in str(exc.value)


# --- editor notes never public ------------------------------------------------------------------
@pytest.mark.django_db
def test_editor_note_never_in_public_pages_nor_public_api(client, example_territory):
    project = Project.objects.get(slug="gigafactory-exemple")
    Project.objects.filter(pk=project.pk).update(editor_note=NOTE)
    ProjectFigure.objects.filter(project=project).update(editor_note=NOTE)
    project.key_dates.update(editor_note=NOTE)
    Source.objects.filter(territory=example_territory).update(editor_note=NOTE)
    Site.objects.filter(territory=example_territory).update(editor_note=NOTE)
    Structure.objects.filter(territory=example_territory).update(editor_note=NOTE)
    Service.objects.filter(territory=example_territory).update(editor_note=NOTE)
    host = {"HTTP_HOST": "exemple.localhost"}
    service = Service.objects.filter(territory=example_territory).first()
    urls = [
        "/",
        "/projets/",
        "/metiers/",
        "/lever-les-freins/",
        f"/lever-les-freins/services/{service.slug}/",
        "/api/v1/territory",
        "/api/v1/projects",
        "/api/v1/services",
    ]
    for url in urls:
        response = client.get(url, **host)
        assert response.status_code in (200, 301, 302), url
        assert "NOTE-INTERNE-ZX9" not in response.content.decode(), url


# --- project statuses ----------------------------------------------------------------------------
def test_dunkerque_projects_statuses_from_dated_sources(dunkerque):
    projects = {p.slug: p for p in Project.objects.filter(territory=dunkerque)}
    h2v = projects["h2v59"]
    assert h2v.status == ProjectStatus.EN_PAUSE
    assert h2v.is_suspended
    assert h2v not in Project.objects.filter(territory=dunkerque).active()
    assert projects["neomat"].status == ProjectStatus.EN_CONSTRUCTION
    neomat_jobs = projects["neomat"].headline_direct_jobs
    assert (neomat_jobs.value, neomat_jobs.as_of.isoformat()[:7]) == (400, "2026-03")
    labels = [d.label for d in projects["arcelormittal-fae"].key_dates.all()]
    assert any("636 postes" in label for label in labels)
    cut = projects["arcelormittal-fae"].key_dates.get(label__startswith="ArcelorMittal annonce")
    assert cut.date == dt.date(2025, 4, 23) and cut.source.published_on
    epr2 = projects["epr2-gravelines"]
    assert not epr2.figures.filter(kind="operation_jobs").exists()  # the unsourced 800
    for project in projects.values():
        for figure in project.figures.all():  # a public figure has its source and its date
            assert figure.source_id and figure.as_of, (project.slug, figure.kind, figure.value)


def test_h2v_is_not_counted_as_recruiting(dunkerque):
    from espaces.catalogue.selectors import active_project_jobs

    jobs = active_project_jobs(territory=dunkerque)
    h2v = Project.objects.get(territory=dunkerque, slug="h2v59")
    assert h2v.pk not in jobs
    assert Project.objects.get(territory=dunkerque, slug="neomat").pk in jobs


@pytest.mark.parametrize("pack", [DUNKERQUE_PACK, SECOND_PACK], ids=["dunkerque", "douai"])
@pytest.mark.django_db
def test_no_research_note_left_in_public_fields_of_the_packs(pack):
    import re

    load_pack(pack)
    words = re.compile(
        r"à vérifier|à définir|source non trouvée|tableau de recherche|non visible|"
        r"pages trouvées|non relue",
        re.I,
    )
    public = []
    for p in Project.objects.prefetch_related("figures", "key_dates"):
        public += [p.name, p.status_note, p.summary, p.horizon, p.jobs_description]
        public += [f.note for f in p.figures.all()] + [d.label for d in p.key_dates.all()]
    for s in Site.objects.all():
        public += [s.name, s.address, s.opening_hours, s.description, s.accessibility]
    for s in Service.objects.all():
        public += [
            s.nom,
            s.description,
            s.frais_precisions,
            s.mobilisation_precisions,
            s.conditions_acces,
            s.horaires_accueil,
            s.publics_precisions,
        ]
    for s in Structure.objects.all():
        public += [s.nom, s.description, s.horaires_accueil]
    for s in Source.objects.all():
        public += [s.title, s.note]
    found = [text for text in public if text and words.search(text)]
    assert found == []
