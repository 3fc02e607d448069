# Two commands for a newcomer: `make run` and `make test`. `make help` lists the rest.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
UV_VERSION := 0.13.9
INSTALLED := $(VENV)/.installed
PROD_CHECK_ENV := DJANGO_SETTINGS_MODULE=cms.settings.production SECRET_KEY=check-deploy-placeholder-$$(printf '%050d' 0) ALLOWED_HOSTS=example.org REDIS_URL=redis://127.0.0.1:6379/0

.DEFAULT_GOAL := help
.PHONY: help setup run test lint checks pytest browser-deps lock css clean screening-report screening-train bench messages screenshots

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-17s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(INSTALLED): requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"
	$(BIN)/uv pip sync --quiet --python $(BIN)/python --require-hashes requirements.lock
	touch $@

setup: $(INSTALLED) ## Create .venv and install the locked dependencies
	$(MANAGE) migrate --no-input

run: setup ## Set everything up, load demo content and serve http://127.0.0.1:8000
	$(MANAGE) seed_demo
	$(MANAGE) demo_login
	$(MANAGE) runserver 127.0.0.1:8000

lint: $(INSTALLED) ## ruff format --check and ruff check
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

checks: $(INSTALLED) ## Django's system checks, migrations, and check --deploy on production settings
	DJANGO_SETTINGS_MODULE=cms.settings.test $(BIN)/python manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=cms.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	$(PROD_CHECK_ENV) $(BIN)/python manage.py check --deploy --fail-level WARNING

browser-deps: ## Install Debian's Chromium for the browser tests when it is missing
	scripts/ensure-chromium

pytest: $(INSTALLED) browser-deps ## The pytest suite (PYTEST_ARGS="-k name" to narrow it)
	$(BIN)/pytest $(PYTEST_ARGS)

test: lint checks pytest ## Everything CI runs: lint, checks and the whole suite

screenshots: $(INSTALLED) browser-deps ## PNGs of every page and admin screen at 360/1280/1920 px: var/screenshots/index.html
	$(BIN)/python scripts/screenshots.py $(SCREENSHOTS_ARGS)

bench: $(INSTALLED) ## Feed, 304 poll and wall under gunicorn + wrk vs a bare view, 10k and 100k messages (needs Redis)
	scripts/ensure-wrk
	$(BIN)/python bench/feed.py

screening-report: $(INSTALLED) ## Screening on the development and held-out corpus: recall, false positives, timing
	$(BIN)/python bench/screening_report.py

screening-train: $(INSTALLED) ## Retrain screening's learned layer on the development corpus and cross-validate it (about 3 minutes)
	$(BIN)/python scripts/train_screening.py

messages: $(INSTALLED) ## Refresh the Welsh catalogue from the code and compile it (needs GNU gettext)
	$(MANAGE) makemessages -l cy -e html,txt,py,js -i ".venv/*" -i "frontend/*" -i "var/*" -i "bench/*" -i "tests/*" -i "static/*"
	$(MANAGE) compilemessages -l cy --ignore=.venv --ignore=frontend

lock: ## Re-resolve requirements.lock from pyproject.toml
	$(BIN)/uv pip compile pyproject.toml --group dev --generate-hashes --python-version 3.11 --quiet -o requirements.lock

css: ## Rebuild static/css/site.css from frontend/ (needs Node and npm)
	cd frontend && npm ci --no-audit --no-fund && npm run build

clean: ## Remove the virtualenv and local data (database, media)
	rm -rf $(VENV) var
