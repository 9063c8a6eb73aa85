"""Writers: one module per output format. `write(results, fmt, stream, lang)` dispatches."""
from __future__ import annotations

import importlib
from typing import IO, Iterable

from ..result import DocumentResult

# format name → module implementing `write(results, stream, *, lang, **options)`
WRITERS = {
    "text": "text", "json": "json_writer",
}


def write(results: Iterable[DocumentResult], fmt: str, stream: IO, *, lang: str = "vi", **options) -> None:
    if fmt not in WRITERS:
        raise ValueError(f"unknown output format {fmt!r}; known: {', '.join(sorted(WRITERS))}")
    module = importlib.import_module(f"{__name__}.{WRITERS[fmt]}")
    module.write(results, stream, lang=lang, **options)
