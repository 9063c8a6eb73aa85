"""Build the word-level model of legal Vietnamese (corpora/lexicon/lm_*.tsv.gz) from the real texts in
../shared/corpus — the TUNING half only (benchmarks/_split.py); the evaluation half is never read.

    nice -n 10 .venv/bin/python tools/build_language_model.py [--corpus ../shared/corpus]
        [--without-dev --out /tmp/lm_nodev]   # a model without the dev fold, to tune thresholds

Sources (as tools/build_lexicon.py): vbpl-central-2025 records (text and title; split key
"vbpl-central-2025/vbpl_central.jsonl.gz#<source_file>"), congbao-pdf-8topics/txt/*.txt,
tvpl-2025-md/docs/*.md (split key: the corpus-relative path).

What is counted (NFC, lower case, oa/oe/uy tone marks in one place: "hoá" counts as "hóa"):
- lm_syllables.tsv.gz   syllable unigrams (count ≥ 2)
- lm_pairs.tsv.gz       syllable pairs separated by one plain space within a line (count ≥ 2)
- lm_words.tsv.gz       words of ≥ 2 syllables from underthesea's word segmentation
                        (word_tokenize(use_token_normalize=False); never fixed_words=) (count ≥ 2)
- lm_word_pairs.tsv.gz  adjacent segmented words, both alphabetic (count ≥ 5)
- lm_skips.tsv.gz       "a c<TAB>b<TAB>n": the syllable trigram a b c seen n ≥ 15 times (in ≥ 3 documents),
                        indexed by its outer syllables — the fixed phrases a missing word is looked up in
- lm_trigrams.tsv.gz   syllable trigrams "a b c" within a line (count ≥ 2): the NN100 decision's context
- lm_law_names.tsv.gz  "Luật<TAB>Đất đai<TAB>n": law names as cited, capitalised, ≥ 2 syllables, n ≥ 3
- lm_meta.json          sizes, sources, thresholds
The fixed phrases of legal drafting also have a curated list (corpora/lexicon/fixed_phrases.yaml).

Segmentation is cached per document under --cache (default /tmp/vbqppl_lm_seg) so that rebuilding
with other thresholds or folds does not segment again.
"""
from __future__ import annotations

import argparse
import collections
import gzip
import hashlib
import json
import re
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks._split import half  # noqa: E402
from vbqppl_check.nlp.langmodel import canon  # noqa: E402

OUT = ROOT / "corpora" / "lexicon"
SYLLABLE = re.compile(r"[^\W\d_]+")
VBPL = "vbpl-central-2025/vbpl_central.jsonl.gz"
# "Căn cứ Luật Đất đai ngày …", "Bộ luật Hình sự số …": names of laws as cited (NĐ 30 PL II V.6 form)
LAW_NAME = re.compile(r"(?<![\w])(Bộ luật|Luật) ((?:[A-ZĐÂÊÔƠƯ][^\W\d_]*)(?: [^\W\d_]+){0,9}?)"
                      r"(?= (?:số|ngày|năm|được|đã|và|của|hiện hành|quy định|có|thì|trong|tại|về|do)\b"
                      r"|[;,.:)\n\"”]|\s\d)")
MIN_LAW = 3
MIN_SYL, MIN_PAIR, MIN_WORD, MIN_WORD_PAIR, MIN_SKIP, MIN_SKIP_DOCS = 2, 2, 2, 5, 15, 3
MIN_TRIGRAM = 2


def record_key(rec: dict) -> str:
    """The split key of a vbpl record (the file holds 999 documents)."""
    return f"{VBPL}#{rec.get('source_file')}"


def iter_documents(corpus: Path, with_title: bool = True):
    """(split key, text) of every document of the three text sources (both halves). A vbpl record's text
    starts with the vbpl.vn page title unless with_title is False: that title is the website's metadata,
    not the document's words, so findings are judged without it (the model counts its words)."""
    with gzip.open(corpus / VBPL, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            text = "\n".join(x for x in (rec.get("title") if with_title else None, rec.get("text")) if x)
            if text:
                yield record_key(rec), text
    for sub, pat in (("congbao-pdf-8topics/txt", "*.txt"), ("tvpl-2025-md/docs", "*.md")):
        for f in sorted((corpus / sub).glob(pat)):
            yield f.relative_to(corpus).as_posix(), f.read_text("utf-8", errors="replace")


def is_dev(key: str) -> bool:
    """A quarter of the tuning half (second hex digit of the sha1 < 4): held out by --without-dev to
    tune the thresholds on text the model has not seen."""
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest()[1], 16) < 4


def tuning_documents(corpus: Path, without_dev: bool = False):
    for key, text in iter_documents(corpus):
        if half(key, "") != "tuning" or (without_dev and is_dev(key)):
            continue
        yield key, unicodedata.normalize("NFC", text)


def segmented(key: str, text: str, cache: Path) -> list[list[str]]:
    """underthesea words of each line (lower case), cached."""
    f = cache / (hashlib.sha1((key + "\0" + text).encode("utf-8")).hexdigest() + ".json.gz")
    if f.exists():
        with gzip.open(f, "rt", encoding="utf-8") as fh:
            return json.load(fh)
    from underthesea import word_tokenize
    out = []
    for line in text.splitlines():
        if line.strip():
            out.append([w.lower() for w in word_tokenize(line, use_token_normalize=False)])
    cache.mkdir(parents=True, exist_ok=True)
    with gzip.open(f, "wt", encoding="utf-8") as fh:
        json.dump(out, fh, ensure_ascii=False)
    return out


def count(corpus: Path, cache: Path, without_dev: bool):
    syl, pairs, words, wpairs = (collections.Counter() for _ in range(4))
    tri: collections.Counter[str] = collections.Counter()
    tri_docs: collections.Counter[str] = collections.Counter()
    docs, chars = collections.Counter(), 0
    laws: collections.Counter[str] = collections.Counter()
    t0 = time.time()
    for n, (key, text) in enumerate(tuning_documents(corpus, without_dev)):
        docs[key.split("/")[0]] += 1
        chars += len(text)
        low = text.lower()
        for m in LAW_NAME.finditer(text):
            if len(m.group(2).split()) >= 2 and not m.group(2).isupper():
                laws[f"{m.group(1)}\t{m.group(2)}"] += 1
        seen_tri = set()
        for line in low.splitlines():
            toks, prev_end = [], -1
            for m in SYLLABLE.finditer(line):
                w = canon(m.group())
                syl[w] += 1
                if toks and line[prev_end:m.start()] == " ":
                    toks[-1].append(w)
                else:
                    toks.append([w])
                prev_end = m.end()
            for run in toks:
                for a, b in zip(run, run[1:]):
                    pairs[f"{a} {b}"] += 1
                for a, b, c in zip(run, run[1:], run[2:]):
                    k = f"{a} {b} {c}"
                    tri[k] += 1
                    seen_tri.add(k)
        tri_docs.update(seen_tri)
        for line_words in segmented(key, text, cache):
            line_words = [" ".join(canon(x) for x in w.split(" ")) for w in line_words]
            for w in line_words:
                if " " in w and SYLLABLE.fullmatch(w.replace(" ", "")):
                    words[w] += 1
            alpha = [w if SYLLABLE.fullmatch(w.replace(" ", "")) else None for w in line_words]
            for a, b in zip(alpha, alpha[1:]):
                if a and b:
                    wpairs[f"{a}\t{b}"] += 1
        if n % 100 == 0:
            print(f"{n} documents, {chars / 1e6:.1f} M chars, {time.time() - t0:.0f} s", file=sys.stderr)
    return syl, pairs, words, wpairs, tri, tri_docs, docs, chars, laws


def write(path: Path, items) -> int:
    n = 0
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as fh:
        for line in items:
            fh.write(line + "\n")
            n += 1
    return n


def ranked(counter, minimum):
    for k, c in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])):
        if c < minimum:
            break
        yield f"{k}\t{c}"


def skips(tri, tri_docs):
    """The most frequent middle syllable b of each (a, c) among frequent trigrams a b c."""
    best: dict[str, tuple[str, int]] = {}
    for k, c in tri.items():
        if c < MIN_SKIP or tri_docs[k] < MIN_SKIP_DOCS:
            continue
        a, b, cc = k.split(" ")
        key = f"{a} {cc}"
        if key not in best or c > best[key][1]:
            best[key] = (b, c)
    for key, (b, c) in sorted(best.items(), key=lambda kv: (-kv[1][1], kv[0])):
        yield f"{key}\t{b}\t{c}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/vbqppl_lm_seg"))
    ap.add_argument("--without-dev", action="store_true")
    args = ap.parse_args(argv)
    syl, pairs, words, wpairs, tri, tri_docs, docs, chars, laws = count(args.corpus, args.cache, args.without_dev)
    args.out.mkdir(parents=True, exist_ok=True)
    sizes = {
        "lm_syllables.tsv.gz": write(args.out / "lm_syllables.tsv.gz", ranked(syl, MIN_SYL)),
        "lm_pairs.tsv.gz": write(args.out / "lm_pairs.tsv.gz", ranked(pairs, MIN_PAIR)),
        "lm_words.tsv.gz": write(args.out / "lm_words.tsv.gz", ranked(words, MIN_WORD)),
        "lm_word_pairs.tsv.gz": write(args.out / "lm_word_pairs.tsv.gz", ranked(wpairs, MIN_WORD_PAIR)),
        "lm_skips.tsv.gz": write(args.out / "lm_skips.tsv.gz", skips(tri, tri_docs)),
        "lm_trigrams.tsv.gz": write(args.out / "lm_trigrams.tsv.gz", ranked(tri, MIN_TRIGRAM)),
        "lm_law_names.tsv.gz": write(args.out / "lm_law_names.tsv.gz", ranked(laws, MIN_LAW)),
    }
    meta = {"split": "tuning half of benchmarks/_split.py" + (" without the dev fold" if args.without_dev else ""),
            "documents": dict(docs), "characters": chars, "syllable_tokens": sum(syl.values()),
            "word_tokens_multisyllable": sum(words.values()),
            "entries": sizes,
            "bytes": {k: (args.out / k).stat().st_size for k in sizes},
            "min_counts": {"syllable": MIN_SYL, "pair": MIN_PAIR, "word": MIN_WORD, "word_pair": MIN_WORD_PAIR,
                           "skip_trigram": MIN_SKIP, "trigram": MIN_TRIGRAM, "skip_trigram_documents": MIN_SKIP_DOCS, "law_name": MIN_LAW},
            "segmenter": "underthesea word_tokenize(use_token_normalize=False)"}
    (args.out / "lm_meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(json.dumps(meta, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
