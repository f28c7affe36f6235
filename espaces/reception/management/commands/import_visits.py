from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from espaces.reception.services import ReceptionError
from espaces.reception.visit_import import VisitImportError, import_visits_file
from espaces.territories.models import Territory


class Command(BaseCommand):
    help = (
        "Importe un tableur de visites (CSV : date,site,public_category,gender,age_band,qpv,"
        "commune,channel,purpose,group_size). Tout ou rien : une seule erreur et rien n'est écrit."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="fichier CSV en UTF-8, avec la ligne d'en-tête")
        parser.add_argument(
            "--dry-run", action="store_true", help="vérifie et compte sans rien écrire"
        )
        parser.add_argument(
            "--territory", help="identifiant du territoire (défaut : ESPACES_TERRITORY)"
        )

    def handle(self, *args, **options):
        slug = options["territory"] or settings.ESPACES_TERRITORY
        territory = Territory.objects.filter(slug=slug).first()
        if territory is None:
            known = ", ".join(Territory.objects.values_list("slug", flat=True)) or "aucun"
            raise CommandError(
                f"Territoire « {slug} » inconnu (chargez son pack). Territoires : {known}."
            )
        try:
            report = import_visits_file(
                options["file"], territory=territory, dry_run=options["dry_run"]
            )
        except VisitImportError as exc:
            lines = [
                f"Le fichier n'a pas été importé ({len(exc.errors)} erreur(s)) ; rien n'a été "
                "enregistré. Corrigez et relancez :"
            ]
            lines += [f"  - {error}" for error in exc.errors]
            raise CommandError("\n".join(lines)) from exc
        except ReceptionError as exc:
            raise CommandError(str(exc)) from exc
        for line in report.lines_out():
            self.stdout.write(line)
