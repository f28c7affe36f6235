from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrateur·rice")
    COORDINATOR = "coordinator", _("Coordinateur·rice")
    MEDIATOR = "mediator", _("Médiateur·rice")
    PARTNER = "partner", _("Partenaire")
    FUNDER = "funder", _("Financeur")
    EMPLOYER = "employer", _("Employeur")
    PRESCRIBER = "prescriber", _("Prescripteur·rice")


# Roles whose account belongs to one partner organisation (required at creation).
ORGANISATION_ROLES = (Role.PARTNER, Role.EMPLOYER, Role.PRESCRIBER)
