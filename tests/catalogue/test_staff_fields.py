"""Staff-only fields of a sheet (editor_note, condition_reasons) and the hours flags."""

import pytest

from espaces.catalogue.models import Metier, MetierCondition
from espaces.catalogue.pack import export_metiers
from espaces.territories.packs import PackValidationError, load_pack
from tests.catalogue.test_pack import pack_copy, replace_in  # noqa: F401

NOTE = "Formation fictive du pack d'exemple"
REASON = "Les équipes du week-end sont des volontaires"


def test_pack_loads_the_editor_note_and_the_condition_reasons(example_territory):
    metier = Metier.objects.get(territory=example_territory, slug="operateur-batteries")
    assert metier.editor_note.startswith(NOTE)
    assert list(metier.condition_reasons) == ["weekend"]
    assert metier.condition_reasons["weekend"].startswith(REASON)


def test_export_keeps_the_staff_fields(example_territory):
    exported = {m["slug"]: m for m in export_metiers(example_territory)}
    assert exported["operateur-batteries"]["editor_note"].startswith(NOTE)
    assert exported["operateur-batteries"]["condition_reasons"]["weekend"].startswith(REASON)
    assert "editor_note" not in exported["cariste"]  # empty fields are left out
    assert "condition_reasons" not in exported["cariste"]


def test_unknown_condition_in_the_reasons_is_refused(db, pack_copy):  # noqa: F811
    replace_in(pack_copy / "metiers.yaml", "    weekend: Les équipes", "    dimanche: Les équipes")
    with pytest.raises(PackValidationError) as error:
        load_pack(pack_copy)
    assert "condition_reasons" in str(error.value)


def test_staff_fields_are_never_shown_publicly(client, settings_example, example_territory):
    for url in (
        "/metiers/operateur-batteries/",
        "/metiers/operateur-batteries/imprimer/",
        "/api/v1/metiers/operateur-batteries",
        "/api/v1/metiers?q=batterie",
    ):
        text = client.get(url).content.decode()
        assert "fictive" not in text and "volontaires" not in text, url
        assert "à vérifier</dd>" not in text, url


def test_hours_flags_follow_the_condition_rows(example_territory):
    metier = Metier.objects.prefetch_related("conditions").get(slug="operateur-batteries")
    assert (metier.night_work, metier.shift_work, metier.weekend_work) == (True, True, False)
    cariste = Metier.objects.get(slug="cariste")
    assert (cariste.night_work, cariste.shift_work, cariste.weekend_work) == (False, False, True)
    MetierCondition.objects.create(metier=cariste, condition="nuit", order=9)
    cariste = Metier.objects.get(slug="cariste")
    assert cariste.night_work is True
