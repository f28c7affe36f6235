import json
from pathlib import Path

import pytest
from django.core.management.base import CommandError

from espaces.recruitment.enums import OfferSource, OfferStatus
from espaces.recruitment.models import Offer
from tests.conftest import run_command

DATA = Path(__file__).parent / "data"
pytestmark = pytest.mark.django_db


def test_france_travail_sample_imports_and_maps_fields(settings_example):
    out = run_command("import_offres", str(DATA / "francetravail_offres.json"))
    assert "2 offre(s) importée(s), 5 poste(s)" in out
    welder = Offer.objects.get(external_id="EX00001")
    assert welder.source == OfferSource.FRANCETRAVAIL
    assert welder.status == OfferStatus.OPEN
    assert (welder.title, welder.contract, welder.posts) == ("Soudeur / Soudeuse H/F", "cdi", 3)
    assert welder.rome_codes == ["H2913"]
    assert welder.commune.insee == "99001"
    assert welder.employer.slug == "usine-exemple"
    assert welder.metier.slug == "soudeur"
    assert "Travail en équipe" in welder.hours
    apprentice = Offer.objects.get(external_id="EX00002")
    assert apprentice.contract == "alternance"  # natureContrat « Contrat apprentissage »


def test_jsonld_sample_imports_and_maps_fields(settings_example):
    out = run_command("import_offres", str(DATA / "jobposting.jsonld"), "--format", "jsonld")
    assert "2 offre(s) importée(s), 6 poste(s)" in out
    operator = Offer.objects.get(external_id="UE-2026-014")
    assert operator.contract == "cdi"
    assert operator.rome_codes == ["H2705"]
    assert operator.open_without_diploma is True
    assert str(operator.closing_on) == "2035-06-30"
    assert "Temps plein" in operator.hours and "3×8" in operator.hours
    internship = Offer.objects.get(external_id="UE-2026-015")
    assert (internship.contract, internship.rome_codes) == ("stage", ["I1304"])
    assert internship.commune.name == "Port-Exemple"


def test_importing_the_same_file_twice_changes_nothing(settings_example):
    path = str(DATA / "francetravail_offres.json")
    run_command("import_offres", path)
    out = run_command("import_offres", path)
    assert "créées : 0 ; mises à jour : 2" in out
    assert Offer.objects.count() == 2


def test_dry_run_writes_nothing(settings_example):
    out = run_command("import_offres", str(DATA / "jobposting.jsonld"), "--dry-run")
    assert out.startswith("[essai, rien n'est écrit]")
    assert Offer.objects.count() == 0


def test_bad_file_is_refused_whole_with_offer_line_and_field(settings_example, tmp_path):
    data = json.loads((DATA / "francetravail_offres.json").read_text())
    data["resultats"][1]["typeContrat"] = "XYZ"
    data["resultats"][1]["natureContrat"] = "Contrat travail"
    data["resultats"][1]["alternance"] = False
    data["resultats"][1]["lieuTravail"]["commune"] = "59183"
    path = tmp_path / "offres.json"
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False))
    with pytest.raises(CommandError) as exc:
        run_command("import_offres", str(path))
    message = str(exc.value)
    assert "rien n'a été enregistré" in message
    assert "offre n° 2 (ligne " in message
    assert "champ « typeContrat » : contrat « XYZ » inconnu" in message
    assert "champ « lieuTravail.commune » : commune « 59183 » inconnue" in message
    assert Offer.objects.count() == 0  # the first, valid offer is not written either


def test_unknown_employer_is_an_error_unless_forced(settings_example, tmp_path):
    data = json.loads((DATA / "jobposting.jsonld").read_text())
    data[0]["hiringOrganization"]["name"] = "Entreprise inconnue"
    path = tmp_path / "offres.jsonld"
    path.write_text(json.dumps(data))
    with pytest.raises(CommandError, match="hiringOrganization.name.*Entreprise inconnue"):
        run_command("import_offres", str(path))
    run_command("import_offres", str(path), "--employer", "usine-exemple")
    assert Offer.objects.filter(employer__slug="usine-exemple").count() == 2


def test_invalid_json_names_its_line(settings_example, tmp_path):
    path = tmp_path / "casse.json"
    path.write_text('{\n "resultats": [\n  {"intitule": }\n ]\n}')
    with pytest.raises(CommandError, match=r"ligne 3 : JSON invalide"):
        run_command("import_offres", str(path))
