# Two commands for a fresh machine with Python 3.11+ and make:
#   make run    create .venv, install, launch the app on the bundled corpus
#   make test   create .venv with test extras, run the whole suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP_RUN  := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test

.PHONY: run test lint bench bench-50k bench-ingest bench-relevance bundle install-check clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "scrbrowse needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(STAMP_TEST): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@ $(STAMP_RUN)

run: $(STAMP_RUN)
	$(BIN)/scrbrowse

test: $(STAMP_TEST)
	$(BIN)/ruff check src tests $(wildcard bench) $(wildcard packaging)
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

lint: $(STAMP_TEST)
	$(BIN)/ruff check src tests $(wildcard bench) $(wildcard packaging)
	$(BIN)/mypy

bench: $(STAMP_TEST)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python -m bench --tiers 1000,10000

bench-50k: $(STAMP_TEST)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python -m bench --tiers 50000

# Offline install bundles for Windows x86-64, Linux x86-64 and macOS arm64 (needs a package index
# to download the wheels; the archives in dist/bundle/ then install with none). See README.
bundle: | $(BIN)/python
	$(BIN)/python packaging/bundle.py --out dist/bundle

# The real install, checked as a workstation would do it: the Linux bundle installed with the
# network cut into a read-only virtualenv, then used by an unprivileged user (needs root; CI runs it).
install-check: | $(BIN)/python
	$(BIN)/python packaging/bundle.py --out dist/bundle --platform linux-x86_64
	sh packaging/check_install.sh dist/bundle/scrbrowse-*-linux-x86_64.tar.gz

# Extraction quality on ../shared/devset and the seeds (issue 15); not part of `make test`.
bench-ingest: $(STAMP_TEST)
	$(BIN)/python -m bench.ingest_bench

# Ranking quality: judged queries over the bundled corpus and ../shared/devset, against plain
# Whoosh BM25F in the same run (issue 13); not part of `make test`.
bench-relevance: $(STAMP_TEST)
	$(BIN)/python -m bench.relevance

clean:
	rm -rf $(VENV) index/*/ .pytest_cache .mypy_cache .ruff_cache dist/
