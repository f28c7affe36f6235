import pytest
from django.core.management.base import CommandError

from espaces.accounts.models import ApiToken, User, hash_token
from tests.conftest import run_command


def test_create_user_with_sites_and_password(example_territory):
    out = run_command(
        "create_user",
        "Marie@Example.org",
        "--role",
        "mediator",
        "--territory",
        "exemple",
        "--site",
        "centre",
        "--password",
        "un-mot-de-passe-solide",
    )
    user = User.objects.get(email="marie@example.org")
    assert "Compte créé" in out
    assert user.role == "mediator" and user.territory == example_territory
    assert [s.slug for s in user.sites.all()] == ["centre"]
    assert user.check_password("un-mot-de-passe-solide")
    assert not user.is_staff


def test_partner_needs_an_organisation(example_territory):
    with pytest.raises(CommandError, match="organisation"):
        run_command("create_user", "p@example.org", "--role", "partner", "--territory", "exemple")
    run_command(
        "create_user",
        "p@example.org",
        "--role",
        "partner",
        "--territory",
        "exemple",
        "--organisation",
        "agence-emploi",
    )
    assert User.objects.get(email="p@example.org").organisation.slug == "agence-emploi"


def test_unknown_site_territory_and_duplicate_are_refused(example_territory):
    with pytest.raises(CommandError, match="Espace « lune » inconnu. Espaces : centre, gare"):
        run_command(
            "create_user",
            "a@example.org",
            "--role",
            "mediator",
            "--territory",
            "exemple",
            "--site",
            "lune",
        )
    with pytest.raises(CommandError, match="Territoire « mars » inconnu"):
        run_command("create_user", "a@example.org", "--role", "mediator", "--territory", "mars")
    run_command("create_user", "a@example.org", "--role", "funder", "--territory", "exemple")
    with pytest.raises(CommandError, match="existe déjà"):
        run_command("create_user", "A@example.org", "--role", "funder", "--territory", "exemple")


def test_weak_password_is_refused(example_territory):
    with pytest.raises(CommandError, match="Mot de passe refusé"):
        run_command(
            "create_user",
            "a@example.org",
            "--role",
            "coordinator",
            "--territory",
            "exemple",
            "--password",
            "123",
        )


def test_create_token_prints_a_key_stored_only_as_hash(example_territory):
    run_command("create_user", "c@example.org", "--role", "coordinator", "--territory", "exemple")
    key = run_command("create_token", "c@example.org").strip()
    token = ApiToken.objects.get()
    assert key.startswith("esp_") and len(key) > 40
    assert token.key_hash == hash_token(key) and key not in token.key_hash
    with pytest.raises(CommandError, match="Aucun compte"):
        run_command("create_token", "nobody@example.org")
