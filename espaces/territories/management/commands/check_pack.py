"""`espaces check_pack [SLUG or PATH]`: the facts to re-read and the source problems.

With a folder, the pack is validated and loaded in a transaction that is rolled back (nothing is
written); with a territory slug (or nothing: ESPACES_TERRITORY), the database is read. Stale
facts and warnings never fail the command; errors (a pack that does not load, a refused source
host, an unknown territory) exit with a non-zero code.
"""

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from espaces.territories.freshness import freshness_limit, source_problems, stale_facts
from espaces.territories.models import Territory
from espaces.territories.packs import PackValidationError, load_pack


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Liste les faits à relire (vérifiés il y a trop longtemps ou jamais) par responsable, "
        "et les problèmes des sources, d'un pack (dossier) ou d'un territoire (identifiant)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "target",
            nargs="?",
            help="dossier d'un pack (data/packs/dunkerque) ou identifiant d'un territoire "
            "(par défaut ESPACES_TERRITORY)",
        )
        parser.add_argument(
            "--date",
            help="date du jour à utiliser, AAAA-MM-JJ (par défaut aujourd'hui)",
        )

    def handle(self, *args, **options):
        today = self._today(options.get("date"))
        target = options.get("target") or getattr(settings, "ESPACES_TERRITORY", "")
        if not target:
            raise CommandError("Indiquez le dossier d'un pack ou l'identifiant d'un territoire.")
        path = Path(target)
        if path.is_dir():
            errors = self._check_path(path, today)
        else:
            territory = Territory.objects.filter(slug=target).first()
            if territory is None:
                raise CommandError(
                    f"« {target} » n'est ni un dossier de pack ni un territoire connu. "
                    "Territoires : "
                    + (", ".join(Territory.objects.values_list("slug", flat=True)) or "aucun")
                )
            errors = self._report(territory, today, hosts=True)
        if errors:
            raise CommandError(f"{errors} erreur(s) à corriger.")

    def _today(self, value) -> dt.date:
        if not value:
            return timezone.localdate()
        try:
            return dt.date.fromisoformat(value)
        except ValueError as exc:
            raise CommandError(f"date « {value} » invalide : AAAA-MM-JJ attendu") from exc

    def _check_path(self, path: Path, today: dt.date) -> int:
        try:
            with transaction.atomic():
                report = load_pack(path)
                self.stdout.write(f"Pack {path} : valide.")
                for warning in report.warnings:
                    self.stdout.write(f"  Attention : {warning}")
                territory = Territory.objects.get(slug=report.territory)
                errors = self._report(territory, today, hosts=False)
                raise _Rollback
        except _Rollback:
            return errors
        except PackValidationError as exc:
            self.stdout.write(f"Pack {path} : {len(exc.errors)} erreur(s) ; il ne se charge pas.")
            for error in exc.errors:
                self.stdout.write(f"  Erreur : {error}")
            for warning in exc.warnings:
                self.stdout.write(f"  Attention : {warning}")
            return len(exc.errors)

    def _report(self, territory: Territory, today: dt.date, *, hosts: bool) -> int:
        limit = freshness_limit(territory=territory, today=today)
        groups = stale_facts(territory=territory, today=today)
        count = sum(len(g.facts) for g in groups)
        self.stdout.write(
            f"Faits à relire de « {territory.slug} » : {count} (jamais vérifiés ou vérifiés "
            f"avant le {limit.isoformat()}, âge maximal {territory.facts_max_age_months} mois)."
        )
        for group in groups:
            self.stdout.write(f"  {group.owner} ({len(group.facts)}) :")
            for fact in group.facts:
                when = fact.verified_on.isoformat() if fact.verified_on else "jamais vérifié"
                self.stdout.write(f"    - [{fact.kind}] {fact.label} — {when}")
        problems = source_problems(territory=territory, hosts=hosts)
        self.stdout.write(f"Problèmes des sources : {len(problems)}.")
        for problem in problems:
            label = "Erreur" if problem.is_error else "Attention"
            self.stdout.write(f"  {label} : source « {problem.slug} » : {problem.message}")
        return sum(1 for p in problems if p.is_error)
