"""Run the checker over the precision review set and write the findings for the reviewers (issue #12).

    .venv/bin/python benchmarks/precision_run.py        # -> tests/data/precision_to_judge.jsonl

Every error and warning, and a fixed 15 % of the infos (chosen by id), with the ±400 characters of the
document's text around the place. The reviewers judge them TRUE / FALSE / DOUBTFUL into
tests/data/precision_verdicts.jsonl (id, verdict, note) by reading the document and the law.
"""
from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import precision_set as ps  # noqa: E402


def main() -> int:
    import argparse
    ap = argparse.ArgumentParser()
    ap.add_argument("--sample", type=Path, default=ps.SAMPLE)
    ap.add_argument("--out", type=Path, default=ps.TO_JUDGE)
    args = ap.parse_args()
    rows, by_sev, errors = [], Counter(), []
    units = ps.sample_units(args.sample)
    t0 = time.time()
    for unit in units:
        res = ps.check_unit(unit)
        if res.status != "ok":
            errors.append((unit, res.error_code))
            continue
        md = res.metadata
        for f, fid in zip(res.findings, ps.finding_ids(unit, res.findings)):
            by_sev[f.severity] += 1
            if f.severity == "info" and not ps.info_selected(fid):
                continue
            loc = f.location
            rows.append({
                "id": fid, "path": unit, "set": ps.set_of(unit), "doc_type": md.type if md else None,
                "rule": f.rule, "severity": f.severity, "category": f.category,
                "message": f.message("vi"), "message_en": f.message("en"),
                "location": {"path": loc.path, "component": loc.component, "block": loc.block, "page": loc.page},
                "excerpt": f.excerpt, "expected": f.expected, "found": f.found,
                "reference": f.reference, "verification": f.verification,
                "context": ps.context(res, f)})
    with open(args.out, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    judged = Counter(r["severity"] for r in rows)
    print(f"{len(units)} documents in {time.time() - t0:.0f} s; unreadable: {errors}")
    print(f"findings: {dict(by_sev)}; to judge: {dict(judged)} -> {args.out}")
    print("by rule:", dict(Counter((r['rule'], r['severity']) for r in rows).most_common()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
