"""The self-inspection summary as Markdown (for a report annex or a wiki page)."""
from __future__ import annotations

from typing import IO, Iterable

from ..result import DocumentResult
from .summary import render_text, summarize


def write(results: Iterable[DocumentResult], stream: IO, *, lang: str = "vi", **_options) -> None:
    stream.write(render_text(summarize(results, lang), lang, markdown=True))
