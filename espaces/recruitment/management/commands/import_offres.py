from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from espaces.recruitment.offer_import import FORMATS, OfferImportError, import_offers_file
from espaces.recruitment.services import RecruitmentError
from espaces.territories.models import Partner, Territory


class Command(BaseCommand):
    help = (
        "Importe des offres d'emploi (schema.org JobPosting en JSON-LD, ou le JSON des offres "
        "France Travail). Tout ou rien : une seule erreur et rien n'est écrit. Une offre déjà "
        "importée (même identifiant) est mise à jour."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="fichier JSON en UTF-8")
        parser.add_argument(
            "--format",
            choices=sorted(FORMATS),
            default="",
            help="jsonld ou francetravail (deviné d'après le contenu si absent)",
        )
        parser.add_argument(
            "--employer", default="", help="identifiant de l'employeur de toutes les offres"
        )
        parser.add_argument("--dry-run", action="store_true", help="vérifie sans rien écrire")
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
        employer = None
        if options["employer"]:
            employer = Partner.objects.filter(territory=territory, slug=options["employer"]).first()
            if employer is None:
                raise CommandError(
                    f"Employeur « {options['employer']} » inconnu dans le territoire « {slug} »."
                )
        try:
            report = import_offers_file(
                options["file"],
                territory=territory,
                fmt=options["format"],
                employer=employer,
                dry_run=options["dry_run"],
            )
        except OfferImportError as exc:
            lines = [
                f"Le fichier n'a pas été importé ({len(exc.errors)} erreur(s)) ; rien n'a été "
                "enregistré. Corrigez et relancez :"
            ]
            lines += [f"  - {error}" for error in exc.errors]
            raise CommandError("\n".join(lines)) from exc
        except RecruitmentError as exc:
            raise CommandError(str(exc)) from exc
        for line in report.lines_out():
            self.stdout.write(line)
