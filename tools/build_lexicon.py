"""Build the derived language statistics in corpora/lexicon/ from the real texts in ../shared/corpus.

Only counts ship (syllable unigrams and syllable bigrams, pruned); the texts stay in shared/.
Sources: vbpl-central-2025 (full texts), congbao-pdf-8topics/txt, tvpl-2025-md/docs.

    .venv/bin/python tools/build_lexicon.py [--corpus ../shared/corpus] [--holdout 10]

`--holdout N` leaves out every N-th vbpl record (index % N == 0) so that precision can be measured
on texts the statistics have not seen (benchmarks/language_review.py uses the same split).
"""
from __future__ import annotations

import argparse
import collections
import gzip
import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "corpora" / "lexicon"

# A syllable is a run of letters (Vietnamese letters included); digits and punctuation split runs.
SYLLABLE = re.compile(r"[^\W\d_]+")
# Bigrams only between syllables separated by plain spaces (not punctuation, not a line break).
MIN_SYLLABLE = 2
MIN_BIGRAM = 3


def iter_texts(corpus: Path, holdout: int):
    """Yield (source, text) for every text used by the statistics."""
    path = corpus / "vbpl-central-2025" / "vbpl_central.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if holdout and i % holdout == 0:
                continue
            rec = json.loads(line)
            if rec.get("text"):
                yield "vbpl", rec["text"]
            if rec.get("title"):
                yield "vbpl", rec["title"]
    for f in sorted((corpus / "congbao-pdf-8topics" / "txt").glob("*.txt")):
        yield "congbao", f.read_text("utf-8", errors="replace")
    for f in sorted((corpus / "tvpl-2025-md" / "docs").glob("*.md")):
        yield "tvpl", f.read_text("utf-8", errors="replace")


def count(corpus: Path, holdout: int):
    uni: collections.Counter[str] = collections.Counter()
    bi: collections.Counter[str] = collections.Counter()
    docs: collections.Counter[str] = collections.Counter()
    chars = 0
    for source, text in iter_texts(corpus, holdout):
        docs[source] += 1
        text = unicodedata.normalize("NFC", text)
        chars += len(text)
        for line in text.splitlines():
            prev_end, prev = -1, None
            for m in SYLLABLE.finditer(line):
                w = m.group().lower()
                uni[w] += 1
                if prev is not None and line[prev_end:m.start()] == " ":
                    bi[f"{prev} {w}"] += 1
                prev, prev_end = w, m.end()
    return uni, bi, docs, chars


def write_counts(path: Path, counter: collections.Counter, minimum: int) -> int:
    n = 0
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as fh:
        for key, c in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])):
            if c < minimum:
                break
            fh.write(f"{key}\t{c}\n")
            n += 1
    return n


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--holdout", type=int, default=10,
                    help="leave out every N-th vbpl record (0 = use all)")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    uni, bi, docs, chars = count(args.corpus, args.holdout)
    args.out.mkdir(parents=True, exist_ok=True)
    n_uni = write_counts(args.out / "syllables.tsv.gz", uni, MIN_SYLLABLE)
    n_bi = write_counts(args.out / "bigrams.tsv.gz", bi, MIN_BIGRAM)
    meta = {"sources": dict(docs), "characters": chars, "holdout_every": args.holdout,
            "syllable_types": n_uni, "min_syllable_count": MIN_SYLLABLE,
            "bigram_types": n_bi, "min_bigram_count": MIN_BIGRAM,
            "syllable_tokens": sum(uni.values()),
            "note": "syllable counts from NFC-normalised, lower-cased text; bigrams of syllables "
                    "separated by one plain space within a line"}
    (args.out / "lexicon_meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n",
                                                "utf-8")
    print(json.dumps(meta, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
