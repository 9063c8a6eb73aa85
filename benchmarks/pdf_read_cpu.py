"""CPU time of reading the Công báo PDFs (evaluation half, benchmarks/_split.py), per page, and the part
spent in the per-glyph loop (readers/pdf_chars.page_chars). CPU time: the machine is shared.

    .venv/bin/python benchmarks/pdf_read_cpu.py [--rounds 3] [--limit N]

Prints the median over rounds of total read CPU ms/page and page_chars CPU ms/page. To compare with
another version of the package, run it with PYTHONPATH pointing at that tree.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _split import is_evaluation  # noqa: E402

CORPUS = Path(os.environ.get("VBQPPL_CORPUS", HERE.parent.parent / "shared" / "corpus"))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()
    import vbqppl_check.readers.pdf as pdf_mod
    from vbqppl_check.readers import read
    from vbqppl_check.readers import pdf_chars
    spent = [0.0]
    original = pdf_mod.page_chars

    def timed(*a, **k):
        t = time.process_time()
        try:
            return original(*a, **k)
        finally:
            spent[0] += time.process_time() - t
    pdf_mod.page_chars = timed
    paths = [p for p in sorted((CORPUS / "congbao-pdf-8topics" / "pdf").glob("*.pdf")) if is_evaluation(p, CORPUS)]
    paths = paths[:args.limit] if args.limit else paths
    read(paths[0])   # imports
    totals, loops, pages = [], [], 0
    for _ in range(args.rounds):
        spent[0] = 0.0
        pages = 0
        t = time.process_time()
        for p in paths:
            doc = read(p)
            pages += max((b.page or 0) for b in doc.blocks) if doc.blocks else 0
        totals.append((time.process_time() - t) * 1000 / pages)
        loops.append(spent[0] * 1000 / pages)
    print(f"{pdf_chars.__file__}: {len(paths)} PDFs, {pages} pages with text; read CPU ms/page median "
          f"{statistics.median(totals):.1f} (rounds {', '.join(f'{x:.1f}' for x in totals)}); page_chars "
          f"{statistics.median(loops):.1f} ms/page; load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
