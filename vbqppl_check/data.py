"""Access to the data shipped inside the package (rules/ and corpora/)."""
from __future__ import annotations

import functools
import json
from importlib import resources
from pathlib import Path

import yaml


def rules_path(*parts: str) -> Path:
    return Path(str(resources.files("vbqppl_check.rules").joinpath(*parts)))


def corpora_path(*parts: str) -> Path:
    return Path(str(resources.files("vbqppl_check.corpora").joinpath(*parts)))


@functools.lru_cache(maxsize=None)
def load_yaml(path: Path):
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@functools.lru_cache(maxsize=None)
def load_json(path: Path):
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)
