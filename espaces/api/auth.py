"""Bearer-token authentication and role checks for /api/v1."""

from django.utils import timezone
from ninja.errors import HttpError
from ninja.security import HttpBearer

from espaces.accounts.models import ApiToken, hash_token
from espaces.territories.selectors import territory_for_request


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        record = (
            ApiToken.objects.active()
            .select_related("user")
            .filter(key_hash=hash_token(token))
            .first()
        )
        if record is None:
            return None
        ApiToken.objects.filter(pk=record.pk).update(last_used_at=timezone.now())
        request.user = record.user
        return record.user


bearer = BearerToken()


def require_role(request, *roles: str):
    """403 unless the authenticated account has one of `roles` in the request's territory."""
    user = request.auth
    if user is None or not user.has_role(*roles):
        raise HttpError(403, "Votre compte n'a pas accès à cette ressource.")
    territory = getattr(request, "territory", None) or territory_for_request(request)
    if territory is None or user.territory_id != territory.pk:  # admins too
        raise HttpError(403, "Votre compte n'a pas accès aux données de ce territoire.")
    return user
