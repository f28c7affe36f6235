"""Hypothesis-generated bad input on the public forms (job search, services filter, event
registration, orientation steps) and on the visit form of the desk: the answer is a 4xx or a
page with a French error, never a server error, and nothing is half written."""

import re

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from tests.factories import UserFactory

from .conftest import changed_tables, row_counts, scaled
from .strategies import field, form_data, junk, multi

pytestmark = pytest.mark.django_db

FRENCH_ERROR = re.compile(
    r"(obligatoire|n'est pas valide|invalide|Choisissez|Indiquez|Cochez|corrigez|"
    r"pas dans la liste|trop long|au plus|au moins|Saisissez|Vérifiez|n'existe pas|"
    r"doit|ne peut pas|erreur)",
    re.IGNORECASE,
)


def examples(n: int):
    return settings(settings.get_profile("espaces-forms"), max_examples=scaled(n))


def _assert_no_server_error(response, what):
    assert response.status_code < 500, f"{what} → {response.status_code}"


def _assert_french_error_page(response, what):
    """Refused input: a 4xx, or the page again (200) saying in French what to correct."""
    assert response.status_code < 500, f"{what} → {response.status_code}"
    if response.status_code == 200:
        page = response.content.decode()
        assert 'role="alert"' in page and FRENCH_ERROR.search(page), (
            f"{what}: formulaire refusé sans message d'erreur en français"
        )
    else:
        assert 400 <= response.status_code < 500, f"{what} → {response.status_code}"


# Catalogue search -------------------------------------------------------------------------


@pytest.fixture
def catalogue_values(fuzz_site, example_territory):
    from espaces.catalogue.enums import Condition, EntryLevel, Sort
    from espaces.territories.models import Sector

    return {
        "secteur": list(
            Sector.objects.filter(territory=example_territory).values_list("slug", flat=True)
        ),
        "niveau": list(EntryLevel.values),
        "eviter": list(Condition.values),
        "tri": list(Sort.values),
    }


@examples(60)
@given(data=st.data())
def test_catalogue_search_survives_any_query(client, catalogue_values, data):
    params = {
        "q": data.draw(field(["soudeur", "cariste", "électricien", "Fenwick"])),
        "secteur": data.draw(multi(catalogue_values["secteur"])),
        "niveau": data.draw(multi(catalogue_values["niveau"])),
        "eviter": data.draw(multi(catalogue_values["eviter"])),
        "sans_diplome": data.draw(field(["1", "on"])),
        "recrute": data.draw(field(["1"])),
        "tri": data.draw(field(catalogue_values["tri"])),
        "page": data.draw(field(["1", "2"])),
        data.draw(junk()): data.draw(junk()),
    }
    before = row_counts()
    response = client.get("/metiers/", params)
    _assert_no_server_error(response, f"/metiers/ {params!r}")
    htmx = client.get("/metiers/", params, HTTP_HX_REQUEST="true")
    _assert_no_server_error(htmx, f"/metiers/ (htmx) {params!r}")
    assert changed_tables(before, row_counts()) == {}


# Services filter --------------------------------------------------------------------------


@pytest.fixture
def services_values(fuzz_site, example_territory):
    from espaces.services.enums import Need
    from espaces.territories.models import Commune

    return {
        "besoin": list(Need.values),
        "commune": list(
            Commune.objects.filter(territory=example_territory).values_list("insee", flat=True)
        ),
    }


@examples(60)
@given(data=st.data())
def test_services_filter_survives_any_query(client, services_values, data):
    need = data.draw(st.sampled_from(services_values["besoin"]))
    params = {
        "besoin": data.draw(multi(services_values["besoin"])),
        "commune": data.draw(field(services_values["commune"])),
        f"page-{need}": data.draw(field(["1", "2"])),
        data.draw(junk()): data.draw(junk()),
    }
    before = row_counts()
    response = client.get("/lever-les-freins/", params)
    _assert_no_server_error(response, f"/lever-les-freins/ {params!r}")
    assert changed_tables(before, row_counts()) == {}


# Event registration -----------------------------------------------------------------------


@pytest.fixture
def open_session(fuzz_site, example_territory):
    events_factories = pytest.importorskip("tests.events.factories")
    return events_factories.SessionFactory(
        territory=example_territory, site=fuzz_site, capacity=500, waitlist_enabled=True
    )


@examples(80)
@given(data=st.data())
def test_registration_form_refuses_bad_input_without_writing(client, open_session, data):
    from espaces.events.enums import PublicCategory
    from espaces.events.models import Registration

    form = form_data(
        data.draw,
        {
            "first_name": ["Camille", "Zoé", "Jean-Pierre"],
            "last_name": ["Martin", "N'Diaye", "Lefebvre"],
            "email": ["camille@example.org", "a@b.fr", ""],
            "phone": ["06 12 34 56 78", "+33612345678", ""],
            "public_category": ["", *PublicCategory.values],
            "consent": ["on", "1", "true"],
        },
    )
    url = f"/agenda/seances/{open_session.pk}/"
    before = row_counts()
    count = Registration.objects.count()
    response = client.post(url, form)
    event(f"inscription : {response.status_code}")
    changes = changed_tables(before, row_counts())
    if response.status_code == 302:
        assert response["Location"].startswith("/agenda/inscription/")
        assert Registration.objects.count() == count + 1
        assert all(delta > 0 for delta in changes.values()), changes
    else:
        _assert_french_error_page(response, f"{url} {form!r}")
        assert changes == {}, f"écriture partielle : {changes} pour {form!r}"


# Orientation steps ------------------------------------------------------------------------

ANSWER_VALUE = re.compile(r'name="answer"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*name="answer"')


@pytest.fixture
def orientation_started(fuzz_site):
    pytest.importorskip("espaces.orientation.views")

    def start(client, mode="complet"):
        response = client.post("/orientation/commencer/", {"mode": mode})
        assert response.status_code == 302, "le questionnaire de l'exemple n'a pas démarré"
        return response["Location"]

    return start


@examples(50)
@given(data=st.data())
def test_orientation_steps_refuse_bad_answers_without_writing(client, orientation_started, data):
    url = orientation_started(client, mode=data.draw(st.sampled_from(["complet", "rapide"])))
    for _ in range(data.draw(st.integers(min_value=1, max_value=4))):
        page = client.get(url)
        assert page.status_code == 200, url
        valid = [a or b for a, b in ANSWER_VALUE.findall(page.content.decode())]
        answer = data.draw(st.one_of(field(valid), st.lists(field(valid), max_size=4)))
        form = {"answer": answer, "action": data.draw(field(["", "next", "skip", "finish"]))}
        before = row_counts()
        response = client.post(url, form)
        event(f"étape : {response.status_code}")
        changes = changed_tables(before, row_counts())
        target = response.get("Location", "")
        if response.status_code == 302 and "/orientation/resultat/" in target:
            assert all(delta > 0 for delta in changes.values()), changes
            return  # finished: a result was written, whole
        assert changes == {}, f"écriture pendant une étape : {changes} pour {form!r}"
        if response.status_code == 302:
            if "/orientation/question/" not in target:
                return  # the review page or the start page
            url = target
        else:
            _assert_french_error_page(response, f"{url} {form!r}")


@examples(20)
@given(number=st.integers(min_value=-(2**63), max_value=2**80))
def test_orientation_question_numbers_out_of_range(client, orientation_started, number):
    orientation_started(client)
    response = client.get(f"/orientation/question/{abs(number)}/")
    assert response.status_code in (200, 302, 404)


# Visit form (desk) ------------------------------------------------------------------------


@pytest.fixture
def desk_client(client, fuzz_site, example_territory):
    pytest.importorskip("espaces.reception.views")
    mediator = UserFactory(role="mediator", territory=example_territory, sites=[fuzz_site])
    client.force_login(mediator)
    page = client.get("/equipe/accueil/")
    assert page.status_code == 200, "la saisie des visites n'est pas accessible au médiateur"
    return client, page.content.decode()


RADIO = re.compile(r'<input[^>]*type="radio"[^>]*name="(\w+)"[^>]*value="([^"]*)"')


@examples(80)
@given(data=st.data())
def test_visit_form_refuses_bad_input_without_writing(desk_client, data):
    from espaces.reception.models import Visit

    client, page = desk_client
    communes = re.findall(r'<option value="([^"]+)"', page)
    choices: dict[str, list[str]] = {}
    for name, value in RADIO.findall(page):
        choices.setdefault(name, []).append(value)
    spec = {
        name: values
        for name, values in choices.items()
        if name in ("public_category", "purpose", "gender", "age_band", "qpv", "channel")
    }
    spec |= {
        "commune": ["", *communes],
        "group_size": ["1", "3", "200"],
        "date": ["2025-03-14", "2024-12-31"],
        "time": ["", "09:30", "14:05"],
    }
    form = form_data(data.draw, spec)
    before = row_counts()
    count = Visit.objects.count()
    response = client.post("/equipe/accueil/", form)
    event(f"visite : {response.status_code}")
    changes = changed_tables(before, row_counts())
    if response.status_code == 302:
        assert Visit.objects.count() == count + 1
        assert all(delta > 0 for delta in changes.values()), changes
    else:
        _assert_french_error_page(response, f"/equipe/accueil/ {form!r}")
        assert changes == {}, f"écriture partielle : {changes} pour {form!r}"
