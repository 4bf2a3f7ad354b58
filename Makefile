# The README's commands. `make site` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: site build validate test test-lane-1 test-lane-2 slow check check-unit check-site-real check-site-fixture serve bench fuzz lint chromium clean deps audit render zensical editor

site: $(VENV)/.site-deps editor/node_modules/.installed
	$(BIN)/python -m generator validate
	$(BIN)/python -m generator build

build: site

validate: $(VENV)/.site-deps
	$(BIN)/python -m generator validate

serve: $(VENV)/.site-deps
	$(BIN)/python -m generator serve

# Every test but the slow ones (CI runs `make test`, then `make slow`): lint, then two lanes
# side by side on two cores, each its own pytest session (a shared site is built once per
# lane that needs it), of about equal length. Lane 1: unit and site tests, and the browser
# tests that use Zensical's site (built for the site tests) or take longest (accessibility);
# lane 2: the other browser tests, and the site tests that build sites of their own. Fuzzing
# with few examples, as in `make check`; `make slow` runs more.
LANE_1_BROWSER := tests/browser/test_accessibility.py tests/browser/test_zensical.py
LANE_2_SITE := tests/site/test_extending.py tests/site/test_serve.py
PYTEST_LANE := HYPOTHESIS_PROFILE=check $(BIN)/python -m pytest -q -p no:cacheprovider

test: $(VENV)/.dev-deps $(VENV)/.zensical-deps chromium editor/node_modules/.installed
	@$(MAKE) --no-print-directory -j3 --output-sync=target lint test-lane-1 test-lane-2

test-lane-1: $(VENV)/.dev-deps $(VENV)/.zensical-deps chromium editor/node_modules/.installed
	$(PYTEST_LANE) tests/unit tests/site $(LANE_1_BROWSER) --ignore=tests/unit/repository/test_code_style.py \
	  $(foreach file,$(LANE_2_SITE),--ignore=$(file))

test-lane-2: $(VENV)/.dev-deps $(VENV)/.zensical-deps chromium editor/node_modules/.installed
	$(PYTEST_LANE) tests/browser $(LANE_2_SITE) $(foreach file,$(LANE_1_BROWSER),--ignore=$(file))

# What `make test` leaves out, minutes each: Lighthouse and the Nu HTML Checker over a built
# site, the benchmark's quick mode, fuzzing with more examples (profile "ci"), and the browser
# tests again in the full Chromium (make test uses its headless shell: tests/chromium.py).
slow: $(VENV)/.dev-deps $(VENV)/.zensical-deps chromium audit/node_modules/.installed editor/node_modules/.installed
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/slow tests/unit/validate/test_fuzz.py
	KB_CHROMIUM=/usr/bin/chromium $(BIN)/python -m pytest -q -p no:cacheprovider tests/browser

# Before every commit (under a minute on two cores): lint, the unit tests, and the site
# tests in two halves — those reading the real content's sites (mark real_content, given by
# conftest.py) and the rest — side by side; no site is built twice. Left to `make test`:
# the browser, the site tests that build whole sites of their own (CHECK_SKIPS: a third
# language, a new kind, `serve`) and Zensical's build; fuzzing with fewer examples (profile
# "check"); the test that runs ruff and mypy is left to `lint`.
CHECK_SKIPS := --ignore=tests/site/test_extending.py --ignore=tests/site/test_serve.py -k "not zensical"

check: $(VENV)/.dev-deps editor/node_modules/.installed
	@$(MAKE) --no-print-directory -j4 --output-sync=target lint check-unit check-site-real check-site-fixture

check-unit: $(VENV)/.dev-deps
	HYPOTHESIS_PROFILE=check $(BIN)/python -m pytest -q -p no:cacheprovider tests/unit --ignore=tests/unit/repository/test_code_style.py

check-site-real: $(VENV)/.dev-deps editor/node_modules/.installed
	$(BIN)/python -m pytest -q -p no:cacheprovider -m real_content tests/site $(CHECK_SKIPS)

check-site-fixture: $(VENV)/.dev-deps editor/node_modules/.installed
	$(BIN)/python -m pytest -q -p no:cacheprovider -m "not real_content" tests/site $(CHECK_SKIPS)

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
# download is blocked here): the full browser and its headless shell (the same build, half
# the processor time: `make test` uses it). Installed only when missing.
chromium:
	@command -v chromium >/dev/null 2>&1 && test -x /usr/lib/chromium/chromium-headless-shell || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-headless-shell; }

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
