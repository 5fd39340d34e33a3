# `make demo` and `make test` work from a fresh clone: they build .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LINTED := src tests benchmarks $(wildcard examples plugins)

.PHONY: demo test lint typecheck pytest schema bench clean

$(STAMP): pyproject.toml $(wildcard plugins/*/pyproject.toml examples/plugin/*/pyproject.toml)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	for plugin in plugins/*/ examples/plugin/*/; do [ -f "$$plugin/pyproject.toml" ] && $(BIN)/python -m pip install --quiet -e "$$plugin" || true; done
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/complaintkit demo --out demo-output

test: lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) demo-output .pytest_cache .mypy_cache .ruff_cache .hypothesis
