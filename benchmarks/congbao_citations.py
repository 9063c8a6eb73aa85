"""Sweep the CC/VD checks over all 88 Công báo texts and compare with the reviewed findings.

    .venv/bin/python benchmarks/congbao_citations.py      (≈ 40 s on 2 cores)

Prints every finding not in tests/data/congbao_findings_reviewed.json (to review) and the timing,
and the citation grammar's own speed: every căn cứ item of the 88 texts parsed by parse_basis
(best of 5 rounds; target ≥ 1,500 items/s; "grammar_items_per_s").
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from corpus_lines import CORPUS, congbao_items  # noqa: E402

from vbqppl_check.config import Config  # noqa: E402
from vbqppl_check.engine import run_checks  # noqa: E402
from vbqppl_check.parse import parse_file  # noqa: E402


def grammar_speed(rounds: int = 5) -> tuple[int, int, float, float]:
    """(items, citations, items per wall second, items per CPU second) of parse_basis over the Công báo
    căn cứ items; best round of each (the CPU figure is less disturbed by other jobs on a shared machine)."""
    from vbqppl_check.parse.citation_grammar import parse_basis
    items = [text for _, _, text in congbao_items()]
    n_cit = sum(len(parse_basis(t)) for t in items)       # warm: lazy tables (law names) load once
    best = best_cpu = float("inf")
    for _ in range(rounds):
        t0, c0 = time.perf_counter(), time.process_time()
        for t in items:
            parse_basis(t)
        best, best_cpu = min(best, time.perf_counter() - t0), min(best_cpu, time.process_time() - c0)
    return len(items), n_cit, len(items) / best, len(items) / max(best_cpu, 1e-9)


def main() -> int:
    n_items, n_basis, rate, rate_cpu = grammar_speed()
    reviewed = json.loads((ROOT / "tests" / "data" / "congbao_findings_reviewed.json").read_text(encoding="utf-8"))
    expected = {(f["file"], f["rule"], f["found"]) for f in reviewed["findings"]}
    seen, new, n_cit = set(), [], 0
    t0 = time.perf_counter()
    files = sorted((CORPUS / "congbao-pdf-8topics" / "txt").glob("*.txt"))
    for path in files:
        doc = parse_file(path)
        n_cit += len(doc.citations)
        for f in run_checks(doc, Config(select=("CC", "VD"))):
            key = (path.name, f.rule, f.found)
            seen.add(key)
            if key not in expected:
                new.append(key)
    dt = time.perf_counter() - t0
    for k in new:
        print("NEW", *k)
    for k in sorted(expected - seen):
        print("GONE", *k)
    print(json.dumps({"files": len(files), "citations": n_cit, "findings": len(seen), "new": len(new),
                      "gone": len(expected - seen), "seconds": round(dt, 1), "basis_items": n_items,
                      "basis_citations": n_basis, "grammar_items_per_s": round(rate),
                      "grammar_items_per_cpu_s": round(rate_cpu)}))
    return 1 if new or expected - seen else 0


if __name__ == "__main__":
    sys.exit(main())
