# The two commands of the README are `make run` and `make test`; the rest are their steps.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
LANGS := es pt el ar fr
export FLASK_APP := cop

.PHONY: run test test-postgres venv catalogs translations-update lint format e2e-system

$(VENV)/.installed: requirements/dev.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q --require-hashes -r requirements/dev.txt
	touch $@

venv: $(VENV)/.installed

catalogs: venv  ## compile the .po files the app reads
	$(VENV)/bin/pybabel -q compile -d translations

run: venv catalogs  ## install, migrate, load the demo, serve on http://127.0.0.1:5000
	@bash scripts/run.sh

test: venv catalogs  ## the whole suite on SQLite, its database tests on PostgreSQL when DATABASE_URL is set
	@bash scripts/test.sh

test-postgres: venv catalogs  ## the whole suite, browser journeys included, on the PostgreSQL of DATABASE_URL
	@case "$$DATABASE_URL" in postgresql*) ;; *) echo "DATABASE_URL must name a PostgreSQL database" >&2; exit 2;; esac
	$(VENV)/bin/python -m pytest -n 2 --dist loadfile

translations-update: venv  ## after changing strings: extract, merge into every catalog
	$(VENV)/bin/pybabel -q extract -F babel.cfg -k _l -k lazy_gettext --no-location --no-wrap \
	  --sort-output --project=cop --msgid-bugs-address=dev@example.org \
	  -o translations/messages.pot .
	$(VENV)/bin/pybabel -q update -N --ignore-obsolete --no-wrap -i translations/messages.pot -d translations

lint: venv
	$(VENV)/bin/ruff check cop tests migrations scripts
	$(VENV)/bin/ruff format --check cop tests scripts

format: venv
	$(VENV)/bin/ruff format cop tests scripts
	$(VENV)/bin/ruff check --fix cop tests scripts
