"""Prepares the database of the site the browser tests drive: its tables, the Dunkerque pack,
the demo dataset when its command exists, two staff accounts and two sessions made for the
journeys (an upcoming one with seats, one today with people to check in). Prints a JSON line
with what the tests need.

Run as `python -m tests.browser.seed` with DJANGO_SETTINGS_MODULE=tests.browser.site_settings
and DATABASE_URL pointing at a fresh SQLite file (conftest.py does it)."""

import datetime as dt
import json
import sys
import time
from pathlib import Path

import django

PASSWORD = "Parcours-navigateur-2025"
MEDIATOR = "mediation.navigateur@example.org"
COORDINATOR = "coordination.navigateur@example.org"
PACKS = Path(__file__).resolve().parents[2] / "data" / "packs"
PACK = PACKS / "dunkerque"
# The other packs the viewport checks visit (tests/browser/viewports.py), each on its own host
# name (conftest.py sets ESPACES_TERRITORY_HOSTS; Chromium sends *.localhost to 127.0.0.1).
# Folder → (territory slug, host name).
OTHER_PACKS = {
    "douai-lens-bethune": ("douai-lens-bethune", "douai.localhost"),
    "example": ("exemple", "exemple.localhost"),
}


class _NoMigrations:
    """MIGRATION_MODULES that sends every app to « no migrations » (pytest-django's and Django's
    own way for test databases created without migrations)."""

    def __contains__(self, app_label):
        return True

    def __getitem__(self, app_label):
        return None


def create_tables(call_command, out) -> None:
    """The tables, created from the models (`migrate --run-syncdb` without migration modules):
    about 1 s of CPU instead of 12–20 s for the 98 migrations, whose time goes in rebuilding
    Django's model states. The database is the same: `make test` checks that the models hold no
    change missing from the migrations (makemigrations --check), and the migrations' only data
    steps update rows of tables that are empty here. The migrations themselves run where they
    are tested, in the suite's databases."""
    from django.conf import settings

    settings.MIGRATION_MODULES = _NoMigrations()
    call_command("migrate", "--noinput", run_syncdb=True, verbosity=0, stdout=out)


def main() -> None:
    django.setup()
    from io import StringIO

    from django.core.management import call_command, get_commands
    from django.utils import timezone

    from espaces.accounts.enums import Role
    from espaces.accounts.services import user_create
    from espaces.events.enums import AttendanceStatus, RegistrationChannel
    from espaces.events.models import EventType
    from espaces.events.services import registration_create, session_create
    from espaces.territories.models import Site, Territory

    quiet = StringIO()
    create_tables(call_command, quiet)
    started = time.perf_counter()
    call_command("load_rome_dataset", stdout=quiet)  # the national fiches, as `bootstrap`
    call_command("load_pack", str(PACK), stdout=quiet)
    for folder in OTHER_PACKS:
        call_command("load_pack", str(PACKS / folder), stdout=quiet)
    print(f"packs {time.perf_counter() - started:.1f}s", file=sys.stderr)
    territory = Territory.objects.get(slug="dunkerque")
    if "demo_data" in get_commands():
        call_command("demo_data", "--seed", "7", stdout=quiet)

    site = Site.objects.filter(territory=territory).order_by("opened_on", "name").first()
    user_create(
        email=MEDIATOR,
        role=Role.MEDIATOR,
        territory=territory,
        sites=[site],
        password=PASSWORD,
        first_name="Sam",
        last_name="Médiation",
    )
    user_create(
        email=COORDINATOR,
        role=Role.COORDINATOR,
        territory=territory,
        password=PASSWORD,
        first_name="Alex",
        last_name="Coordination",
    )

    event_type = EventType.objects.filter(territory=territory).order_by("slug").first()
    tz = timezone.get_current_timezone()
    upcoming_day = timezone.localdate() + dt.timedelta(days=9)
    upcoming = session_create(
        territory=territory,
        event_type=event_type,
        site=site,
        start=dt.datetime.combine(upcoming_day, dt.time(14, 0), tzinfo=tz),
        capacity=12,
        waitlist_enabled=True,
    )
    # Today, later than now whatever the time of the run: check-in happens on the day.
    now = timezone.localtime()
    today = session_create(
        territory=territory,
        event_type=event_type,
        site=site,
        start=now + dt.timedelta(minutes=30),
        end=now + dt.timedelta(hours=2),
        capacity=10,
        waitlist_enabled=False,
    )
    people = [
        ("Nora", "Bensaïd", "nora"),
        ("Jules", "Lefebvre", "jules"),
        ("Inès", "Vandamme", "ines"),
    ]
    for first, last, login in people:
        registration_create(
            session=today,
            first_name=first,
            last_name=last,
            email=f"{login}.navigateur@example.org",
            consent=True,
            channel=RegistrationChannel.WEB,
            attendance=AttendanceStatus.REGISTERED,
            send_messages=False,
        )
    from espaces.catalogue.models import Metier
    from espaces.services.models import Service

    metiers = list(
        Metier.objects.filter(territory=territory).order_by("slug").values_list("slug", flat=True)
    )
    service = Service.objects.filter(territory=territory).order_by("slug").first()
    packs = {
        "dunkerque": {"host": "", "metier": metiers[0], "service": service.slug, "site": site.slug}
    }
    for slug, host in OTHER_PACKS.values():
        other = Territory.objects.get(slug=slug)
        first_metier = Metier.objects.filter(territory=other).order_by("slug").first()
        first_service = Service.objects.filter(territory=other).order_by("slug").first()
        first_site = Site.objects.filter(territory=other).order_by("opened_on", "name").first()
        packs[slug] = {
            "site": first_site.slug if first_site else "",
            "host": host,
            "metier": first_metier.slug if first_metier else "",
            "service": first_service.slug if first_service else "",
        }
    print(
        json.dumps(
            {
                "metiers": metiers,
                "service": service.slug,
                "mediator": MEDIATOR,
                "coordinator": COORDINATOR,
                "password": PASSWORD,
                "site": site.slug,
                "upcoming_session": upcoming.pk,
                "today_session": today.pk,
                "packs": packs,
            }
        )
    )


if __name__ == "__main__":
    sys.exit(main())
