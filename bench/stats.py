"""Dashboard server time on a large dataset (bench/run.py calls `run`; also runnable alone:
`python -m bench.stats`, with BENCH_DATABASE_URL for PostgreSQL).

Loads 1 000 000 visits over two years and 100 000 registrations (bulk_create, in batches),
then times the statistics of one year: the bilan itself (every selector, in process) and the
staff dashboard page through Django's test client (middleware, templates; no web server).
Targets: < 1 s on SQLite, < 300 ms on PostgreSQL.

The visits are read through monthly tallies (espaces/stats/tallies.py): the first view after a
bulk load computes them (reported as « premier affichage »), a new visit makes its month be
computed again (reported as « après une nouvelle visite »), the other views read them."""

import datetime as dt
import random
import statistics
import time

VISITS = 1_000_000
REGISTRATIONS = 100_000
BATCH = 5_000
ROUNDS = 5
START = dt.date(2024, 10, 1)
DAYS = 730


def _load_visits(territory, rng) -> float:
    from espaces.common.enums import PublicCategory
    from espaces.reception.enums import AgeBand, Gender, Qpv
    from espaces.reception.models import Visit
    from espaces.territories.models import Commune, Site

    sites = list(Site.objects.filter(territory=territory).values_list("pk", flat=True))
    communes = list(Commune.objects.filter(territory=territory).values_list("pk", flat=True))
    communes.append(None)
    categories = PublicCategory.values
    channels = ["spontane", "orientation-partenaire", "evenement", "bouche-a-oreille", ""]
    purposes = ["information-metiers", "orientation", "atelier", "casque-vr", "aide-cv", ""]
    started = time.perf_counter()
    per_day, extra = divmod(VISITS, DAYS)
    batch = []
    # day after day, so that the date indexes grow at their end (random dates made SQLite
    # rewrite index pages all over the file)
    for offset in range(DAYS):
        day = START + dt.timedelta(days=offset)
        for _ in range(per_day + (1 if offset < extra else 0)):
            batch.append(
                Visit(
                    territory_id=territory.pk,
                    date=day,
                    site_id=rng.choice(sites),
                    public_category=rng.choice(categories),
                    gender=rng.choice(Gender.values),
                    age_band=rng.choice(AgeBand.values),
                    qpv=rng.choice(Qpv.values),
                    commune_id=rng.choice(communes),
                    channel=rng.choice(channels),
                    purpose=rng.choice(purposes),
                    group_size=1 if rng.random() < 0.9 else rng.randint(2, 12),
                )
            )
            if len(batch) == BATCH:
                Visit.objects.bulk_create(batch, batch_size=BATCH)
                batch = []
    Visit.objects.bulk_create(batch, batch_size=BATCH)
    return time.perf_counter() - started


def _load_registrations(territory, rng) -> float:
    from django.utils import timezone

    from espaces.events.enums import AttendanceStatus, RegistrationChannel, RegistrationStatus
    from espaces.events.models import EventType, Registration, Session
    from espaces.territories.models import Site

    started = time.perf_counter()
    sites = list(Site.objects.filter(territory=territory))
    types = list(EventType.objects.filter(territory=territory))
    tz = timezone.get_current_timezone()
    sessions = []
    count = REGISTRATIONS // 12
    for index in range(count):
        day = START + dt.timedelta(days=index * (DAYS - 60) // count)
        begin = dt.datetime.combine(day, dt.time(rng.choice([9, 10, 14])), tzinfo=tz)
        sessions.append(
            Session(
                territory=territory,
                event_type=types[index % len(types)],
                site=rng.choice(sites),
                start=begin,
                end=begin + dt.timedelta(hours=2),
                capacity=14,
            )
        )
    Session.objects.bulk_create(sessions, batch_size=BATCH)
    attendance = [AttendanceStatus.PRESENT] * 7 + [
        AttendanceStatus.ABSENT,
        AttendanceStatus.EXCUSED,
    ]
    batch = []
    for index in range(REGISTRATIONS):
        batch.append(
            Registration(
                territory=territory,
                session_id=sessions[index % len(sessions)].pk,
                status=RegistrationStatus.CONFIRMED,
                attendance=rng.choice(attendance),
                channel=RegistrationChannel.STAFF,
                public_category="demandeur_emploi",
            )
        )
        if len(batch) == BATCH:
            Registration.objects.bulk_create(batch, batch_size=BATCH)
            batch = []
    Registration.objects.bulk_create(batch, batch_size=BATCH)
    return time.perf_counter() - started


def _p50(function) -> tuple[float, float]:
    samples = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples), max(samples)


def run(context) -> list[str]:
    from django.conf import settings
    from django.test import Client

    from espaces.accounts.models import User
    from espaces.stats.bilan import build_bilan
    from espaces.stats.selectors import StatsFilter

    territory = context.territory
    rng = random.Random(20250101)
    visits_s = _load_visits(territory, rng)
    registrations_s = _load_registrations(territory, rng)
    year = StatsFilter(date_from=dt.date(2025, 7, 1), date_to=dt.date(2026, 6, 30))

    started = time.perf_counter()
    build_bilan(territory=territory, filters=year)  # computes the monthly tallies
    cold_ms = (time.perf_counter() - started) * 1000
    bilan_p50, bilan_max = _p50(lambda: build_bilan(territory=territory, filters=year))

    user, _ = User.objects.get_or_create(
        email="bench-stats@example.org",
        defaults={"role": "coordinator", "territory": territory},
    )
    settings.ESPACES_OTP_REQUIRED_ROLES = []
    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    client.force_login(user)
    url = "/equipe/statistiques/?date_from=2025-07-01&date_to=2026-06-30"
    assert client.get(url).status_code == 200
    page_p50, page_max = _p50(lambda: client.get(url))
    from espaces.reception.models import Visit

    site = Visit.objects.filter(territory=territory).values_list("site_id", flat=True).first()

    def after_a_visit():
        Visit.objects.create(
            territory=territory, site_id=site, date=dt.date(2026, 6, 15), public_category="habitant"
        )
        client.get(url)

    fresh_p50, fresh_max = _p50(after_a_visit)

    def first_view():
        # the comparison periods' headlines are cached 10 minutes (espaces/stats/comparison.py):
        # a period opened for the first time computes them (two more bilans)
        from django.core.cache import cache

        cache.clear()
        client.force_login(user)
        client.get(url)

    first_p50, first_max = _p50(first_view)
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    target = 300 if "postgres" in engine else 1000
    verdict = "objectif tenu" if page_p50 < target else "objectif NON tenu"
    return [
        f"- Données : {_n(VISITS)} visites sur deux ans ({visits_s:.1f} s de chargement), "
        f"{_n(REGISTRATIONS)} inscriptions ({registrations_s:.1f} s)",
        f"- Premier bilan après le chargement (calcul des décomptes mensuels des 12 mois) : "
        f"{cold_ms:.0f} ms",
        f"- Bilan d'une année (tous les agrégats, en base) : p50 {bilan_p50:.0f} ms, "
        f"max {bilan_max:.0f} ms sur {ROUNDS} passages",
        f"- Page « Statistiques et bilan » d'une année : p50 {page_p50:.0f} ms, "
        f"max {page_max:.0f} ms sur {ROUNDS} passages — cible {target} ms ({engine}) : {verdict}",
        f"- La même page juste après l'enregistrement d'une visite (son mois, environ "
        f"{_n(VISITS // 24)} visites, est recalculé) : p50 {fresh_p50:.0f} ms, "
        f"max {fresh_max:.0f} ms",
        f"- La même page à sa première ouverture (comparaisons avec la période précédente et "
        f"l'an dernier à calculer, cache vidé) : p50 {first_p50:.0f} ms, max {first_max:.0f} ms",
    ]


def _n(number: int) -> str:
    return f"{number:,}".replace(",", "\u202f")


if __name__ == "__main__":  # pragma: no cover - manual run
    from pathlib import Path

    from bench.run import BenchContext, setup_database

    setup_database()
    from django.conf import settings

    from espaces.territories.models import Territory
    from espaces.territories.packs import load_pack

    load_pack(settings.ESPACES_PACKS_DIR / "dunkerque")
    context = BenchContext(Path("."), Territory.objects.get(slug="dunkerque"))
    print("\n".join(run(context)))
