"""JSON output: {"tool": {...}, "documents": [...]}, validated by output.schema.json."""
from __future__ import annotations

import json
from importlib import resources
from typing import IO, Iterable

from .. import __version__
from ..result import DocumentResult


def envelope(results: Iterable[DocumentResult], *, lang: str = "vi") -> dict:
    from .summary import summarize
    results = list(results)
    return {"tool": {"name": "vbqppl-check", "version": __version__, "lang": lang},
            "summary": summary_json(summarize(results, lang)),
            "documents": [r.to_json(lang) for r in results]}


def summary_json(s) -> dict:
    """The self-inspection counts (see report/summary.py) in the envelope's optional `summary`."""
    return {"documents": s.documents, "checked": s.checked, "unreadable": s.unreadable,
            "with_findings": s.with_findings, "with_errors": s.with_errors, "findings": s.findings,
            "occurrences": s.occurrences, "by_rule": dict(s.by_rule),
            "suppressed": {"baseline": s.suppressed_baseline, "config": s.suppressed_config,
                           "reasons": [{"kind": k, "reason": reason, "findings": sum(rules.values()),
                                        "by_rule": dict(rules)} for (k, reason), rules in s.suppressed_rows()]},
            "by_severity": dict(s.by_severity), "documents_by_category": dict(s.docs_by_category),
            "findings_by_category": dict(s.findings_by_category), "error_codes": dict(s.error_codes),
            "by_issuer_year": [{"issuer": i, "year": y, **dict(c)} for i, y, c in s.issuer_year_rows()]}


def write(results: Iterable[DocumentResult], stream: IO, *, lang: str = "vi", **_options) -> None:
    json.dump(envelope(results, lang=lang), stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def schema() -> dict:
    return json.loads(resources.files(__package__).joinpath("output.schema.json").read_text("utf-8"))
