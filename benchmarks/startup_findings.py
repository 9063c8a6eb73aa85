"""Findings of a fixed sample of real corpus documents, loaded lazily (the default) or eagerly.

    python benchmarks/startup_findings.py [--eager] [--corpus DIR] [--per-set N]

Prints one JSON line per document: {"path": …, "findings": [[rule, block, start, end, found, suggestion], …]}.
--eager: with the user cache disabled, import spaCy, build the gazetteer's PhraseMatcher, the word
model, the lexicon and the dictionary before the first document (the behaviour before lazy loading).
tests/test_startup.py runs it both ways and compares.

The sample: the first N documents (sorted by path) of the evaluation half (benchmarks/_split.py) of each
of the DOCX, Công báo PDF and thuvienphapluat Markdown sets.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _split import is_evaluation  # noqa: E402

SETS = (("nd30-2020-original-word", "*.docx"), ("congbao-pdf-8topics/pdf", "*.pdf"), ("tvpl-2025-md/docs", "*.md"))


def sample(corpus: Path, per_set: int) -> list[Path]:
    out: list[Path] = []
    for folder, pattern in SETS:
        files = sorted(p for p in (corpus / folder).rglob(pattern) if is_evaluation(p, corpus))
        out.extend(files[:per_set])
    return out


def warm_eagerly() -> None:
    os.environ["VBQPPL_CHECK_NO_CACHE"] = "1"
    from vbqppl_check.engine import implementations, load_catalogue
    from vbqppl_check.nlp.langmodel import dictionary_words, model
    from vbqppl_check.nlp.lexicon import lexicon
    from vbqppl_check.nlp.pipeline import gazetteer
    load_catalogue()
    implementations()
    gz = gazetteer()
    gz.matcher   # noqa: B018 — imports spaCy and builds the PhraseMatcher now
    model()
    lexicon().known_valid()
    dictionary_words()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--eager", action="store_true")
    ap.add_argument("--corpus", default=os.environ.get("VBQPPL_CORPUS") or str(HERE.parent.parent / "shared" / "corpus"))
    ap.add_argument("--per-set", type=int, default=4)
    args = ap.parse_args()
    if args.eager:
        warm_eagerly()
    import vbqppl_check
    corpus = Path(args.corpus)
    for path in sample(corpus, args.per_set):
        result = vbqppl_check.check(path)
        rows = sorted(([f.rule, f.location.block, f.location.start, f.location.end, f.found, f.suggestion]
                       for f in result.findings), key=lambda r: json.dumps(r, ensure_ascii=False, default=str))
        print(json.dumps({"path": path.relative_to(corpus).as_posix(), "status": result.status,
                          "findings": rows}, ensure_ascii=False, default=str), flush=True)
    print(json.dumps({"modules": {m: m in sys.modules for m in ("spacy", "underthesea", "jsonschema")}}))


if __name__ == "__main__":
    main()
