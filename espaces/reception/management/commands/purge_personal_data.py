from django.core.management.base import BaseCommand

from espaces.reception.retention import purge_personal_data


class Command(BaseCommand):
    help = (
        "Anonymise les données personnelles dont la durée de conservation est dépassée "
        "(dossiers de suivi : ESPACES_RETENTION_MONTHS mois après le dernier contact). "
        "Les chiffres agrégés ne changent pas."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="compte ce qui serait anonymisé, sans rien changer",
        )

    def handle(self, *args, **options):
        report = purge_personal_data(dry_run=options["dry_run"])
        for line in report.lines():
            self.stdout.write(line)
