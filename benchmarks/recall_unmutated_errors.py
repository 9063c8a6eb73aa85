"""The error-severity findings on the unmutated evaluation-half texts of the defect-recall benchmark
(issue #11: "no new error-severity finding on the unmutated real documents, each error read and judged"),
written for blind reviewers:

    .venv/bin/python benchmarks/recall_unmutated_errors.py     # -> tests/data/recall_errors_to_judge.jsonl

Every error except KT045, and a fixed sample of KT045 (dash bullets inside a điểm: at most 2 a document, 30 in
all; the rule was judged TRUE on every one of its 143 findings in the precision review sets). The verdicts go
to tests/data/recall_errors_verdicts.jsonl; tests/test_precision_verdicts.py holds them like a review set.
The DOCX built from these texts are left out: their formatting is our builder's, not the issuer's.
"""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import precision_set as ps  # noqa: E402
from _split import half  # noqa: E402

OUT_UNITS = ps.DATA / "recall_errors_sample.txt"
OUT = ps.DATA / "recall_errors_to_judge.jsonl"


def main() -> int:
    from defect_recall import load_documents
    units = [d.key for d in load_documents() if half(d.key, "") == "evaluation"]
    rows, kt045 = [], []
    for unit in units:
        res = ps.check_unit(unit)
        if res.status != "ok":
            continue
        md = res.metadata
        per_doc_kt045 = 0
        for f, fid in zip(res.findings, ps.finding_ids(unit, res.findings)):
            if f.severity != "error":
                continue
            loc = f.location
            row = {"id": fid, "path": unit, "set": ps.set_of(unit), "doc_type": md.type if md else None,
                   "rule": f.rule, "severity": f.severity, "category": f.category,
                   "message": f.message("vi"), "message_en": f.message("en"),
                   "location": {"path": loc.path, "component": loc.component, "block": loc.block, "page": loc.page},
                   "excerpt": f.excerpt, "expected": f.expected, "found": f.found,
                   "reference": f.reference, "verification": f.verification, "context": ps.context(res, f)}
            if f.rule == "KT045":
                if per_doc_kt045 < 2:
                    kt045.append(row)
                    per_doc_kt045 += 1
                continue
            rows.append(row)
    random.Random(11).shuffle(kt045)
    rows += kt045[:30]
    OUT_UNITS.write_text("# evaluation-half texts of benchmarks/defect_recall.py with an error judged "
                         "(benchmarks/recall_unmutated_errors.py)\n"
                         + "\n".join(sorted({r["path"] for r in rows})) + "\n", encoding="utf-8")
    with open(OUT, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(units)} texts; {len(rows)} errors to judge -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
