# The two commands of the README: `make run` and `make test`. Everything else is a helper.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-dev

.PHONY: run test lint format install worker beat services backup bench messages clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

# The demo switches two-factor login off explicitly (and every staff page says so); set
# KERNPORTAL_REQUIRE_2FA=true to try enrolment with an authenticator app.
run: export KERNPORTAL_REQUIRE_2FA ?= false
run: $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo "Two-factor login: KERNPORTAL_REQUIRE_2FA=$(KERNPORTAL_REQUIRE_2FA) (demo only; production requires it)."
	$(PY) manage.py runserver 127.0.0.1:8000

test: $(STAMP)
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# PostgreSQL + Redis + gunicorn + Celery worker + beat, as in the README (needs DATABASE_URL and
# CELERY_BROKER_URL). The Procfile's `release` runs first and alone: honcho stops every process
# as soon as one of them exits.
PORT ?= 8000
services: $(STAMP)
	$(VENV)/bin/honcho start release
	$(VENV)/bin/honcho start --port $(PORT) web worker beat

# Dump the database and uploaded files, then prove the dump restores (README: "Backup").
backup: $(STAMP)
	$(PY) manage.py backup --output backups

# The benchmark: PostgreSQL (BENCH_DATABASE_URL) with the large scale profile, served by gunicorn;
# writes bench/results/. Takes about ten minutes, plus two to generate the data the first time.
bench: $(STAMP)
	$(PY) bench/run.py

# Refresh the English catalog from the marked texts and compile it (needs GNU gettext). Fill in
# every new empty msgstr in locale/en/LC_MESSAGES/django.po, then run it again to compile.
messages: $(STAMP)
	$(PY) manage.py makemessages -l en --no-obsolete -i '.venv/*' -i 'staticfiles/*' -i 'media/*' -i 'bench/results/*' -i 'test-artifacts/*'
	$(PY) manage.py compilemessages -l en -i '.venv' -i 'staticfiles'

clean:
	rm -rf $(VENV) staticfiles
