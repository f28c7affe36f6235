"""Who may see and act on the freshness of service sheets in the staff area."""

from dataclasses import dataclass

from espaces.accounts.enums import Role


@dataclass(frozen=True)
class ReviewAccess:
    """What an account may do on the « services à vérifier » page.

    `partner` set: only that organisation's structures are visible (and editable)."""

    can_edit: bool
    can_handle_corrections: bool
    partner: object | None = None


def review_access(user, territory) -> ReviewAccess | None:
    """None when the account may not open the page (funders, other territories)."""
    if not user.is_authenticated or not user.is_active:
        return None
    if territory is None:
        return None
    if user.role == Role.ADMIN and user.territory_id == territory.pk:
        return ReviewAccess(can_edit=True, can_handle_corrections=True)
    if user.role == Role.COORDINATOR and user.territory_id == territory.pk:
        return ReviewAccess(can_edit=True, can_handle_corrections=True)
    if user.role == Role.MEDIATOR and user.territory_id == territory.pk:
        return ReviewAccess(can_edit=False, can_handle_corrections=False)
    if (
        user.role == Role.PARTNER
        and user.organisation_id
        and user.organisation.territory_id == territory.pk
    ):
        return ReviewAccess(can_edit=True, can_handle_corrections=False, partner=user.organisation)
    return None
