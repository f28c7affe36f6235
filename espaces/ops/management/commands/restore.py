import sys

from django.core.management.base import BaseCommand, CommandError

from espaces.ops.backup import BackupError, database_restore


class Command(BaseCommand):
    help = (
        "Remplace tout le contenu de la base par la sauvegarde FICHIER (écrite par "
        "`espaces backup`). Tout ce qui a été saisi depuis la sauvegarde est perdu."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FICHIER", help="sauvegarde écrite par espaces backup")
        parser.add_argument(
            "--yes",
            action="store_true",
            help="confirme le remplacement de toutes les données actuelles (obligatoire hors "
            "terminal interactif)",
        )

    def handle(self, *args, **options):
        if not options["yes"] and not self._confirmed(options["file"]):
            raise CommandError(
                "Restauration annulée : elle remplace toutes les données actuelles. "
                "Relancez avec --yes pour confirmer."
            )
        try:
            report = database_restore(path=options["file"])
        except BackupError as exc:
            raise CommandError(
                f"Restauration impossible, la base n'a pas été modifiée : {exc}"
            ) from exc
        self.stdout.write(report.line("Base restaurée depuis"))
        self.stdout.write(
            "Pensez à appliquer les migrations si la sauvegarde vient d'une version plus "
            "ancienne : espaces migrate."
        )

    def _confirmed(self, path) -> bool:
        stdin = getattr(self, "stdin", sys.stdin)
        if not stdin.isatty():
            return False
        self.stdout.write(
            f"La base va être remplacée par {path} : tout ce qui a été saisi depuis cette "
            "sauvegarde sera perdu."
        )
        self.stdout.flush()
        return input("Tapez « oui » pour continuer : ").strip().lower() == "oui"
