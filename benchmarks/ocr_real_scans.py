"""The real scans of ../shared/corpus/real-pdf-local-2025 through the OCR path: header fields of page 1
(to compare by eye with the set's PROVENANCE.md), the language findings (NN rules) of a full check —
the OCR text checked as if typed, and as the package checks it — and the CPU time per OCR'd page.

    nice -n 10 .venv/bin/python benchmarks/ocr_real_scans.py [--cache]

Every PDF of the set with image-only pages is read (fresh OCR cache unless --cache).
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vbqppl_check.checker import check_document  # noqa: E402
from vbqppl_check.parse import parse  # noqa: E402
from vbqppl_check.parse.document import parse_structure  # noqa: E402
from vbqppl_check.readers import ocr, read  # noqa: E402

SET = ROOT.parent / "shared" / "corpus" / "real-pdf-local-2025"


def cpu() -> float:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", action="store_true", help="use the OCR page cache")
    args = ap.parse_args()
    if not ocr.ocr_available():
        raise SystemExit("Tesseract with a Vietnamese model is not installed")
    if not args.cache:
        ocr._cache_file = lambda key: None   # noqa: E731 - Tesseract runs on every page
    from vbqppl_check.nlp import ocr_correct
    ocr_correct.corrector()
    for pdf in sorted(SET.glob("*.pdf")):
        c, calls = cpu(), ocr.CALLS
        src = read(pdf)
        spent = cpu() - c
        if not src.ocr_pages:
            continue
        md = parse_structure(replace(src, blocks=tuple(b for b in src.blocks if b.page == 1))).metadata
        typed = replace(src, ocr=False, blocks=tuple(replace(b, origin=None) for b in src.blocks))
        as_typed = [(f.rule, f.found) for f in check_document(parse(typed)).findings if f.rule.startswith("NN")]
        shipped = [(f.rule, f.severity, f.found) for f in check_document(parse(src)).findings
                   if f.rule.startswith("NN")]
        print(f"{pdf.name}: OCR pages {len(src.ocr_pages)}, Tesseract runs {ocr.CALLS - calls}, "
              f"CPU {spent / len(src.ocr_pages):.2f} s/page")
        print(f"  page 1 header: number {md.number}, date {md.date}, type {md.type}, issuer {md.issuer}")
        print(f"  NN findings, OCR text as if typed ({len(as_typed)}): {as_typed}")
        print(f"  NN findings as checked ({len(shipped)}): {shipped}")
    load = os.getloadavg()
    print(f"load average {load[0]:.1f}/{load[1]:.1f}/{load[2]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
