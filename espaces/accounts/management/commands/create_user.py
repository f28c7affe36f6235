from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from espaces.accounts.enums import Role
from espaces.accounts.services import AccountError, temporary_password, user_create
from espaces.territories.models import Partner, Site, Territory


class Command(BaseCommand):
    help = "Crée un compte du personnel ou d'un partenaire."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument(
            "--territory", help="identifiant du territoire (défaut : ESPACES_TERRITORY)"
        )
        parser.add_argument(
            "--site", action="append", default=[], help="identifiant d'un espace (répétable)"
        )
        parser.add_argument("--organisation", help="identifiant de l'organisation partenaire")
        parser.add_argument(
            "--password",
            help=(
                "mot de passe ; sans lui, un mot de passe provisoire est tiré au hasard, affiché "
                "une seule fois, et la personne devra le changer à sa première connexion"
            ),
        )
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")

    def handle(self, *args, **options):
        from django.conf import settings

        slug = options["territory"] or settings.ESPACES_TERRITORY
        territory = Territory.objects.filter(slug=slug).first()
        if territory is None:
            known = (
                ", ".join(Territory.objects.values_list("slug", flat=True))
                or "aucun (chargez un pack)"
            )
            raise CommandError(f"Territoire « {slug} » inconnu. Territoires : {known}.")
        sites = []
        for site_slug in options["site"]:
            site = Site.objects.filter(territory=territory, slug=site_slug).first()
            if site is None:
                known = ", ".join(
                    Site.objects.filter(territory=territory).values_list("slug", flat=True)
                )
                raise CommandError(f"Espace « {site_slug} » inconnu. Espaces : {known}.")
            sites.append(site)
        organisation = None
        if options["organisation"]:
            organisation = Partner.objects.filter(
                territory=territory, slug=options["organisation"]
            ).first()
            if organisation is None:
                raise CommandError(
                    f"Organisation « {options['organisation']} » inconnue dans ce territoire."
                )
        password = options["password"]
        temporary = None if password else temporary_password()
        try:
            user = user_create(
                email=options["email"],
                role=options["role"],
                territory=territory,
                sites=sites,
                organisation=organisation,
                password=password or temporary,
                first_name=options["first_name"],
                last_name=options["last_name"],
                check_password=temporary is None,
                must_change_password=temporary is not None,
            )
        except AccountError as exc:
            raise CommandError(str(exc)) from exc
        except ValidationError as exc:
            raise CommandError("Mot de passe refusé : " + " ".join(exc.messages)) from exc
        self.stdout.write(
            f"Compte créé : {user.email} ({user.get_role_display()}, {territory.slug})"
        )
        if temporary:
            # Printed once, here only: it is stored hashed and never written to a log.
            self.stdout.write(
                f"Mot de passe provisoire (affiché une seule fois) : {temporary}\n"
                "Transmettez-le à la personne par un autre canal que l'adresse du compte ; "
                "elle devra choisir son propre mot de passe à sa première connexion."
            )
