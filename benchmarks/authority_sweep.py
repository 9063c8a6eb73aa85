"""Run the authority (TQ) and effect (HL) checks over the real documents of ../shared/corpus.

    .venv/bin/python benchmarks/authority_sweep.py [--limit N] [--jsonl out.jsonl]

Sets: tvpl-2025-md (282 pages of thuvienphapluat, 137 local), real-pdf-local-2025 (the Lai Châu draft
with a text layer, and the two MinerU outputs), vbpl-central-2025 (the full texts). For the vbpl set the
effective date we extract (HL clause) is compared with vbpl.vn's own "effective_date" field, which
measures the effect-clause reader. Prints counts per rule and severity and every error and warning.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from vbqppl_check.checks.effect import effect_clause  # noqa: E402
from vbqppl_check.config import Config  # noqa: E402
from vbqppl_check.engine import run_checks  # noqa: E402
from vbqppl_check.parse import parse  # noqa: E402
from vbqppl_check.readers import read  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
CFG = Config(select=("TQ", "HL"))


def _docs(limit: int | None):
    tv = CORPUS / "tvpl-2025-md"
    with open(tv / "index.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for r in rows[:limit]:
        yield "tvpl", r["file"], (tv / "docs" / r["file"]), None
    pdf = CORPUS / "real-pdf-local-2025"
    yield "pdf", "laichau_draft.pdf", pdf / "laichau_draft_QD-UBND_2025_congbo_TTHC_hotrodautu.pdf", None
    for p in sorted((pdf / "ocr_output_by_source_repo").glob("*.md")):
        yield "pdf-ocr", p.name, p, None
    # congbot: documents split into chunks (preamble first); joined for the header-driven checks
    for folder in sorted((CORPUS / "congbot-docs-with-relations" / "data").iterdir()):
        parts = sorted(folder.glob("*.md"), key=lambda p: (not p.stem.endswith("preamble"), p.stem))
        if parts:
            text = "\n".join(p.read_text(encoding="utf-8") for p in parts)
            yield "congbot", folder.name, text.encode("utf-8"), None
    with gzip.open(CORPUS / "vbpl-central-2025" / "vbpl_central.jsonl.gz", "rt", encoding="utf-8") as fh:
        n = 0
        for line in fh:
            rec = json.loads(line)
            if not rec.get("has_fulltext") or not rec.get("text"):
                continue
            n += 1
            if limit is not None and n > limit:
                break
            yield "vbpl", rec["source_file"], rec["text"].encode("utf-8"), rec.get("effective_date")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--jsonl", type=Path, default=None)
    args = ap.parse_args(argv)
    counts: Counter = Counter()
    docs: Counter = Counter()
    eff = Counter()
    out = open(args.jsonl, "w", encoding="utf-8") if args.jsonl else None
    t0 = time.perf_counter()
    for corpus_set, name, src, vbpl_eff in _docs(args.limit):
        try:
            source = read(src, name=name + ".txt") if isinstance(src, bytes) else read(src)
            doc = parse(source)
            fs = run_checks(doc, CFG)
        except Exception as exc:  # noqa: BLE001 - a sweep records and goes on
            counts[(corpus_set, "read/parse error", type(exc).__name__)] += 1
            continue
        docs[corpus_set] += 1
        if vbpl_eff and vbpl_eff[:2].isdigit():
            want = dt.datetime.strptime(vbpl_eff, "%d/%m/%Y").date()
            c = effect_clause(doc)
            eff["with_vbpl_date"] += 1
            if c is None:
                eff["no_clause"] += 1
            elif c.date == want:
                eff["same_date"] += 1
            elif c.date is None:
                eff["relative_or_blank"] += 1
            else:
                eff["different_date"] += 1
        for f in fs:
            counts[(corpus_set, f.rule, f.severity)] += 1
            rec = {"set": corpus_set, "doc": name, "rule": f.rule, "severity": f.severity,
                   "number": doc.metadata.number, "issuer": doc.issuer.name if doc.issuer else None,
                   "date": doc.metadata.date, "message": f.message_vi, "found": f.found}
            if out:
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            if f.severity in ("error", "warning"):
                print(f"{f.severity:7} {f.rule} [{corpus_set}] {name} {doc.metadata.number} | {f.message_vi[:200]}")
    dt_s = time.perf_counter() - t0
    print(f"\ndocuments: {dict(docs)}  ({dt_s:.1f} s)")
    for k, v in sorted(counts.items()):
        print("  ", *k, v)
    print("effective date vs vbpl.vn:", dict(eff))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
