"""Several app servers over one database and one Redis (docs/deployment.md, « Plusieurs
serveurs »): two gunicorn instances on two ports, started on the suite's database (PostgreSQL
when DATABASE_URL says so) and a Redis (CACHE_URL; TEST_REDIS_URL, default
redis://127.0.0.1:6379/15). Skipped when no Redis answers, or when gunicorn is missing.

- an edit made by one process invalidates the cached pages of both servers (content version);
- 40 registrations sent at once, half to each server, for 10 seats: exactly 10 confirmed, the
  rest on the waiting list;
- two schedulers started at the same time enqueue each periodic job once."""

import concurrent.futures
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")

# One xdist worker for the whole module: each test empties the shared Redis database at its
# start and end, which would wipe the cached pages of a test running beside it.
pytestmark = [
    pytest.mark.servers,
    pytest.mark.django_db(transaction=True),
    pytest.mark.xdist_group("two-servers"),
]


def _redis_available() -> bool:
    try:
        import redis
    except ImportError:
        return False
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_timeout=1).ping())
    except redis.RedisError:
        return False


def _database_url() -> str:
    from django.db import connection

    s = connection.settings_dict
    if connection.vendor == "postgresql":
        auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
        return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    return f"sqlite:///{s['NAME']}"


def _env() -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="tests.ops.two_servers_settings",
        PYTHONPATH=str(ROOT),
        DATABASE_URL=_database_url(),
        CACHE_URL=REDIS_URL,
        SECRET_KEY="two-servers-test-secret-key",
        DEBUG="0",
        HTTPS="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        ESPACES_TERRITORY="exemple",
        ESPACES_PAGE_CACHE_SECONDS="600",  # long: only an invalidation can refresh a page
        EMAIL_URL="console://",
        SMS_BACKEND="console",
        LOG_LEVEL="WARNING",
        ESPACES_GAINS_WARM_UP="0",
    )
    return env


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read().decode()


def _post(url: str, body: dict) -> tuple[int, dict]:
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


@pytest.fixture
def shared_cache():
    if not _redis_available():
        pytest.skip(f"pas de Redis sur {REDIS_URL}")
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    yield REDIS_URL
    redis.Redis.from_url(REDIS_URL).flushdb()


@pytest.fixture
def servers(example_territory, shared_cache):
    env = _env()
    processes, urls = [], []
    # in var/, not in the temporary directory that other checkouts' runs clean
    (ROOT / "var").mkdir(exist_ok=True)
    logdir = Path(tempfile.mkdtemp(prefix="two-servers-", dir=ROOT / "var"))
    logs = []
    for n in range(2):
        port = _free_port()
        logs.append(logdir / f"gunicorn-{n}.log")
        processes.append(
            subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind",
                 f"127.0.0.1:{port}", "--workers", "2", "--timeout", "120", "--no-control-socket"],
                cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
        )  # fmt: skip
        urls.append(f"http://127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + 90  # a loaded machine: startup only, not the checks
        for url in urls:
            while True:
                try:
                    _get(f"{url}/sante/")
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        pytest.fail(f"gunicorn ne répond pas : {logs[0].read_text()[-3000:]}")
                    time.sleep(0.2)
        yield urls
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def _in_other_process(code: str) -> None:
    """Runs `code` in a fresh process with the servers' settings: a third server, an admin or a
    back-office write through the ORM."""
    subprocess.run(
        [sys.executable, "-m", "espaces.cli", "shell", "-c", code],
        cwd=ROOT, env=_env(), check=True, capture_output=True, timeout=60,
    )  # fmt: skip


def test_an_edit_invalidates_the_cached_pages_of_both_servers(servers):
    from espaces.catalogue.models import Metier

    metier = Metier.objects.get(territory__slug="exemple", slug="soudeur")
    path = f"/metiers/{metier.slug}/"
    for url in servers:
        assert metier.title in _get(url + path)
    # A write that sends no signal: both servers still answer from the cache.
    Metier.objects.filter(pk=metier.pk).update(title="Soudeur discret")
    for url in servers:
        page = _get(url + path)
        assert "Soudeur discret" not in page and metier.title in page
    # A real edit (ORM save, as the admin and the back office do), from another process.
    _in_other_process(
        "from espaces.catalogue.models import Metier; "
        f"m = Metier.objects.get(pk={metier.pk}); m.title = 'Soudeuse ou soudeur'; m.save()"
    )
    for url in servers:
        assert "Soudeuse ou soudeur" in _get(url + path)


def test_registrations_split_across_both_servers_never_overbook(servers):
    import datetime as dt

    from django.utils import timezone

    from espaces.events.models import EventType, Registration, Session
    from espaces.territories.models import Site

    territory = Site.objects.filter(territory__slug="exemple").first().territory
    start = timezone.now() + dt.timedelta(days=10)
    session = Session.objects.create(
        territory=territory,
        event_type=EventType.objects.filter(territory=territory).first(),
        site=Site.objects.filter(territory=territory).first(),
        start=start,
        end=start + dt.timedelta(hours=2),
        capacity=10,
        waitlist_enabled=True,
    )
    path = f"/api/v1/sessions/{session.pk}/registrations"

    def register(n: int):
        return _post(
            servers[n % 2] + path,
            {
                "first_name": f"Personne{n}",
                "last_name": "Test",
                "email": f"personne{n}@example.org",
                "consent": True,
            },
        )

    with concurrent.futures.ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(register, range(40)))
    assert [code for code, _ in answers] == [201] * 40, answers
    statuses = [body["status"] for _, body in answers]
    assert statuses.count("confirmed") == 10
    assert statuses.count("waitlisted") == 30
    rows = Registration.objects.filter(session=session)
    assert rows.filter(status="confirmed").count() == 10
    assert rows.count() == 40


def test_two_schedulers_enqueue_each_job_once(example_territory, shared_cache):
    from django_tasks_db.models import DBTaskResult

    from espaces.ops.schedule import JOBS

    DBTaskResult.objects.all().delete()
    env = _env()
    schedulers = [
        subprocess.Popen(
            [sys.executable, "-m", "espaces.cli", "run_scheduler", "--once"],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        )
        for _ in range(2)
    ]  # fmt: skip
    outputs = []
    for process in schedulers:
        out, _err = process.communicate(timeout=240)  # a few seconds on a quiet machine
        outputs.append(out.decode()[-3000:])
        assert process.returncode == 0, outputs[-1]
    counts = {job.task: DBTaskResult.objects.filter(task_path=job.task).count() for job in JOBS}
    assert counts == {job.task: 1 for job in JOBS}, outputs
