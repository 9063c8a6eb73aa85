"""Access to the data shipped inside the package (rules/ and corpora/)."""
from __future__ import annotations

import functools
import json
from importlib import resources
from pathlib import Path

import yaml

# libyaml's C loader reads the catalogue ten times faster than the pure-Python one (start-up time)
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def rules_path(*parts: str) -> Path:
    return Path(str(resources.files("vbqppl_check.rules").joinpath(*parts)))


def corpora_path(*parts: str) -> Path:
    return Path(str(resources.files("vbqppl_check.corpora").joinpath(*parts)))


@functools.lru_cache(maxsize=None)
def load_yaml(path: Path):
    with open(path, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_YAML_LOADER)  # noqa: S506 — a safe loader


@functools.lru_cache(maxsize=None)
def load_json(path: Path):
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)
