"""The questionnaire pages, driven like a browser without JavaScript (GET and POST only)."""

import re

import pytest
from django.core import mail
from django.utils.html import escape

from espaces.messaging.models import OutboundMessage
from espaces.orientation.models import OrientationCompletion, OrientationResult
from tests.factories import TerritoryFactory, UserFactory

pytestmark = pytest.mark.usefixtures("settings_example")


def html(response) -> str:
    return response.content.decode()


def shows(response, text: str) -> bool:
    return escape(text) in html(response)


def answer_values(response) -> list[str]:
    return re.findall(r'name="answer" value="([^"]+)"', html(response))


def start(client, mode="complet"):
    response = client.post("/orientation/commencer/", {"mode": mode})
    assert response.status_code == 302
    assert response["Location"] == "/orientation/question/1/"


def test_start_page_offers_both_modes_and_promises_no_personal_question(client):
    response = client.get("/orientation/")
    assert response.status_code == 200
    page = html(response)
    assert shows(response, "Questionnaire d'exemple")
    assert 'name="mode" value="complet"' in page and 'name="mode" value="rapide"' in page
    assert "ni votre âge, ni votre genre, ni votre nationalité, ni votre adresse" in page


def test_the_whole_questionnaire_can_be_completed_without_javascript(client):
    start(client)
    number = 1
    while True:
        response = client.get(f"/orientation/question/{number}/")
        assert response.status_code == 200
        page = html(response)
        assert f"Question {number} sur 20" in page
        assert 'role="progressbar"' in page
        assert 'value="skip"' in page  # every question may be skipped
        if 'type="checkbox"' in page:
            data = {"answer": ["14", "6"], "action": "next"}
        elif 'id="reponse-texte"' in page:
            data = {"answer": "cariste", "action": "next"}
        else:
            data = {"answer": answer_values(response)[0]}
        response = client.post(f"/orientation/question/{number}/", data)
        assert response.status_code == 302
        if number == 20:
            assert response["Location"] == "/orientation/vos-reponses/"
            break
        assert response["Location"] == f"/orientation/question/{number + 1}/"
        number += 1
    review = client.get("/orientation/vos-reponses/")
    assert "Vous avez répondu à 20 questions sur 20" in html(review)
    response = client.post("/orientation/terminer/")
    result = OrientationResult.objects.get()
    assert response["Location"] == f"/orientation/resultat/{result.code}/"
    assert result.answers["reparer"] == 0 and result.answers["envies"] == [6, 14]
    page = html(client.get(response["Location"]))
    assert "Vos pistes de métiers" in page
    assert result.pretty_code in page
    assert 'class="qr"><title>Code QR</title>' in page
    assert 'href="/metiers/cariste/"' in page
    # The answers left the session: the next person starts afresh.
    assert client.get("/orientation/question/1/")["Location"] == "/orientation/"


def test_question_pages_take_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    start(client)
    with django_assert_max_num_queries(6):
        assert client.get("/orientation/question/7/").status_code == 200
    with django_assert_max_num_queries(8):
        assert client.post("/orientation/question/1/", {"answer": "1"}).status_code == 302


def test_back_skip_and_restart(client):
    start(client)
    client.post("/orientation/question/1/", {"answer": "2"})
    response = client.get("/orientation/question/2/")
    assert 'href="/orientation/question/1/"' in html(response)  # « Retour »
    response = client.post("/orientation/question/2/", {"action": "skip"})
    assert response["Location"] == "/orientation/question/3/"
    page = html(client.get("/orientation/question/1/"))
    assert 'value="2" class="answer-button is-selected" aria-current="true"' in page
    client.post("/orientation/question/1/", {"action": "skip"})
    assert client.session["orientation"]["answers"] == {}
    response = client.post("/orientation/recommencer/")
    assert response["Location"] == "/orientation/"
    assert "orientation" not in client.session


def test_too_many_wishes_are_refused_and_the_choices_kept(client):
    start(client, mode="rapide")
    response = client.post(
        "/orientation/question/1/", {"answer": ["1", "2", "3", "4"], "action": "next"}
    )
    assert response.status_code == 200
    page = html(response)
    assert "Choisissez 3 phrases au plus" in page
    assert page.count("checked") == 4
    assert "envies" not in client.session["orientation"]["answers"]


def test_an_answer_outside_the_options_is_refused(client):
    start(client)
    response = client.post("/orientation/question/1/", {"answer": "9"})
    assert response.status_code == 200
    assert shows(response, "Cette réponse n'est pas dans la liste")


def test_finishing_early_keeps_the_answers_given(client):
    start(client)
    client.post("/orientation/question/1/", {"answer": "2"})
    response = client.post("/orientation/question/2/", {"action": "finish"})
    result = OrientationResult.objects.get()
    assert response["Location"] == f"/orientation/resultat/{result.code}/"
    assert result.answers == {"reparer": 2}


def test_quick_mode_asks_wishes_and_constraints_only(client):
    start(client, mode="rapide")
    page = html(client.get("/orientation/question/1/"))
    assert "J&#x27;ai envie de…" in page and "Question 1 sur 14" in page
    assert page.count('type="checkbox"') == 30


def test_a_question_number_out_of_range_goes_to_the_nearest(client):
    start(client)
    assert client.get("/orientation/question/99/")["Location"] == "/orientation/question/20/"


def test_without_a_questionnaire_in_progress_the_steps_go_back_to_start(client):
    assert client.get("/orientation/question/3/")["Location"] == "/orientation/"
    assert client.post("/orientation/terminer/")["Location"] == "/orientation/"


def test_a_kiosk_counts_its_completions_for_its_site(client):
    client.get("/orientation/?site=gare")
    start(client)
    client.post("/orientation/question/1/", {"answer": "2"})
    client.post("/orientation/terminer/")
    completion = OrientationCompletion.objects.get()
    assert completion.place == "Espace de la gare"
    assert completion.top_metiers


def test_a_logged_in_mediator_counts_for_their_site(client, example_territory, settings):
    from espaces.territories.models import Site

    # django-axes' login signal stores the client address, which force_login leaves unknown
    # (refused by PostgreSQL's inet column): login protection is not what is tested here.
    settings.AXES_ENABLED = False

    user = UserFactory(territory=example_territory, sites=[Site.objects.get(slug="centre")])
    client.force_login(user)
    start(client)
    client.post("/orientation/terminer/")
    assert OrientationCompletion.objects.get().place == "Espace du centre"


def test_online_completions_have_no_site(client):
    start(client)
    client.post("/orientation/terminer/")
    assert OrientationCompletion.objects.get().place == "en ligne"


def completed(client) -> OrientationResult:
    start(client)
    for number, value in ((1, "2"), (15, "sans_permis"), (16, "oui")):
        response = client.post(f"/orientation/question/{number}/", {"answer": value})
        assert response.status_code == 302
    client.post("/orientation/terminer/")
    return OrientationResult.objects.get()


def test_result_page_shows_reasons_barriers_and_their_services(client):
    result = completed(client)
    page = html(client.get(f"/orientation/resultat/{result.code}/"))
    assert "Vous aimez réparer et fabriquer : « réparer un appareil »." in page
    assert "Faire garder ses enfants" in page
    assert "Ce qui pourrait vous freiner" in page


def test_result_links_each_job_to_its_sheet_and_to_the_next_session_showing_it(client):
    from espaces.catalogue.models import Metier
    from tests.events.factories import SessionFactory

    result = completed(client)
    territory = result.territory
    session = SessionFactory(territory=territory, title="Rencontre avec des caristes")
    session.metiers.add(Metier.objects.get(territory=territory, slug="cariste"))
    page = html(client.get(f"/orientation/resultat/{result.code}/"))
    assert 'href="/metiers/cariste/"' in page
    assert f'href="/agenda/seances/{session.pk}/">Rencontre avec des caristes</a>' in page


def test_result_page_takes_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    result = completed(client)
    # 15: one query for the open offers of every job proposed (recruitment)
    with django_assert_max_num_queries(15):
        assert client.get(f"/orientation/resultat/{result.code}/").status_code == 200


def test_results_reopen_with_the_code_typed_loosely(client):
    result = completed(client)
    typed = f"{result.code[:4].lower()}-{result.code[4:].lower()}"
    assert (
        client.get(f"/orientation/retrouver/?code={typed}")["Location"]
        == f"/orientation/resultat/{result.code}/"
    )
    assert (
        client.get(f"/orientation/resultat/{typed}/")["Location"]
        == f"/orientation/resultat/{result.code}/"
    )
    response = client.get("/orientation/retrouver/?code=ZZZZZZZZ")
    assert response.status_code == 200
    assert "Aucun résultat ne correspond à ce code" in html(response)
    assert client.get("/orientation/resultat/ZZZZZZZZ/").status_code == 404


def test_a_result_is_not_visible_from_another_territory(client):
    result = completed(client)
    result.territory = TerritoryFactory()
    result.save()
    assert client.get(f"/orientation/resultat/{result.code}/").status_code == 404


def test_printable_sheet(client):
    result = completed(client)
    response = client.get(f"/orientation/resultat/{result.code}/imprimer/")
    assert response.status_code == 200
    page = html(response)
    assert result.pretty_code in page and 'class="qr"><title>Code QR</title>' in page
    assert "Des pistes à explorer" in page  # 3 answers: tracks, not « qui vous ressemblent »


def test_email_to_self_is_sent_once_and_the_address_is_not_stored(client):
    result = completed(client)
    response = client.post(
        f"/orientation/resultat/{result.code}/courriel/", {"email": "moi@exemple.fr"}
    )
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["moi@exemple.fr"]
    assert result.pretty_code in message.subject
    assert f"/orientation/resultat/{result.code}/" in message.body
    assert "elle est effacée dès son envoi" in message.body
    stored = (
        repr(OrientationResult.objects.values().get())
        + repr(list(OrientationCompletion.objects.values()))
        + repr(list(OutboundMessage.objects.values()))  # erased from the queue once sent
    )
    assert "moi@exemple.fr" not in stored
    assert "moi@exemple.fr" not in repr(dict(client.session))


def test_a_wrong_email_address_sends_nothing(client):
    result = completed(client)
    response = client.post(
        f"/orientation/resultat/{result.code}/courriel/", {"email": "pas-une-adresse"}, follow=True
    )
    assert shows(response, "Cette adresse électronique n'est pas valide")
    assert mail.outbox == []


def test_changing_answers_starts_from_the_saved_ones(client):
    result = completed(client)
    response = client.post(f"/orientation/resultat/{result.code}/modifier/")
    assert response["Location"] == "/orientation/vos-reponses/"
    assert client.session["orientation"]["answers"] == result.answers


def test_without_questionnaire_the_start_page_says_so(client, settings, db):
    TerritoryFactory(slug="vide")
    settings.ESPACES_TERRITORY = "vide"
    response = client.get("/orientation/")
    assert response.status_code == 200
    assert "pas encore disponible" in html(response)
    assert client.post("/orientation/commencer/", {"mode": "complet"}).status_code == 404


# --- the questionnaire in English (docs/accessibility.md « Languages ») --------------------------
def test_question_in_english_shows_the_translated_text_and_options(client):
    client.cookies["django_language"] = "en"
    start_page = html(client.get("/orientation/"))
    assert "Example questionnaire" in start_page
    assert "A fictional questionnaire for the tests." in start_page
    start(client)
    page = html(client.get("/orientation/question/1/"))
    assert '<html lang="en">' in page
    assert "autofocus>Repair a device</h1>" in page
    assert '<p class="question-prompt">Would you like it?</p>' in page
    assert "<span>No</span>" in page and "<span>A little</span>" in page
    # « Beaucoup » has no translation: French, marked.
    assert '<span><span lang="fr">Beaucoup</span></span>' in page
    assert "Réparer un appareil" not in page


def test_question_in_english_marks_untranslated_options_and_the_review_follows(client):
    client.cookies["django_language"] = "en"
    start(client)
    response = client.post("/orientation/question/1/", {"answer": "1"})
    assert response.status_code == 302
    page = html(client.get("/orientation/question/10/"))  # horaires (shift work)
    assert "Unusual working hours?" in page
    assert '<span lang="fr">Avec une solution</span>' in page
    review = html(client.get("/orientation/vos-reponses/"))
    assert '<th scope="row">Repair a device</th>' in review
    assert '<td data-label="Your answer">A little</td>' in review  # a card on a phone


def test_question_stays_french_by_default(client):
    start(client)
    page = html(client.get("/orientation/question/1/"))
    assert "autofocus>Réparer un appareil</h1>" in page
    assert "<span>Beaucoup</span>" in page
    assert "Repair a device" not in page and 'lang="fr">' not in page.split("<main", 1)[1]


def test_result_page_in_english_translates_job_titles_and_marks_french_reasons(client):
    result = completed(client)
    client.cookies["django_language"] = "en"
    page = html(client.get(f"/orientation/resultat/{result.code}/"))
    assert '<a href="/metiers/operateur-batteries/">Battery production operator</a>' in page
    assert '<a href="/metiers/cariste/"><span lang="fr">Cariste' in page
    # The reasons are sentences written in French when the result was computed.
    assert '<ul class="reasons" lang="fr">' in page
    printable = html(client.get(f"/orientation/resultat/{result.code}/imprimer/"))
    assert "<strong>Battery production operator</strong>" in printable


def test_bars_are_drawn_with_classes_not_style_attributes(client):
    """The Content-Security-Policy refuses style attributes: widths are classes w-0…w-20."""
    start(client)
    question = html(client.get("/orientation/question/2/"))
    assert re.search(r'class="progress-bar".*<span class="w-\d{1,2}"></span>', question)
    result = completed(client)
    page = html(client.get(f"/orientation/resultat/{result.code}/"))
    widths = re.findall(r'<div class="score-bar" aria-hidden="true"><span class="w-(\d+)">', page)
    scores = sorted(int(job["score"]) for job in result.results[: len(widths)])
    assert widths and all(0 <= int(w) <= 20 for w in widths)
    assert sorted(int(w) for w in widths) == sorted(round(s / 5) for s in scores)
    assert " style=" not in question and " style=" not in page
