# One file of commands. `make help` lists them. Everything runs inside .venv,
# created from the committed lock (uv.lock) by uv, itself pinned and installed from PyPI.
.DEFAULT_GOAL := help
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.8
export NO_MKDOCS_2_WARNING := 1
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
# Byte-compile at install: the environment may forbid writing .pyc at import
# (PYTHONDONTWRITEBYTECODE), and recompiling pandas, Altair and MkDocs costs seconds per build.
export UV_COMPILE_BYTECODE := 1
export DISABLE_MKDOCS_2_WARNING := true
# nbconvert's own switch: without it, importing nbconvert (mkdocs-jupyter does, in each build
# and in its notebook child) instantiates every exporter to list their names in a command-line
# help text the build never shows: about 0.5 s of every import on this machine. The built site is
# byte-identical either way (bench/compare_sites.py, notebook rendered from a cold cache).
export NBCONVERT_DISABLE_CONFIG_EXPORTERS := 1

.PHONY: help install serve build test test-fast screenshots analysis bench pdf urls citation clean

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(VENV)/.synced: pyproject.toml uv.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@test -x $(BIN)/uv && $(BIN)/uv --version | grep -q "$(UV_VERSION)" || $(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv sync --frozen --python $(BIN)/python
	@touch $@

install: $(VENV)/.synced ## Create .venv exactly as uv.lock says

# `python -m mkdocs`: the checkout in the current folder comes first on the path, also when this
# .venv's editable install of the project names another checkout (a copy made by the tests).
# The whole-site print page (print_page/) is left out of the preview: it re-renders every
# page into one on each save. `make build`, the tests and the deploy always make it.
serve: install ## Build everything and serve the site at http://127.0.0.1:8000
	IRC_PRINT_PAGE=false $(BIN)/python -m mkdocs serve --dev-addr 127.0.0.1:8000

build: install ## Build the site into site/ (runs the analysis first)
	$(BIN)/python -m mkdocs build

test: install ## Run the whole test suite (browser tests need Debian's chromium-headless-shell or chromium)
	$(BIN)/pytest

test-fast: install ## Run the suite without the browser tests
	$(BIN)/pytest -m "not browser"

screenshots: build ## Screenshots of every page (light, dark, phone) into test-results/screenshots/
	$(BIN)/python -m bench.screenshots site

analysis: install ## Write every generated artifact into generated/
	$(BIN)/python -m analysis

bench: install ## Print build times and page weights against their baselines
	$(BIN)/python bench/bench_build.py
	$(BIN)/python bench/bench_pages.py

pdf: build ## Print the whole-site page (print_page/) to site/irc-site.pdf with Chromium
	$(BIN)/python -m tools.pdf site/print_page/index.html site/irc-site.pdf

urls: build ## Rewrite tests/published_urls.txt from the built site (after adding pages or anchors)
	$(BIN)/python -m tools.urls --write site

citation: install ## Regenerate CITATION.cff, .zenodo.json and page-dates.json from citation.yaml and git (before a release)
	$(BIN)/python -m analysis.citation_files --write

clean: ## Remove generated/, site/ and .venv
	rm -rf generated site $(VENV)
