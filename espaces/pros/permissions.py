"""Who may do what in the professionals' space (docs/pros.md, « Rôles »).

- coordinator (and admin): the request queue, availability of everyone, structure links;
- mediator: inbound referrals of the territory (their desk), their own availability;
- prescriber: their own referrals and requests, nothing else;
- partner, employer, funder: nothing here."""

from espaces.accounts.enums import Role


def _has(user, *roles) -> bool:
    return bool(user and user.is_authenticated and user.has_role(*roles))


def is_team(user) -> bool:
    return _has(user, Role.ADMIN, Role.COORDINATOR, Role.MEDIATOR)


def is_coordination(user) -> bool:
    return _has(user, Role.ADMIN, Role.COORDINATOR)


def is_prescriber(user) -> bool:
    return _has(user, Role.PRESCRIBER)
