"""Who may reach the team pages of the agenda."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from espaces.accounts.enums import Role
from espaces.territories.views import current_territory

STAFF_ROLES = (Role.ADMIN, Role.COORDINATOR, Role.MEDIATOR)


def can_manage_events(user, territory) -> bool:
    """Mediators and coordinators of the territory (and administrators)."""
    if not user.is_authenticated or not user.has_role(*STAFF_ROLES):
        return False
    return user.territory_id == territory.pk  # admins too: isolation is the rule


def staff_required(view):
    """Anonymous → login page; partners, funders and other territories' staff → 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        territory = current_territory(request)
        if not can_manage_events(request.user, territory):
            raise PermissionDenied(
                "Ces pages sont réservées aux médiateurs et à la coordination des Espaces."
            )
        request.staff_territory = territory
        return view(request, *args, **kwargs)

    return wrapper
