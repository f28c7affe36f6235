from django.core.management.base import BaseCommand, CommandError

from espaces.territories.models import Territory
from espaces.territories.packs.export import ExportError, export_pack


class Command(BaseCommand):
    help = (
        "Écrit le contenu actuel d'un territoire sous forme de pack (fichiers YAML triés, "
        "rechargeables avec load_pack : exporter, charger puis exporter donne les mêmes fichiers)."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="identifiant du territoire, par exemple dunkerque")
        parser.add_argument("path", help="dossier à écrire (nouveau ou vide)")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="remplace les fichiers .yaml et .csv d'un dossier qui contient déjà un pack",
        )

    def handle(self, *args, **options):
        territory = Territory.objects.filter(slug=options["slug"]).first()
        if territory is None:
            known = ", ".join(Territory.objects.values_list("slug", flat=True)) or "aucun"
            raise CommandError(
                f"Territoire « {options['slug']} » inconnu. Territoires chargés : {known}."
            )
        try:
            report = export_pack(territory, options["path"], replace=options["replace"])
        except ExportError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Pack du territoire « {territory.slug} » écrit dans {report.path} :")
        for line in report.lines():
            self.stdout.write(f"  {line}")
