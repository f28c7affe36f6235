from django.core.management.base import BaseCommand, CommandError

from espaces.rome.dataset import build_dataset
from espaces.rome.opendata import RomeDataError


class Command(BaseCommand):
    help = (
        "Construit le jeu de données ROME compact (data/rome/) depuis les fichiers CSV open data "
        "de France Travail ; deux constructions depuis la même version donnent les mêmes fichiers."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "rome_dir", help="dossier des CSV, par exemple ../shared/data/rome4_v460"
        )
        parser.add_argument("out_dir", help="dossier du jeu de données, par exemple data/rome/")

    def handle(self, *args, **options):
        try:
            sizes = build_dataset(options["rome_dir"], options["out_dir"])
        except RomeDataError as exc:
            lines = ["Le jeu de données n'a pas été construit :"]
            lines += [f"  - {problem}" for problem in exc.problems]
            raise CommandError("\n".join(lines)) from exc
        for name, size in sizes.items():
            self.stdout.write(f"  {name} : {size / 1024:.0f} Kio")
        self.stdout.write(f"Jeu de données ROME écrit dans {options['out_dir']}.")
