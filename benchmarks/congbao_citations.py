"""Sweep the CC/VD checks over all 88 Công báo texts and compare with the reviewed findings.

    .venv/bin/python benchmarks/congbao_citations.py      (≈ 40 s on 2 cores)

Prints every finding not in tests/data/congbao_findings_reviewed.json (to review) and the timing.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from corpus_lines import CORPUS  # noqa: E402

from vbqppl_check.config import Config  # noqa: E402
from vbqppl_check.engine import run_checks  # noqa: E402
from vbqppl_check.parse import parse_file  # noqa: E402


def main() -> int:
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
                      "gone": len(expected - seen), "seconds": round(dt, 1)}))
    return 1 if new or expected - seen else 0


if __name__ == "__main__":
    sys.exit(main())
