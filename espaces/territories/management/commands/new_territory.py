import re
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from espaces.territories.packs.skeleton import SkeletonError, write_skeleton

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Command(BaseCommand):
    help = (
        "Écrit le squelette commenté du pack d'un nouveau territoire (tous les fichiers, chaque "
        "champ expliqué) ; il se charge dès que name et short_name sont remplis."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="identifiant du territoire : minuscules, chiffres, tirets")
        parser.add_argument(
            "--path", help="dossier à écrire (par défaut data/packs/<identifiant>), nouveau ou vide"
        )

    def handle(self, *args, **options):
        slug = options["slug"]
        if not SLUG.match(slug):
            raise CommandError(
                f"Identifiant « {slug} » invalide : minuscules, chiffres et tirets seulement "
                "(par exemple « douaisis »)."
            )
        packs_dir = Path(settings.ESPACES_PACKS_DIR)
        path = Path(options["path"]) if options["path"] else packs_dir / slug
        try:
            written = write_skeleton(
                slug, path, questionnaire_from=packs_dir / "dunkerque" / "questionnaire.yaml"
            )
        except SkeletonError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Squelette du pack « {slug} » écrit dans {path} ({len(written)} fichiers)."
        )
        self.stdout.write("Étapes suivantes :")
        self.stdout.write(f"  1. remplissez name et short_name dans {path / 'territory.yaml'} ;")
        self.stdout.write(f"  2. vérifiez : espaces load_pack {path} --dry-run ;")
        self.stdout.write(
            "  3. suivez docs/replicate.md pour le reste (sources, métiers, services)."
        )
