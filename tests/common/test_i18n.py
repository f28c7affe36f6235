"""French by default, English on request: the interface's message files compile and are used,
the language switcher is a pair of links that set the language cookie, and `lang` follows the language."""

import polib
import pytest

from tests.conftest import ROOT

PO = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"


@pytest.fixture(autouse=True, scope="module")
def compiled_messages():
    """`make install` compiles the .po files; a bare pytest run compiles them here if stale."""
    import importlib.util

    from django.utils import translation

    spec = importlib.util.spec_from_file_location(
        "compile_messages", PO.parents[2] / "compile_messages.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if module.compile_all():
        translation.trans_real._translations = {}  # reload the catalogues just written
    return True


def _catalogues():
    return [PO, *sorted((PO.parents[1] / "parts").glob("*.po"))]


def test_english_catalogue_is_complete_and_keeps_placeholders():
    assert len(polib.pofile(str(PO))) > 300
    for path in _catalogues():
        catalogue = polib.pofile(str(path))
        untranslated = [e.msgid for e in catalogue.untranslated_entries()]
        assert untranslated == [], path.name
        assert not [e.msgid for e in catalogue.fuzzy_entries()], path.name
        for entry in catalogue:
            for placeholder in ("%(name)s",):
                assert (placeholder in entry.msgid) == (placeholder in entry.msgstr), entry.msgid


def test_catalogue_parts_are_merged_into_the_compiled_file(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "compile_messages", PO.parents[2] / "compile_messages.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    lang = tmp_path / "xx"
    (lang / "LC_MESSAGES").mkdir(parents=True)
    (lang / "parts").mkdir()
    header = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    (lang / "LC_MESSAGES" / "django.po").write_text(header + 'msgid "Bonjour"\nmsgstr "Hello"\n')
    (lang / "parts" / "a.po").write_text(
        header + 'msgid "Bonjour"\nmsgstr "Hi"\n\nmsgid "Offre"\nmsgstr "Offer"\n'
    )
    assert module.compile_all(tmp_path) == [lang / "LC_MESSAGES" / "django.mo"]
    compiled = {e.msgid: e.msgstr for e in polib.mofile(str(lang / "LC_MESSAGES" / "django.mo"))}
    assert compiled["Bonjour"] == "Hello"  # the main file wins
    assert compiled["Offre"] == "Offer"
    assert module.compile_all(tmp_path) == []  # up to date


def test_french_is_the_default_language(client, settings_example):
    html = client.get("/metiers/").content.decode()
    assert '<html lang="fr">' in html
    assert "Aller au contenu" in html
    assert "Les métiers qui recrutent près de chez vous" in html


def test_english_interface_through_the_switcher(client, settings_example):
    page = client.get("/metiers/?q=soudeur").content.decode()
    assert 'href="/langue/en/?suivant=/metiers/%3Fq%3Dsoudeur"' in page
    assert "csrfmiddlewaretoken" not in page  # no form only to change the language
    response = client.get("/langue/en/", {"suivant": "/metiers/?q=soudeur"})
    assert response.status_code == 302 and response["Location"] == "/metiers/?q=soudeur"
    html = client.get("/metiers/").content.decode()
    assert '<html lang="en">' in html
    assert "Skip to content" in html
    assert "Jobs that are hiring near you" in html
    assert ">Jobs</a>" in html
    # Every language is named in that language, the current one marked.
    assert 'lang="fr" hreflang="fr">Français</a>' in html
    assert 'hreflang="en" aria-current="true">English</a>' in html
    client.get("/langue/fr/", {"suivant": "/"})
    assert '<html lang="fr">' in client.get("/metiers/").content.decode()


@pytest.mark.parametrize("target", ["https://example.com/", "//example.com/", "javascript:x", ""])
def test_switcher_never_sends_elsewhere(client, settings_example, target):
    response = client.get("/langue/en/", {"suivant": target})
    assert response.status_code == 302 and response["Location"] == "/"


def test_switcher_refuses_an_unknown_language(client, settings_example):
    assert client.get("/langue/de/").status_code == 404
    assert client.post("/langue/en/").status_code == 405


@pytest.mark.parametrize(
    "path", ["/", "/metiers/", "/orientation/", "/lever-les-freins/", "/agenda/"]
)
def test_public_pages_render_in_english(client, settings_example, path):
    client.cookies["django_language"] = "en"
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Remove obstacles" in html  # the menu


# --- strings written in Python: forms, choices, messages ------------------------------------
@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def session_example(example_territory):
    from espaces.territories.models import Site
    from tests.events.factories import EventTypeFactory, SessionFactory

    site = Site.objects.filter(territory=example_territory).order_by("pk").first()
    event_type = EventTypeFactory(territory=example_territory, slug="essai-i18n", kind="atelier")
    return SessionFactory(territory=example_territory, site=site, event_type=event_type)


def test_registration_form_speaks_english_labels_choices_and_errors(
    english, settings_example, session_example
):
    url = f"/agenda/seances/{session_example.pk}/"
    html = english.get(url).content.decode()
    assert '<html lang="en">' in html
    for text in ("First name", "Mobile phone", "You are… (optional)", "I prefer not to say"):
        assert text in html
    assert ">Jobseeker</option>" in html  # a public category (enum label)
    assert "Prénom" not in html and "Je préfère ne pas répondre" not in html
    response = english.post(url, {"first_name": "Camille", "last_name": "", "email": "x"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "This address is not valid (example: firstname.lastname@example.com)." in html
    assert "Tick this box to register" in html
    assert "This field is required." in html
    assert "Cochez cette case" not in html


def test_registration_form_stays_french_by_default(client, settings_example, session_example):
    url = f"/agenda/seances/{session_example.pk}/"
    html = client.get(url).content.decode()
    assert "Prénom" in html and "Je préfère ne pas répondre" in html
    assert ">Demandeur ou demandeuse d&#x27;emploi</option>" in html
    html = client.post(url, {"first_name": "Camille", "email": "x"}).content.decode()
    assert "Cette adresse n&#x27;est pas valide" in html and "Ce champ est obligatoire." in html


def test_services_filter_speaks_english_needs_and_bad_input_message(english, settings_example):
    html = english.get("/lever-les-freins/", {"besoin": "voler", "commune": "00000"}).content
    html = html.decode()
    assert "Getting around" in html and "bus, coach, bike, driving licence" in html
    assert "One of the needs asked for does not exist: it has been ignored." in html
    assert "This commune is not in the list" in html
    assert "Me déplacer" not in html


def test_services_filter_stays_french_by_default(client, settings_example):
    html = client.get("/lever-les-freins/", {"besoin": "voler"}).content.decode()
    assert "Me déplacer" in html
    assert "Un des besoins demandés n&#x27;existe pas" in html


def test_visit_desk_speaks_english_choices_and_messages(
    english, settings_example, example_territory
):
    from django.utils import timezone

    from espaces.territories.models import Site
    from tests.factories import UserFactory

    site = Site.objects.filter(territory=example_territory).order_by("pk").first()
    mediator = UserFactory(
        email="med.i18n@example.org", role="mediator", territory=example_territory, sites=[site]
    )
    english.force_login(mediator)
    html = english.get("/equipe/accueil/").content.decode()
    assert '<html lang="en">' in html
    for text in ("Jobseeker", "School pupil (collège, lycée)", "Not specified", "Age unknown"):
        assert text in html
    assert "Lives in a QPV" in html and "Purpose of the visit" in html
    assert "Demandeur ou demandeuse" not in html and "Âge inconnu" not in html
    response = english.post(
        "/equipe/accueil/",
        {
            "public_category": "jeune_scolaire",
            "gender": "non_renseigne",
            "age_band": "inconnu",
            "qpv": "inconnu",
            "group_size": "3",
            "date": timezone.localdate().isoformat(),
        },
        follow=True,
    )
    assert "Visit recorded: School pupil (collège, lycée) (3 people)." in response.content.decode()
    english.cookies["django_language"] = "fr"
    assert "Âge inconnu" in english.get("/equipe/accueil/").content.decode()


def test_public_impact_page_is_english_on_request(english, settings_example):
    html = english.get("/impact/").content.decode()
    assert '<html lang="en">' in html
    assert "The impact of the Espaces 20 000 emplois" in html
    assert "Visitors by public" in html and "Visitors by gender" in html
    assert "visitors welcomed in the Espaces" in html
    assert "Figures from " in html  # the period, as a whole sentence
    assert "L'impact des Espaces" not in html and "Visiteurs par public" not in html


def test_public_impact_page_stays_french_by_default(client, settings_example):
    html = client.get("/impact/").content.decode()
    assert "L'impact des Espaces 20 000 emplois" in html
    assert "Visiteurs par public" in html and "Chiffres du " in html


def test_api_answers_in_french_whatever_the_language_asked(
    client, settings_example, session_example
):
    """docs/interfaces.md: the API's labels and messages are French."""
    import json

    client.cookies["django_language"] = "en"
    events = client.get("/api/v1/events", HTTP_ACCEPT_LANGUAGE="en").json()
    assert {e["type"]["kind_label"] for e in events if e["id"] == session_example.pk} == {"Atelier"}
    body = json.dumps(
        {"first_name": "A", "last_name": "B", "email": "a@example.org", "consent": True}
    )
    url = f"/api/v1/sessions/{session_example.pk}/registrations"
    assert client.post(url, data=body, content_type="application/json").status_code == 201
    again = client.post(url, data=body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert again.status_code in (409, 422)
    assert "Une inscription à cette séance existe déjà" in again.json()["message"]


def test_beneficiary_form_labels_are_the_model_verbose_names_in_french():
    """The follow-up file form carries translatable copies of the model's verbose names."""
    from django.utils.text import capfirst

    from espaces.reception.forms import BeneficiaryForm
    from espaces.reception.models import Beneficiary

    for name, label in BeneficiaryForm.Meta.labels.items():
        assert str(label) == capfirst(Beneficiary._meta.get_field(name).verbose_name), name


def test_confirmation_follows_the_page_language_and_later_messages_stay_french(
    english, settings_example, session_example, django_capture_on_commit_callbacks, mailoutbox
):
    from espaces.events.models import Registration
    from espaces.events.notifications import notify

    with django_capture_on_commit_callbacks(execute=True):
        response = english.post(
            f"/agenda/seances/{session_example.pk}/",
            {
                "first_name": "Camille",
                "last_name": "Martin",
                "email": "c@example.org",
                "consent": "on",
            },
        )
    assert response.status_code == 302
    [confirmation] = mailoutbox
    assert "registration confirmed" in confirmation.subject
    assert confirmation.body.startswith("Hello,") and "Date: " in confirmation.body
    registration = Registration.objects.get()
    notify(registration, "reminder")  # a task, or a page in any language: French
    assert "rappel" in mailoutbox[-1].subject and mailoutbox[-1].body.startswith("Bonjour,")
