"""espaces import_services and espaces request_service_reviews."""

import json

import pytest
from django.core import mail
from django.core.management.base import CommandError

from espaces.services.models import Service, Structure
from espaces.territories.models import Partner
from tests.conftest import run_command

STRUCTURE = {
    "source": "dora",
    "id": "dora--s1",
    "nom": "Garage solidaire du port",
    "date_maj": "2025-02-14",
    "commune": "Port-Exemple",
    "code_insee": "99002",
    "courriel": "contact@garage.example.org",
}
SERVICE = {
    "source": "dora",
    "structure_id": "dora--s1",
    "id": "dora--42",
    "nom": "Réparation de voitures à petit prix",
    "description": "Le garage solidaire répare votre voiture à prix réduit si vous en avez "
    "besoin pour aller travailler.",
    "date_maj": "2025-02-14",
    "type": "aide-materielle",
    "thematiques": ["mobilite--entretenir-reparer-son-vehicule"],
    "frais": "payant",
    "publics": ["demandeurs-emploi", "actifs"],
    "zone_eligibilite": ["99"],
    "modes_mobilisation": ["telephoner"],
    "mobilisable_par": ["usagers"],
    "telephone": "+33300000000",
    "lien_source": "https://dora.example.org/services/42",
}


def write(tmp_path, payload, name="import.json"):
    path = tmp_path / name
    path.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    return str(path)


def snapshot(territory):
    return (
        sorted(Service.objects.filter(territory=territory).values_list("slug", "nom", "frais")),
        sorted(Structure.objects.filter(territory=territory).values_list("slug", "nom")),
    )


def test_import_structures_and_services(tmp_path, example):
    out = run_command(
        "import_services", write(tmp_path, {"structures": [STRUCTURE], "services": [SERVICE]})
    )
    assert "structures : 1 créé(s)" in out and "services : 1 créé(s)" in out
    service = Service.objects.get(source_system="dora", external_id="dora--42")
    assert service.territory == example
    assert service.slug == "dora-dora-42"
    assert service.structure.external_id == "dora--s1"
    assert service.thematiques == ["mobilite--entretenir-reparer-son-vehicule"]
    assert service.publics == ["actifs", "demandeurs-emploi"]
    assert service.last_verified_on.isoformat() == "2025-02-14"
    assert service.lien_source == "https://dora.example.org/services/42"
    assert service.structure.courriel == "contact@garage.example.org"


def test_import_is_an_upsert_by_source_and_id(tmp_path, example):
    path = write(tmp_path, {"structures": [STRUCTURE], "services": [SERVICE]})
    run_command("import_services", path)
    again = run_command("import_services", path)
    assert "0 enregistrement(s) créé(s) ou modifié(s)" in again
    changed = {**SERVICE, "frais": "gratuit", "date_maj": "2025-06-01"}
    out = run_command("import_services", write(tmp_path, [changed], "v2.json"))
    assert "services : 0 créé(s), 1 modifié(s)" in out
    service = Service.objects.get(external_id="dora--42")
    assert service.frais == "gratuit"
    assert service.last_verified_on.isoformat() == "2025-06-01"
    assert Service.objects.filter(source_system="dora").count() == 1


def test_a_list_of_services_needs_known_structures(tmp_path, example):
    with pytest.raises(CommandError) as exc:
        run_command("import_services", write(tmp_path, [SERVICE]))
    message = str(exc.value)
    assert "rien n'a été importé" in message
    assert (
        "service n° 1 de « services » (id « dora--42 »), champ « structure_id » : "
        "structure « dora--s1 » (source « dora ») inconnue" in message
    )


def test_broken_file_is_refused_whole_and_names_record_and_field(tmp_path, example):
    before = snapshot(example)
    good = {**SERVICE, "id": "dora--43"}
    broken = {
        **SERVICE,
        "thematiques": ["mobilite--bus"],
        "frais": "gratuite",
        "courriel": "pas-un-courriel",
    }
    no_name = {k: v for k, v in SERVICE.items() if k != "nom"} | {"id": "dora--44"}
    path = write(tmp_path, {"structures": [STRUCTURE], "services": [good, broken, no_name]})
    with pytest.raises(CommandError) as exc:
        run_command("import_services", path)
    message = str(exc.value)
    assert "rien n'a été importé" in message
    assert (
        "service n° 2 de « services » (id « dora--42 »), champ « thematiques » : "
        "valeur « mobilite--bus » : thématique inconnue. Valeurs permises pour « mobilite »"
        in message
    )
    assert (
        "service n° 2 de « services » (id « dora--42 »), champ « frais » : valeur « gratuite » "
        "inconnue. Valeurs permises : gratuit, payant." in message
    )
    assert "service n° 2 de « services » (id « dora--42 »), champ « courriel »" in message
    assert (
        "service n° 3 de « services » (id « dora--44 »), champ « nom » : champ obligatoire "
        "manquant" in message
    )
    assert snapshot(example) == before  # not even the valid records


def test_duplicates_and_the_territory_own_source_are_refused(tmp_path, example):
    own = {**SERVICE, "source": "espaces-exemple", "structure_id": "agence-emploi-exemple"}
    path = write(tmp_path, {"structures": [STRUCTURE], "services": [SERVICE, SERVICE, own]})
    with pytest.raises(CommandError) as exc:
        run_command("import_services", path)
    message = str(exc.value)
    assert "champ « id » : en double dans le fichier" in message
    assert "« espaces-exemple » est la source des fiches écrites par l'équipe" in message


def test_unreadable_json_names_the_line(tmp_path, example):
    path = tmp_path / "bad.json"
    path.write_text('[\n  {"id": 1,}\n]', encoding="utf-8")
    with pytest.raises(CommandError, match=r"ligne 2, colonne \d+ : JSON illisible"):
        run_command("import_services", str(path))


def test_import_dry_run_writes_nothing(tmp_path, example):
    before = snapshot(example)
    out = run_command(
        "import_services",
        write(tmp_path, {"structures": [STRUCTURE], "services": [SERVICE]}),
        "--dry-run",
    )
    assert out.startswith("[essai, rien n'est écrit]")
    assert snapshot(example) == before


def test_imported_services_appear_on_the_page_and_in_the_api(tmp_path, client, example):
    run_command(
        "import_services", write(tmp_path, {"structures": [STRUCTURE], "services": [SERVICE]})
    )
    html = client.get("/lever-les-freins/", {"besoin": "me-deplacer", "commune": "99002"})
    assert "Réparation de voitures à petit prix" in html.content.decode()
    exported = client.get("/api/v1/services", {"territory": "exemple", "thematique": "mobilite"})
    item = next(s for s in exported.json() if s["id"] == "dora--42")
    assert (item["source"], item["structure_id"]) == ("dora", "dora--s1")
    assert item["lien_source"] == "https://dora.example.org/services/42"


# --- review e-mails ---------------------------------------------------------------------------
@pytest.fixture
def contacts(example):
    Partner.objects.filter(slug="agence-emploi").update(contact_email="fiches@agence.example.org")
    return example


def test_review_request_sends_one_email_per_partner_with_a_working_link(
    contacts, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        out = run_command("request_service_reviews")
    assert (
        "Agence pour l'emploi d'exemple <fiches@agence.example.org> : 3 fiche(s) à vérifier" in out
    )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["fiches@agence.example.org"]
    assert "3 fiche(s) de vos services à vérifier" in message.subject
    assert "- Aide fictive pour passer le permis B (jamais vérifiée)" in message.body
    assert "- Location de scooters au port d'exemple (dernière vérification : 15 janvier 2020)" in (
        message.body
    )
    assert "Atelier numérique" not in message.body  # fresh sheet
    assert "valable 30 jours" in message.body
    link = next(line for line in message.body.splitlines() if "/lever-les-freins/verifier/" in line)
    assert link.startswith("http://exemple.localhost/lever-les-freins/verifier/")
    page = client.get(link.removeprefix("http://exemple.localhost"))
    assert (
        page.status_code == 200 and "Aide fictive pour passer le permis B" in page.content.decode()
    )
    assert Service.objects.filter(review_requested_on__isnull=False).count() == 3


def test_review_request_dry_run_sends_nothing(contacts, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        out = run_command("request_service_reviews", "--dry-run")
    assert "[essai, aucun courriel envoyé] Agence pour l'emploi d'exemple" in out
    assert mail.outbox == []
    assert not Service.objects.filter(review_requested_on__isnull=False).exists()


def test_partners_without_email_are_reported(example, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        out = run_command("request_service_reviews", "--territory", "exemple")
    assert "Sans courriel de contact : Agence pour l'emploi d'exemple (3 fiche(s))" in out
    assert mail.outbox == []


def test_base_url_option_and_unknown_territory(contacts, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run_command("request_service_reviews", "--base-url", "https://espaces.example.org/")
    assert "https://espaces.example.org/lever-les-freins/verifier/" in mail.outbox[0].body
    with pytest.raises(CommandError, match="Territoire « atlantide » inconnu"):
        run_command("request_service_reviews", "--territory", "atlantide")
