"""`fix` on real Word documents of ../shared/corpus: what it changes, what it rolls back, and whether
rejecting every tracked change gives the input back (docs/fix.md, "Real documents").

The real Word files: the NĐ 30/2020 decree (.docx), its six appendices and the vbpl.vn attachments of
central laws (.doc, converted to .docx by LibreOffice when soffice is installed). Only documents of
the evaluation half (benchmarks/_split.py) by default.

    .venv/bin/python benchmarks/fix_real_docs.py [--all]
"""
from __future__ import annotations

import argparse
import collections
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _split import half  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"


def documents(all_halves: bool, tmp: Path):
    files = sorted(CORPUS.glob("nd30-2020-original-word/original/*")) + \
        sorted(CORPUS.glob("vbpl-attachments-central-laws/doc/*.doc"))
    for f in files:
        if f.suffix.lower() not in (".doc", ".docx"):
            continue
        rel = f.relative_to(CORPUS).as_posix()
        if not all_halves and half(f, CORPUS) != "evaluation":
            continue
        if f.suffix.lower() == ".docx":
            yield rel, f.read_bytes()
            continue
        if shutil.which("soffice") is None:
            continue
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/home", "--headless", "--convert-to",
                        "docx", "--outdir", str(tmp), str(f)], capture_output=True, timeout=300)
        out = tmp / (f.stem + ".docx")
        if out.exists():
            yield rel + " (LibreOffice → .docx)", out.read_bytes()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--all", action="store_true", help="both halves of the split")
    args = ap.parse_args()
    import test_fix as T   # the test's own accept/reject transformation
    from vbqppl_check.fix import fix_bytes
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for rel, data in documents(args.all, Path(tmp)):
            t0 = time.perf_counter()
            r = fix_bytes(data, name=rel.split("/")[-1])
            dt = time.perf_counter() - t0
            rejected_ok = T._formats(T._transform(r.data, "reject")) == T._formats(data)
            kinds = collections.Counter(c.rule for c in r.changes)
            rows.append((rel, len(r.before), dict(kinds), len(r.rolled_back), len(r.new_findings), rejected_ok, dt))
    print("| document | findings | changes kept (by rule) | rolled back | new findings | reject all = input | s |")
    print("|---|---|---|---|---|---|---|")
    for rel, nb, kinds, nr, nn, ok, dt in rows:
        k = ", ".join(f"{a} ×{b}" for a, b in sorted(kinds.items())) or "—"
        print(f"| {rel} | {nb} | {k} | {nr} | {nn} | {'yes' if ok else 'NO'} | {dt:.1f} |")


if __name__ == "__main__":
    main()
