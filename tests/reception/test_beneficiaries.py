"""Follow-up files: opened with consent or a legal basis, timeline, audit, export, erasure."""

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from espaces.common.models import AuditLog
from espaces.reception import services
from espaces.reception.models import Barrier, Beneficiary, JournalEntry, Visit
from espaces.reception.thematiques import THEMATIQUE_VALUES
from tests.events.factories import RegistrationFactory, SessionFactory

from .factories import BeneficiaryFactory

PERSON = {
    "first_name": "Inès",
    "last_name": "Durand",
    "phone": "0611223344",
    "email": "ines.durand@example.org",
    "qpv": "oui",
    "age_band": "18_29",
    "gender": "femme",
    "employment_status": "demandeur_emploi",
    "long_term_unemployed": "on",
    "education_level": "cite_3_4",
    "disability": "ne_souhaite_pas_repondre",
}


@pytest.fixture
def mediator(client, world):
    client.force_login(world.users.mediator_a)
    return client


def create_url():
    return reverse("reception:beneficiary_create")


def test_file_opens_with_recorded_consent(mediator, world):
    response = mediator.post(
        create_url(),
        {
            **PERSON,
            "site": world.site_a.pk,
            "referent": world.users.mediator_a.pk,
            "legal_basis": "consentement",
            "consent_given": "on",
            "consent_text_version": "2025-01",
        },
    )
    assert response.status_code == 302
    b = Beneficiary.objects.get(last_name="Durand")
    assert (b.legal_basis, b.consent_given_on, b.consent_recorded_by, b.consent_text_version) == (
        "consentement",
        timezone.localdate(),
        world.users.mediator_a,
        "2025-01",
    )
    assert b.employment_status_detail == "Demandeur·se d'emploi de longue durée"
    assert b.disability == "ne_souhaite_pas_repondre"
    assert b.site == world.site_a and b.referent == world.users.mediator_a
    entry = AuditLog.objects.get(action="create")
    assert (entry.user, entry.object_type, entry.object_id) == (
        world.users.mediator_a,
        "beneficiary",
        str(b.pk),
    )
    assert "Durand" not in entry.summary and "Inès" not in entry.summary


def test_file_is_refused_without_ticked_consent_and_nothing_is_lost(mediator, world):
    response = mediator.post(create_url(), {**PERSON, "legal_basis": "consentement"})
    html = response.content.decode()
    assert response.status_code == 422
    assert not Beneficiary.objects.filter(last_name="Durand").exists()
    assert "Cochez la case après avoir lu le texte à la personne" in html
    assert 'value="Durand"' in html and 'value="0611223344"' in html


def test_other_legal_basis_opens_without_consent_and_drops_sensitive_answers(mediator, world):
    response = mediator.post(create_url(), {**PERSON, "legal_basis": "mission_publique"})
    assert response.status_code == 302
    b = Beneficiary.objects.get(last_name="Durand")
    assert b.legal_basis == "mission_publique" and b.consent_given_on is None
    assert b.disability == ""


def test_exactly_one_employment_status_with_its_sub_cases(mediator, world):
    response = mediator.post(
        create_url(),
        {
            **PERSON,
            "employment_status": "salarie",
            "legal_basis": "mission_publique",
        },
    )
    assert response.status_code == 422
    assert "« Longue durée » ne s&#x27;applique qu&#x27;aux demandeurs" in response.content.decode()
    ok = mediator.post(
        create_url(),
        {
            **{k: v for k, v in PERSON.items() if k != "long_term_unemployed"},
            "employment_status": "salarie",
            "self_employed": "on",
            "legal_basis": "mission_publique",
        },
    )
    assert ok.status_code == 302
    assert Beneficiary.objects.get(last_name="Durand").employment_status_detail == (
        "En emploi (indépendant·e)"
    )


def test_a_way_to_reach_the_person_is_required(mediator, world):
    response = mediator.post(
        create_url(),
        {**PERSON, "phone": "", "email": "", "legal_basis": "mission_publique"},
    )
    assert response.status_code == 422
    assert "Indiquez au moins un moyen de joindre la personne" in response.content.decode()


def test_service_refuses_sensitive_items_without_consent(world):
    with pytest.raises(services.ReceptionError, match="questions sensibles"):
        services.beneficiary_create(
            territory=world.territory,
            user=world.users.mediator_a,
            data={
                "first_name": "A",
                "last_name": "B",
                "employment_status": "inactif",
                "homeless": "oui",
            },
            legal_basis="mission_publique",
        )


def test_every_read_and_change_is_audited_without_personal_data(mediator, world):
    b = world.beneficiary
    mediator.get(reverse("reception:beneficiary_detail", args=[b.pk]))
    mediator.post(
        reverse("reception:beneficiary_edit", args=[b.pk]),
        {
            "first_name": b.first_name,
            "last_name": b.last_name,
            "phone": "0700000000",
            "employment_status": "inactif",
            "qpv": "inconnu",
            "age_band": "inconnu",
            "gender": "non_renseigne",
            "education_level": "non_renseigne",
        },
    )
    b.refresh_from_db()
    assert (b.phone, b.employment_status) == ("0700000000", "inactif")
    entries = list(
        AuditLog.objects.filter(object_id=str(b.pk)).order_by("pk").values_list("action", "summary")
    )
    assert entries[0] == ("read", "dossier consulté")
    assert entries[1][0] == "update"
    assert entries[1][1].startswith("champs modifiés : ")
    assert "téléphone" in entries[1][1] and "0700000000" not in entries[1][1]
    assert "situation à l'entrée" in entries[1][1]


def test_timeline_shows_visits_notes_barriers_referrals_and_sessions(mediator, world):
    b = world.beneficiary
    user = world.users.mediator_a
    services.journal_entry_create(
        beneficiary=b, user=user, kind="note", text="Intéressée par le soudage."
    )
    services.journal_entry_create(beneficiary=b, user=user, kind="orientation", reference="ABC123")
    services.barrier_add(beneficiary=b, user=user, thematique="mobilite--preparer-un-permis")
    services.referral_transition(
        referral=world.referral_x, to_status="recue", user=world.users.partner_x
    )
    session = SessionFactory(territory=world.territory, site=world.site_a, title="Visite d'usine")
    registration = RegistrationFactory(session=session, email="camille@example.org")
    services.beneficiary_link_registration(beneficiary=b, registration=registration, user=user)
    mediator.post(
        reverse("reception:beneficiary_visit", args=[b.pk]),
        {"site": world.site_a.pk, "public_category": "demandeur_emploi", "purpose": "orientation"},
    )
    html = mediator.get(reverse("reception:beneficiary_detail", args=[b.pk])).content.decode()
    assert "Intéressée par le soudage." in html
    assert "(code ABC123)" in html
    assert "Frein identifié : Mobilité : Préparer un permis" in html
    assert f"Orientation n° {world.referral_x.pk} vers Usine d&#x27;exemple : reçue" in html
    assert "Événement : Visite d&#x27;usine" in html
    assert "Venue à Espace du centre" in html
    registration.refresh_from_db()
    assert registration.keep_for_follow_up is True
    visit = Visit.objects.get(beneficiary=b)
    assert (visit.source, visit.purpose, visit.group_size) == ("dossier", "orientation", 1)


def test_health_barrier_needs_consent(world):
    b = BeneficiaryFactory(
        territory=world.territory,
        legal_basis="mission_publique",
        consent_given_on=None,
        consent_text_version="",
    )
    with pytest.raises(services.ReceptionError, match="santé"):
        services.barrier_add(
            beneficiary=b, user=world.users.mediator_a, thematique="sante--addictions"
        )
    assert not Barrier.objects.filter(beneficiary=b).exists()


def test_contact_moves_the_retention_date_forward(world):
    b = world.beneficiary
    Beneficiary.objects.filter(pk=b.pk).update(last_contact_on=dt.date(2024, 1, 1))
    b.refresh_from_db()
    services.journal_entry_create(
        beneficiary=b, user=world.users.mediator_a, kind="action", text="Inscription au permis."
    )
    b.refresh_from_db()
    assert b.last_contact_on == timezone.localdate()


def test_export_gives_everything_as_json_and_a_readable_page(mediator, world):
    b = world.beneficiary
    services.journal_entry_create(
        beneficiary=b, user=world.users.mediator_a, kind="note", text="Note exportée."
    )
    response = mediator.get(reverse("reception:beneficiary_export_json", args=[b.pk]))
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"] == f'attachment; filename="dossier-{b.pk}.json"'
    data = json.loads(response.content)
    assert data["personne"]["prénom"] == "Camille"
    assert data["parcours"][0]["texte"] == "Note exportée."
    assert data["orientations"][0]["partenaire (destinataire des données)"] == "Usine d'exemple"
    assert data["base légale"]["version du texte d'information"] == "2025-01"
    assert [a["action"] for a in data["accès au dossier"]][-1] == "Export"
    assert AuditLog.objects.filter(action="export", object_id=str(b.pk)).count() == 1
    page = mediator.get(reverse("reception:beneficiary_export", args=[b.pk])).content.decode()
    assert "Note exportée." in page and "Usine d&#x27;exemple" in page


def test_erasure_on_request_is_for_coordinators_and_keeps_counts(client, world):
    b = world.beneficiary
    services.journal_entry_create(
        beneficiary=b, user=world.users.mediator_a, kind="note", text="Texte privé."
    )
    url = reverse("reception:beneficiary_erase", args=[b.pk])
    client.force_login(world.users.coordinator)
    wrong = client.post(url, {"confirm": "oui"})
    assert wrong.status_code == 200 and Beneficiary.objects.get(pk=b.pk).anonymised_at is None
    assert client.post(url, {"confirm": "effacer"}).status_code == 302
    b.refresh_from_db()
    assert b.is_anonymised and b.first_name == "" and b.phone == ""
    assert JournalEntry.objects.get(beneficiary=b).text == ""
    assert b.employment_status == "demandeur_emploi"
    assert AuditLog.objects.filter(
        action="erase", object_id=str(b.pk), user=world.users.coordinator
    ).exists()
    assert client.get(reverse("reception:beneficiary_detail", args=[b.pk])).status_code == 404
    assert str(b) == f"Dossier anonymisé n° {b.pk}"


def test_list_searches_and_pins_its_queries(mediator, world, django_assert_max_num_queries):
    for n in range(30):
        BeneficiaryFactory(
            territory=world.territory,
            last_name=f"Nom{n:02d}",
            referent=world.users.mediator_b,
            site=world.site_b,
        )
    with django_assert_max_num_queries(8):
        page = mediator.get(reverse("reception:beneficiary_list"))
    html = page.content.decode()
    assert "31 dossiers" in html and "Page 1 sur 2" in html
    found = mediator.get(reverse("reception:beneficiary_list"), {"q": "nom07"}).content.decode()
    assert "1 dossier pour « nom07 »" in found and "NOM07" in found
    empty = mediator.get(reverse("reception:beneficiary_list"), {"q": "zzz"}).content.decode()
    assert "Aucun dossier ne correspond à « zzz »." in empty


def test_files_of_another_territory_are_404(client, world):
    foreign = BeneficiaryFactory(territory=world.other)
    client.force_login(world.users.mediator_a)
    assert client.get(reverse("reception:beneficiary_detail", args=[foreign.pk])).status_code == 404


def test_services_answering_open_barriers_are_suggested_and_proposed(mediator, world):
    from espaces.services.models import Service

    b = world.beneficiary
    services.barrier_add(
        beneficiary=b, user=world.users.mediator_a, thematique="mobilite--preparer-un-permis"
    )
    url = reverse("reception:beneficiary_detail", args=[b.pk])
    html = mediator.get(url).content.decode()
    permis = Service.objects.get(slug="aide-permis-exemple")
    assert f'<option value="{permis.pk}">' in html
    garde = Service.objects.get(slug="relais-petite-enfance-exemple")
    assert f'<option value="{garde.pk}">' not in html  # answers no barrier of the file
    response = mediator.post(
        reverse("reception:beneficiary_propose_service", args=[b.pk]), {"service": permis.pk}
    )
    assert response.status_code == 302
    proposal = b.service_proposals.get()
    assert (
        proposal.service == permis and proposal.barrier.thematique == "mobilite--preparer-un-permis"
    )
    assert f"Service proposé : {permis.nom}" in mediator.get(url).content.decode()
    refused = mediator.post(
        reverse("reception:beneficiary_propose_service", args=[b.pk]), {"service": "abc"}
    )
    assert refused.status_code == 422


def test_file_page_query_count_does_not_grow_with_the_timeline(
    mediator, world, django_assert_max_num_queries
):
    b = world.beneficiary
    for n in range(15):
        services.journal_entry_create(
            beneficiary=b, user=world.users.mediator_a, kind="note", text=f"Note {n}"
        )
        services.barrier_add(
            beneficiary=b,
            user=world.users.mediator_a,
            thematique=sorted(THEMATIQUE_VALUES - {"sante--addictions"})[n],
        )
    with django_assert_max_num_queries(26):
        html = mediator.get(reverse("reception:beneficiary_detail", args=[b.pk])).content.decode()
    assert "Note 14" in html and "Note 0" in html


def test_barrier_picker_groups_checkboxes_by_category_and_adds_several_at_once(client, world):
    from espaces.reception.models import Barrier

    client.force_login(world.users.mediator_a)
    url = f"/equipe/accueil/personnes/{world.beneficiary.pk}/"
    html = client.get(url).content.decode()
    picker = html.split('id="champ-thematique"', 1)[1].split("</fieldset>", 1)[0]
    assert picker.count("<details data-filter-group=") >= 5
    assert picker.count('type="checkbox" name="thematique"') >= 60
    assert 'data-filter="freins-groupes"' in picker  # the search box, shown by staff.js
    response = client.post(
        f"{url}freins/",
        {"thematique": ["mobilite--preparer-un-permis", "famille--garde-denfants"]},
    )
    assert response.status_code == 302
    assert set(
        Barrier.objects.filter(beneficiary=world.beneficiary).values_list("thematique", flat=True)
    ) == {"mobilite--preparer-un-permis", "famille--garde-denfants"}


def test_barrier_picker_adds_nothing_when_one_choice_is_refused(client, world):
    from espaces.reception.models import Barrier

    client.force_login(world.users.mediator_a)
    url = f"/equipe/accueil/personnes/{world.beneficiary.pk}/freins/"
    client.post(url, {"thematique": ["mobilite--preparer-un-permis"]})
    response = client.post(
        url, {"thematique": ["famille--garde-denfants", "mobilite--preparer-un-permis"]}
    )
    assert response.status_code == 422
    assert "est déjà noté" in response.content.decode()
    assert not Barrier.objects.filter(thematique="famille--garde-denfants").exists()


def test_list_rows_show_each_column_escaped(mediator, world):
    """The list's rows (drawn in Python, espaces/reception/rows.py): name linked to the file,
    exit date, situation, commune, referent (first name, else address), last contact, referrals
    waiting for an answer; names are escaped."""
    from tests.factories import UserFactory

    from .factories import ReferralFactory

    referent = UserFactory(
        role="mediator", territory=world.territory, first_name="", email="sans.prenom@example.org"
    )
    shown = BeneficiaryFactory(
        territory=world.territory,
        site=world.site_a,
        first_name="<b>Zoé</b>",
        last_name="d'Arc",
        long_term_unemployed=True,
        exited_on=dt.date(2026, 11, 2),
        exit_outcome="en_etudes_formation",
        last_contact_on=dt.date(2026, 11, 30),
        referent=referent,
    )
    ReferralFactory(beneficiary=shown, partner=world.partner_y)
    html = mediator.get("/equipe/accueil/personnes/").content.decode()
    row = html.split(f'href="/equipe/accueil/personnes/{shown.pk}/"', 1)[1].split("</tr>", 1)[0]
    assert ">D&#x27;ARC &lt;b&gt;Zoé&lt;/b&gt;</a>" in row and "<b>Zoé" not in row
    assert "sorti·e le 02/11/2026" in row and "<td>30/11/2026</td>" in row
    assert "<td>Demandeur·se d&#x27;emploi de longue durée</td>" in row
    assert "<td>—</td>" in row  # no commune
    assert "<td>sans.prenom@example.org</td>" in row and "<td>1</td>" in row
