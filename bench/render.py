"""Render budgets (issue #23): each page rendered in this process by Django's test Client on the
demo data, the page cache off, median of BENCH_RENDER_REQUESTS (≥ 50) requests after 3 of
warm-up, wall-clock AND CPU time (time.process_time: the comparable figure on a shared machine),
next to the trivial view /sante/. Queries per request are counted too.

Run alone: DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python -m bench.run --only render
"""

import os
import statistics
import time

REQUESTS = max(50, int(os.environ.get("BENCH_RENDER_REQUESTS", "60")))

# (group, budget in ms of CPU per request)
BUDGETS = {"triviale": None, "publique": 10.0, "équipe": 15.0, "impact": 20.0}


def _pages(territory) -> list[tuple[str, str, str]]:
    """(group, name, path) of the measured pages."""
    from espaces.catalogue.models import Metier
    from espaces.events.models import Session

    pages = [
        ("triviale", "Vue triviale /sante/", "/sante/"),
        ("publique", "Accueil /", "/"),
        ("publique", "Projets /projets/", "/projets/"),
        ("publique", "Catalogue /metiers/", "/metiers/"),
    ]
    metier = Metier.objects.filter(territory=territory).order_by("slug").first()
    if metier:
        pages.append(("publique", "Fiche métier", f"/metiers/{metier.slug}/"))
    pages += [
        ("publique", "Recherche /metiers/?q=soudeur", "/metiers/?q=soudeur"),
        ("publique", "Agenda /agenda/", "/agenda/"),
        ("publique", "« Lever les freins »", "/lever-les-freins/"),
        ("publique", "Nous trouver", "/nous-trouver/"),
        ("publique", "Qui recrute", "/qui-recrute/"),
        ("publique", "Réseau /reseau/", "/reseau/"),
        ("impact", "Impact /impact/", "/impact/"),
    ]
    session = (
        Session.objects.filter(territory=territory, start__gte=_now()).order_by("start").first()
    )
    if session:
        pages.append(("publique", "Séance (public)", f"/agenda/seances/{session.pk}/"))
    pages += [
        ("équipe", "Bureau des médiateurs", "/equipe/accueil/"),
        ("équipe", "Liste des personnes", "/equipe/accueil/personnes/"),
        ("équipe", "Liste des séances", "/agenda/equipe/"),
    ]
    if session:
        pages.append(("équipe", "Séance (équipe)", f"/agenda/equipe/{session.pk}/"))
    return pages


def _now():
    from django.utils import timezone

    return timezone.now()


def _staff_client(territory):
    from django.test import Client

    from espaces.accounts.models import User
    from espaces.accounts.services import user_create
    from espaces.territories.models import Site

    email = "bench-mediateur@example.org"
    user = User.objects.filter(email=email).first() or user_create(
        email=email,
        role="mediator",
        territory=territory,
        sites=list(Site.objects.filter(territory=territory)),
        check_password=False,
    )
    client = Client()
    client.force_login(user)
    from espaces.reception.views import SITE_SESSION_KEY

    session = client.session
    session[SITE_SESSION_KEY] = Site.objects.filter(territory=territory).order_by("pk").first().pk
    session.save()
    return client


def cold_cpu(client, path: str, requests: int = 20) -> float:
    """Median CPU of the page with the template fragments emptied before each request: the
    first visit after an edit of the content or a registration (the budget is for the steady
    state; this says what the fragments save)."""
    from django.core.cache import caches

    cpus = []
    for _ in range(requests):
        caches["fragments"].clear()
        cpu = time.process_time()
        client.get(path)
        cpus.append((time.process_time() - cpu) * 1000)
    return statistics.median(cpus)


def measure(client, path: str, requests: int = REQUESTS) -> dict:
    from django.db import connection, reset_queries

    for _ in range(3):
        response = client.get(path)
    status = response.status_code
    walls, cpus = [], []
    connection.force_debug_cursor = True
    try:
        reset_queries()
        client.get(path)
        queries = len(connection.queries)
    finally:
        connection.force_debug_cursor = False
    for _ in range(requests):
        wall, cpu = time.perf_counter(), time.process_time()
        client.get(path)
        cpus.append((time.process_time() - cpu) * 1000)
        walls.append((time.perf_counter() - wall) * 1000)
    return {
        "status": status,
        "cold": cold_cpu(client, path),
        "queries": queries,
        "wall": statistics.median(walls),
        "cpu": statistics.median(cpus),
        "cpu_p95": sorted(cpus)[int(0.95 * (len(cpus) - 1))],
    }


def run(context) -> list[str]:
    from django.conf import settings
    from django.test import Client
    from django.test.utils import override_settings

    from bench.load import prepare_data

    territory = context.territory
    notes, _paths = prepare_data(territory)
    public, staff = Client(), _staff_client(territory)
    rows = []
    load_before = os.getloadavg()[0]
    # As deployed: the page cache off (the budgets' condition), prepared reads not checked
    # against the ORM at each call (the test settings check them).
    with override_settings(
        ESPACES_PAGE_CACHE_SECONDS=0,
        ALLOWED_HOSTS=["*"],
        DEBUG=False,
        ESPACES_PREPARED_READS_CHECK=False,
    ):
        assert settings.ESPACES_PAGE_CACHE_SECONDS == 0
        for group, name, path in _pages(territory):
            client = staff if group == "équipe" else public
            rows.append((group, name, path, measure(client, path)))
            print(f"  {name} : {rows[-1][3]['cpu']:.2f} ms CPU", flush=True)
    trivial = rows[0][3]["cpu"] or 0.001
    lines = [
        f"Dans un processus, client de test de Django, cache des pages coupé ; médiane de "
        f"{REQUESTS} requêtes après 3 de chauffe ; temps processeur (CPU, le chiffre comparable "
        "sur une machine partagée) et d'horloge. Budgets CPU : pages publiques ≤ 10 ms, pages "
        "de l'équipe ≤ 15 ms, /impact/ ≤ 20 ms.",
        "",
    ]
    lines += [f"- {n}" for n in notes]
    lines.append(
        f"- Charge de la machine (1 min) : {load_before:.1f} avant, {os.getloadavg()[0]:.1f} "
        f"après, sur {os.cpu_count()} cœurs"
    )
    lines += [
        "",
        "| page | statut | requêtes SQL | CPU médiane (ms) | CPU p95 (ms) | horloge médiane (ms) "
        "| × triviale (CPU) | budget | CPU sans fragments (ms) |",
        "|---|---:|---:|---:|---:|---:|---:|---|---:|",
    ]
    met_all = True
    for group, name, _path, m in rows:
        budget = BUDGETS[group]
        if budget is None:
            verdict = "—"
        else:
            ok = m["cpu"] <= budget and m["status"] == 200
            met_all &= ok
            verdict = f"≤ {budget:.0f} ms : {'tenu' if ok else 'NON tenu'}"
        lines.append(
            f"| {name} | {m['status']} | {m['queries']} | {m['cpu']:.2f} | {m['cpu_p95']:.2f} "
            f"| {m['wall']:.2f} | {m['cpu'] / trivial:.1f} | {verdict} | {m['cold']:.2f} |"
        )
    lines += [
        "",
        f"Tous les budgets tenus : {'oui' if met_all else 'non'}. « Sans fragments » : médiane "
        "de 20 requêtes, le cache des fragments vidé avant chacune (la première visite après une "
        "modification du contenu ou une inscription) ; le budget vaut pour le régime établi.",
    ]
    return lines
