"""Run the language rules (NN…) over the real texts of ../shared/corpus and write every finding with
its context, for the hand review reported in docs/language.md.

    .venv/bin/python benchmarks/language_findings.py --out /tmp/nn_findings.jsonl [--heldout-only]

Sources: vbpl-central-2025 full texts (each read by the text reader, parsed by the real parser) and
congbao-pdf-8topics/txt. `--heldout-only` keeps the vbpl records that tools/build_lexicon.py left out
of the statistics (index % 10 == 0), so NN003 is judged on unseen text.
"""
from __future__ import annotations

import argparse
import collections
import gzip
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def documents(corpus: Path, heldout_only: bool, holdout: int = 10, offset: int | None = None):
    with gzip.open(corpus / "vbpl-central-2025" / "vbpl_central.jsonl.gz", "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if heldout_only and i % holdout:
                continue
            if offset is not None and i % holdout != offset:
                continue
            rec = json.loads(line)
            if rec.get("text"):
                yield f"vbpl:{rec['source_file']}", rec["text"]
    for f in sorted((corpus / "congbao-pdf-8topics" / "txt").glob("*.txt")):
        yield f"congbao:{f.name}", f.read_text("utf-8", errors="replace")


def main(argv=None) -> int:
    from vbqppl_check.config import Config
    from vbqppl_check.engine import run_checks
    from vbqppl_check.parse import parse
    from vbqppl_check.readers import read

    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--heldout-only", action="store_true")
    ap.add_argument("--select", default="NN")
    ap.add_argument("--slice", type=int, default=None, help="only vbpl records with index % 10 == SLICE (and all Công báo texts)")
    args = ap.parse_args(argv)
    cfg = Config(select=(args.select,))
    per_rule: collections.Counter[str] = collections.Counter()
    n_docs, t_checks = 0, 0.0
    with open(args.out, "w", encoding="utf-8") as out:
        for name, text in documents(args.corpus, args.heldout_only, offset=args.slice):
            doc = parse(read(text.encode("utf-8"), name="doc.txt"))
            t0 = time.perf_counter()
            findings = run_checks(doc, cfg)
            t_checks += time.perf_counter() - t0
            n_docs += 1
            for f in findings:
                per_rule[f.rule] += 1
                b = f.location.block
                block = doc.source.blocks[b].text if b is not None else ""
                s, e = f.location.start, f.location.end
                ctx = block[max(0, (s or 0) - 60):(e or 0) + 60] if s is not None else block[:160]
                out.write(json.dumps({"doc": name, "rule": f.rule, "severity": f.severity, "block": b,
                                      "start": s, "end": e, "found": f.found, "suggestion": f.suggestion,
                                      "context": ctx, "text": block}, ensure_ascii=False) + "\n")
    print(json.dumps({"documents": n_docs, "check_seconds": round(t_checks, 2), "findings": dict(sorted(per_rule.items()))}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
