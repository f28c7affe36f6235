from django.core.management.base import BaseCommand

from espaces.reception.tasks import next_run, schedule_daily_reception_tasks


class Command(BaseCommand):
    help = (
        "Planifie la tâche quotidienne de l'accueil (purge des données expirées, relances des "
        "partenaires, suivis à 6 mois) pour le worker ; sans effet si elle est déjà planifiée."
    )

    def handle(self, *args, **options):
        if schedule_daily_reception_tasks():
            self.stdout.write(f"Tâche quotidienne planifiée : {next_run():%d/%m/%Y %H:%M}.")
        else:
            self.stdout.write(
                "Rien à planifier : une exécution attend déjà, ou le gestionnaire de tâches ne "
                "sait pas différer (tests)."
            )
