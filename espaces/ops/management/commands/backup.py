from django.core.management.base import BaseCommand, CommandError

from espaces.ops.backup import BackupError, database_backup


class Command(BaseCommand):
    help = (
        "Écrit une copie cohérente de toute la base dans FICHIER, sans arrêter le site "
        "(SQLite : API de sauvegarde en ligne ; PostgreSQL : pg_dump -Fc)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FICHIER", help="fichier de sauvegarde à écrire")

    def handle(self, *args, **options):
        try:
            report = database_backup(path=options["file"])
        except BackupError as exc:
            raise CommandError(f"Sauvegarde impossible : {exc}") from exc
        self.stdout.write(report.line("Sauvegarde écrite"))
