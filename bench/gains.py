"""Timing of the income simulator (bench/run.py calls `run`). Target: a full answer (baseline,
up to three jobs and the six-point salary curve, one vectorised OpenFisca-France simulation)
under 3 s at the 95th percentile on the 2-core machine; the memory the engine adds to a worker
is reported."""

import random
import resource
import statistics
import time

TARGET_SECONDS = 3.0
ANSWERS = 30


def _households(n: int, seed: int = 22):
    from espaces.gains.engine import Household, Person

    rng = random.Random(seed)
    for _ in range(n):
        housing = rng.choice(["locataire", "proprietaire", "heberge"])
        yield (
            Household(
                couple=rng.random() < 0.4,
                children_ages=tuple(rng.randint(0, 17) for _ in range(rng.randint(0, 3))),
                housing=housing,
                rent=rng.choice([380, 450, 520, 610, 700]) if housing == "locataire" else 0,
                commune="59183",
            ),
            Person(age=rng.randint(18, 62), are_daily=rng.choice([0, 0, 0, 35.0])),
            [float(rng.randint(900, 3200)) for _ in range(rng.randint(1, 3))],
        )


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(context) -> list[str]:
    from espaces.gains import engine

    before = _rss_mb()
    started = time.perf_counter()
    engine.tax_benefit_system()
    load_seconds = time.perf_counter() - started
    month = engine.current_month()
    started = time.perf_counter()
    engine.warm_up()
    first_seconds = time.perf_counter() - started
    timings = []
    for household, person, salaries in _households(ANSWERS):
        curve = [round(salaries[0] * share, 2) for share in (0.5, 0.6, 0.7, 0.8, 0.9, 1.0)]
        start = time.perf_counter()
        engine.simulate(month=month, household=household, person=person, salaries=salaries + curve)
        timings.append(time.perf_counter() - start)
    timings.sort()
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
    after = _rss_mb()
    verdict = "atteint" if p95 < TARGET_SECONDS else "NON atteint"
    return [
        f"- Moteur : {engine.engine_info()['name']} {engine.engine_info()['version']}",
        f"- Chargement du système socio-fiscal (une fois par processus) : {load_seconds:.2f} s",
        f"- Première simulation après chargement : {first_seconds:.2f} s",
        f"- Réponse complète ({ANSWERS} foyers tirés au hasard, jusqu'à 3 emplois + courbe de "
        f"6 salaires, une simulation vectorisée) : médiane {statistics.median(timings):.2f} s, "
        f"p95 {p95:.2f} s, max {timings[-1]:.2f} s — objectif p95 < {TARGET_SECONDS:.0f} s "
        f"{verdict}",
        f"- Mémoire du processus : {before:.0f} Mo avant le moteur, {after:.0f} Mo après "
        f"(+{after - before:.0f} Mo par worker)",
    ]
