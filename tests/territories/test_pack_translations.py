"""`translations: {en: {field: text}}` in pack records (docs/packs.md): stored like the other
fields, loading twice writes nothing, and every mistake names file, line, record and field."""

import shutil

import pytest

from espaces.catalogue.models import Metier
from espaces.events.models import EventType
from espaces.orientation.models import Questionnaire
from espaces.services.models import Service, Structure
from espaces.territories.packs import PackValidationError, load_pack
from tests.conftest import EXAMPLE_PACK


@pytest.fixture
def pack_copy(tmp_path):
    path = tmp_path / "pack"
    shutil.copytree(EXAMPLE_PACK, path)
    return path


def replace_in(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def errors_of(pack) -> list[str]:
    with pytest.raises(PackValidationError) as error:
        load_pack(pack)
    return [str(e) for e in error.value.errors]


def test_example_pack_stores_the_translations_of_each_kind(example_territory):
    operator = Metier.objects.get(territory=example_territory, slug="operateur-batteries")
    english = operator.translations["en"]
    assert english["title"] == "Battery production operator"
    assert english["day_tasks"][0] == "You read the notes of the team before you."
    # (PostgreSQL's jsonb keeps no key order: the export orders them itself)
    assert sorted(english) == ["day_tasks", "hard", "likes", "summary", "title"]
    assert Metier.objects.get(slug="cariste").translations == {}
    bus = Service.objects.get(slug="bus-de-nuit-exemple")
    assert bus.translations["en"]["nom"] == "Example night bus"
    assert Structure.objects.get(slug="reseau-bus-exemple").translations["en"]["nom"] == (
        "Example bus network"
    )
    assert EventType.objects.get(slug="atelier-metiers").translations == {
        "en": {
            "name": "Discover jobs workshop",
            "description": "A fictional workshop for the tests.",
        }
    }
    definition = Questionnaire.objects.get(territory=example_territory).definition
    assert definition["translations"]["en"]["title"] == "Example questionnaire"
    assert definition["scales"]["simple"]["translations"] == {
        "en": {"prompt": "Would you like it?"}
    }
    reparer = definition["questions"][0]
    assert reparer["translations"] == {"en": {"text": "Repair a device"}}
    permis = next(q for q in definition["questions"] if q["id"] == "permis")
    assert permis["options"][0]["translations"] == {"en": {"label": "Yes, with a vehicle"}}


def test_loading_the_same_translations_twice_writes_nothing(example_territory):
    before = {m.slug: m.updated_at for m in Metier.objects.all()}
    assert load_pack(EXAMPLE_PACK).changed == 0
    assert {m.slug: m.updated_at for m in Metier.objects.all()} == before


def test_a_changed_translation_updates_the_sheet_only(example_territory, pack_copy):
    replace_in(
        pack_copy / "metiers.yaml",
        "title: Battery production operator",
        "title: Battery line operator",
    )
    report = load_pack(pack_copy)
    assert report.counts["métiers"]["modifiés"] == 1
    operator = Metier.objects.get(slug="operateur-batteries")
    assert operator.translations["en"]["title"] == "Battery line operator"
    assert operator.revisions.first().message.startswith("Mise à jour par le chargement")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "file, old, new, expected",
    [
        (
            "metiers.yaml",
            "  translations:\n    en:\n      title: Battery production operator",
            "  translations:\n    de:\n      title: Batterie",
            "metiers.yaml, ligne 53, enregistrement « operateur-batteries », champ "
            "« translations.de » : langue « de » inconnue. Langues permises : en (le français "
            "est le texte des champs eux-mêmes).",
        ),
        (
            "metiers.yaml",
            "      title: Battery production operator",
            "      titre: Battery production operator",
            "metiers.yaml, ligne 54, enregistrement « operateur-batteries », champ "
            "« translations.en.titre » : champ « titre » non traduisible. Champs traduisibles : "
            "title, summary, day_tasks, likes, hard.",
        ),
        (
            "metiers.yaml",
            "      likes:\n        - Working on modern machines.\n"
            "        - Making something useful for the planet.",
            "      likes: Working on modern machines.",
            "champ « translations.en.likes » : liste de textes attendue",
        ),
        (
            "services.yaml",
            "      nom: Example night bus",
            "      nom: 42",
            "services.yaml, ligne 23, enregistrement « bus-de-nuit-exemple », champ "
            "« translations.en.nom » : texte attendu",
        ),
        (
            "services.yaml",
            "      nom: Example night bus",
            "      tags: [night]",
            "champ « translations.en.tags » : champ « tags » non traduisible. Champs traduisibles "
            ": nom, description, publics_precisions, conditions_acces, frais_precisions, "
            "mobilisation_precisions.",
        ),
        (
            "structures.yaml",
            "en: {nom: Example bus network,",
            "en: {adresse: 1 Bus Street, nom: Example bus network,",
            "structures.yaml, ligne 10, enregistrement « reseau-bus-exemple », champ "
            "« translations.en.adresse » : champ « adresse » non traduisible. Champs "
            "traduisibles : nom, description.",
        ),
        (
            "event_types.yaml",
            "en: {name: Discover jobs workshop,",
            'en: {name: "", ',
            "event_types.yaml, ligne 10, enregistrement « atelier-metiers », champ "
            "« translations.en.name » : texte vide : écrivez la traduction ou retirez la ligne",
        ),
        (
            "event_types.yaml",
            "  translations:\n    en: {name",
            "  translations: Discover jobs workshop\n    # {name",
            "event_types.yaml, ligne 9, enregistrement « atelier-metiers », champ "
            "« translations » : ensemble de champs attendu",
        ),
        (
            "questionnaire.yaml",
            "{id: reparer, kind: scale, scale: simple, dimension: R, text: Réparer un appareil, "
            'translations: {en: {text: "Repair a device"}}}',
            "{id: reparer, kind: scale, scale: simple, dimension: R, text: Réparer un appareil, "
            'translations: {en: {label: "Repair a device"}}}',
            "questionnaire.yaml, ligne 29, enregistrement « reparer », champ "
            "« questions.0.translations.en.label » : champ « label » non traduisible. Champs "
            "traduisibles : text, help.",
        ),
        (
            "questionnaire.yaml",
            "{value: permis_vehicule, label: Oui avec véhicule, pictogram: voiture, "
            'translations: {en: {label: "Yes, with a vehicle"}}}',
            "{value: permis_vehicule, label: Oui avec véhicule, pictogram: voiture, "
            'translations: {es: {label: "Sí"}}}',
            "enregistrement « permis », champ « questions.14.options.0.translations.es » : "
            "langue « es » inconnue",
        ),
        (
            "questionnaire.yaml",
            'translations: {en: {prompt: "Would you like it?"}}',
            "translations: {en: {prompt: [Would you like it]}}",
            "enregistrement « échelle simple », champ « scales.simple.translations.en.prompt » "
            ": texte attendu",
        ),
    ],
)
def test_translation_mistakes_are_refused_with_file_line_record_and_field(
    pack_copy, file, old, new, expected
):
    replace_in(pack_copy / file, old, new)
    messages = errors_of(pack_copy)
    assert any(expected in m for m in messages), messages
    assert not Metier.objects.exists()  # nothing written
