from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrateur·rice")
    COORDINATOR = "coordinator", _("Coordinateur·rice")
    MEDIATOR = "mediator", _("Médiateur·rice")
    PARTNER = "partner", _("Partenaire")
    FUNDER = "funder", _("Financeur")
