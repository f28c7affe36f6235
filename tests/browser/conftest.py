"""Browser tests: Debian's Chromium driven by Playwright against the real site (gunicorn on a
temporary SQLite database holding the Dunkerque pack, the demo dataset and the accounts and
sessions of tests/browser/seed.py).

They run in `make test` when /usr/bin/chromium (ESPACES_CHROMIUM) and the playwright package
are there, and skip with the reason otherwise; axe-core comes from node_modules (npm ci)."""

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from .helpers import ARTIFACTS, AXE_JS, CHROMIUM, ROOT, RequestLog, launch

HERE = Path(__file__).resolve().parent


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "browser: runs in a real Chromium (tests/browser; skipped without one)"
    )


def _missing() -> str | None:
    if os.environ.get("ESPACES_BROWSER_TESTS", "1") == "0":
        return "tests du navigateur désactivés (ESPACES_BROWSER_TESTS=0)"
    if not CHROMIUM.exists():
        return f"Chromium absent ({CHROMIUM}) : `make browser-deps` l'installe (apt-get, en root)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "paquet Python playwright absent : `make install`"
    return None


def pytest_collection_modifyitems(config, items):
    reason = _missing()
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


@dataclass
class Site:
    url: str
    data: dict

    def __call__(self, path: str) -> str:
        return self.url + path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, process, timeout: float = 60) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"le serveur s'est arrêté (code {process.returncode})")
        try:
            with urllib.request.urlopen(url + "/sante/", timeout=2):
                return
        except Exception:
            time.sleep(0.3)
    raise RuntimeError(f"le serveur ne répond pas sur {url}")


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def _stop(server) -> None:
    """SIGINT: gunicorn's quick shutdown (SIGTERM also waits for the browser's idle keep-alive
    connections); its workers may still take up to 10 s to exit. The database is thrown away:
    after 2 s, the workers are killed, and the server, which collects them (so that their CPU
    time counts in the run's), ends."""
    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=2)
        return
    except subprocess.TimeoutExpired:
        pass
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == server.pid:  # its parent
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(stat.parent.name), signal.SIGKILL)
    try:
        server.wait(timeout=5)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


@pytest.fixture(scope="session")
def site():
    """The site, served by gunicorn in a subprocess on its own SQLite database."""
    reason = _missing()
    if reason:
        pytest.skip(reason)
    if os.environ.get("ESPACES_BROWSER_URL"):
        # A site already running (while writing tests): its URL and the JSON seed.py printed.
        yield Site(
            url=os.environ["ESPACES_BROWSER_URL"].rstrip("/"),
            data=json.loads(os.environ["ESPACES_BROWSER_DATA"]),
        )
        return
    workdir = Path(tempfile.mkdtemp(prefix="espaces-browser-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.browser.site_settings",
        "DATABASE_URL": f"sqlite:///{workdir / 'site.sqlite3'}",
        "ESPACES_VAR_DIR": str(workdir),
        "ESPACES_TERRITORY": "dunkerque",
        # The other packs of the viewport checks, on host names of their own (seed.py).
        "ESPACES_TERRITORY_HOSTS": "douai-lens-bethune=douai.localhost;exemple=exemple.localhost",
        "PYTHONPATH": str(ROOT),
        # The simulator loads OpenFisca-France on first use only (not in every worker at start).
        "ESPACES_GAINS_WARM_UP": "0",
    }
    seeded = subprocess.run(
        [sys.executable, "-m", "tests.browser.seed"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if seeded.returncode:
        raise RuntimeError(f"préparation de la base impossible :\n{seeded.stderr[-3000:]}")
    data = json.loads(seeded.stdout.strip().splitlines()[-1])
    port = _free_port()
    # The server's log outlives the run (its temporary folder does not): var/browser-site.log.
    (ROOT / "var").mkdir(exist_ok=True)
    log = (ROOT / "var" / "browser-site.log").open("w")
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "4",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its workers with it, for the end
    )
    url = f"http://127.0.0.1:{port}"
    # SIGTERM (beside_suite.sh stopped) ends the run as Ctrl+C does, through this `finally`.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        _wait_for(url, server)
        yield Site(url=url, data=data)
    finally:
        signal.signal(signal.SIGTERM, previous)
        _stop(server)
        log.close()
        shutil.rmtree(workdir, ignore_errors=True)


def _browser_scope(fixture_name, config) -> str:
    """One Chromium for the whole run when it runs only tests/browser (`make test` runs them
    apart); else one per module: Playwright's event loop must not outlive the module, so that
    the rest of the suite keeps Django's synchronous ORM checks."""
    paths = [Path(str(arg).split("::")[0]).resolve() for arg in config.args] or [Path.cwd()]
    only_browser = all(path == HERE or HERE in path.parents for path in paths)
    return "session" if only_browser else "module"


@pytest.fixture(scope=_browser_scope)
def browser():
    """Chromium, launched once per run of tests/browser (see _browser_scope)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser, site):
    """Pages in a fresh browser context (no cookies), French, desktop size by default; each
    records its requests and the console's Content-Security-Policy reports."""
    contexts = []

    def make(**options):
        options.setdefault("locale", "fr-FR")
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(base_url=site.url, **options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.requests = RequestLog(page)
        page.console_errors = []
        page.on(
            "console",
            lambda message: message.type == "error" and page.console_errors.append(message.text),
        )
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def shot(request):
    """Saves a screenshot of a step under test-artifacts/browser/<test>/NN-<step>.png: the
    first screen (a record of the step, cheaper than the whole page; the screenshots people
    review, whole pages on a phone, are test_viewports.py's, under var/screenshots/)."""
    folder = ARTIFACTS / re.sub(r"[^\w.-]+", "_", request.node.name)
    folder.mkdir(parents=True, exist_ok=True)
    counter = iter(range(1, 1000))

    def take(page, step: str):
        page.screenshot(path=str(folder / f"{next(counter):02d}-{step}.png"))

    return take


@pytest.fixture(scope="session")
def axe_available():
    if not AXE_JS.exists():
        pytest.skip(f"axe-core absent ({AXE_JS}) : `npm ci` (fait par `make test`) l'installe")
    return True
