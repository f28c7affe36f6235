from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from espaces.rome.opendata import RomeDataError
from espaces.rome.services import rome_load_dataset


class Command(BaseCommand):
    help = (
        "Importe le jeu de données ROME compact livré avec l'application (data/rome/) ; "
        "relancer l'import ne change rien."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", nargs="?", default=str(settings.ROME_DATASET_DIR))

    def handle(self, *args, **options):
        try:
            report = rome_load_dataset(directory=options["directory"])
        except RomeDataError as exc:
            raise CommandError("\n".join(exc.problems)) from exc
        self.stdout.write(f"ROME 4.0 v{report.version} (jeu de données {options['directory']}) :")
        for line in report.lines():
            self.stdout.write(f"  {line}")
        self.stdout.write(
            f"{report.changed} ligne(s) créée(s) ou modifiée(s) en {report.seconds:.1f} s."
        )
