# Two commands for a new machine: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SAMVERKAN := $(BIN)/samverkan
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-fast lint messages bench bench-deps system-deps clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Reinstall when the dependencies change; the editable install picks up code changes itself.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

# Debian's Chromium for the browser tests, GNU gettext for the translation checks,
# poppler's pdfinfo, which the PDF tests ask whether a document is tagged, and xmlsec1,
# which checks the signatures of SAML sign-ins.
# Installed only when missing, and only where we may (as root, or with sudo).
system-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v xgettext >/dev/null 2>&1 || missing="$$missing gettext"; \
	command -v pdfinfo >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	command -v xmlsec1 >/dev/null 2>&1 || missing="$$missing xmlsec1"; \
	fc-list 2>/dev/null | grep -qi dejavu || missing="$$missing fonts-dejavu-core"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO="sudo"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

run: $(VENV)/.installed
	DEBUG=$${DEBUG:-1} $(SAMVERKAN) migrate --noinput
	DEBUG=$${DEBUG:-1} $(SAMVERKAN) demo
	@# The worker (background tasks: compilations, the follow-up) runs beside the web server
	@# and stops with it.
	DEBUG=$${DEBUG:-1} $(SAMVERKAN) worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=$${DEBUG:-1} $(SAMVERKAN) runserver $(HOST):$(PORT)

test: $(VENV)/.installed system-deps
	$(BIN)/pytest

test-fast: $(VENV)/.installed
	$(BIN)/pytest -m "not browser"

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

# Refresh the Swedish catalogue after changing user-facing strings, then translate and compile.
messages: $(VENV)/.installed
	cd samverkan && ../$(SAMVERKAN) makemessages -l sv --no-obsolete --no-location
	cd samverkan && ../$(SAMVERKAN) compilemessages -l sv

bench: $(VENV)/.installed bench-deps
	cd bench && ../$(BIN)/python -W ignore bench_organisation.py
	cd bench && ../$(BIN)/python -W ignore bench_planning.py
	cd bench && ../$(BIN)/python -W ignore bench_compilation.py
	cd bench && ../$(BIN)/python -W ignore bench_documents.py
	cd bench && ../$(BIN)/python -W ignore bench_followup.py
	cd bench && ../$(BIN)/python -W ignore bench_portal.py
	cd bench && ../$(BIN)/python -W ignore bench_wordimport.py

# wrk, the load generator for the portal benchmark (Debian's package).
bench-deps:
	@command -v wrk >/dev/null 2>&1 || { \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO="sudo"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq wrk >/dev/null; }

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache
