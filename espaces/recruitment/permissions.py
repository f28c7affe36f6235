"""Who may do what with offers and candidacies (docs/recruitment.md, « Rôles »).

- admin, coordinator: every offer and candidacy of the territory; publish for any employer;
- employer: the offers of their organisation, and only the candidacies on those offers;
- mediator: reads the open offers, proposes people (candidacies of the territory);
- partner, prescriber, funder: nothing here (funders see aggregates in the statistics).

Objects always come from selectors scoped by the user: outside the scope is a 404."""

from espaces.accounts.enums import Role


def _has(user, *roles) -> bool:
    return bool(user and user.is_authenticated and user.has_role(*roles))


def is_employer(user) -> bool:
    return _has(user, Role.EMPLOYER)


def is_coordination(user) -> bool:
    return _has(user, Role.ADMIN, Role.COORDINATOR)


def can_manage_offers(user) -> bool:
    """Create and edit offers (for their organisation, or any employer for coordinators)."""
    return _has(user, Role.ADMIN, Role.COORDINATOR, Role.EMPLOYER)


def can_read_offers(user) -> bool:
    return _has(user, Role.ADMIN, Role.COORDINATOR, Role.EMPLOYER, Role.MEDIATOR)


def can_propose(user) -> bool:
    """Propose a person (their follow-up file) for an offer."""
    return _has(user, Role.ADMIN, Role.COORDINATOR, Role.MEDIATOR)


def can_handle_candidacies(user) -> bool:
    return _has(user, Role.ADMIN, Role.COORDINATOR, Role.MEDIATOR, Role.EMPLOYER)


def may_publish_for(user, employer) -> bool:
    """An employer account publishes for its own organisation only."""
    if is_coordination(user):
        return True
    return is_employer(user) and user.organisation_id == employer.pk
