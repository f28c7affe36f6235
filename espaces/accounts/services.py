"""Writes on accounts."""

import logging
import secrets

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext

from espaces.common.public_url import absolute_url
from espaces.territories.models import Partner, Site, Territory

from .enums import ORGANISATION_ROLES, Role
from .models import ApiToken, User, hash_token

logger = logging.getLogger(__name__)

# Letters and digits without the ones read alike on paper (0/O, 1/l/I): the temporary password
# is printed in a terminal and often dictated or copied by hand.
TEMPORARY_ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
TEMPORARY_LENGTH = 20  # about 117 bits


class AccountError(ValueError):
    """A French message saying what to fix."""


def temporary_password() -> str:
    """A strong random password, in groups of 5 separated by dashes (easier to copy)."""
    chars = "".join(secrets.choice(TEMPORARY_ALPHABET) for _ in range(TEMPORARY_LENGTH))
    return "-".join(chars[i : i + 5] for i in range(0, TEMPORARY_LENGTH, 5))


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
    must_change_password: bool = False,
) -> User:
    """Create a staff or partner account with its memberships; `must_change_password` sends the
    person to the password change form at their first login."""
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
        must_change_password=must_change_password,
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


@transaction.atomic
def user_password_change(*, user: User, password: str) -> User:
    """Set the password the person chose (already validated by the form) and lift the « must
    change password » mark of a temporary one."""
    user.set_password(password)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    return user


def password_reset_users(*, email: str, territory) -> list[User]:
    """The active accounts of `territory` with this address. Accounts without a usable
    password are included: before temporary passwords, `create_user` without --password made
    such accounts, and the reset is their way in (no other authentication exists here)."""
    if territory is None:
        return []
    return list(
        User.objects.filter(email__iexact=email.strip(), is_active=True, territory=territory)
    )


def password_reset_link(user: User, *, territory=None) -> str:
    """The absolute link of the reset form for `user` (valid PASSWORD_RESET_TIMEOUT seconds,
    and only until the password or the last login changes)."""
    path = reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return absolute_url(path, territory=territory)


def password_reset_request(*, email: str, territory) -> int:
    """Send the reset link to the accounts of `territory` with this address (none: nothing is
    sent, and the caller says the same thing either way). Returns the number of messages."""
    users = password_reset_users(email=email, territory=territory)
    hours = max(1, settings.PASSWORD_RESET_TIMEOUT // 3600)
    for user in users:
        with translation.override(settings.LANGUAGE_CODE):
            subject = gettext("Choisir un nouveau mot de passe — Espaces 20 000 emplois")
            body = gettext(
                "Bonjour,\n\n"
                "Quelqu'un (vous, sans doute) a demandé à choisir un nouveau mot de passe pour "
                "votre compte de l'équipe des Espaces 20 000 emplois.\n\n"
                "Pour le choisir, ouvrez ce lien (valable %(hours)s heures, une seule fois) :\n"
                "%(link)s\n\n"
                "Si vous n'avez rien demandé, ignorez ce message : votre mot de passe ne change "
                "pas.\n\n— Espaces 20 000 emplois"
            ) % {"hours": hours, "link": password_reset_link(user, territory=territory)}
        _send(subject, body, user.email)  # nothing is written: no transaction to wait for
    return len(users)


def _send(subject: str, body: str, recipient: str) -> None:
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient])
    except Exception as exc:  # noqa: BLE001 - the page says the same whether it went or not
        # The class only: an SMTP error's text may carry the address.
        logger.error("Lien de réinitialisation non envoyé (%s).", type(exc).__name__)
