# Espaces 20 000 emplois — see README.md. Everything runs from .venv (created here).
PYTHON ?= $(shell command -v python3.11 || command -v python3.12 || command -v python3.13 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 3
PACK ?= data/packs/dunkerque
ROME_DIR ?= ../shared/data/rome4_v460
PYTEST_ARGS ?=
# The suite runs in parallel (pytest-xdist, one database per worker; --dist loadgroup keeps the
# tests sharing a module-scoped fixture on one worker: tests/conftest.py); the browser tests run
# at the same time, in a process of their own sharing one server and one browser
# (tests/browser/beside_suite.sh). docs/tests.md.
TEST_WORKERS ?= 2
XDIST = -n $(TEST_WORKERS) --dist loadgroup

.PHONY: install install-prod lock run dev test test-fast lint bench worker clean messages browser-deps

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Locks (docs/deployment.md): requirements.lock = production, requirements-dev.lock = production
# + the tools of the tests (pinned identically), requirements-openfisca.lock = OpenFisca,
# installed with --no-deps (docs/gains.md). All with hashes, written by `make lock`.
# The project itself is installed editable without build isolation: setuptools and wheel come
# from the lock (no download at build time). setuptools prints a notice on every editable
# install (« Editable installation… folders with the same name… »): silenced, nothing to act on.
EDITABLE = PYTHONWARNINGS="ignore:Editable installation" $(BIN)/pip install --quiet --no-deps
$(VENV)/.installed: $(BIN)/activate requirements-dev.lock requirements-openfisca.lock pyproject.toml
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements-openfisca.lock
	$(EDITABLE) --no-build-isolation -e .
	touch $@

install: $(VENV)/.installed messages  ## venv, pinned dependencies (with the test tools), compiled translations

# Production: no test tool in the venv (requirements.lock only); setuptools and wheel are
# installed from PyPI by pip for the build of the project itself (build isolation).
install-prod: $(BIN)/activate  ## venv with the production lock only, compiled translations
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements-openfisca.lock
	$(EDITABLE) -e .
	$(BIN)/python locale/compile_messages.py

# Resolve pyproject.toml's dependencies (production) and its `dev` extra into the locks, with
# hashes for every platform and Python >= 3.11; pins already in the locks are kept unless
# UPGRADE=1 (or UPGRADE="--upgrade-package NAME"). Needs the network (PyPI).
UPGRADE ?=
LOCK_FLAGS = --quiet --universal --python-version 3.11 --generate-hashes --custom-compile-command "make lock" $(if $(filter 1,$(UPGRADE)),--upgrade,$(UPGRADE))
lock: $(VENV)/.installed  ## requirements*.lock from pyproject.toml and requirements-openfisca.in
	$(BIN)/uv pip compile $(LOCK_FLAGS) pyproject.toml -o requirements.lock
	$(BIN)/uv pip compile $(LOCK_FLAGS) pyproject.toml --extra dev -c requirements.lock -o requirements-dev.lock
	$(BIN)/uv pip compile $(LOCK_FLAGS) --no-deps requirements-openfisca.in -o requirements-openfisca.lock

messages: $(VENV)/.installed  ## compile locale/*/LC_MESSAGES/django.po (pure Python, no gettext)
	$(BIN)/python locale/compile_messages.py

# Browser tests (tests/browser): Debian's chromium-headless-shell (Debian's Chromium built as
# the headless shell Playwright drives by default, far cheaper per page than the full browser in
# headless mode; /usr/bin/chromium serves without it), installed with apt-get when missing and
# we are root (never a downloaded browser), and axe-core from package-lock.json into
# node_modules/. Without a Chromium the browser tests skip and say why.
HEADLESS_SHELL ?= /usr/bin/chromium-headless-shell
browser-deps:
	@if [ ! -x "$(HEADLESS_SHELL)" ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Installation de Chromium (apt-get : chromium-headless-shell)…"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-headless-shell >/dev/null) \
	    || echo "chromium-headless-shell non installé : /usr/bin/chromium servira s'il est là, sinon les tests du navigateur seront ignorés."; \
	fi
	@if [ ! -f node_modules/axe-core/axe.min.js ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then \
	  if command -v npm >/dev/null 2>&1; then npm ci --prefix . --no-audit --no-fund --silent; \
	  else echo "npm absent : axe-core non installé, les contrôles axe seront ignorés."; fi; \
	fi

var:
	mkdir -p var

# SECRET_KEY is required when DEBUG is off (docs/configuration.md). A local `make run` draws one
# once into var/secret_key (0600) and gives it to every process it starts, unless SECRET_KEY is
# already in the environment; production sets SECRET_KEY itself (docs/deployment.md).
var/secret_key: | var
	@umask 077 && $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@.tmp && mv $@.tmp $@
WITH_SECRET_KEY = SECRET_KEY="$${SECRET_KEY:-$$(cat var/secret_key)}"

setup-db: install var var/secret_key
	$(WITH_SECRET_KEY) $(BIN)/espaces migrate --noinput -v0
	$(WITH_SECRET_KEY) $(BIN)/espaces bootstrap --pack $(PACK)

run: setup-db  ## migrate, load the Dunkerque pack and demo data if empty, serve with gunicorn + worker
	$(WITH_SECRET_KEY) $(BIN)/espaces collectstatic --noinput -v0
	export $(WITH_SECRET_KEY); \
	$(BIN)/espaces db_worker & WORKER=$$!; \
	$(BIN)/espaces run_scheduler & SCHEDULER=$$!; \
	trap "kill $$WORKER $$SCHEDULER 2>/dev/null" EXIT INT TERM; \
	echo "Espaces : http://$(HOST):$(PORT)/"; \
	$(BIN)/gunicorn config.wsgi:application --bind $(HOST):$(PORT) --workers $(WORKERS) --access-logfile - --access-logformat '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'

dev: setup-db  ## runserver with DEBUG on
	DJANGO_SETTINGS_MODULE=config.settings.dev $(BIN)/espaces runserver $(HOST):$(PORT)

worker: install var/secret_key  ## background tasks (reminders, purges, reports) and their scheduler
	export $(WITH_SECRET_KEY); \
	$(BIN)/espaces run_scheduler & SCHEDULER=$$!; trap "kill $$SCHEDULER 2>/dev/null" EXIT INT TERM; \
	$(BIN)/espaces db_worker

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: install var browser-deps  ## lint, makemigrations --check, the suite beside the browser tests (DATABASE_URL selects the engine)
	@PYTEST="$(BIN)/pytest" XDIST="$(XDIST)" tests/browser/beside_suite.sh \
	  --first "$(BIN)/ruff check ." --first "$(BIN)/ruff format --check ." \
	  --first "$(BIN)/espaces makemigrations --check --dry-run -v1" -- $(PYTEST_ARGS)

test-fast: install var  ## the inner loop: the suite without the browser tests, in parallel, no lint
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/pytest -p no:cacheprovider $(XDIST) --ignore=tests/browser -q $(PYTEST_ARGS)

bench: install bench-tools  ## performance figures → bench/results.md
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python -m bench.run --rome-dir $(ROME_DIR)

clean:
	rm -rf $(VENV) var/staticfiles

# --- security and load (docs/security.md, docs/deployment.md) ---
FUZZ_EXAMPLES ?= 10
SOAK_MINUTES ?= 10
.PHONY: fuzz soak bench-tools

fuzz: install  ## longer fuzzing of the API and the forms, new random inputs each run
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) FUZZ_RANDOM=1 DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/pytest -p no:cacheprovider tests/fuzz

soak: install bench-tools  ## HTTP load under gunicorn + SOAK_MINUTES soak → bench/results-load.md
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python -m bench.load --soak-minutes $(SOAK_MINUTES)

bench-tools:  ## wrk for the load figures when apt-get is usable (else a Python client is used)
	@command -v wrk >/dev/null 2>&1 || (command -v apt-get >/dev/null 2>&1 && apt-get install -y -qq wrk >/dev/null 2>&1) || echo "wrk absent : les mesures de charge utiliseront le client Python."
