"""Writers: one module per output format. `write(results, fmt, stream, lang)` dispatches."""
from __future__ import annotations

import importlib
from typing import IO, Iterable

from ..result import DocumentResult

# format name → module implementing `write(results, stream, *, lang, **options)`
WRITERS = {
    "text": "text", "json": "json_writer", "jsonl": "jsonl", "csv": "csv_writer", "sarif": "sarif",
    "xlsx": "xlsx", "html": "html", "docx": "docx_annotate", "summary": "summary", "markdown": "summary_md",
}


def writer_module(fmt: str):
    """The module of a format; its BINARY / STREAMING flags tell the CLI how to feed it."""
    if fmt not in WRITERS:
        raise ValueError(f"unknown output format {fmt!r}; known: {', '.join(sorted(WRITERS))}")
    return importlib.import_module(f"{__name__}.{WRITERS[fmt]}")


def write(results: Iterable[DocumentResult], fmt: str, stream: IO, *, lang: str = "vi", **options) -> None:
    if fmt not in WRITERS:
        raise ValueError(f"unknown output format {fmt!r}; known: {', '.join(sorted(WRITERS))}")
    module = importlib.import_module(f"{__name__}.{WRITERS[fmt]}")
    module.write(results, stream, lang=lang, **options)
