# The README's commands. `make site` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: site build validate test check check-unit check-site-real check-site-fixture serve bench fuzz lint chromium clean deps audit render zensical editor

site: $(VENV)/.site-deps editor/node_modules/.installed
	$(BIN)/python -m generator validate
	$(BIN)/python -m generator build

build: site

validate: $(VENV)/.site-deps
	$(BIN)/python -m generator validate

serve: $(VENV)/.site-deps
	$(BIN)/python -m generator serve

# The whole suite (what CI runs): unit, site, browser (Chromium), audit (Lighthouse) and
# bench tests, in one pytest session (each shared site is built once).
test: $(VENV)/.dev-deps $(VENV)/.zensical-deps chromium audit/node_modules/.installed editor/node_modules/.installed
	$(BIN)/python -m pytest

# Before every commit (under a minute on two cores): lint, the unit tests, and the site
# tests in two halves — those reading the real content's sites (mark real_content, given by
# conftest.py) and the rest — side by side; no site is built twice. No browser, no audit,
# no benchmark; fuzzing with fewer examples than `make test` (profile "check"); the test
# that runs ruff and mypy is left to `lint`.
check: $(VENV)/.dev-deps $(VENV)/.zensical-deps editor/node_modules/.installed
	@$(MAKE) --no-print-directory -j4 --output-sync=target lint check-unit check-site-real check-site-fixture

check-unit: $(VENV)/.dev-deps
	HYPOTHESIS_PROFILE=check $(BIN)/python -m pytest -q -p no:cacheprovider tests/unit --ignore=tests/unit/repository/test_code_style.py

check-site-real: $(VENV)/.dev-deps $(VENV)/.zensical-deps editor/node_modules/.installed
	$(BIN)/python -m pytest -q -p no:cacheprovider -m real_content tests/site

check-site-fixture: $(VENV)/.dev-deps editor/node_modules/.installed
	$(BIN)/python -m pytest -q -p no:cacheprovider -m "not real_content" tests/site

deps: $(VENV)/.dev-deps

# The Markdown of every page, without building the site (no site builder needed).
render: $(VENV)/.site-deps
	$(BIN)/python -m generator render

# Zensical, the optional second builder: `python -m generator build --builder zensical`.
zensical: $(VENV)/.zensical-deps

$(VENV)/.zensical-deps: requirements-zensical.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install -q -r requirements-zensical.txt
	touch $@

# The partners' web editor on this machine: http://127.0.0.1:$(PORT)/admin/ (decap-server
# in git mode on a scratch clone, build/editor-repo/; saves become cms/… branches there).
PORT ?= 8000
editor: $(VENV)/.site-deps editor/node_modules/.installed
	$(BIN)/python -m generator --lang bg editor --port $(PORT)

# Decap CMS and decap-server (npm, pinned by editor/package-lock.json).
editor/node_modules/.installed: editor/package.json editor/package-lock.json
	cd editor && npm ci --no-audit --no-fund
	touch $@

# Lighthouse and the Nu HTML Checker (npm packages, pinned in audit/package-lock.json).
audit: $(VENV)/.dev-deps chromium audit/node_modules/.installed
	$(BIN)/python audit/run.py

audit/node_modules/.installed: audit/package.json audit/package-lock.json
	cd audit && npm ci --no-audit --no-fund
	touch $@

# A long fuzzing run (make test runs a bounded one).
fuzz: $(VENV)/.dev-deps
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q tests/unit/validate/test_fuzz.py

bench: $(VENV)/.dev-deps chromium
	$(BIN)/python -m bench.run

lint: $(VENV)/.dev-deps
	$(BIN)/ruff check generator tests bench audit
	$(BIN)/mypy generator

# Debian's Chromium for the browser tests (Playwright drives it; its own browser
# download is blocked here). Installed only when missing.
chromium:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.site-deps: requirements.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev-deps: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install -q -r requirements-dev.txt
	touch $@ $(VENV)/.site-deps

clean:
	rm -rf build site .site-*
