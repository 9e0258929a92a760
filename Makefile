# The two commands README.md promises: `make lab` and `make test`. Everything installs from here.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := $(CURDIR)/.venv
PY := $(VENV)/bin/python
# nbgrader and jupyter call helper programs (alembic, jupyter-*) by name: use the venv's.
export PATH := $(VENV)/bin:$(PATH)
export MPLBACKEND := Agg
# Two cores shared by test workers and kernels: BLAS thread pools only fight each other.
export OMP_NUM_THREADS := 1
export OPENBLAS_NUM_THREADS := 1
export MKL_NUM_THREADS := 1

.PHONY: venv browser build lab test test-fast benchmark widget-latency grade-demo clean

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

# The browser tests (tests/browser/) need Debian's chromium: installed here when missing (root + apt).
browser: venv
	bash scripts/install_browser.sh $(PY)

test: venv browser
	$(PY) -m pytest -n 2 --dist loadgroup -q

test-fast: venv
	$(PY) -m pytest -q -m "not slow"

benchmark: venv
	$(PY) benchmarks/course_runtime.py

# Key press to new pixels for every widget, in JupyterLab in Chromium (minutes).
widget-latency: browser
	$(PY) benchmarks/widget_latency.py

# A generated class (right, partly wrong and broken notebooks) graded end to end by the autograder.
grade-demo: build
	rm -rf grade-demo
	$(PY) -m autograder.demo grade-demo/submitted --students 6 --chapters 01_neuron,02_activations
	$(PY) -m autograder grade grade-demo/submitted --out grade-demo/out --chapters 01_neuron,02_activations
	@echo "open grade-demo/out/report.html, grade-demo/out/feedback/, grade-demo/out/results.csv"

clean:
	rm -rf $(VENV) gradebook.db .pytest_cache
