"""CSV: one row per finding; an unreadable file is one row with its error; a clean file one row
with an empty rule (so the CSV also counts the documents). Streamable."""
from __future__ import annotations

import csv
from typing import IO, Iterable

from ..result import DocumentResult

STREAMING = True
COLUMNS = ("path", "status", "error_code", "number", "issuer", "date", "rule", "category", "severity",
           "block", "start", "end", "page", "location_path", "component", "message", "excerpt", "expected",
           "found", "suggestion", "reference", "verification", "occurrences")


def rows(r: DocumentResult, lang: str):
    md = r.metadata
    base = {"path": r.path, "status": r.status, "error_code": r.error_code,
            "number": md.number if md else None, "issuer": md.issuer if md else None,
            "date": md.date if md else None}
    if r.status == "error":
        yield {**base, "message": r.error_en if lang == "en" else r.error_vi}
        return
    if not r.findings:
        yield base
    for f in r.findings:
        loc = f.location
        yield {**base, "rule": f.rule, "category": f.category, "severity": f.severity, "block": loc.block,
               "start": loc.start, "end": loc.end, "page": loc.page, "location_path": loc.path,
               "component": loc.component, "message": f.message(lang), "excerpt": f.excerpt,
               "expected": f.expected, "found": f.found, "suggestion": f.suggestion, "reference": f.reference,
               "verification": f.verification, "occurrences": f.occurrences}


def write(results: Iterable[DocumentResult], stream: IO, *, lang: str = "vi", **_options) -> None:
    w = csv.DictWriter(stream, fieldnames=COLUMNS, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for r in results:
        for row in rows(r, lang):
            w.writerow({k: ("" if v is None else v) for k, v in row.items()})
        stream.flush()
