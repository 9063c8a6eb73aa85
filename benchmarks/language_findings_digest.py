"""The findings of the language rules (NN…) on a fixed sample of corpus documents, as digests: proof
that a speed change changed no result.

    nice -n 10 .venv/bin/python benchmarks/language_findings_digest.py --write   # record (before a change)
    nice -n 10 .venv/bin/python benchmarks/language_findings_digest.py           # compare (after it)

Sample (fixed, ≈ 310 documents of mixed sources, chosen by position in sorted listings, no file
named in code): every 5th vbpl-central-2025 full text (160), every 3rd tvpl-2025-md page (94),
every 2nd Công báo PDF (44, read from the PDF by the real reader), the other Công báo texts as .txt
(44 … capped at 20) and the Word files of nd30-2020-original-word (DOCX). Each document goes through
`vbqppl_check.check(..., Config(select=("NN",)))`; every finding is recorded with its rule, severity,
all its locations (block, start, end), both messages, found/expected/suggestion.

Stored: tests/data/language_findings_digest.json — per document, per rule: the number of findings and
the SHA-1 of their canonical JSON. `--dump FILE` also writes every finding (JSONL) to diff a mismatch.
tests/test_language_speed_equivalence.py runs the comparison (corpus fixture). When a rule's
behaviour is changed on purpose, re-record with --write and say so in the change.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
DIGEST = ROOT / "tests" / "data" / "language_findings_digest.json"


def sample(corpus: Path):
    """(key, loader) of the fixed sample; loader() -> something vbqppl_check.check accepts."""
    from vbqppl_check.readers import read
    out = []
    with gzip.open(corpus / "vbpl-central-2025" / "vbpl_central.jsonl.gz", "rt", encoding="utf-8") as fh:
        k = 0
        for line in fh:
            rec = json.loads(line)
            if not rec.get("text"):
                continue
            if k % 5 == 0:
                out.append((f"vbpl:{rec['source_file']}",
                            (lambda t=rec["text"]: read(t.encode("utf-8"), name="doc.txt"))))
            k += 1
    md = sorted((corpus / "tvpl-2025-md" / "docs").glob("*.md"))
    out += [(f"tvpl:{p.name}", (lambda p=p: p)) for p in md[::3]]
    pdfs = sorted((corpus / "congbao-pdf-8topics" / "pdf").glob("*.pdf"))
    out += [(f"congbao-pdf:{p.name}", (lambda p=p: p)) for p in pdfs[::2]]
    txts = sorted((corpus / "congbao-pdf-8topics" / "txt").glob("*.txt"))
    out += [(f"congbao-txt:{p.name}", (lambda p=p: p)) for p in txts[1::2][:20]]
    docx = sorted((corpus / "nd30-2020-original-word").rglob("*.docx"))
    out += [(f"docx:{p.relative_to(corpus).as_posix()}", (lambda p=p: p)) for p in docx]
    return out


def finding_record(f) -> dict:
    return {"rule": f.rule, "severity": f.severity,
            "locations": [[loc.block, loc.start, loc.end] for loc in f.locations],
            "vi": f.message_vi, "en": f.message_en, "found": f.found, "expected": f.expected,
            "suggestion": f.suggestion}


def findings_of(target, select=("NN",)) -> list[dict]:
    from vbqppl_check import Config, check
    res = check(target, Config(select=select), strict=True)
    recs = [finding_record(f) for f in res.findings if f.rule.startswith("NN")]
    recs.sort(key=lambda r: (r["rule"], r["locations"], r["vi"]))
    return recs


def digest(recs: list[dict]) -> dict[str, list]:
    by_rule: dict[str, list[dict]] = {}
    for r in recs:
        by_rule.setdefault(r["rule"], []).append(r)
    return {rule: [len(rs), hashlib.sha1(json.dumps(rs, ensure_ascii=False, sort_keys=True).encode()).hexdigest()]
            for rule, rs in sorted(by_rule.items())}


def compute(corpus: Path, dump: Path | None = None, limit: int | None = None) -> dict[str, dict]:
    out: dict[str, dict] = {}
    fh = open(dump, "w", encoding="utf-8") if dump else None
    try:
        for key, load in sample(corpus)[:limit]:
            recs = findings_of(load())
            out[key] = digest(recs)
            if fh:
                for r in recs:
                    fh.write(json.dumps({"doc": key, **r}, ensure_ascii=False) + "\n")
    finally:
        if fh:
            fh.close()
    return out


def compare(saved: dict, now: dict, skip_rules=()) -> list[str]:
    """Differences (document, rule, saved, now), ignoring the rules in `skip_rules`."""
    diffs = []
    for key in sorted(set(saved) | set(now)):
        a, b = saved.get(key, {}), now.get(key, {})
        for rule in sorted(set(a) | set(b)):
            if rule in skip_rules:
                continue
            if a.get(rule) != b.get(rule):
                diffs.append(f"{key} {rule}: saved {a.get(rule)} now {b.get(rule)}")
    return diffs


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--write", action="store_true", help="record the digests (before a change)")
    ap.add_argument("--dump", type=Path, help="also write every finding as JSONL")
    ap.add_argument("--skip", default="", help="comma-separated rules not compared")
    args = ap.parse_args(argv)
    now = compute(args.corpus, args.dump)
    n = sum(c for d in now.values() for c, _ in d.values())
    if args.write:
        DIGEST.write_text(json.dumps({"documents": len(now), "findings": n, "digests": now},
                                     ensure_ascii=False, indent=0, sort_keys=True) + "\n", "utf-8")
        print(f"recorded {len(now)} documents, {n} findings -> {DIGEST}")
        return 0
    saved = json.loads(DIGEST.read_text("utf-8"))["digests"]
    diffs = compare(saved, now, set(filter(None, args.skip.split(","))))
    print(f"{len(now)} documents, {n} findings; {len(diffs)} differences")
    for d in diffs[:50]:
        print(" ", d)
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
