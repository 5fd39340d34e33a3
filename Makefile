# `make demo` and `make test` work from a fresh clone: they build .venv first, from the
# lock file requirements/dev.txt (exact versions and hashes), so every machine tests the same
# code. `make lock` refreshes the lock; `make test-latest` runs the suite on today's releases.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCK := requirements/dev.txt
PACKAGES := . $(dir $(wildcard plugins/*/pyproject.toml examples/plugin/*/pyproject.toml))
LINTED := conftest.py src tests benchmarks $(wildcard examples plugins)

.PHONY: demo test lint typecheck pytest test-latest lock schema bench clean

# The project and its plugins are installed editable on top of the locked dependencies,
# without build isolation so that the build backend comes from the lock as well.
$(STAMP): pyproject.toml $(LOCK) $(wildcard plugins/*/pyproject.toml examples/plugin/*/pyproject.toml)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r $(LOCK)
	for package in $(PACKAGES); do $(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e "$$package" || exit 1; done
	$(BIN)/python -m pip check
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/complaintkit demo --out demo-output

test: lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)

typecheck: $(STAMP)
	$(BIN)/mypy

# Bytecode is cached even where the environment turns it off (PYTHONDONTWRITEBYTECODE): the
# suite starts many Python children (the CLI, servers, killed runs), and each would
# compile complaintkit's modules again, about 0.3 s of CPU apiece.
# The suite runs in two pytest-xdist workers per core (at most 8): a test spends much of its
# time waiting (fsyncs, Python children starting, servers answering), and a second worker
# fills the wait: on 2 cores, 4 workers take 0.72x the time 2 do (602 s against 830 s),
# 6 no less than 4. PYTEST_WORKERS=0 runs it serially, in this one process.
PYTEST_WORKERS ?= $(shell $(PYTHON) -c 'import os; print(min(2 * len(os.sched_getaffinity(0)), 8))')
pytest: $(STAMP)
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m pytest -n $(PYTEST_WORKERS)

# Drift is seen early: the same suite against the newest releases the ranges allow.
test-latest:
	rm -rf .venv-latest
	$(PYTHON) -m venv .venv-latest
	.venv-latest/bin/python -m pip install --quiet --upgrade pip
	.venv-latest/bin/python -m pip install --quiet --upgrade -e '.[dev]' $(addprefix -e ,$(filter-out .,$(PACKAGES)))
	.venv-latest/bin/python -m pip freeze --exclude-editable
	.venv-latest/bin/python -m pytest -p no:cacheprovider

# Exact versions and hashes of the development environment, from pyproject.toml's ranges.
lock: $(STAMP)
	$(BIN)/uv pip compile pyproject.toml requirements/tools.in --extra dev --extra bench --generate-hashes \
		--python-version 3.11 --no-header --quiet -o $(LOCK)

# The performance table: every benchmark in turn, results in benchmarks/results/ (< 15 min).
bench: $(STAMP)
	$(BIN)/python benchmarks/suite.py

clean:
	rm -rf $(VENV) .venv-latest demo-output .pytest_cache .mypy_cache .ruff_cache .hypothesis
