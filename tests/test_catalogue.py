"""The rule catalogue cannot rot: schema-valid, every rule implemented, every example behaves.

An example is a whole (small) document: `text` is read by the text reader, `docx` is built by
tests/docbuilder.py. A `fail` example must produce at least one finding of the rule; a `pass`
example none. Only the rule itself is selected, so other rules cannot hide or fake a result.
"""
from __future__ import annotations

import datetime as dt

import pytest

from vbqppl_check.config import Config, from_mapping
from vbqppl_check.engine import load_catalogue, run_checks, verify_catalogue
from vbqppl_check.parse import parse
from vbqppl_check.readers import read

CATALOGUE = load_catalogue()


def _cases():
    for rid, rule in sorted(CATALOGUE.items()):
        for outcome in ("fail", "pass"):
            for i, ex in enumerate(rule.examples[outcome]):
                yield pytest.param(rid, outcome, ex, id=f"{rid}-{outcome}{i}")


def _build(example) -> bytes:
    if "text" in example:
        return example["text"].encode("utf-8")
    if "pdf" in example:
        from pdfbuilder import build_pdf_bytes
        return build_pdf_bytes(example["pdf"])
    from docbuilder import build_docx_bytes
    return build_docx_bytes(example["docx"])


def test_every_rule_is_implemented_and_every_implementation_catalogued():
    assert verify_catalogue() == []


def test_severity_follows_verification():
    for rule in CATALOGUE.values():
        if rule.verification in ("practice", "memory"):
            assert rule.severity == "info", rule.id
        if rule.verification == "secondary":
            assert rule.severity in ("warning", "info"), rule.id


@pytest.mark.parametrize("rid,outcome,example", list(_cases()))
def test_rule_example(rid, outcome, example):
    if "scan_pages" in example.get("pdf", {}):
        from vbqppl_check.readers.ocr import ocr_available
        if not ocr_available():
            pytest.skip("the example is a scan: it needs Tesseract with a Vietnamese model")
    data = _build(example)
    name = "example.docx" if "docx" in example else "example.pdf" if "pdf" in example else "example.txt"
    doc = parse(read(data, name=name))
    cfg = from_mapping(example.get("config", {}), Config(select=(rid,)))
    if example.get("as_of"):
        cfg = cfg.with_overrides(as_of=dt.date.fromisoformat(str(example["as_of"])))
    hits = [f for f in run_checks(doc, cfg, strict=True) if f.rule == rid]
    if outcome == "fail":
        assert hits, f"{rid}: the fail example produced no finding"
    else:
        assert not hits, f"{rid}: the pass example produced {[(f.message_vi, f.found) for f in hits]}"
