# dateline: two commands do all the set-up on a fresh machine.
#   make demo   - create .venv, install, run the main job on the built-in examples
#   make test   - create .venv, install, lint + typecheck, run the whole test suite (unit, model, quality gates)
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install demo serve test test-fast lint typecheck bench eval clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	rm -f demo.duckdb
	$(VENV)/bin/dateline ingest examples/articles --db demo.duckdb --published 2020-01-03
	$(VENV)/bin/dateline brief --db demo.duckdb

serve: $(STAMP)
	test -f demo.duckdb || $(MAKE) demo
	$(VENV)/bin/dateline serve --db demo.duckdb --published 2020-01-03

test: $(STAMP)
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/mypy
	$(PY) -m pytest -q

test-fast: $(STAMP)
	$(PY) -m pytest -q -m "not quality and not slow"

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests bench

typecheck: $(STAMP)
	$(VENV)/bin/mypy

bench: $(STAMP)
	$(PY) bench/throughput.py

clean:
	rm -rf $(VENV) demo.duckdb .pytest_cache
