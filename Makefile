VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test install bench clean docs

# The interpreter of .venv (override: make PYTHON=python3.12): the first that is 3.11 or later and can
# make a venv. The distribution's python3 comes first: Debian and Ubuntu build it with profile-guided and
# link-time optimisation, and a default pyenv build (without them) checks documents about 10 % slower
# (docs/performance.md, "Interpreter").
PYTHON ?= $(or $(shell for p in /usr/bin/python3 python3; do $$p -c 'import sys, ensurepip, venv; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1 && { echo $$p; break; }; done),python3)

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(PY) pyproject.toml
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/vbqppl-check --as-of 2026-01-15 corpora/examples/ || test $$? -eq 1

test: $(STAMP)
	$(PY) -m mypy
	$(PY) -m pytest

docs: $(STAMP)
	$(PY) -m vbqppl_check.commands.rules_doc docs/rules.md

bench: $(STAMP)
	$(PY) benchmarks/read_speed.py

clean:
	rm -rf $(VENV) build *.egg-info
