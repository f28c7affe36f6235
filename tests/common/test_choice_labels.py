"""`get_<field>_display()` of the project's models (espaces/common/models.py): the choices'
dictionary is made once per field and language, the answers stay Django's."""

from django.utils import translation

from espaces.events.models import Registration


def test_labels_follow_the_active_language_and_unknown_values_pass_through():
    registration = Registration(public_category="demandeur_emploi")
    assert registration.get_public_category_display() == "Demandeur ou demandeuse d'emploi"
    with translation.override("en"):
        assert registration.get_public_category_display() == "Jobseeker"
    assert registration.get_public_category_display() == "Demandeur ou demandeuse d'emploi"
    registration.public_category = "salarie"
    assert registration.get_public_category_display() == "Salarié·e"
    registration.public_category = "valeur-inconnue"
    assert registration.get_public_category_display() == "valeur-inconnue"
    registration.public_category = ""
    assert registration.get_public_category_display() == ""
