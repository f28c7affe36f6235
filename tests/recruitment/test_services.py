import datetime as dt

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from espaces.reception.enums import ExitOutcome, LegalBasis
from espaces.reception.retention import purge_personal_data
from espaces.reception.services import beneficiary_erase
from espaces.recruitment import services
from espaces.recruitment.enums import CandidacyStatus, OfferStatus
from espaces.recruitment.models import Candidacy, Offer
from espaces.recruitment.offer_rules import OfferRules
from espaces.recruitment.states import TransitionError
from tests.reception.factories import BeneficiaryFactory

from .factories import CandidacyFactory, OfferFactory

pytestmark = pytest.mark.django_db


def _values(world, **extra):
    values, errors = OfferRules(world.territory).clean(
        {"title": "Électricien", "rome_codes": "F1602", "contract": "cdd", "posts": "2", **extra}
    )
    assert errors == {}
    return values


def test_offer_created_as_draft_then_published_and_closed(world):
    offer = services.offer_create(
        territory=world.territory, employer=world.employer_x, values=_values(world)
    )
    assert offer.status == OfferStatus.DRAFT and offer.rome_codes == ["F1602"]
    assert not Offer.objects.open().filter(pk=offer.pk).exists()
    services.offer_publish(offer=offer)
    assert Offer.objects.open().filter(pk=offer.pk).exists()
    services.offer_close(offer=offer)
    services.offer_archive(offer=offer)
    offer.refresh_from_db()
    assert offer.status == OfferStatus.ARCHIVED and offer.archived_at is not None
    with pytest.raises(services.RecruitmentError, match="archivée"):
        services.offer_publish(offer=offer)


def test_offer_rules_name_every_bad_field_in_french(world):
    _, errors = OfferRules(world.territory).clean(
        {
            "title": "",
            "rome_codes": "X12",
            "contract": "freelance",
            "posts": "0",
            "commune": "Lille",
        }
    )
    assert set(errors) == {"title", "rome_codes", "contract", "posts", "commune"}
    assert "cdi, cdd, interim, alternance, poei_poec, stage" in errors["contract"]
    assert "code ROME « X12 » invalide" in errors["rome_codes"]


def test_offer_links_the_local_sheet_and_its_sector(world):
    values = _values(world, rome_codes="H2913")
    assert values["metier"].slug == "soudeur"
    assert values["sector"].slug == "batteries"


def test_expired_offer_is_hidden_at_read_time_then_closed_and_archived(world):
    offer = OfferFactory(employer=world.employer_x, closing_on=timezone.localdate())
    assert Offer.objects.open().filter(pk=offer.pk).exists()
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    assert not Offer.objects.open(tomorrow).filter(pk=offer.pk).exists()
    assert services.offers_expire(today=tomorrow)["fermees"] == 1
    offer.refresh_from_db()
    assert offer.status == OfferStatus.CLOSED
    Offer.objects.filter(pk=offer.pk).update(closed_at=timezone.now() - dt.timedelta(days=91))
    assert services.offers_expire(today=tomorrow) == {"fermees": 0, "archivees": 1}
    assert Offer.objects.filter(pk=offer.pk, status=OfferStatus.ARCHIVED).exists()


def test_candidacy_needs_the_persons_consent(world):
    b = BeneficiaryFactory(territory=world.territory)
    with pytest.raises(services.RecruitmentError, match="accord"):
        services.candidacy_create(
            beneficiary=b, offer=world.offer_y, user=world.users.mediator, consent_given=False
        )
    other_basis = BeneficiaryFactory(
        territory=world.territory,
        legal_basis=LegalBasis.PUBLIC_TASK,
        consent_given_on=None,
        consent_text_version="",
    )
    with pytest.raises(services.RecruitmentError, match="consentement"):
        services.candidacy_create(
            beneficiary=other_basis,
            offer=world.offer_y,
            user=world.users.mediator,
            consent_given=True,
        )
    assert Candidacy.objects.filter(beneficiary__in=[b, other_basis]).count() == 0


def test_candidacy_is_sent_with_consent_cv_and_mail_without_personal_data(
    world, django_capture_on_commit_callbacks
):
    b = BeneficiaryFactory(territory=world.territory, last_name="Durand", email="c@d.fr")
    cv = SimpleUploadedFile("cv.pdf", b"%PDF-1.4 fictif", content_type="application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        candidacy = services.candidacy_create(
            beneficiary=b,
            offer=world.offer_x,
            user=world.users.mediator,
            consent_given=True,
            message="Motivée",
            cv=cv,
        )
    assert candidacy.status == CandidacyStatus.ENVOYEE
    assert candidacy.consent_recorded_by == world.users.mediator
    assert candidacy.consent_text_version == "2026-01"
    assert bytes(candidacy.cv_data) == b"%PDF-1.4 fictif"
    # One message per address (each retried on its own by the message queue).
    assert {m.to[0] for m in mail.outbox} == {"rh@usine.example", "rh.x@example.org"}
    for message in mail.outbox:
        assert "Durand" not in message.body and "c@d.fr" not in message.body
        assert "/equipe/recrutement/reponse/" in message.body


def test_cv_of_another_format_is_refused(world):
    b = BeneficiaryFactory(territory=world.territory)
    with pytest.raises(services.RecruitmentError, match="Format de CV"):
        services.candidacy_create(
            beneficiary=b,
            offer=world.offer_x,
            user=world.users.mediator,
            consent_given=True,
            cv=SimpleUploadedFile("cv.exe", b"MZ"),
        )


def test_full_path_to_a_hire_is_dated_attributed_and_closes_the_file(world):
    c, employer = world.candidacy_x, world.users.employer_x
    assert services.candidacy_mark_received(candidacy=c, user=employer)
    services.candidacy_transition(
        candidacy=c,
        to_status="entretien",
        user=employer,
        interview_on=timezone.localdate(),
        employer_side=True,
    )
    services.candidacy_transition(
        candidacy=c, to_status="retenue", user=employer, employer_side=True
    )
    with pytest.raises(TransitionError, match="date d'embauche"):
        services.candidacy_transition(candidacy=c, to_status="embauche", user=employer)
    services.candidacy_transition(
        candidacy=c,
        to_status="embauche",
        user=employer,
        hired_on=timezone.localdate(),
        contract="cdi",
        employer_side=True,
    )
    c.refresh_from_db()
    assert c.status == "embauche" and c.hire_contract == "cdi"
    events = list(c.events.values_list("to_status", "by__email"))
    assert events == [
        ("recue", "rh.x@example.org"),
        ("entretien", "rh.x@example.org"),
        ("retenue", "rh.x@example.org"),
        ("embauche", "rh.x@example.org"),
    ]
    b = c.beneficiary
    b.refresh_from_db()
    assert b.exit_outcome == ExitOutcome.EN_EMPLOI and b.exited_on == timezone.localdate()
    assert b.follow_ups.count() == 1


def test_invalid_transition_says_what_is_possible(world):
    with pytest.raises(TransitionError) as exc:
        services.candidacy_transition(candidacy=world.candidacy_x, to_status="embauche")
    assert "Depuis « Envoyée », la candidature peut passer à : « Reçue », « Retirée" in str(
        exc.value
    )


def test_rejection_needs_a_reason_from_the_list(world):
    c = world.candidacy_x
    services.candidacy_mark_received(candidacy=c)
    with pytest.raises(TransitionError, match="motif"):
        services.candidacy_transition(candidacy=c, to_status="non_retenue", reason="bof")
    services.candidacy_transition(candidacy=c, to_status="non_retenue", reason="poste_pourvu")
    c.refresh_from_db()
    assert c.get_rejection_reason_display() == "Poste déjà pourvu"


def test_employer_cannot_withdraw_the_person(world):
    with pytest.raises(TransitionError):
        services.candidacy_transition(
            candidacy=world.candidacy_x, to_status="retiree", employer_side=True
        )


def test_reminders_after_the_reply_date_three_at_most(world):
    c = world.candidacy_x
    Candidacy.objects.filter(pk=c.pk).update(
        reply_due_on=timezone.localdate() - dt.timedelta(days=1)
    )
    now = timezone.now()
    assert services.candidacies_send_reminders(now=now) == 1
    assert services.candidacies_send_reminders(now=now) == 0  # not again before 5 days
    assert services.candidacies_send_reminders(now=now + dt.timedelta(days=6)) == 1
    assert services.candidacies_send_reminders(now=now + dt.timedelta(days=12)) == 1
    assert services.candidacies_send_reminders(now=now + dt.timedelta(days=18)) == 0
    assert "Relance" in mail.outbox[-1].subject


def test_cv_is_purged_after_retention_and_at_erasure(world):
    b = BeneficiaryFactory(territory=world.territory)
    old = CandidacyFactory(offer=world.offer_y, beneficiary=b, cv_name="cv.pdf", cv_data=b"x")
    Candidacy.objects.filter(pk=old.pk).update(
        status_changed_at=timezone.now() - dt.timedelta(days=200)
    )
    recent = CandidacyFactory(
        offer=world.offer_x,
        beneficiary=BeneficiaryFactory(territory=world.territory),
        cv_name="cv.pdf",
        cv_data=b"y",
        message="à effacer",
    )
    report = purge_personal_data()
    assert report.counts["CV des candidatures"] == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.cv_data is None and old.cv_removed_at is not None
    assert bytes(recent.cv_data) == b"y"
    beneficiary_erase(beneficiary=recent.beneficiary, user=world.users.coordinator)
    recent.refresh_from_db()
    assert recent.cv_data is None and recent.message == ""


def test_hire_does_not_overwrite_an_exit_already_recorded(world):
    from espaces.reception.services import beneficiary_exit

    c = world.candidacy_x
    beneficiary_exit(
        beneficiary=c.beneficiary, user=world.users.mediator, outcome="en_etudes_formation"
    )
    for status in ("recue", "retenue"):
        services.candidacy_transition(candidacy=c, to_status=status)
    services.candidacy_transition(
        candidacy=c, to_status="embauche", hired_on=timezone.localdate(), contract="cdd"
    )
    c.beneficiary.refresh_from_db()
    assert c.beneficiary.exit_outcome == "en_etudes_formation"
