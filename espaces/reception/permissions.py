"""Who may do what in the reception back-office (docs/reception.md, « Rôles »).

- admin: everything, in the territory of the request;
- coordinator: the whole territory (visits, files, referrals, audit log, statistics);
- mediator: visits of their sites; follow-up files and referrals of their territory;
- partner: only the referrals addressed to their organisation;
- funder: aggregates only, never personal data.

Views declare the predicate they need with `staff_view`; objects always come from selectors
scoped by the user, so an object outside the user's scope is a 404."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.cache import add_never_cache_headers

from espaces.accounts.enums import Role
from espaces.territories.views import current_territory


def _has(user, *roles) -> bool:
    return bool(user and user.is_authenticated and user.has_role(*roles))


def can_record_visits(user) -> bool:
    return _has(user, Role.ADMIN, Role.COORDINATOR, Role.MEDIATOR)


def can_follow_up(user) -> bool:
    """Open, read and update follow-up files (personal data)."""
    return _has(user, Role.ADMIN, Role.COORDINATOR, Role.MEDIATOR)


def can_erase(user) -> bool:
    return _has(user, Role.ADMIN, Role.COORDINATOR)


def can_read_audit(user) -> bool:
    return _has(user, Role.ADMIN, Role.COORDINATOR)


def can_read_stats(user) -> bool:
    return _has(user, Role.ADMIN, Role.COORDINATOR, Role.FUNDER)


def can_handle_referrals(user) -> bool:
    return _has(user, Role.ADMIN, Role.COORDINATOR, Role.MEDIATOR, Role.PARTNER)


def is_partner(user) -> bool:
    return _has(user, Role.PARTNER)


def sees_whole_territory(user) -> bool:
    return _has(user, Role.ADMIN, Role.COORDINATOR)


def staff_territory(request):
    """The territory of the request, refused (403) to an account of another territory."""
    territory = current_territory(request)
    user = request.user
    if user.territory_id != territory.pk:  # admins too: isolation is the rule
        raise PermissionDenied("Votre compte appartient à un autre territoire.")
    return territory


def staff_view(allowed):
    """Anonymous → login page; wrong role or territory → 403; sets `request.staff_territory`;
    answers are never cached."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not allowed(request.user):
                raise PermissionDenied("Votre compte ne permet pas d'ouvrir cette page.")
            request.staff_territory = staff_territory(request)
            response = view(request, *args, **kwargs)
            add_never_cache_headers(response)  # personal data: no copy in caches
            return response

        return wrapper

    return decorator
