"""The simulator page: plain language, nothing stored, linked from job sheets, and attachable to a
consenting person's file by a mediator only."""

import pytest
from django.apps import apps

from espaces.reception.enums import JournalKind
from espaces.reception.models import JournalEntry

# OpenFisca-France loads once per process (about 10 s of CPU): its tests share a worker.
pytestmark = pytest.mark.xdist_group("openfisca")

URL = "/et-si-je-travaillais/"

FORM = {
    "couple": "non",
    "children_ages": "3, 7",
    "housing": "locataire",
    "rent": "540",
    "commune": "99001",
    "age_band": "30_54",
    "situation": "rsa",
    "are_daily": "",
    "gross_1": "1850",
    "gross_2": "",
    "gross_3": "",
}


def row_counts():
    return {m._meta.label: m.objects.count() for m in apps.get_models() if m._meta.managed}


def test_page_says_nothing_is_stored(client, settings_example):
    html = client.get(URL).content.decode()
    assert "Et si je prenais ce travail" in html
    assert "Rien n'est enregistré" in html
    assert 'inputmode="decimal"' in html


def test_answer_compares_today_and_the_job_and_lists_aids(client, settings_example):
    before = row_counts()
    response = client.post(URL, FORM)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ce que vous auriez chaque mois" in html
    assert "Aujourd&#x27;hui" in html or "Aujourd'hui" in html
    assert "Prime d&#x27;activité" in html or "Prime d'activité" in html
    assert "OpenFisca-France" in html and "À confirmer auprès de la CAF" in html
    assert "Aide à la garde d&#x27;enfants" in html or "Aide à la garde d'enfants" in html
    assert "Aide au permis de conduire B" in html
    assert 'class="chart"' in html
    # Nothing about the person was written anywhere (sessions included).
    assert row_counts() == before


def test_bad_input_keeps_what_was_typed_with_a_french_message(client, settings_example):
    response = client.post(URL, {**FORM, "gross_1": "mille", "children_ages": "3, x"})
    assert response.status_code == 422
    html = response.content.decode()
    assert "Écrivez un nombre" in html
    assert "Écrivez seulement des âges" in html
    assert 'value="540"' in html  # the rent typed is still there


def test_tenant_without_rent_is_asked_for_it(client, settings_example):
    response = client.post(URL, {**FORM, "rent": ""})
    assert response.status_code == 422
    assert "Indiquez votre loyer" in response.content.decode()


def test_htmx_answer_is_a_200_so_that_errors_are_shown(client, settings_example):
    response = client.post(URL, {**FORM, "gross_1": ""}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "obligatoire" in response.content.decode()


def test_job_sheet_prefills_the_smic_with_its_source(client, settings_example):
    from espaces.catalogue.models import Metier
    from espaces.gains.engine import current_month, smic_gross_monthly

    metier = Metier.objects.filter(
        territory=settings_example and Metier.objects.first().territory
    ).first()
    html = client.get(URL, {"metier": metier.slug}).content.decode()
    assert metier.title in html
    assert "au moins le SMIC" in html
    amount = f"{smic_gross_monthly(current_month()):.2f}"
    assert f'value="{amount}"' in html
    sheet = client.get(f"/metiers/{metier.slug}/").content.decode()
    assert f"{URL}?metier={metier.slug}" in sheet


@pytest.fixture
def mediator_world(settings_example, example_territory):
    from tests.factories import UserFactory
    from tests.reception.factories import BeneficiaryFactory

    t = example_territory
    mediator = UserFactory(email="med@example.org", role="mediator", territory=t)
    beneficiary = BeneficiaryFactory(territory=t, referent=mediator)
    return mediator, beneficiary


def test_mediator_attaches_the_answer_with_consent(client, mediator_world):
    mediator, beneficiary = mediator_world
    client.force_login(mediator)
    page = client.get(URL, {"dossier": beneficiary.pk}).content.decode()
    assert "Joindre le résultat au dossier" in page
    data = {**FORM, "dossier": beneficiary.pk, "joindre": "oui"}
    refused = client.post(URL, data)
    assert (
        "Cochez l&#x27;accord" in refused.content.decode()
        or "Cochez l'accord" in refused.content.decode()
    )
    assert not JournalEntry.objects.filter(kind=JournalKind.SIMULATION).exists()
    response = client.post(URL, {**data, "accord": "oui"})
    assert response.status_code == 302
    entry = JournalEntry.objects.get(beneficiary=beneficiary, kind=JournalKind.SIMULATION)
    assert "OpenFisca-France" in entry.text and "1 850 € brut" in entry.text
    assert entry.author == mediator
    assert "540" not in entry.text  # the household typed is not kept, only the figures


def test_public_visitor_cannot_attach_to_a_file(client, mediator_world):
    _, beneficiary = mediator_world
    page = client.get(URL, {"dossier": beneficiary.pk}).content.decode()
    assert "Joindre le résultat" not in page
    client.post(URL, {**FORM, "dossier": beneficiary.pk, "joindre": "oui", "accord": "oui"})
    assert not JournalEntry.objects.filter(kind=JournalKind.SIMULATION).exists()
