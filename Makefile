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

.PHONY: install run dev test lint bench worker clean messages

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/activate requirements.lock pyproject.toml
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e . || $(BIN)/pip install --quiet --no-deps -e .
	touch $@

install: $(VENV)/.installed  ## venv and pinned dependencies

var:
	mkdir -p var

setup-db: install var
	$(BIN)/espaces migrate --noinput -v0
	$(BIN)/espaces bootstrap --pack $(PACK)

run: setup-db  ## migrate, load the Dunkerque pack and demo data if empty, serve with gunicorn + worker
	$(BIN)/espaces collectstatic --noinput -v0
	$(BIN)/espaces db_worker & WORKER=$$!; \
	$(BIN)/espaces run_scheduler & SCHEDULER=$$!; \
	trap "kill $$WORKER $$SCHEDULER 2>/dev/null" EXIT INT TERM; \
	echo "Espaces : http://$(HOST):$(PORT)/"; \
	$(BIN)/gunicorn config.wsgi:application --bind $(HOST):$(PORT) --workers $(WORKERS) --access-logfile - --access-logformat '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'

dev: setup-db  ## runserver with DEBUG on
	DJANGO_SETTINGS_MODULE=config.settings.dev $(BIN)/espaces runserver $(HOST):$(PORT)

worker: install  ## background tasks (reminders, purges, reports) and their scheduler
	$(BIN)/espaces run_scheduler & SCHEDULER=$$!; trap "kill $$SCHEDULER 2>/dev/null" EXIT INT TERM; \
	$(BIN)/espaces db_worker

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: install var  ## lint, makemigrations --check, the whole suite (DATABASE_URL selects the engine)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/espaces makemigrations --check --dry-run -v1
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/pytest -p no:cacheprovider $(PYTEST_ARGS)

bench: install  ## performance figures → bench/results.md
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python -m bench.run --rome-dir $(ROME_DIR)

clean:
	rm -rf $(VENV) var/staticfiles
