"""Access to the data shipped inside the package (rules/ and corpora/)."""
from __future__ import annotations

import functools
import json
from importlib import resources
from pathlib import Path


@functools.lru_cache(maxsize=1)
def _yaml():
    """PyYAML and its loader, imported at the first YAML file read (a start with the catalogue in the user
    cache reads none). libyaml's C loader reads the catalogue ten times faster than the pure-Python one."""
    import yaml
    return yaml, getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def rules_path(*parts: str) -> Path:
    return Path(str(resources.files("vbqppl_check.rules").joinpath(*parts)))


def corpora_path(*parts: str) -> Path:
    return Path(str(resources.files("vbqppl_check.corpora").joinpath(*parts)))


@functools.lru_cache(maxsize=None)
def load_yaml(path: Path):
    yaml, loader = _yaml()
    with open(path, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=loader)  # noqa: S506 — a safe loader


@functools.lru_cache(maxsize=None)
def load_json(path: Path):
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)
