# Two commands: `make run` and `make test`. Each sets up what it needs on a fresh Linux machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8501
ADDRESS ?= 127.0.0.1
DB     ?= data/iid.duckdb
# make run DB=postgresql://…: a shared store, filled beforehand (no comment after a value: make keeps the spaces)
STORE  := $(strip $(filter postgresql://% postgres://%,$(DB)))
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DATA   := $(shell find data/published data/sample data/raw -name '*.csv' 2>/dev/null)

.PHONY: run test lint format bench chromium office postgresql nginx sample clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

# Rebuilt when a CSV or the schema is newer. What users entered is carried over (iid/carryover.py); a rebuild that
# cannot carry it refuses with exit code 3, names the rows, and the app opens the current database meanwhile.
ifeq ($(STORE),)
$(DB): $(DATA) iid/sql/schema.sql iid/sql/views.sql | $(VENV)/.runtime
	@IID_DB=$(DB) $(BIN)/python -m iid build || { [ $$? -eq 3 ] && echo "make: $(DB) kept as it was; resolve the rows above, then run make again."; }
endif

# Served on 127.0.0.1 only: without [auth] in .streamlit/secrets.toml that is one local user with every right. On any
# other address (make run ADDRESS=0.0.0.0) people sign in when [auth] is set, and the app is read-only when it is not.
run: $(VENV)/.runtime $(if $(STORE),,$(DB))
	@$(MAKE) --no-print-directory chromium || echo "Chromium is not installed: chart images and decks cannot be exported."
	IID_DB=$(DB) $(BIN)/python -m iid.serve --server.port $(PORT) --server.address $(ADDRESS) --server.headless true

# Debian's Chromium for the browser tests and for kaleido's chart images (never `playwright install`).
chromium:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium fonts-noto-core >/dev/null; }
	@chromium --version

# Debian's nginx (package `nginx`, Debian 12 and 13) for the tests and benchmark of several app servers behind it
# (iid/cluster.py, deploy/); RUNLEVEL=1: the package starts no system nginx on port 80. Debian puts it in /usr/sbin,
# which a non-root PATH lacks: looked for there too.
NGINX := $(shell command -v nginx 2>/dev/null || ls /usr/sbin/nginx /usr/local/sbin/nginx 2>/dev/null | head -n 1)
nginx:
	@[ -n "$(NGINX)" ] || { $(SUDO) apt-get update -qq && $(SUDO) env RUNLEVEL=1 apt-get install -y -qq --no-install-recommends nginx >/dev/null; }
	@$${IID_NGINX:-$$(command -v nginx || echo /usr/sbin/nginx)} -v

# LibreOffice Impress, to check in a test that the PowerPoint deck converts cleanly; poppler-utils (pdftotext,
# pdffonts) to read the printed profile back.
office:
	@command -v soffice >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq --no-install-recommends libreoffice-impress >/dev/null; }
	@soffice --version
	@command -v pdftotext >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq --no-install-recommends poppler-utils >/dev/null; }

# Debian's PostgreSQL server programs (RUNLEVEL=1: the package starts no system cluster), for the tests and benchmark
# of the shared store (iid/store.py): each run starts
# a throwaway cluster of its own in a temporary folder (iid/pgserver.py); nothing listens once they end.
postgresql:
	@ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) env RUNLEVEL=1 apt-get install -y -qq --no-install-recommends postgresql >/dev/null; }
	@ls /usr/lib/postgresql/*/bin/pg_ctl

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: $(VENV)/.dev chromium office postgresql nginx $(if $(STORE),,$(DB)) lint
	$(BIN)/python -m pytest

# Builds its own databases in a temporary folder; BENCH_ARGS="--quick" for a smoke run, "--big" for 1.000.000 innovations.
bench: $(VENV)/.dev chromium postgresql nginx
	$(BIN)/python bench/run.py $(BENCH_ARGS)

sample: $(VENV)/.runtime
	$(BIN)/python -m iid sample --seed 1

# The database is kept: it holds what users entered (export it, then delete it by hand to start over).
clean:
	rm -rf $(VENV) .pytest_cache $(dir $(DB)).iid-build-*
