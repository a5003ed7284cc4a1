# Quartier: `make run` starts the demo site, `make test` runs every check and test.
# Both set up everything they need from a fresh clone.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# Test processes for the main run (pytest-xdist; each gets a test database of its own).
PYTEST_WORKERS ?= auto
BROWSER_PYTEST_ARGS ?=
CHROMIUM := /usr/bin/chromium
REDIS_SERVER := /usr/bin/redis-server

.PHONY: run test install lint imports-check migrations-check pytest chromium redis-server browser-test demo clean messages

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Quartier needs Python 3.11 (set PYTHON=python3.11)")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

# Workflow and notification mails link to the address the server below listens on.
run: export WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)
run: install
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo --port $(PORT)
	@$(MANAGE) demo_accounts --port $(PORT)
	$(MANAGE) runserver $(HOST):$(PORT)

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

# The layer contracts in pyproject.toml ([tool.importlinter]); grimp counts imports
# inside functions too.
imports-check: install
	$(VENV)/bin/lint-imports --no-cache

migrations-check: install
	DJANGO_SETTINGS_MODULE=cms.settings.dev $(MANAGE) makemigrations --check --dry-run

pytest: install redis-server
	$(PY) scripts/throwaway_postgres.py -- $(PY) -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# The browser tests drive Debian's chromium; no browser is ever downloaded (never
# `playwright install`). As root it is installed with apt when missing.
chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get install -y chromium || { apt-get update && apt-get install -y chromium; }; \
		else \
			echo "The browser tests need Debian's chromium at $(CHROMIUM):" \
				"run 'sudo apt-get install chromium' and then make test again." >&2; \
			exit 1; \
		fi; \
	fi

# tests/services start Debian's redis-server themselves (no service is left running);
# as root it is installed with apt when missing, like chromium.
redis-server:
	@if [ ! -x $(REDIS_SERVER) ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get install -y redis-server || { apt-get update && apt-get install -y redis-server; }; \
		else \
			echo "The services tests need Debian's redis-server at $(REDIS_SERVER):" \
				"run 'sudo apt-get install redis-server' and then make test again." >&2; \
			exit 1; \
		fi; \
	fi

# A pytest session and test database of their own (see tests/browser/conftest.py).
browser-test: install chromium
	$(PY) scripts/throwaway_postgres.py -- $(PY) -m pytest tests/browser $(BROWSER_PYTEST_ARGS)

test: lint imports-check migrations-check pytest browser-test

# Interface translations: collect the German msgids into locale/<lang>/LC_MESSAGES/django.po
# (translate them there), then compile the .mo files, which are committed.
messages: install
	DJANGO_SETTINGS_MODULE=cms.settings.dev $(MANAGE) makemessages -l en -l tr -l ar -l uk \
		--ignore=".venv/*" --ignore="var/*" --ignore="bench/*" --ignore="tests/*" \
		--no-obsolete --add-location=file
	DJANGO_SETTINGS_MODULE=cms.settings.dev $(MANAGE) compilemessages -l en -l tr -l ar -l uk --ignore=".venv/*"

clean:
	rm -rf $(VENV) var db.sqlite3
