"""`espaces demo_data [--seed N] [--reset] [--territory SLUG]`: the fictional demo dataset
(espaces/stats/demo.py) whose January–June 2025 figures are the brief's."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from espaces.stats.demo import DemoDataError, demo_data_create
from espaces.territories.models import Territory


class Command(BaseCommand):
    help = (
        "Crée un jeu de données de démonstration réaliste (visites, événements, inscriptions, "
        "dossiers de suivi, orientations, questionnaires) d'octobre 2024 à aujourd'hui ; ses "
        "chiffres de janvier à juin 2025 sont ceux du dossier (629 visiteurs…)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2025, help="graine du tirage (2025)")
        parser.add_argument(
            "--territory",
            default=None,
            help="identifiant du territoire (par défaut ESPACES_TERRITORY)",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="efface puis recrée les données de démonstration (jamais des données réelles)",
        )

    def handle(self, *args, **options):
        slug = options["territory"] or settings.ESPACES_TERRITORY
        territory = Territory.objects.filter(slug=slug).first()
        if territory is None:
            raise CommandError(
                f"Territoire « {slug} » inconnu : chargez d'abord son pack "
                "(espaces load_pack data/packs/dunkerque)."
            )
        started = time.perf_counter()
        try:
            counts = demo_data_create(
                territory=territory, seed=options["seed"], reset=options["reset"]
            )
        except DemoDataError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Données de démonstration créées pour {territory.name} en "
            f"{time.perf_counter() - started:.1f} s : {counts.get('visits', 0)} saisies de "
            f"visites ({counts.get('visitors', 0)} personnes), "
            f"{counts.get('sessions_past', 0) + counts.get('sessions_upcoming', 0)} séances, "
            f"{counts.get('registrations', 0)} inscriptions, "
            f"{counts.get('beneficiaries', 0)} dossiers de suivi, "
            f"{counts.get('referrals', 0)} orientations, "
            f"{counts.get('orientation_completions', 0)} questionnaires remplis."
        )
        self.stdout.write(
            "De janvier à juin 2025 : 629 visiteurs du public (351 demandeurs d'emploi, "
            "130 stagiaires, 53 salariés), 370 professionnels, 12 interventions scolaires "
            "dans 9 établissements."
        )
