# newsroom: the two commands of the quick start are `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PYTEST_ARGS ?=
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/newsroom
# Local development and tests run with DEBUG on; production sets DJANGO_DEBUG=0 and a secret.
DEV_ENV := DJANGO_DEBUG=1

.PHONY: demo test install install-dev lock lock-check browser lint check serve worker clean bench

# Installs come from the lock files (requirements/, pinned and hashed, from PyPI), never from
# pyproject's ranges: every developer, CI and production get the versions CI tested. base.txt is
# what a server runs (with the S3 storage); dev.txt adds the test and lint tools, same pins.
PIP_INSTALL := $(PY) -m pip install --quiet --disable-pip-version-check

$(VENV)/.installed: requirements/base.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) -r requirements/base.txt
	$(PIP_INSTALL) --no-deps -e .
	touch $@

$(VENV)/.dev-installed: requirements/dev.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) -r requirements/dev.txt
	$(PIP_INSTALL) --no-deps -e .
	touch $(VENV)/.installed $@

# `make lock` rewrites the lock files after a change to pyproject's dependencies, keeping every
# pin that still fits (UPGRADE=1 moves everything to the newest releases the ranges allow). One
# resolution for Python 3.11 to 3.13 (markers where they differ); base.txt is held to dev.txt's
# pins, so production runs what CI tested. uv resolves from PyPI and never downloads a Python.
# `make lock-check` (CI) fails when the lock no longer matches pyproject.toml.
UV_COMPILE = UV_PYTHON_DOWNLOADS=never $(VENV)/bin/uv pip compile --quiet --universal \
	--python-version 3.11 --generate-hashes --custom-compile-command "make lock" \
	$(if $(filter 1,$(UPGRADE)),--upgrade) pyproject.toml --extra s3
LOCK_DIR ?= requirements

lock: $(VENV)/.dev-installed
	$(UV_COMPILE) --extra dev -o $(LOCK_DIR)/dev.txt
	$(UV_COMPILE) -c $(LOCK_DIR)/dev.txt -o $(LOCK_DIR)/base.txt

# Compiles again into a scratch copy (the current pins are kept where they fit) and compares
# the pinned versions; hashes are left out, as a release may gain wheels after it is locked.
lock-check: $(VENV)/.dev-installed
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	cp requirements/base.txt requirements/dev.txt "$$tmp/" && \
	$(MAKE) --no-print-directory lock LOCK_DIR="$$tmp" UPGRADE= && \
	for f in base dev; do \
	  sed -n 's/ \\$$//; /^[A-Za-z0-9]/p' requirements/$$f.txt >"$$tmp/$$f.pins.locked"; \
	  sed -n 's/ \\$$//; /^[A-Za-z0-9]/p' "$$tmp/$$f.txt" >"$$tmp/$$f.pins.now"; \
	  diff -u "$$tmp/$$f.pins.locked" "$$tmp/$$f.pins.now" || { \
	    echo "requirements/$$f.txt does not match pyproject.toml: run 'make lock'."; exit 1; }; \
	done; echo "requirements/ matches pyproject.toml"

install: $(VENV)/.installed
install-dev: $(VENV)/.dev-installed

demo: $(VENV)/.installed
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	NEWSROOM_BASE_URL=http://127.0.0.1:$(PORT) $(DEV_ENV) $(PY) manage.py load_demo
	@echo "Serving on http://127.0.0.1:$(PORT)/  (admin: http://127.0.0.1:$(PORT)/admin/)"
	NEWSROOM_BASE_URL=http://127.0.0.1:$(PORT) $(DEV_ENV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

# Browser tests drive Debian's Chromium; install it when missing (CI runs as root). Their
# accessibility checks inject axe-core, pinned in package.json, from the npm registry.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@test -f node_modules/axe-core/axe.min.js || { \
	  echo "Installing axe-core for the accessibility tests"; \
	  npm ci --no-audit --no-fund --loglevel=error; }

test: $(VENV)/.dev-installed browser
	@echo "== Test suite on SQLite =="
	$(DEV_ENV) $(PY) -m pytest $(PYTEST_ARGS)
	@if $(PY) -m tests.postgres_available "$(TEST_DATABASE_URL)"; then \
	  echo "== Test suite on PostgreSQL =="; \
	  $(DEV_ENV) DATABASE_URL="$(TEST_DATABASE_URL)" $(PY) -m pytest $(PYTEST_ARGS); \
	elif [ "$(REQUIRE_POSTGRES)" = "1" ]; then \
	  echo "== PostgreSQL suite: FAILED: REQUIRE_POSTGRES=1 but no server answers =="; exit 1; \
	else \
	  echo "== PostgreSQL suite: SKIPPED (no server reachable; set TEST_DATABASE_URL) =="; \
	fi

lint: $(VENV)/.dev-installed
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

check: $(VENV)/.dev-installed
	$(DEV_ENV) $(PY) manage.py check
	$(DEV_ENV) $(PY) manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm staticfiles .pytest_cache

# Production serving: whitenoise's static files and gunicorn (gunicorn.conf.py), configured by
# the environment only: DJANGO_DEBUG=0, DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL,
# REDIS_URL, PORT (and WEB_CONCURRENCY, GUNICORN_THREADS). Migrations are a deploy step.
# The webhooks are sent by a worker that runs next to gunicorn, as a second long-running
# process with the same environment: `make worker` (docs/webhooks.md). Without it the
# deliveries wait in the database; the site and the editors' saves work the same.
serve: $(VENV)/.installed
	DJANGO_DEBUG=$${DJANGO_DEBUG:-0} $(PY) manage.py collectstatic --noinput -v0
	@DJANGO_DEBUG=$${DJANGO_DEBUG:-0} $(PY) manage.py migrate --check >/dev/null || { \
	  echo "The database has unapplied migrations: run '$(PY) manage.py migrate' first."; exit 1; }
	PORT=$(PORT) $(VENV)/bin/gunicorn -c gunicorn.conf.py newsroom.wsgi

# The background worker (django-tasks' database backend): sends the webhook deliveries, and
# any other task queued, polling the database every second. Run one or more next to
# gunicorn (a second container or systemd unit); each finishes its task on SIGTERM.
worker: $(VENV)/.installed
	DJANGO_DEBUG=$${DJANGO_DEBUG:-0} $(PY) manage.py db_worker --queue-name '*' --no-reload

# The benchmark suite (docs/performance.md): 100,000 stories on SQLite by default,
# SCALE=large for 1,000,000 stories and 100,000 actors on PostgreSQL (newsroom_bench).
# BENCH_STORIES=... overrides the size for a quicker run; ONLY=search,export,... runs those
# steps alone. Needs Debian's wrk (installed here).
SCALE ?= default
ONLY ?=
bench: $(VENV)/.dev-installed
	@command -v wrk >/dev/null 2>&1 || { echo "Installing Debian's wrk for the HTTP benchmark"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
	$(PY) -m bench.run --scale $(SCALE) $(if $(ONLY),--only $(ONLY))

# Backup and restore of the PostgreSQL database named by DATABASE_URL (docs/operations.md).
# `make backup` writes a pg_dump custom-format archive (BACKUP=path, default under backups/);
# `make restore BACKUP=path` loads one into an empty database, and refuses a database that
# already holds tables unless FORCE=1 (which drops what the archive holds first).
BACKUP_DIR ?= backups
.PHONY: backup restore
backup:
	@case "$$DATABASE_URL" in postgres://*|postgresql://*) ;; \
	  *) echo "make backup: set DATABASE_URL to the PostgreSQL database to back up."; exit 2;; esac
	@file="$${BACKUP:-$(BACKUP_DIR)/newsroom-$$(date -u +%Y%m%dT%H%M%SZ).dump}"; \
	mkdir -p "$$(dirname "$$file")" && \
	pg_dump --format=custom --no-owner --no-privileges --dbname="$$DATABASE_URL" \
	  --file="$$file.partial" && mv "$$file.partial" "$$file" && \
	echo "Backup written to $$file ($$(du -h "$$file" | cut -f1))"

restore:
	@case "$$DATABASE_URL" in postgres://*|postgresql://*) ;; \
	  *) echo "make restore: set DATABASE_URL to the PostgreSQL database to restore into."; exit 2;; esac
	@test -n "$(BACKUP)" && test -f "$(BACKUP)" || { \
	  echo "make restore: BACKUP=path/to/file.dump (an archive written by make backup)."; exit 2; }
	@tables=$$(psql "$$DATABASE_URL" -XtAc "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") || exit 1; \
	if [ "$$tables" != "0" ] && [ "$(FORCE)" != "1" ]; then \
	  echo "make restore: the database already holds $$tables tables; refusing to restore over it."; \
	  echo "Restore into a new, empty database (createdb), or add FORCE=1 to replace its contents."; \
	  exit 1; fi; \
	clean=$$([ "$$tables" != "0" ] && echo "--clean --if-exists"); \
	pg_restore --no-owner --no-privileges --exit-on-error --single-transaction $$clean \
	  --dbname="$$DATABASE_URL" "$(BACKUP)" && \
	echo "Restored $(BACKUP); run 'manage.py migrate' if this code is newer than the backup," && \
	echo "then 'manage.py clear_page_cache' so that no page cached before the restore is served."
