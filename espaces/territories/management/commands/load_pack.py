from django.core.management.base import BaseCommand, CommandError

from espaces.territories.packs import PackValidationError, load_pack


class Command(BaseCommand):
    help = "Charge ou met à jour un pack de territoire (tout ou rien)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="dossier du pack, par exemple data/packs/dunkerque")
        parser.add_argument(
            "--dry-run", action="store_true", help="valide et compte sans rien écrire"
        )
        parser.add_argument(
            "--strict-conditions",
            action="store_true",
            default=None,
            help="refuse un métier dont les conditions contredisent ses contextes de travail ROME "
            "sans raison écrite (conditions_reasons) ; sinon c'est un avertissement",
        )

    def handle(self, *args, **options):
        try:
            report = load_pack(
                options["path"],
                dry_run=options["dry_run"],
                strict_conditions=options["strict_conditions"],
            )
        except PackValidationError as exc:
            lines = [
                f"Le pack n'a pas été chargé ({len(exc.errors)} problème(s)) ; rien n'a été modifié :"
            ]
            lines += [f"  - {error}" for error in exc.errors]
            raise CommandError("\n".join(lines)) from exc
        prefix = "[essai, rien n'est écrit] " if report.dry_run else ""
        if report.warnings:
            self.stderr.write(f"{len(report.warnings)} avertissement(s) :")
            for warning in report.warnings:
                self.stderr.write(f"  - {warning}")
        self.stdout.write(f"{prefix}Pack « {report.territory} » :")
        for line in report.lines():
            self.stdout.write(f"  {line}")
        self.stdout.write(f"{prefix}{report.changed} enregistrement(s) créé(s) ou modifié(s).")
