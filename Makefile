# The README's two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run serve-prod test venv messages migrate demo lint format e2e test-postgres serve-worker clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

venv: $(STAMP)

messages: venv
	$(MANAGE) compilemessages_py

migrate: messages
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) seed_demo

# The embedded start serves plain HTTP on this machine: demo mode on, cookies not marked Secure.
RUN_ENV := THIDUA_DEMO=1 SECURE_COOKIES=0 SITE_URL=http://$(HOST):$(PORT)

## Create the environment, migrate, load the demo data and serve on http://$(HOST):$(PORT).
run: demo
	@mkdir -p var/static
	@echo "thidua: http://$(HOST):$(PORT)/"
	@trap 'kill 0' INT TERM EXIT; \
	$(RUN_ENV) $(MANAGE) db_worker --interval 1 >var/worker.log 2>&1 & \
	$(RUN_ENV) $(MANAGE) runserver --noreload $(HOST):$(PORT)

## The production stack on this machine: PostgreSQL (DATABASE_URL, default
## postgres://postgres@127.0.0.1:5432/thidua), Redis when it answers (REDIS_URL, default
## redis://127.0.0.1:6379/0), gunicorn and the task worker on http://$(HOST):$(PORT).
serve-prod: venv
	HOST=$(HOST) PORT=$(PORT) deploy/serve-prod.sh

## Create the environment and run the whole suite (browser tests skip without Chromium).
test: messages
	$(PY) -m pytest -n 2 --dist loadfile

e2e: messages
	$(PY) -m pytest tests/e2e -p no:xdist

lint: venv
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench

format: venv
	$(VENV)/bin/ruff format src tests bench
	$(VENV)/bin/ruff check --fix src tests bench

clean:
	rm -rf $(VENV) var/*.sqlite3 staticfiles
