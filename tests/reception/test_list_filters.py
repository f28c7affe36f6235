"""Staff lists: newest first, and the choice filters remembered per user (never a search)."""

from django.urls import reverse

from espaces.common.models import SavedListFilters
from espaces.reception.models import Beneficiary

from .factories import BeneficiaryFactory, ReferralFactory

PEOPLE = "/equipe/accueil/personnes/"


def _names(page) -> list[str]:
    return [b["last_name"] for b in page.context["page"].object_list]


def test_people_list_shows_the_newest_file_first_then_by_name_on_request(client, world):
    BeneficiaryFactory(territory=world.territory, site=world.site_a, last_name="Aaron")
    newest = BeneficiaryFactory(territory=world.territory, site=world.site_a, last_name="Zola")
    client.force_login(world.users.coordinator)
    names = _names(client.get(PEOPLE))
    assert names[0] == newest.last_name
    by_name = _names(client.get(PEOPLE, {"tri": "nom"}))
    assert by_name == sorted(by_name, key=str.lower) and by_name[0] == "Aaron"


def test_referrals_list_shows_the_newest_first(client, world):
    second = ReferralFactory(beneficiary=world.beneficiary, partner=world.partner_y)
    client.force_login(world.users.coordinator)
    page = client.get(reverse("reception:referral_list"))
    assert [r.pk for r in page.context["page"].object_list][:2] == [
        second.pk,
        world.referral_x.pk,
    ]


def test_filters_are_remembered_per_user_and_reapplied_on_the_bare_list(client, world):
    client.force_login(world.users.coordinator)
    client.get(PEOPLE, {"filtre": "actifs", "tri": "nom", "q": "Dupont"})
    saved = SavedListFilters.objects.get(user=world.users.coordinator, list_name="personnes")
    assert saved.query == "filtre=actifs&tri=nom"  # the search (personal data) is not kept
    back = client.get(PEOPLE)
    assert back.status_code == 302 and back["Location"] == f"{PEOPLE}?filtre=actifs&tri=nom"
    page = client.get(back["Location"])
    assert "Réinitialiser les filtres" in page.content.decode()
    # another user's list is untouched
    client.force_login(world.users.mediator_a)
    assert client.get(PEOPLE).status_code == 200


def test_reset_forgets_the_saved_filters(client, world):
    client.force_login(world.users.coordinator)
    client.get(reverse("reception:referral_list"), {"etat": "acceptee"})
    response = client.get(reverse("reception:referral_list"), {"reinitialiser": "1"})
    assert response.status_code == 302
    assert not SavedListFilters.objects.filter(user=world.users.coordinator).exists()
    assert client.get(reverse("reception:referral_list")).status_code == 200


def test_saved_filters_keep_the_page_choice_of_past_sessions(client, world):
    client.force_login(world.users.coordinator)
    url = reverse("events:staff_sessions")
    client.get(url, {"periode": "passees", "site": world.site_b.slug})
    back = client.get(url, {"periode": "passees"})
    assert back.status_code == 302
    assert back["Location"] == f"{url}?periode=passees&site={world.site_b.slug}"
    # the upcoming list has its own memory
    assert client.get(url).status_code == 200


def test_a_page_number_alone_is_drawn_as_asked(client, world):
    client.force_login(world.users.coordinator)
    client.get(PEOPLE, {"filtre": "actifs"})
    assert client.get(PEOPLE, {"page": "1"}).status_code == 200
    assert Beneficiary.objects.exists()
