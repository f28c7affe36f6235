from django.core.management.base import BaseCommand, CommandError

from espaces.rome.opendata import RomeDataError
from espaces.rome.pack_subset import write_pack_subset


class Command(BaseCommand):
    help = (
        "Écrit rome.yaml et centres_interet.yaml dans un pack, depuis les fichiers CSV du ROME "
        "4.0, pour les codes ROME utilisés par ses métiers (metiers.yaml, metiers-*.yaml)."
    )

    def add_arguments(self, parser):
        parser.add_argument("pack_dir", help="dossier du pack, par exemple data/packs/dunkerque")
        parser.add_argument(
            "--rome-dir",
            required=True,
            help="dossier des fichiers CSV du ROME 4.0 (unix_*_v4NN_utf8.csv)",
        )

    def handle(self, *args, **options):
        try:
            report = write_pack_subset(pack_dir=options["pack_dir"], rome_dir=options["rome_dir"])
        except RomeDataError as exc:
            lines = ["Aucun fichier n'a été écrit :"]
            lines += [f"  - {problem}" for problem in exc.problems]
            raise CommandError("\n".join(lines)) from exc
        self.stdout.write(
            f"ROME 4.0 v{report.version} : {report.codes} code(s) ROME utilisé(s) par "
            f"{', '.join(report.metier_files)}, {report.appellations} appellation(s), "
            f"{report.centres} centre(s) d'intérêt."
        )
        for path in report.written:
            self.stdout.write(f"  écrit : {path}")
