"""The visit desk: three taps for the common case, groups, corrections of one's own entries."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from espaces.common.enums import PublicCategory
from espaces.reception.models import Visit

from .factories import VisitFactory

DESK = "/equipe/accueil/"


@pytest.fixture
def mediator_client(client, world):
    client.force_login(world.users.mediator_a)
    return client


def test_common_case_is_public_purpose_save_with_defaults(mediator_client, world):
    page = mediator_client.get(DESK)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Espace du centre" in html
    # the ESF+ answers start unticked, counted as missing, before the button
    assert "checked" not in html.split('id="champ-gender"')[1].split("</fieldset>")[0]
    assert "3 réponses FSE+ manquantes" in html
    form_html = html.split('class="form desk-form"', 1)[1]
    assert form_html.index('id="champ-qpv"') < form_html.index('type="submit"')
    form = {
        "public_category": "jeune_scolaire",
        "purpose": "casque-vr",
        # nothing ticked for the ESF+ answers: saved as « non renseigné » / « inconnu »
        "group_size": "1",
        "date": timezone.localdate().isoformat(),
    }
    response = mediator_client.post(DESK, form)
    assert response.status_code == 302 and response["Location"] == DESK
    visit = Visit.objects.latest("pk")
    assert (visit.site, visit.public_category, visit.purpose) == (
        world.site_a,
        "jeune_scolaire",
        "casque-vr",
    )
    assert (visit.gender, visit.age_band, visit.qpv, visit.group_size) == (
        "non_renseigne",
        "inconnu",
        "inconnu",
        1,
    )
    assert visit.recorded_by == world.users.mediator_a and visit.date == timezone.localdate()
    follow = mediator_client.get(DESK).content.decode()
    assert f"Visite enregistrée : {PublicCategory.JEUNE_SCOLAIRE.label} (1 personne)." in follow
    assert "Mes saisies du jour" in follow and "2 saisies, 2 personnes" in follow


def test_group_visit_with_commune_by_name(mediator_client, world):
    mediator_client.post(
        DESK,
        {
            "public_category": "habitant",
            "purpose": "atelier",
            "gender": "femme",
            "age_band": "30_54",
            "qpv": "oui",
            "commune": "port exemple",
            "group_size": "12",
            "date": timezone.localdate().isoformat(),
            "channel": "evenement",
        },
    )
    visit = Visit.objects.latest("pk")
    assert visit.group_size == 12 and visit.commune.insee == "99002"
    assert (visit.gender, visit.age_band, visit.qpv, visit.channel) == (
        "femme",
        "30_54",
        "oui",
        "evenement",
    )


def test_bad_input_is_refused_with_french_messages_and_nothing_lost(mediator_client, world):
    before = Visit.objects.count()
    response = mediator_client.post(
        DESK,
        {
            "purpose": "atelier",
            "gender": "femme",
            "age_band": "inconnu",
            "qpv": "inconnu",
            "commune": "Atlantis",
            "group_size": "0",
            "date": (timezone.localdate() + dt.timedelta(days=1)).isoformat(),
        },
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert Visit.objects.count() == before
    assert "Choisissez le public." in html
    assert "Commune « Atlantis » inconnue sur ce territoire" in html
    assert "Ville-Exemple (99001)" in html
    assert "La date ne peut pas être dans le futur." in html
    # what was typed stays
    assert 'value="Atlantis"' in html
    assert 'value="femme" id="id_gender_0" checked' in html


def test_purpose_of_another_site_is_not_offered(client, world):
    client.force_login(world.users.mediator_b)
    html = client.get(DESK).content.decode()
    assert "Espace de la gare" in html and "Casque de réalité virtuelle" not in html
    response = client.post(
        DESK,
        {
            "public_category": "habitant",
            "purpose": "casque-vr",
            "gender": "non_renseigne",
            "age_band": "inconnu",
            "qpv": "inconnu",
            "group_size": "1",
            "date": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 422
    assert not Visit.objects.filter(site=world.site_b).exists()


def test_mediator_with_several_sites_picks_once(client, world):
    mediator = world.users.mediator_a
    mediator.sites.add(world.site_b)
    client.force_login(mediator)
    first = client.get(DESK)
    assert first.status_code == 302 and first["Location"].startswith(
        reverse("reception:choose_site")
    )
    chosen = client.post(reverse("reception:choose_site"), {"site": world.site_b.pk})
    assert chosen.status_code == 302
    page = client.get(DESK)
    assert page.status_code == 200 and "Espace de la gare" in page.content.decode()
    # a site outside the account's sites cannot be chosen
    world.users.mediator_b.sites.add(world.site_b)
    refused = client.post(reverse("reception:choose_site"), {"site": world.other_site.pk})
    assert refused.status_code == 200 and "Sélectionnez un choix valide" in refused.content.decode()


def test_mediator_without_site_is_told_what_to_do(client, world):
    world.users.mediator_b.sites.clear()
    client.force_login(world.users.mediator_b)
    html = client.get(DESK).content.decode()
    assert "rattaché à aucun Espace" in html


def test_own_entry_of_the_day_can_be_corrected_and_deleted(mediator_client, world):
    visit = world.visit_a
    url = reverse("reception:visit_edit", args=[visit.pk])
    page = mediator_client.get(url)
    assert page.status_code == 200
    response = mediator_client.post(
        url,
        {
            "public_category": "salarie",
            "purpose": "aide-cv",
            "gender": "homme",
            "age_band": "18_29",
            "qpv": "non",
            "group_size": "2",
            "date": visit.date.isoformat(),
        },
    )
    assert response.status_code == 302
    visit.refresh_from_db()
    assert (visit.public_category, visit.purpose, visit.group_size) == ("salarie", "aide-cv", 2)
    delete_url = reverse("reception:visit_delete", args=[visit.pk])
    assert "Supprimer cette visite ?" in mediator_client.get(delete_url).content.decode()
    assert mediator_client.post(delete_url).status_code == 302
    assert not Visit.objects.filter(pk=visit.pk).exists()


def test_entries_of_earlier_days_or_of_others_cannot_be_touched(mediator_client, world):
    yesterday = VisitFactory(site=world.site_a, recorded_by=world.users.mediator_a)
    Visit.objects.filter(pk=yesterday.pk).update(created_at=timezone.now() - dt.timedelta(days=1))
    someone_else = VisitFactory(site=world.site_a, recorded_by=world.users.coordinator)
    for visit in (yesterday, someone_else):
        assert (
            mediator_client.get(reverse("reception:visit_edit", args=[visit.pk])).status_code == 404
        )
        assert (
            mediator_client.post(reverse("reception:visit_delete", args=[visit.pk])).status_code
            == 404
        )
    assert Visit.objects.filter(pk__in=[yesterday.pk, someone_else.pk]).count() == 2
    html = mediator_client.get(DESK).content.decode()
    assert f"/visites/{yesterday.pk}/corriger/" not in html


def test_desk_query_count_does_not_grow_with_the_day(
    mediator_client, world, django_assert_max_num_queries
):
    VisitFactory.create_batch(30, site=world.site_a, recorded_by=world.users.mediator_a)
    with django_assert_max_num_queries(10):
        response = mediator_client.get(DESK)
    assert "31 saisies, 31 personnes" in response.content.decode()


def test_desk_counts_only_unticked_esf_answers_after_an_error(mediator_client):
    response = mediator_client.post(
        DESK, {"gender": "femme", "age_band": "inconnu", "group_size": "1"}
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert "1 réponse FSE+ manquante" in html
    assert '<a href="#champ-qpv">' in html
    assert '<a href="#champ-gender">' not in html


def test_desk_has_no_sticky_bar_over_the_labels():
    from pathlib import Path

    css = Path("espaces/reception/static/reception/reception.css").read_text()
    rule = css.split(".desk-save {", 1)[1].split("}", 1)[0]
    assert "sticky" not in rule


def test_desk_radios_are_drawn_as_django_draws_them(world):
    """The desk draws its choices with the `radio_input` filter (faster than `radio.tag`): the
    same HTML, checked answers and attributes included."""
    from espaces.common.templatetags.espaces_tags import radio_input
    from espaces.reception.forms import VisitForm
    from espaces.reception.visit_rules import visit_rules_for

    rules = visit_rules_for(world.territory)
    bound = VisitForm(
        {"public_category": "jeune_scolaire", "qpv": "oui"}, rules=rules, site=world.site_a
    )
    unbound = VisitForm(rules=rules, site=world.site_a)
    compared = 0
    for form in (bound, unbound):
        for name in ("public_category", "purpose", "gender", "age_band", "qpv", "channel"):
            for choice in form[name]:
                assert radio_input(choice) == choice.tag()
                compared += 1
    assert compared > 40
    assert 'value="jeune_scolaire" id="id_public_category_' in radio_input(
        next(c for c in bound["public_category"] if c.data["value"] == "jeune_scolaire")
    )


def test_a_new_purpose_shows_on_the_desk_at_once(mediator_client, world):
    """The visit rules are kept between requests while the content version stays: adding a
    purpose (the admin or a pack load saves it) changes the version, the desk shows it."""
    from espaces.reception.models import VisitOption

    assert "Forum des métiers" not in mediator_client.get(DESK).content.decode()
    VisitOption.objects.create(
        territory=world.territory, kind="purpose", slug="forum", label="Forum des métiers"
    )
    assert "Forum des métiers" in mediator_client.get(DESK).content.decode()


def test_blank_desk_form_choices_are_fragments_and_the_clock_is_live(
    mediator_client, world, monkeypatch
):
    """A blank form's choices are kept per site and content version; its date and time are
    now's at every request; a form with errors is never taken from the cache."""
    from django.core.cache import caches

    from espaces.reception import forms

    real = timezone.localtime
    now = {"at": timezone.make_aware(dt.datetime(2026, 12, 3, 9, 41, 5))}
    monkeypatch.setattr(
        forms.timezone, "localtime", lambda value=None, tz=None: real(value or now["at"], tz)
    )

    def kept() -> list:
        names = (k.split(".")[2].strip('"') for k in caches["fragments"]._cache)
        return sorted(name for name in names if name.startswith("registre-"))

    first = mediator_client.get(DESK).content.decode()
    assert 'value="09:41"' in first and kept() == ["registre-canal", "registre-choix"]
    now["at"] += dt.timedelta(minutes=1)
    second = mediator_client.get(DESK).content.decode()
    assert 'value="09:42"' in second and 'value="09:41"' not in second
    assert kept() == ["registre-canal", "registre-choix"]  # the same two fragments
    assert (
        second.split('id="champ-public_category"')[1].split("</fieldset>")[0]
        == (first.split('id="champ-public_category"')[1].split("</fieldset>")[0])
    )
    monkeypatch.undo()
    errors = mediator_client.post(DESK, {"group_size": "0", "commune": "Nulle-Part"})
    html = errors.content.decode()
    assert errors.status_code == 422 and 'value="Nulle-Part"' in html
    assert 'value="Nulle-Part"' not in mediator_client.get(DESK).content.decode()
    assert kept() == ["registre-canal", "registre-choix"]


def test_today_list_items_show_each_entry_with_its_links():
    """« Mes saisies du jour » drawn in Python (espaces/reception/rows.py): time (or —), public,
    group, purpose, another day's date, and links to correct or delete, escaped."""
    from espaces.reception.rows import today_items

    today = dt.date(2026, 12, 3)
    group = Visit(pk=41, date=today, time=dt.time(9, 5), public_category="habitant", group_size=3)
    group.purpose, group.purpose_label = "forum", "Forum <des> métiers"
    late = Visit(pk=42, date=dt.date(2026, 12, 2), time=None, public_category="salarie")
    late.group_size, late.purpose = 1, ""
    html = today_items([group, late], today=today)
    first, second = html.split("</li>")[:2]
    assert "<strong>09:05</strong> · Habitant·e · groupe de 3 · Forum &lt;des&gt; métiers" in first
    assert 'href="/equipe/accueil/visites/41/corriger/"' in first
    assert 'href="/equipe/accueil/visites/41/supprimer/"' in first
    assert '<span class="visually-hidden"> la saisie de 09:05</span>' in first
    assert "<strong>—</strong> · Salarié·e · visite du 02/12/2026" in second
    assert "groupe de" not in second and today_items([], today=today) == ""
