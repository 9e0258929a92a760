# The two commands README.md promises: `make lab` and `make test`. Everything installs from here.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := $(CURDIR)/.venv
PY := $(VENV)/bin/python
# nbgrader and jupyter call helper programs (alembic, jupyter-*) by name: use the venv's.
export PATH := $(VENV)/bin:$(PATH)
export MPLBACKEND := Agg

.PHONY: venv build lab test test-fast mutants benchmark grade-demo clean

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --upgrade --quiet pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

build: venv
	$(PY) -m autograder build

lab: build
	unset MPLBACKEND; $(VENV)/bin/jupyter lab --notebook-dir=course

test: venv
	$(PY) -m pytest -n 2 --dist loadgroup -q

test-fast: venv
	$(PY) -m pytest -q -m "not slow"

benchmark: venv
	$(PY) benchmarks/course_runtime.py

clean:
	rm -rf $(VENV) gradebook.db .pytest_cache
