from django.db import models


class Role(models.TextChoices):
    ADMIN = "admin", "Administrateur·rice"
    COORDINATOR = "coordinator", "Coordinateur·rice"
    MEDIATOR = "mediator", "Médiateur·rice"
    PARTNER = "partner", "Partenaire"
    FUNDER = "funder", "Financeur"
