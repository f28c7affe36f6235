from django.core.management.base import BaseCommand, CommandError

from espaces.accounts.models import User
from espaces.ops.two_factor import devices_reset


class Command(BaseCommand):
    help = (
        "Réinitialise la double authentification d'un compte (téléphone perdu) : à la "
        "prochaine connexion, la personne configure une nouvelle application."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="adresse électronique du compte")

    def handle(self, *args, **options):
        email = options["email"].strip().lower()
        user = User.objects.filter(email=email).first()
        if user is None:
            raise CommandError(f"Aucun compte avec l'adresse « {email} ».")
        count = devices_reset(user=user)
        if count:
            self.stdout.write(
                f"Double authentification réinitialisée pour {email} ({count} appareil(s) retiré(s))."
            )
        else:
            self.stdout.write(f"{email} n'avait pas d'application d'authentification.")
