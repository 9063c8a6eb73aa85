VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test install bench clean docs

$(PY):
	python3 -m venv $(VENV)

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
