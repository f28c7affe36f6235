"""`espaces report --from DATE --to DATE [--site SLUG] --format {pdf,xlsx,csv,json}
--output FILE`: the impact report (bilan) of the period."""

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from espaces.stats.bilan import add_summary, build_bilan
from espaces.stats.exports import FORMATS, render
from espaces.stats.selectors import StatsFilter
from espaces.territories.models import Site, Territory


def _date(value: str, name: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(
            f"{name} : date attendue au format AAAA-MM-JJ (reçu « {value} »)."
        ) from exc


class Command(BaseCommand):
    help = "Écrit le bilan de la période (chiffres, graphiques, indicateurs FSE+, budget)."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="date_from", required=True, help="AAAA-MM-JJ")
        parser.add_argument("--to", dest="date_to", required=True, help="AAAA-MM-JJ, inclus")
        parser.add_argument("--site", default="", help="identifiant d'un espace")
        parser.add_argument("--format", dest="fmt", required=True, choices=FORMATS)
        parser.add_argument("--output", required=True, help="fichier à écrire")
        parser.add_argument(
            "--territory", default=None, help="identifiant du territoire (ESPACES_TERRITORY)"
        )

    def handle(self, *args, **options):
        date_from = _date(options["date_from"], "--from")
        date_to = _date(options["date_to"], "--to")
        if date_to < date_from:
            raise CommandError("--to doit suivre --from.")
        slug = options["territory"] or settings.ESPACES_TERRITORY
        territory = Territory.objects.filter(slug=slug).first()
        if territory is None:
            raise CommandError(f"Territoire « {slug} » inconnu : chargez d'abord son pack.")
        site = None
        if options["site"]:
            site = Site.objects.filter(territory=territory, slug=options["site"]).first()
            if site is None:
                known = ", ".join(
                    Site.objects.filter(territory=territory)
                    .order_by("slug")
                    .values_list("slug", flat=True)
                )
                raise CommandError(f"Espace « {options['site']} » inconnu. Espaces : {known}.")
        bilan = build_bilan(
            territory=territory,
            filters=StatsFilter(date_from=date_from, date_to=date_to, site=site),
        )
        add_summary(bilan, exact=True)  # the summary page: comparisons, targets, commentary
        content = render(bilan, options["fmt"])
        output = Path(options["output"])
        try:
            output.parent.mkdir(parents=True, exist_ok=True)
            output.write_bytes(content)
        except OSError as exc:
            raise CommandError(f"Impossible d'écrire {output} : {exc.strerror}.") from exc
        checks = "tous respectés" if bilan.indicators.all_passed else "CERTAINS NON RESPECTÉS"
        self.stdout.write(
            f"Bilan {options['fmt'].upper()} écrit dans {output} ({len(content)} octets) : "
            f"{bilan.visits['visitors']} visiteurs, {bilan.indicators.participants} participants "
            f"FSE+, contrôles des indicateurs {checks}."
        )
