"""Findings before and after "one finding per defect" (vbqppl_check/consolidate.py) on a corpus set.

    .venv/bin/python benchmarks/merge_counts.py [--set tvpl-2025-md] [--jobs 2]

Reads and parses every document, runs the checks once without consolidation, then consolidates
the same findings: prints the counts for all documents and for the evaluation half
(benchmarks/_split.py), the rules whose findings were merged most, the superseded pairs, and checks
that no (rule, text) pair is lost.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
CORPUS = Path(os.environ.get("VBQPPL_CORPUS", ROOT.parent / "shared" / "corpus"))


def _raw(path: str):
    from vbqppl_check.engine import run_checks
    from vbqppl_check.parse import parse
    from vbqppl_check.readers import read
    return path, run_checks(parse(read(path)), consolidate=False)


def main() -> int:
    from _split import is_evaluation
    from vbqppl_check.consolidate import consolidate
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", default="tvpl-2025-md")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--pairs", action="store_true",
                    help="also list pairs of different rules with findings at the same place (candidates "
                         "for a catalogue `supersedes`; most are different defects that share a place)")
    args = ap.parse_args()
    folder = CORPUS / args.set
    if (folder / "docs").is_dir():  # the documents, not the set's PROVENANCE/INDEX notes
        folder = folder / "docs"
    files = sorted(str(p) for p in folder.rglob("*") if p.suffix.lower() in (".md", ".txt", ".docx", ".pdf", ".html"))
    t = time.monotonic()
    with ProcessPoolExecutor(args.jobs) as ex:
        raw = list(ex.map(_raw, files, chunksize=4))
    rows = {"all": Counter(), "evaluation": Counter()}
    merged_by_rule, pairs = Counter(), Counter()
    lost = 0
    for path, findings in raw:
        merged = consolidate(findings)
        before = {(f.rule, f.text) for f in findings}
        after = {(f.rule, f.text) for f in merged} | {s for f in merged for s in f.superseded}
        lost += len(before - after)
        for f in merged:
            merged_by_rule[f.rule] += f.occurrences - 1
            for rule, _ in f.superseded:
                pairs[(f.rule, rule)] += 1
        for half in ("all", "evaluation") if is_evaluation(path, CORPUS) else ("all",):
            c = rows[half]
            c["documents"] += 1
            c["before"] += len(findings)
            c["after"] += len(merged)
            c["occurrences"] += sum(f.occurrences for f in merged)
            c["with_findings"] += bool(merged)
    print(f"{args.set}: {len(raw)} documents in {time.monotonic() - t:.1f} s")
    print("| documents | findings before | findings after (defects) | occurrences | superseded |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for half, c in rows.items():
        print(f"| {half} ({c['documents']}) | {c['before']} | {c['after']} | {c['occurrences']} | "
              f"{c['before'] - c['occurrences']} |")
    print("merged away, by rule:", ", ".join(f"{r} {n}" for r, n in merged_by_rule.most_common() if n))
    print("superseded (winner ← superseded):", ", ".join(f"{a} ← {b}: {n}" for (a, b), n in pairs.most_common()))
    print("(rule, text) pairs lost:", lost)
    if args.pairs:
        from vbqppl_check.consolidate import same_place
        near = Counter()
        example = {}
        for path, findings in raw:
            for a in findings:
                for b in findings:
                    if a.rule < b.rule and same_place(a, b):
                        near[(a.rule, b.rule)] += 1
                        example.setdefault((a.rule, b.rule), (Path(path).name, a.text, b.text))
        print("rules at the same place:")
        for (a, b), n in near.most_common():
            name, ta, tb = example[(a, b)]
            print(f"  {a} + {b}: {n}  e.g. {name}: {ta[:60]!r} / {tb[:60]!r}")
    return 1 if lost else 0


if __name__ == "__main__":
    raise SystemExit(main())
