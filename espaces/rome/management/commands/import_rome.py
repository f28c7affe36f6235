from django.core.management.base import BaseCommand, CommandError

from espaces.rome.opendata import RomeDataError
from espaces.rome.services import rome_import


class Command(BaseCommand):
    help = (
        "Importe ou met à jour le référentiel ROME 4.0 depuis les fichiers CSV open data de "
        "France Travail (unix_*_v4NN_utf8.csv) ; relancer l'import ne change rien."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "directory", help="dossier des fichiers CSV, par exemple ../shared/data/rome4_v460"
        )

    def handle(self, *args, **options):
        try:
            report = rome_import(directory=options["directory"])
        except RomeDataError as exc:
            lines = ["Le ROME n'a pas été importé ; rien n'a été modifié :"]
            lines += [f"  - {problem}" for problem in exc.problems]
            raise CommandError("\n".join(lines)) from exc
        self.stdout.write(f"ROME 4.0 v{report.version} ({report.directory}) :")
        for line in report.lines():
            self.stdout.write(f"  {line}")
        self.stdout.write(
            f"{report.changed} ligne(s) créée(s) ou modifiée(s) en {report.seconds:.1f} s."
        )
