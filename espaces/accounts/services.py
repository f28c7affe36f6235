"""Writes on accounts."""

from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from espaces.territories.models import Partner, Site, Territory

from .enums import ORGANISATION_ROLES, Role
from .models import ApiToken, User, hash_token


class AccountError(ValueError):
    """A French message saying what to fix."""


@transaction.atomic
def user_create(
    *,
    email: str,
    role: str,
    territory: Territory | None,
    sites: list[Site] = (),
    organisation: Partner | None = None,
    password: str | None = None,
    first_name: str = "",
    last_name: str = "",
    check_password: bool = True,
) -> User:
    """Create a staff or partner account with its memberships."""
    if role not in Role.values:
        raise AccountError(f"Rôle « {role} » inconnu. Rôles permis : {', '.join(Role.values)}.")
    if User.objects.filter(email__iexact=email).exists():
        raise AccountError(f"Un compte existe déjà pour {email}.")
    if role in ORGANISATION_ROLES and organisation is None:
        raise AccountError(
            "Un compte partenaire, employeur ou prescripteur doit être rattaché à une "
            "organisation (--organisation)."
        )
    if territory is None:  # admins too: an admin administers one territory
        raise AccountError("Indiquez le territoire du compte (--territory).")
    for site in sites:
        if territory and site.territory_id != territory.pk:
            raise AccountError(
                f"L'espace « {site.slug} » n'appartient pas au territoire du compte."
            )
    if organisation and territory and organisation.territory_id != territory.pk:
        raise AccountError(
            f"L'organisation « {organisation.slug} » n'appartient pas au territoire du compte."
        )
    user = User(
        email=email.lower(),
        role=role,
        territory=territory,
        organisation=organisation,
        first_name=first_name,
        last_name=last_name,
        is_staff=role in (Role.ADMIN, Role.COORDINATOR),
        is_superuser=role == Role.ADMIN,
    )
    if password:
        if check_password:
            validate_password(password, user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    if sites:
        user.sites.set(sites)
    return user


def token_create(*, user: User) -> str:
    """Create an API token for `user` and return its key (only its hash is kept)."""
    key = ApiToken.new_key()
    ApiToken.objects.create(user=user, key_hash=hash_token(key), prefix=key[:8])
    return key


def token_user(key: str) -> User | None:
    """The active account behind a bearer token, or None."""
    token = (
        ApiToken.objects.active().select_related("user").filter(key_hash=hash_token(key)).first()
    )
    return token.user if token else None
