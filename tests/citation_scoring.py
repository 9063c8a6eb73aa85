"""Score the citation parser against tests/data/citations_gold.jsonl (shared by the test and docs)."""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from corpus_lines import line_text

from vbqppl_check.model import Span
from vbqppl_check.parse.citation_grammar import find_references, parse_basis
from vbqppl_check.parse.citations import to_citation

GOLD = Path(__file__).parent / "data" / "citations_gold.jsonl"
FIELDS = ("kind", "target", "relation", "doc_type", "number", "date", "date_valid", "issuer", "title",
          "amended_by", "pinpoints")


def pin_str(p) -> str:
    parts = []
    for key in ("diem", "khoan", "dieu"):
        v = getattr(p, key)
        if v:
            parts.append(f"{key}={','.join(v)}")
    for key in ("muc", "chuong", "phan", "phu_luc", "relative"):
        v = getattr(p, key)
        if v:
            parts.append(f"{key}={v}")
    if p.range:
        parts.append("range")
    return " ".join(parts)


def fields(c) -> dict:
    d = c.document
    return {"kind": c.kind, "target": c.target, "relation": c.relation,
            "doc_type": d.doc_type if d else None, "number": d.number if d else None,
            "date": d.date if d else None, "date_valid": d.date_valid if d else None,
            "issuer": d.issuer if d else None, "title": d.title if d else None,
            "amended_by": [a.number or a.title for a in c.amended_by],
            "pinpoints": [pin_str(p) for p in c.pinpoints]}


def predict(source: str, line: int, mode: str) -> list[dict]:
    text = line_text(source, line)
    pcs = parse_basis(text) if mode == "basis" else find_references(text)
    return [{"text": text[p.start:p.end], **fields(to_citation(p, Span(0, p.start, p.end), text[p.start:p.end]))}
            for p in pcs]


def _empty(v) -> bool:
    return v in (None, [], "")


def score() -> dict:
    gold = [json.loads(x) for x in GOLD.read_text(encoding="utf-8").splitlines() if x.strip()]
    by_line: dict[tuple, list[dict]] = defaultdict(list)
    for g in gold:
        by_line[(g["source"], g["line"], g["mode"])].append(g)
    tp, fp, fn = defaultdict(int), defaultdict(int), defaultdict(int)
    exact, failures, spurious = 0, [], 0
    for (src, line, mode), gs in by_line.items():
        preds = predict(src, line, mode)
        used = set()
        for g in gs:
            p = next((p for k, p in enumerate(preds) if k not in used and p["text"] == g["text"]), None)
            if p is None:  # same start of text: a citation found with a different extent
                p = next((p for k, p in enumerate(preds) if k not in used and p["text"][:12] == g["text"][:12]), None)
            if p is not None:
                used.add(preds.index(p))
            ok = p is not None
            for f in FIELDS:
                gv, pv = g.get(f), (p or {}).get(f)
                if gv == pv:
                    if not _empty(gv):
                        tp[f] += 1
                else:
                    ok = False
                    if not _empty(pv):
                        fp[f] += 1
                    if not _empty(gv):
                        fn[f] += 1
            if ok:
                exact += 1
            else:
                failures.append((g, p))
        spurious += len(preds) - len(used)
    per_field = {f: {"precision": tp[f] / (tp[f] + fp[f]) if tp[f] + fp[f] else 1.0,
                     "recall": tp[f] / (tp[f] + fn[f]) if tp[f] + fn[f] else 1.0,
                     "support": tp[f] + fn[f]} for f in FIELDS}
    return {"n": len(gold), "exact": exact, "exact_rate": exact / len(gold), "spurious": spurious,
            "per_field": per_field, "failures": failures}
