from django.core.management.base import BaseCommand, CommandError

from espaces.accounts.models import User
from espaces.accounts.services import token_create


class Command(BaseCommand):
    help = "Affiche un nouveau jeton d'API pour ce compte (il n'est montré qu'une fois)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, **options):
        user = User.objects.filter(email__iexact=options["email"]).first()
        if user is None:
            raise CommandError(f"Aucun compte pour {options['email']}.")
        if not user.is_active:
            raise CommandError(f"Le compte {user.email} est désactivé.")
        self.stdout.write(token_create(user=user))
