# Lovende. The quick start is two commands: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# REL-03: the PostgreSQL server `lintmigrations` generates its SQL with
LINT_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/postgres
VENDOR := lovende/static/vendor

.PHONY: demo test test-fast lint format setup assets messages bench clean

demo: setup  ## set up and serve the demo municipality on http://127.0.0.1:8000
	LOVENDE_MODE=demo $(VENV)/bin/lovende demo

test: setup  ## set up and run the whole suite, browser tests included
	$(PY) -m pytest

test-fast: setup  ## the inner loop: everything but the browser tests
	$(PY) -m pytest -m "not e2e"

bench: setup  ## municipality scale: course page, writes, dashboards, status board (2,000 initiatives), SPC on 10,000 points — p50/p95 (SQLite; PostgreSQL if DATABASE_URL is set)
	$(PY) -m bench.run
	# LOAD-01: locust against gunicorn (2 workers) on the demo; LOVENDE_LOAD_SECONDS (default 60)
	$(PY) -m bench.load

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	LOVENDE_MODE=test $(PY) manage.py check
	LOVENDE_MODE=test $(PY) manage.py makemigrations --check --dry-run
	# REL-03: backward-incompatible migrations fail, judged on PostgreSQL's SQL (needs a server)
	LOVENDE_MODE=test DATABASE_URL=$(LINT_DATABASE_URL) $(PY) manage.py lintmigrations --quiet ok ignore

format: setup
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

messages: setup  ## refresh the English catalogue after changing Danish source strings
	cd lovende && LOVENDE_MODE=test ../$(PY) ../manage.py makemessages -l en --no-obsolete --ignore 'static/*'
	cd lovende && LOVENDE_MODE=test ../$(PY) ../manage.py compilemessages -l en

setup: $(VENV)/.installed $(VENDOR)/.copied

$(VENV)/.installed: pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json
	npm install --no-audit --no-fund --loglevel=error
	touch $@

$(VENDOR)/.copied: node_modules/.installed
	rm -rf $(VENDOR) && mkdir -p $(VENDOR)/dkfds
	cp -r node_modules/dkfds/dist/css node_modules/dkfds/dist/fonts node_modules/dkfds/dist/img node_modules/dkfds/dist/js $(VENDOR)/dkfds/
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/
	cp node_modules/vega/build/vega.min.js node_modules/vega-lite/build/vega-lite.min.js node_modules/vega-embed/build/vega-embed.min.js $(VENDOR)/
	touch $@

clean:
	rm -rf $(VENV) node_modules $(VENDOR) staticfiles lovende.sqlite3*
