"""JSON output: {"tool": {...}, "documents": [...]}, validated by output.schema.json."""
from __future__ import annotations

import json
from importlib import resources
from typing import IO, Iterable

from .. import __version__
from ..result import DocumentResult


def envelope(results: Iterable[DocumentResult], *, lang: str = "vi") -> dict:
    return {"tool": {"name": "vbqppl-check", "version": __version__, "lang": lang},
            "documents": [r.to_json(lang) for r in results]}


def write(results: Iterable[DocumentResult], stream: IO, *, lang: str = "vi", **_options) -> None:
    json.dump(envelope(results, lang=lang), stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def schema() -> dict:
    return json.loads(resources.files(__package__).joinpath("output.schema.json").read_text("utf-8"))
