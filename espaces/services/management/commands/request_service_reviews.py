from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from espaces.services.services import review_requests_send
from espaces.territories.models import Territory


class Command(BaseCommand):
    help = (
        "Envoie à chaque partenaire (courriel de contact) un message listant ses fiches services "
        "à vérifier, avec un lien signé valable 30 jours."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="affiche ce qui serait envoyé, sans rien envoyer"
        )
        parser.add_argument(
            "--territory",
            help="identifiant du territoire (par défaut : tous les territoires chargés)",
        )
        parser.add_argument(
            "--base-url",
            help="adresse du site pour les liens, par exemple https://espaces.example.org "
            "(par défaut : ESPACES_BASE_URL, sinon le premier nom d'hôte du territoire)",
        )

    def handle(self, *args, **options):
        territories = Territory.objects.order_by("slug")
        if options["territory"]:
            territories = territories.filter(slug=options["territory"])
            if not territories.exists():
                known = ", ".join(Territory.objects.values_list("slug", flat=True)) or "aucun"
                raise CommandError(
                    f"Territoire « {options['territory']} » inconnu. Territoires chargés : {known}."
                )
        if not territories.exists():
            raise CommandError("Aucun territoire n'est chargé : lancez « espaces load_pack ».")
        backend = settings.EMAIL_BACKEND.rsplit(".", 2)[-2]
        for territory in territories:
            report = review_requests_send(
                territory=territory, base_url=options["base_url"], dry_run=options["dry_run"]
            )
            self.stdout.write(f"Territoire « {territory.slug} » :")
            lines = report.lines() or ["aucune fiche à vérifier."]
            for line in lines:
                self.stdout.write(f"  {line}")
            if report.sent and not options["dry_run"]:
                self.stdout.write(
                    f"  {len(report.sent)} courriel(s) envoyé(s) (service d'envoi : {backend})."
                )
