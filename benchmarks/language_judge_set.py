"""Write the language findings on unmutated EVALUATION-half texts for blind judging (issue 14).

    nice -n 10 .venv/bin/python benchmarks/language_judge_set.py [--out tests/data/language_findings_to_judge.jsonl]

Documents: the evaluation half (benchmarks/_split.py) of vbpl-central-2025 (the text of each record without vbpl.vn's page title,
key "vbpl-central-2025/vbpl_central.jsonl.gz#<source_file>"), congbao-pdf-8topics/txt and
tvpl-2025-md/docs — each read by the real reader and parsed by the real parser, checked with every
NN rule. Written: EVERY finding of severity warning or error, and 100 findings of severity info drawn
at random (seed 14), each with the corpus path, ±300 characters of context and a stable id.
Fields: id, path, rule, severity, message, excerpt, context (and found, suggestion, block, start, end).
The judges' verdicts come back as tests/data/language_verdicts.jsonl (id, verdict, note).
"""
from __future__ import annotations

import argparse
import collections
import hashlib
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"
OUT = ROOT / "tests" / "data" / "language_findings_to_judge.jsonl"


def evaluation_documents(corpus: Path):
    from benchmarks._split import half
    from tools.build_language_model import iter_documents
    for key, text in iter_documents(corpus, with_title=False):
        if half(key, "") == "evaluation":
            yield key, text


def finding_id(path: str, f) -> str:
    loc = f.location
    raw = f"{path}|{f.rule}|{loc.block}|{loc.start}|{loc.end}|{f.found}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def judge_records(corpus: Path, select=("NN",)):
    """(record dict, severity) for every NN finding on the evaluation half."""
    from vbqppl_check.config import Config
    from vbqppl_check.engine import run_checks
    from vbqppl_check.parse import parse
    from vbqppl_check.readers import read
    cfg = Config(select=select)
    for key, text in evaluation_documents(corpus):
        if "#" in key:
            doc = parse(read(text.encode("utf-8"), name="doc.txt"))
        else:
            doc = parse(read(corpus / key))
        blocks = doc.source.blocks
        starts, pos = {}, 0
        joined_parts = []
        for b in blocks:
            starts[b.index] = pos
            joined_parts.append(b.text)
            pos += len(b.text) + 1
        joined = "\n".join(joined_parts)
        for f in run_checks(doc, cfg):
            loc = f.location
            if loc.block is not None and loc.block in starts:
                a = starts[loc.block] + (loc.start or 0)
                b = starts[loc.block] + (loc.end if loc.end is not None else len(blocks[loc.block].text))
                context = joined[max(0, a - 300):a] + "⟦" + joined[a:b] + "⟧" + joined[b:b + 300]
            else:
                context = ""
            yield {"id": finding_id(key, f), "path": key, "rule": f.rule, "severity": f.severity,
                   "message": f.message_vi, "message_en": f.message_en, "excerpt": f.excerpt,
                   "found": f.found, "suggestion": f.suggestion, "block": loc.block, "start": loc.start,
                   "end": loc.end, "context": context}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--infos", type=int, default=100)
    args = ap.parse_args(argv)
    keep, infos = [], []
    for rec in judge_records(args.corpus):
        (infos if rec["severity"] == "info" else keep).append(rec)
    rng = random.Random(14)
    sample = rng.sample(infos, min(args.infos, len(infos)))
    out = keep + sample
    seen = set()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as fh:
        for rec in out:
            if rec["id"] in seen:
                continue
            seen.add(rec["id"])
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(json.dumps({"written": len(seen), "warnings_errors": len(keep), "infos_total": len(infos),
                      "infos_sampled": len(sample),
                      "per_rule": dict(collections.Counter(r["rule"] for r in out))}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
