# The README's commands. `make site` and `make test` work on a fresh machine.
# Python 3.11 or newer; `make site PYTHON=/usr/bin/python3.12` (or PYTHON=… ./kb) picks another.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# pip's output during set-up; when it fails the screen gets one sentence per language.
SETUP_LOG := build/setup.log

.PHONY: site build validate test test-lane-1 test-lane-2 form slow check check-unit check-site-real check-site-fixture serve bench fuzz lint chromium hugo clean deps audit render zensical editor

site: $(VENV)/.site-deps editor/node_modules/.installed
	$(BIN)/python -m generator validate
	$(BIN)/python -m generator build

build: site

validate: $(VENV)/.site-deps
	$(BIN)/python -m generator validate

# The preview at http://127.0.0.1:$(PORT)/ (PORT= to change); its messages in the locale's
# language (WEGO_LANG=bg for Bulgarian whatever the locale).
serve: $(VENV)/.site-deps
	$(BIN)/python -m generator serve --port $(PORT)

# Every test but the slow ones (CI runs `make test`, then `make slow`): lint, then two lanes
# side by side on two cores, each its own pytest session (a shared site is built once per
# lane that needs it), of about equal length. Lane 1: unit and site tests, and the browser
# test that uses Zensical's site (built for the site tests); lane 2: the other browser tests
# but SLOW_BROWSER's, the site tests that build sites of their own, and the command line in
# each locale (real processes; it evens the lanes out). Fuzzing with few
# examples, as in `make check`; `make slow` runs more.
LANE_1_BROWSER := tests/browser/test_zensical.py
LANE_2_SITE := tests/site/test_extending.py tests/site/test_serve.py tests/site/test_serve_failures.py tests/unit/cli/test_readers_language.py
# The web form's tests load Decap CMS (2 MB of JavaScript) afresh for each test, about ten
# seconds apiece; the print test builds a dated git repository's site of its own; the search
# evaluation types its 260 queries (a measurement, like the benchmark: each kind of query has
# its own test in test_search_forgives.py). `make slow` runs them (with every browser test, in
# the full Chromium), CI runs `make slow` after `make test`; `make form` runs the form's alone.
FORM_TESTS := tests/browser/test_editor_form.py tests/browser/test_editor_screens.py tests/browser/test_editor_changes.py
SLOW_BROWSER := $(FORM_TESTS) tests/browser/test_print.py tests/browser/test_search_quality.py
PYTEST_LANE := HYPOTHESIS_PROFILE=check $(BIN)/python -m pytest -q -p no:cacheprovider

test: $(VENV)/.dev-deps $(VENV)/.zensical-deps chromium editor/node_modules/.installed
	@$(MAKE) --no-print-directory -j3 --output-sync=target lint test-lane-1 test-lane-2

test-lane-1: $(VENV)/.dev-deps $(VENV)/.zensical-deps chromium editor/node_modules/.installed
	$(PYTEST_LANE) tests/unit tests/site $(LANE_1_BROWSER) --ignore=tests/unit/repository/test_code_style.py \
	  $(foreach file,$(LANE_2_SITE),--ignore=$(file))

test-lane-2: $(VENV)/.dev-deps $(VENV)/.zensical-deps chromium editor/node_modules/.installed
	$(PYTEST_LANE) tests/browser $(LANE_2_SITE) $(foreach file,$(LANE_1_BROWSER) $(SLOW_BROWSER),--ignore=$(file))

form: $(VENV)/.dev-deps chromium editor/node_modules/.installed
	$(BIN)/python -m pytest -q -p no:cacheprovider $(FORM_TESTS)

# What `make test` leaves out, minutes each: Lighthouse and the Nu HTML Checker over a built
# site, the benchmark's quick mode, fuzzing with more examples (profile "ci"), and the browser
# tests again in the full Chromium (make test uses its headless shell: tests/chromium.py).
slow: $(VENV)/.dev-deps $(VENV)/.zensical-deps chromium hugo audit/node_modules/.installed editor/node_modules/.installed
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/slow tests/unit/validate/test_fuzz.py
	KB_CHROMIUM=/usr/bin/chromium $(BIN)/python -m pytest -q -p no:cacheprovider tests/browser

# Before every commit (under a minute on two cores): lint, the unit tests, and the site
# tests in two halves — those reading the real content's sites (mark real_content, given by
# conftest.py) and the rest — side by side; no site is built twice. Left to `make test`:
# the browser, the site tests that build whole sites of their own (CHECK_SKIPS: a third
# language, a new kind, `serve` and its saves) and Zensical's build; the unit tests that start real
# processes one after another (CHECK_UNIT_SKIPS: ./kb and the generator as commands in each
# locale, a shallow clone built twice, the editor's servers started and stopped) — together
# a third of the unit tests' processor time on two cores; fuzzing with fewer examples
# (profile "check"); the test that runs ruff and mypy is left to `lint`.
CHECK_SKIPS := --ignore=tests/site/test_extending.py --ignore=tests/site/test_serve.py --ignore=tests/site/test_serve_saves.py --ignore=tests/site/test_serve_failures.py -k "not zensical"
CHECK_UNIT_SKIPS := $(foreach file,cli/test_command_line.py cli/test_readers_language.py history/test_shallow_clone.py editor/test_local_servers.py,--ignore=tests/unit/$(file))

check: $(VENV)/.dev-deps editor/node_modules/.installed
	@$(MAKE) --no-print-directory -j4 --output-sync=target lint check-unit check-site-real check-site-fixture

check-unit: $(VENV)/.dev-deps
	HYPOTHESIS_PROFILE=check $(BIN)/python -m pytest -q -p no:cacheprovider tests/unit --ignore=tests/unit/repository/test_code_style.py $(CHECK_UNIT_SKIPS)

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

$(VENV)/.zensical-deps: requirements-zensical.txt | $(VENV)/.site-deps
	@$(call pip_install,requirements-zensical.txt,NO_ZENSICAL)
	@touch $@

# The partners' web editor on this machine: http://127.0.0.1:$(PORT)/admin/ (decap-server
# in git mode on a scratch clone, build/editor-repo/, on PROXY_PORT; saves become cms/…
# branches there). PORT serves `make serve` too.
PORT ?= 8000
PROXY_PORT ?= 8081
editor: $(VENV)/.site-deps editor/node_modules/.installed
	$(BIN)/python -m generator --lang bg editor --port $(PORT) --proxy-port $(PROXY_PORT)

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

bench: $(VENV)/.dev-deps chromium hugo
	$(BIN)/python -m bench.run

# The benchmark's fastest peer (issue 22): Debian's own package.
hugo:
	@command -v hugo >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hugo; }

lint: $(VENV)/.dev-deps
	$(BIN)/ruff check generator tests bench audit
	$(BIN)/mypy generator

# Debian's Chromium for the browser tests (Playwright drives it; its own browser
# download is blocked here): the full browser and its headless shell (the same build, half
# the processor time: `make test` uses it). Installed only when missing.
chromium:
	@command -v chromium >/dev/null 2>&1 && test -x /usr/lib/chromium/chromium-headless-shell || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-headless-shell; }

# Set-up. The pins install on Python 3.11.2 (Debian 12's system Python) and newer, to 3.14
# (tests/unit/repository/test_setup_on_debian_python.py; CI sets up on 3.11.2). The
# environment is made in $(VENV).tmp and becomes $(VENV) only once every pin of
# requirements.txt installed, so a failed or interrupted set-up leaves no half-made $(VENV);
# one without .site-deps (half-made by an older Makefile) is made again. pip's output goes to
# $(SETUP_LOG); a failure prints one sentence in Bulgarian and one in English on what to do.
$(VENV)/bin/python:
	@rm -rf $(VENV).tmp && mkdir -p $(dir $(SETUP_LOG)) && : >$(SETUP_LOG)
	@$(call say,MAKING)
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' >>$(SETUP_LOG) 2>&1 || { $(call say,NO_PYTHON); exit 1; }
	@$(PYTHON) -c 'import ensurepip, venv' >>$(SETUP_LOG) 2>&1 || { $(call say,NO_VENV); exit 1; }
	@trap 'rm -rf $(VENV).tmp' EXIT; trap 'exit 1' HUP INT TERM; export PYTHONDONTWRITEBYTECODE=1; \
	{ $(PYTHON) -m venv --prompt $(notdir $(VENV)) $(VENV).tmp \
	  && $(VENV).tmp/bin/python -m pip install --no-compile --upgrade pip \
	  && $(VENV).tmp/bin/python -m pip install --no-compile -r requirements.txt \
	  && touch $(VENV).tmp/.site-deps \
	  && $(VENV).tmp/bin/python -c "$$VENV_RENAME" $(VENV).tmp $(VENV); } >>$(SETUP_LOG) 2>&1 \
	|| { $(call say,NO_PACKAGES); exit 1; }; \
	rm -rf $(VENV) && mv $(VENV).tmp $(VENV)

$(VENV)/.site-deps: requirements.txt | $(VENV)/bin/python
	@if [ ! -f $@ ]; then rm -rf $(VENV) && $(MAKE) --no-print-directory $(VENV)/bin/python; \
	elif [ requirements.txt -nt $@ ]; then $(call pip_install,requirements.txt,NO_UPDATE); fi
	@touch $@

$(VENV)/.dev-deps: requirements.txt requirements-dev.txt | $(VENV)/.site-deps
	@$(call pip_install,requirements-dev.txt,NO_UPDATE)
	@touch $@ $(VENV)/.site-deps

# pip into $(VENV), its output added to $(SETUP_LOG); on failure the message named by $(2).
pip_install = mkdir -p $(dir $(SETUP_LOG)) && echo "== $$(date '+%F %T') pip install -r $(1)" >>$(SETUP_LOG) \
	&& printf '%s\n' "Инсталират се пакетите от $(1)…" "Installing the packages of $(1)…" >&2 && { $(BIN)/python -m pip install -r $(1) >>$(SETUP_LOG) 2>&1 || { $(call say,$(2)); exit 1; }; }
say = printf '%s\n' "$($(1)_BG)" "$($(1)_EN)" >&2
LOG_PATH = $(abspath $(SETUP_LOG))
MAKING_BG = Създава се $(VENV) с $(PYTHON), веднъж (около минута; изходът на pip е в $(SETUP_LOG))…
MAKING_EN = Making $(VENV) with $(PYTHON), once (about a minute; pip's output is in $(SETUP_LOG))…
NO_PYTHON_BG = Нужен е Python 3.11 или по-нов, а $(PYTHON) липсва или е по-стар: инсталирайте го (в Debian и Ubuntu: sudo apt install python3 python3-venv) или посочете друг с PYTHON=/път/до/python3.
NO_PYTHON_EN = Python 3.11 or newer is needed, and $(PYTHON) is missing or older: install it (Debian and Ubuntu: sudo apt install python3 python3-venv) or name another with PYTHON=/path/to/python3.
NO_VENV_BG = На $(PYTHON) му липсва модулът venv: инсталирайте го (в Debian и Ubuntu: sudo apt install python3-venv) и пуснете командата отново.
NO_VENV_EN = $(PYTHON) lacks its venv module: install it (Debian and Ubuntu: sudo apt install python3-venv) and run the command again.
NO_PACKAGES_BG = Пакетите от requirements.txt не се инсталираха и $(VENV) не е създадена: проверете връзката с интернет или ползвайте Python от 3.11 до 3.14 (PYTHON=…); подробностите са в $(LOG_PATH).
NO_PACKAGES_EN = The packages of requirements.txt did not install and $(VENV) was not made: check the internet connection, or use a Python from 3.11 to 3.14 (PYTHON=…); the details are in $(LOG_PATH).
NO_UPDATE_BG = Пакетите не се инсталираха в $(VENV): проверете връзката с интернет; подробностите са в $(LOG_PATH).
NO_UPDATE_EN = The packages did not install into $(VENV): check the internet connection; the details are in $(LOG_PATH).
NO_ZENSICAL_BG = Zensical (незадължителният втори сглобител) не се инсталира; make site работи и без него; подробностите са в $(LOG_PATH).
NO_ZENSICAL_EN = Zensical (the optional second builder) did not install; make site works without it; the details are in $(LOG_PATH).

# The environment is made under another name: the files that name its folder (the scripts'
# first lines, activate, pyvenv.cfg) are pointed at $(VENV) before it moves there, and the
# bytecode compiled there (ensurepip's; pip compiles none: --no-compile) is removed, as it
# names the old folder: Python writes it again at first use.
define VENV_RENAME
import os, pathlib, shutil, sys
old, new = (os.path.abspath(path) for path in sys.argv[1:])
for cache in list(pathlib.Path(old).rglob("__pycache__")):
    shutil.rmtree(cache)
for file in [*pathlib.Path(old, "bin").iterdir(), pathlib.Path(old, "pyvenv.cfg")]:
    data = file.read_bytes() if file.is_file() and not file.is_symlink() else b"\0"
    if old.encode() in data and b"\0" not in data:
        file.write_bytes(data.replace(old.encode(), new.encode()))
endef
export VENV_RENAME

clean:
	rm -rf build site .site-*
