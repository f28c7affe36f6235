"""Timing of `import_rome` on the full ROME 4.0 referential (bench/run.py calls `run`)."""

import time
from pathlib import Path


def bench_import(rome_dir) -> dict:
    """Import the full referential into the current database; seconds and row counts."""
    from espaces.rome.models import RomeAppellation, RomeFiche
    from espaces.rome.services import rome_import

    start = time.perf_counter()
    report = rome_import(directory=rome_dir)
    seconds = time.perf_counter() - start
    return {
        "seconds": round(seconds, 2),
        "fiches": RomeFiche.objects.count(),
        "appellations": RomeAppellation.objects.count(),
        "changed": report.changed,
    }


def _touch_every_row() -> None:
    """Make every fiche, appellation and link differ, as a new release rewording all would."""
    from espaces.rome.models import (
        CentreInteretLink,
        RomeAppellation,
        RomeFiche,
        RomeFicheSkill,
        RomeMobility,
    )

    RomeFiche.objects.update(label="—", definition="—")
    RomeAppellation.objects.update(label_short="—")
    CentreInteretLink.objects.update(principal=False)
    RomeFicheSkill.objects.update(core="emergente")
    RomeMobility.objects.update(order=99)


def bench_dataset() -> dict:
    """Load the shipped dataset (data/rome/) into the current database."""
    from espaces.rome.services import rome_load_dataset

    start = time.perf_counter()
    report = rome_load_dataset()
    return {"seconds": round(time.perf_counter() - start, 2), "changed": report.changed}


def _clear_referential() -> None:
    from espaces.rome.models import RomeFiche, RomeSkill, RomeWorkContext

    RomeFiche.objects.filter(origin="import").delete()
    RomeSkill.objects.all().delete()
    RomeWorkContext.objects.all().delete()


def run(context) -> list[str]:
    rome_dir = Path(context.rome_dir)
    if not rome_dir.is_dir():
        dataset = bench_dataset()
        return [
            f"Dossier du ROME absent ({rome_dir}) : import des fichiers officiels non mesuré.",
            f"Jeu de données data/rome/ chargé en {dataset['seconds']:.2f} s "
            f"({dataset['changed']} lignes écrites).",
        ]
    first = bench_import(rome_dir)
    again = bench_import(rome_dir)
    _touch_every_row()
    rewritten = bench_import(rome_dir)
    _clear_referential()
    dataset = bench_dataset()
    dataset_again = bench_dataset()
    return [
        f"{first['fiches']} fiches, {first['appellations']} appellations (dossier {rome_dir}).",
        "",
        "| cas | durée | lignes écrites |",
        "|---|---|---|",
        f"| premier import (base avec le pack de Dunkerque) | {first['seconds']:.2f} s "
        f"| {first['changed']} |",
        f"| second import, rien n'a changé | {again['seconds']:.2f} s | {again['changed']} |",
        f"| import après modification de toutes les lignes | {rewritten['seconds']:.2f} s "
        f"| {rewritten['changed']} |",
        f"| jeu de données data/rome/ (load_rome_dataset), fiches importées effacées "
        f"| {dataset['seconds']:.2f} s | {dataset['changed']} |",
        f"| jeu de données, second chargement | {dataset_again['seconds']:.2f} s "
        f"| {dataset_again['changed']} |",
    ]
