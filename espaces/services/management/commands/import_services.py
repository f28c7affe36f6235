import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from espaces.services.datainclusion import ImportValidationError, parse_payload
from espaces.services.services import services_import
from espaces.territories.models import Territory

MAX_SHOWN = 200


class Command(BaseCommand):
    help = (
        "Importe des services au format data·inclusion v1 (JSON : une liste de services, ou "
        '{"structures": [...], "services": [...]}). Mise à jour par source et id ; tout ou rien.'
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="fichier JSON")
        parser.add_argument(
            "--territory",
            help=f"identifiant du territoire (par défaut {settings.ESPACES_TERRITORY})",
        )
        parser.add_argument("--dry-run", action="store_true", help="valide sans rien écrire")

    def handle(self, *args, **options):
        slug = options["territory"] or settings.ESPACES_TERRITORY
        territory = Territory.objects.filter(slug=slug).first()
        if territory is None:
            raise CommandError(f"Territoire « {slug} » inconnu : chargez d'abord son pack.")
        path = Path(options["path"])
        try:
            payload = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise CommandError(f"{path} : fichier introuvable.") from exc
        except UnicodeDecodeError as exc:
            raise CommandError(f"{path} : le fichier doit être en UTF-8.") from exc
        except json.JSONDecodeError as exc:
            raise CommandError(
                f"{path}, ligne {exc.lineno}, colonne {exc.colno} : JSON illisible ({exc.msg}). "
                "Rien n'a été importé."
            ) from exc
        try:
            parsed = parse_payload(payload, territory=territory)
        except ImportValidationError as exc:
            lines = [
                f"{path} : {len(exc.problems)} problème(s), rien n'a été importé :",
                *[f"  - {p}" for p in exc.problems[:MAX_SHOWN]],
            ]
            if len(exc.problems) > MAX_SHOWN:
                lines.append(f"  … et {len(exc.problems) - MAX_SHOWN} autre(s).")
            raise CommandError("\n".join(lines)) from exc
        with transaction.atomic():
            report = services_import(territory=territory, parsed=parsed)
            if options["dry_run"]:
                transaction.set_rollback(True)
        prefix = "[essai, rien n'est écrit] " if options["dry_run"] else ""
        self.stdout.write(f"{prefix}Import dans « {territory.slug} » :")
        for line in report.lines() or ["fichier vide."]:
            self.stdout.write(f"  {line}")
        self.stdout.write(f"{prefix}{report.changed} enregistrement(s) créé(s) ou modifié(s).")
