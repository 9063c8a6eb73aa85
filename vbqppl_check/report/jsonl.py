"""JSON Lines: one document per line, written and flushed as each result arrives (streamable).

Each line is the same object as one entry of the JSON output's `documents` array
(report/output.schema.json, #/$defs/document).
"""
from __future__ import annotations

import json
from typing import IO, Iterable

from ..result import DocumentResult

STREAMING = True


def write(results: Iterable[DocumentResult], stream: IO, *, lang: str = "vi", **_options) -> None:
    for r in results:
        stream.write(json.dumps(r.to_json(lang), ensure_ascii=False, separators=(",", ":")))
        stream.write("\n")
        stream.flush()
