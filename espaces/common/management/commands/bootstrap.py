"""First start (`make run`): load the territory pack and the demo data when the database is
empty, create the demo accounts once, and print them."""

import secrets
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from espaces.accounts.enums import Role
from espaces.accounts.models import User
from espaces.accounts.services import user_create
from espaces.territories.models import Partner, Site, Territory

DEMO_ACCOUNTS = [
    ("admin@demo.espaces.local", Role.ADMIN, "Administratrice"),
    ("coordination@demo.espaces.local", Role.COORDINATOR, "Cheffe de projet"),
    ("mediation.saintpol@demo.espaces.local", Role.MEDIATOR, "Médiateur Saint-Pol"),
    ("mediation.gare@demo.espaces.local", Role.MEDIATOR, "Médiatrice gare"),
    ("partenaire@demo.espaces.local", Role.PARTNER, "Conseillère partenaire"),
    ("financeur@demo.espaces.local", Role.FUNDER, "Financeur"),
]


class Command(BaseCommand):
    help = "Premier démarrage : charge le pack et les données de démonstration si la base est vide."

    def add_arguments(self, parser):
        parser.add_argument("--pack", default=str(settings.ESPACES_PACKS_DIR / "dunkerque"))

    def handle(self, *args, **options):
        from espaces.rome.enums import Origin
        from espaces.rome.models import RomeFiche

        if not RomeFiche.objects.filter(origin=Origin.IMPORT).exists():
            # The national ROME fiches, from the dataset shipped in data/rome/ (docs/rome.md).
            self.stdout.write("Référentiel ROME absent : chargement du jeu de données data/rome/…")
            call_command("load_rome_dataset", stdout=self.stdout)
        if not Territory.objects.exists():
            self.stdout.write(f"Base vide : chargement du pack {options['pack']}…")
            call_command("load_pack", options["pack"], stdout=self.stdout)
            self._demo_data()
        territory = (
            Territory.objects.filter(slug=settings.ESPACES_TERRITORY).first()
            or Territory.objects.first()
        )
        if territory:
            self._demo_accounts(territory)
        # The daily cycle (purge, referral reminders, 6-month follow-ups) re-enqueues itself.
        call_command("schedule_reception_tasks", stdout=self.stdout)

    def _demo_data(self):
        from django.core.management import get_commands

        if "demo_data" in get_commands():
            call_command("demo_data", stdout=self.stdout)

    def _demo_accounts(self, territory):
        path = Path(settings.VAR_DIR) / "demo_password"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(9))
            path.chmod(0o600)
        password = path.read_text().strip()
        sites = list(Site.objects.filter(territory=territory).order_by("opened_on"))
        partner = (
            Partner.objects.filter(territory=territory, kind="employment").order_by("slug").first()
        )
        for email, role, first_name in DEMO_ACCOUNTS:
            if User.objects.filter(email=email).exists():
                continue
            if role == Role.PARTNER and partner is None:
                continue
            member_sites = []
            if role == Role.MEDIATOR and sites:
                member_sites = [sites[0]] if "saintpol" in email or len(sites) == 1 else [sites[-1]]
            user_create(
                email=email,
                role=role,
                territory=territory,
                sites=member_sites,
                organisation=partner if role == Role.PARTNER else None,
                password=password,
                first_name=first_name,
                check_password=False,
            )
        self.stdout.write(f"Comptes de démonstration (mot de passe : {password}) :")
        for email, role, _ in DEMO_ACCOUNTS:
            if User.objects.filter(email=email).exists():
                self.stdout.write(f"  {Role(role).label:<22} {email}")
