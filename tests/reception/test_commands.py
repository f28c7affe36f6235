"""espaces import_visits (all or nothing, exact counts) and espaces purge_personal_data."""

import datetime as dt

import pytest
from django.core.management import CommandError
from django.utils import timezone

from espaces.reception.models import Beneficiary, JournalEntry, Referral, Visit, VisitImport
from espaces.reception.services import journal_entry_create, referral_transition
from tests.conftest import run_command

from .factories import BeneficiaryFactory, ReferralFactory, VisitFactory

HEADER = "date,site,public_category,gender,age_band,qpv,commune,channel,purpose,group_size\n"
GOOD = HEADER + (
    "2024-10-15,centre,demandeur_emploi,femme,30_54,oui,99001,spontane,information-metiers,1\n"
    "2024-10-15,centre,jeune_scolaire,homme,moins_18,non,Port-Exemple,ecole,casque-vr,24\n"
    "2024-11-02,gare,habitant,non_renseigne,inconnu,inconnu,,,,\n"
    "2024-11-03,gare,professionnel_accompagnement,femme,30_54,non,,,atelier,3\n"
    "\n"
    "2024-12-20,centre,salarie,autre,55_plus,inconnu,ville-exemple,,aide-cv,2\n"
)


@pytest.fixture
def csv_file(tmp_path):
    def write(content, name="visites.csv", encoding="utf-8"):
        path = tmp_path / name
        path.write_bytes(content.encode(encoding))
        return path

    return write


def imported():
    return Visit.objects.filter(source="import")


def test_import_counts_every_person_exactly(world, csv_file):
    out = run_command("import_visits", str(csv_file(GOOD)))
    assert imported().count() == 5
    assert sum(imported().values_list("group_size", flat=True)) == 1 + 24 + 1 + 3 + 2
    assert out.splitlines()[0] == (
        "visites.csv : 5 ligne(s) importée(s), 28 visiteur(s) du public et 3 professionnel(s), "
        "du 15/10/2024 au 20/12/2024."
    )
    assert "  centre : 27 personne(s)" in out and "  gare : 1 personne(s)" in out
    blank = imported().get(date=dt.date(2024, 11, 2))
    assert (blank.gender, blank.channel, blank.purpose, blank.group_size, blank.commune) == (
        "non_renseigne",
        "",
        "",
        1,
        None,
    )
    assert imported().get(group_size=24).commune.insee == "99002"
    assert imported().get(group_size=2).commune.insee == "99001"
    batch = VisitImport.objects.get()
    assert (batch.lines, batch.visitors) == (5, 31)


def test_imported_history_is_what_stats_summary_counts(client, world, csv_file, bearer):
    run_command("import_visits", str(csv_file(GOOD)))
    data = client.get(
        "/api/v1/stats/summary?from=2024-10-01&to=2024-12-31", **bearer(world.users.coordinator)
    ).json()
    assert (data["visitors"], data["professionals"]) == (28, 3)
    assert data["by_public_category"]["jeune_scolaire"] == 24


def test_dry_run_checks_and_writes_nothing(world, csv_file):
    out = run_command("import_visits", str(csv_file(GOOD)), "--dry-run")
    assert out.startswith("[essai, rien n'est écrit] visites.csv : 5 ligne(s) à importer")
    assert not imported().exists() and not VisitImport.objects.exists()


def test_one_bad_line_refuses_the_whole_file_naming_line_column_and_allowed_values(world, csv_file):
    broken = GOOD + (
        "2024-12-21,centre,retraite,femme,30_54,oui,,,atelier,1\n"
        "21/12/2024,gare,habitant,femme,40_50,peut-etre,Lille,web,casque-vr,deux\n"
        "2024-13-01,lune,habitant,,,,,,,\n"
    )
    with pytest.raises(CommandError) as exc:
        run_command("import_visits", str(csv_file(broken)))
    message = str(exc.value)
    assert not imported().exists() and not VisitImport.objects.exists()
    assert "Le fichier n'a pas été importé (9 erreur(s)) ; rien n'a été enregistré." in message
    assert (
        "ligne 8, colonne « public_category » : valeur « retraite » inconnue. Valeurs permises : "
        "demandeur_emploi, stagiaire_formation, salarie, jeune_scolaire, etudiant, habitant, "
        "nouvel_arrivant, enseignant, professionnel_accompagnement, employeur, autre." in message
    )
    assert (
        "ligne 9, colonne « age_band » : valeur « 40_50 » inconnue. Valeurs permises : "
        "moins_18, 18_29, 30_54, 55_plus, inconnu." in message
    )
    assert (
        "ligne 9, colonne « qpv » : valeur « peut-etre » inconnue. Valeurs permises : oui, non, inconnu."
        in message
    )
    assert "ligne 9, colonne « commune » : commune « Lille » inconnue sur ce territoire" in message
    assert (
        "ligne 9, colonne « channel » : canal « web » inconnu pour l'espace « gare ». Valeurs "
        "permises : spontane, orientation-partenaire, evenement, bouche-a-oreille, "
        "reseaux-sociaux, ecole, autre (ou vide)." in message
    )
    assert (
        "ligne 9, colonne « purpose » : motif « casque-vr » inconnu pour l'espace « gare »"
        in message
    )
    assert "ligne 9, colonne « group_size » : nombre de personnes « deux » invalide" in message
    assert (
        "ligne 10, colonne « date » : date « 2024-13-01 » invalide : format AAAA-MM-JJ" in message
    )
    assert (
        "ligne 10, colonne « site » : espace « lune » inconnu. Valeurs permises : centre, gare."
        in message
    )


def test_header_problems_are_reported_on_line_1(world, csv_file):
    with pytest.raises(CommandError) as exc:
        run_command(
            "import_visits",
            str(csv_file("date,espace,public_category,nombre\n2024-10-01,centre,habitant,1\n")),
        )
    message = str(exc.value)
    assert (
        "ligne 1, colonne « espace » : colonne inconnue. Colonnes permises : date, site," in message
    )
    assert "ligne 1, colonne « site » : colonne obligatoire absente de l'en-tête." in message


def test_french_spreadsheet_with_semicolons_and_bom_is_read(world, csv_file):
    content = "\ufeff" + GOOD.replace(",", ";")
    run_command("import_visits", str(csv_file(content)))
    assert imported().count() == 5


def test_non_utf8_file_is_refused_with_a_hint(world, csv_file):
    path = csv_file(HEADER + "2024-10-15,centre,habitant,,,,Ville-Éxemple,,,\n", encoding="latin-1")
    with pytest.raises(CommandError, match="UTF-8"):
        run_command("import_visits", str(path))


def test_same_file_twice_is_refused(world, csv_file):
    path = csv_file(GOOD)
    run_command("import_visits", str(path))
    with pytest.raises(CommandError, match="Ce fichier a déjà été importé le"):
        run_command("import_visits", str(path))
    assert imported().count() == 5


def test_future_dates_and_unknown_territory_are_refused(world, csv_file):
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    with pytest.raises(CommandError, match="dans le futur"):
        run_command("import_visits", str(csv_file(HEADER + f"{tomorrow},centre,habitant,,,,,,,\n")))
    with pytest.raises(CommandError, match="Territoire « atlantide » inconnu"):
        run_command("import_visits", str(csv_file(GOOD)), "--territory", "atlantide")


# --- purge_personal_data -----------------------------------------------------------------------
@pytest.fixture
def old_and_recent_files(world):
    """One file whose last contact is 25 months old (expired), one recent."""
    today = timezone.localdate()
    old = BeneficiaryFactory(
        territory=world.territory,
        first_name="Ancienne",
        last_name="Personne",
        email="ancienne@example.org",
        disability="oui",
        employment_status="demandeur_emploi",
        long_term_unemployed=True,
        age_band="30_54",
        site=world.site_a,
    )
    journal_entry_create(
        beneficiary=old, user=world.users.mediator_a, kind="note", text="Appel du lundi."
    )
    referral = ReferralFactory(beneficiary=old, partner=world.partner_x)
    referral_transition(referral=referral, to_status="recue", by_label="test")
    referral_transition(
        referral=referral, to_status="refusee", reason="Pas de place.", by_label="test"
    )
    VisitFactory(site=world.site_a, beneficiary=old, date=dt.date(2023, 1, 5), group_size=1)
    Beneficiary.objects.filter(pk=old.pk).update(last_contact_on=today - dt.timedelta(days=25 * 31))
    return old, world.beneficiary


def test_purge_anonymises_expired_files_and_keeps_every_count(
    client, world, old_and_recent_files, bearer
):
    old, recent = old_and_recent_files
    headers = bearer(world.users.coordinator)
    before = client.get("/api/v1/stats/summary", **headers).json()
    categories_before = list(
        Beneficiary.objects.order_by("pk").values_list(
            "employment_status", "long_term_unemployed", "age_band", "exit_outcome"
        )
    )
    referral_states_before = list(Referral.objects.order_by("pk").values_list("status", flat=True))

    out = run_command("purge_personal_data")

    assert "Dossiers de suivi sans contact depuis le" in out and ": 1 anonymisé(s)." in out
    old.refresh_from_db()
    assert old.anonymised_at is not None
    assert (old.first_name, old.last_name, old.email, old.phone, old.disability) == (
        "",
        "",
        "",
        "",
        "",
    )
    assert JournalEntry.objects.get(beneficiary=old).text == ""
    assert Referral.objects.get(beneficiary=old).refusal_reason == "[motif effacé]"
    recent.refresh_from_db()
    assert recent.anonymised_at is None and recent.first_name == "Camille"
    # every aggregate is identical
    assert client.get("/api/v1/stats/summary", **headers).json() == before
    assert Visit.objects.filter(beneficiary=old).count() == 1
    assert (
        list(
            Beneficiary.objects.order_by("pk").values_list(
                "employment_status", "long_term_unemployed", "age_band", "exit_outcome"
            )
        )
        == categories_before
    )
    assert (
        list(Referral.objects.order_by("pk").values_list("status", flat=True))
        == referral_states_before
    )
    # the file is gone from the staff lists
    client.force_login(world.users.coordinator)
    assert client.get(f"/equipe/accueil/personnes/{old.pk}/").status_code == 404
    # running again finds nothing to do
    assert ": 0 anonymisé(s)." in run_command("purge_personal_data")


def test_purge_dry_run_counts_and_changes_nothing(world, old_and_recent_files):
    old, _ = old_and_recent_files
    out = run_command("purge_personal_data", "--dry-run")
    assert out.startswith("[essai, rien n'est modifié] Dossiers de suivi")
    assert ": 1 à anonymiser." in out
    old.refresh_from_db()
    assert old.anonymised_at is None and old.first_name == "Ancienne"


def test_retention_period_is_configurable(world, old_and_recent_files, settings):
    settings.ESPACES_RETENTION_MONTHS = 36
    assert ": 0 anonymisé(s)." in run_command("purge_personal_data")
