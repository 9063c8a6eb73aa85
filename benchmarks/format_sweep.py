"""Sweep the thể thức (TT) and kỹ thuật trình bày (KT) checks over real documents.

    .venv/bin/python benchmarks/format_sweep.py [--limit N] [--errors]

Reads the NĐ 30/2020 decree (.docx) and the Công báo PDFs from ../shared/corpus, runs only the TT
and KT rules, and prints: the time of the checks alone (read and parse excluded), the findings by
rule and severity, and with --errors every error-severity finding (each must be true: see
tests/test_real_documents_format.py for the ones kept, with the reason).
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("VBQPPL_CORPUS", ROOT.parent / "shared" / "corpus"))


def main() -> int:
    from vbqppl_check.config import Config
    from vbqppl_check.engine import make_context, run_checks
    from vbqppl_check.parse import parse
    from vbqppl_check.readers import read

    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--errors", action="store_true")
    args = ap.parse_args()
    paths = [CORPUS / "nd30-2020-original-word/original/30_2020_ND_CP.docx"]
    paths += sorted((CORPUS / "congbao-pdf-8topics/pdf").glob("*.pdf"))[: args.limit]
    cfg = Config(select=("TT", "KT"))
    times, by_rule, regimes, errors = [], Counter(), Counter(), []
    for p in paths:
        try:
            doc = parse(read(p))
        except Exception as exc:  # noqa: BLE001 - a sweep reports and goes on
            print(f"unreadable {p.name}: {exc}", file=sys.stderr)
            continue
        ctx = make_context(doc, cfg)
        regimes[ctx.regime.id if ctx.regime else "none"] += 1
        t0 = time.perf_counter()
        findings = run_checks(doc, cfg)
        times.append((time.perf_counter() - t0) * 1000)
        for f in findings:
            by_rule[(f.rule, f.severity)] += 1
            if f.severity == "error":
                errors.append((p.name, f.rule, f.location.block, f.found, (f.excerpt or "")[:70]))
    print(f"documents: {len(times)}; regimes: {dict(regimes)}")
    if times:
        times.sort()
        p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
        print(f"checks only (TT+KT): median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms per document")
    print("findings by rule and severity:")
    for (rule, sev), n in sorted(by_rule.items()):
        print(f"  {rule} {sev:<7} {n}")
    if args.errors:
        print("error findings:")
        for e in errors:
            print("  ", *e, sep=" | ")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
