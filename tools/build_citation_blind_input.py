"""Build the INPUT of the blind citation gold set (tests/data/citations_blind_input.jsonl).

    .venv/bin/python tools/build_citation_blind_input.py      # rewrites the file (deterministic)

Plain text means only: this script never imports vbqppl_check (the labellers must not see, and the
sample must not be shaped by, the parser's reading). It picks documents from ../shared/corpus that
are not sources of tests/data/citations_gold.jsonl and belong to the evaluation half of the shared
split (benchmarks/_split.py: SHA-1 of the corpus-relative key, first hex digit odd), stratified by
corpus and document type with a fixed seed, and takes from each:

* every preamble line that starts with "Căn cứ", "Thực hiện", "Theo đề nghị" or "Xét" (a line
  broken by the PDF is joined with its continuation lines up to the ";", "." or ":" that ends it);
* up to BODY_PER_DOC body paragraphs that contain a document number ("12/2020/NĐ-CP",
  "57-NQ/TW", "712/TTr-STC") or "Điều N … này" (random, fixed seed).

See tests/data/citations_blind_README.md.
"""
from __future__ import annotations

import csv
import gzip
import hashlib
import json
import random
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
OUT = ROOT / "tests" / "data" / "citations_blind_input.jsonl"
GOLD = ROOT / "tests" / "data" / "citations_gold.jsonl"
SEED = 20261204
VBPL = "vbpl-central-2025/vbpl_central.jsonl.gz"
QUOTA = {"vbpl-central-2025": 20, "congbao-pdf-8topics": 14, "tvpl-2025-md": 14}
BODY_PER_DOC = 5
MAX_LEN = 1500

_PRE = re.compile(r"^[-–•*_\s]*(căn\s+cứ|thực\s+hiện|theo\s+đề\s+nghị|xét)\b", re.IGNORECASE)
_ARTICLE_1 = re.compile(r"^[*_\s]*Điều\s+1\s*[.:]")
_NEW_UNIT = re.compile(r"^[*_\s]*(Điều\s+\d+|Chương\s+[IVXLC\d]+|Mục\s+\d+|Phần\s|PHỤ\s+LỤC|Phụ\s+lục|"
                       r"\d+(\.\d+)*\.\s|[a-zđ]\)|[-–•+]\s|QUYẾT\s+ĐỊNH|QUYẾT\s+NGHỊ|NGHỊ\s+ĐỊNH|CHỈ\s+THỊ)")
_FURNITURE = re.compile(r"^\s*(CÔNG\s+BÁO\b|\d{1,4}\s*$|Ký\s+bởi:|Cơ\s+quan:|Ngày\s+ký:|Thời\s+gian\s+ký:)")
_NUMBER = re.compile(r"\b\d+[a-z]?\s?/\s?(?:\d{4}\s?/\s?)?[A-ZĐÐ][A-ZĐÐa-zđ0-9]*(?:\s?[-–]\s?[A-ZĐÐ0-9][A-ZĐÐa-zđ0-9]*)*"
                     r"|\b\d+-[A-ZĐ]+/[A-ZĐ]+")
_DIEU_NAY = re.compile(r"[Đđ]iều\s+\d+[a-z]?\b[^.;]{0,120}?\bnày\b")


def is_evaluation(key: str) -> bool:
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest()[0], 16) % 2 == 1


def _nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def vbpl_docs():
    with gzip.open(CORPUS / VBPL, "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if not r.get("text"):
                continue
            title = _nfc(r.get("title") or "")
            m = re.match(r"(Thông tư liên tịch|Thông tư|Nghị định|Nghị quyết|Quyết định|Luật|Bộ luật|Pháp lệnh|Chỉ thị)",
                         title, re.IGNORECASE)
            dtype = m.group(1).capitalize() if m else "khác"
            y = re.search(r"/(\d{4})/", title)
            lines = [x.strip() for x in _nfc(r["text"]).split("\n")]
            yield f"{VBPL}#{r['source_file']}", dtype, y.group(1) if y else "", lines, False


def congbao_docs():
    for path in sorted((CORPUS / "congbao-pdf-8topics" / "txt").glob("*.txt")):
        dtype = path.name.split("-so-")[0].replace("-", " ")
        y = re.search(r"-(\d{4})-", path.name)
        lines = [x.strip() for x in _nfc(path.read_text(encoding="utf-8")).split("\n")]
        yield f"congbao-pdf-8topics/txt/{path.name}", dtype, y.group(1) if y else "", lines, True


def tvpl_docs():
    folder = CORPUS / "tvpl-2025-md"
    with open(folder / "index.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for r in rows:
        local = r["noi_ban_hanh"].startswith(("Tỉnh", "Thành phố"))
        if r["loai_van_ban"] not in ("Quyết định", "Nghị quyết", "Thông tư", "Nghị định", "Kế hoạch"):
            continue           # Công văn / Công điện / Thông báo pages rarely have căn cứ
        lines = [x.replace("**", "").strip() for x in _nfc((folder / "docs" / r["file"]).read_text(encoding="utf-8")).split("\n")]
        cut = next((k for k, x in enumerate(lines) if x.startswith(("Văn bản này chưa cập nhật", "## Văn bản liên quan"))),
                   len(lines))
        lines = lines[:max(cut - 1, 0)]   # the site's summary and related-document list after the signature
        lines = [x.strip("|#*_ ").strip() for x in lines]   # markdown emphasis / table bars around the text
        lines = ["" if "THƯ VIỆN PHÁP LUẬT" in x.upper() or "thuvienphapluat" in x else x for x in lines]  # site furniture
        yield (f"tvpl-2025-md/docs/{r['file']}", r["loai_van_ban"] + (" (địa phương)" if local else ""),
               r["ngay_ban_hanh"][-4:], lines, True)


def _units(lines: list[str], wrapped: bool, blank_breaks: bool) -> list[tuple[int, int, str]]:
    """(first line, last line, text): paragraphs; PDF lines joined until a line ends a sentence."""
    out: list[tuple[int, int, str]] = []
    cur: list[tuple[int, str]] = []

    def flush():
        if cur:
            out.append((cur[0][0], cur[-1][0], " ".join(t for _, t in cur)))
            cur.clear()
    for k, t in enumerate(lines):
        if not t or _FURNITURE.match(t):
            if not wrapped or blank_breaks:
                flush()
            continue
        if not wrapped:
            cur.append((k, t))
            flush()
            continue
        starts_new = bool(_PRE.match(t) or _NEW_UNIT.match(t))
        if cur and (starts_new or cur[-1][1].rstrip(" *_").endswith((";", ".", ":", "!", "?")) or k - cur[-1][0] > 4
                    or len(cur) >= 12):
            flush()
        cur.append((k, t))
    flush()
    return out


def candidates(source: str, lines: list[str], wrapped: bool, rnd: random.Random) -> list[dict]:
    first = next((k for k, t in enumerate(lines) if _ARTICLE_1.match(t)), None)
    units = _units(lines, wrapped, blank_breaks=source.startswith("tvpl-"))
    pre, body = [], []
    for a, b, text in units:
        if len(text) > MAX_LEN or "…" in text or "..." in text:
            continue
        in_preamble = first is None or a < first
        if in_preamble and _PRE.match(text):
            pre.append((a, b, text))
        elif not in_preamble and (_NUMBER.search(text) or _DIEU_NAY.search(text)):
            body.append((a, b, text))
    body = sorted(rnd.sample(body, min(BODY_PER_DOC, len(body))))
    out = []
    for a, b, text in pre + body:
        low = text.lstrip("-–•*_ ").lower()
        part = "preamble" if (a, b, text) in pre else "body"
        mode = "basis" if part == "preamble" and low.startswith(("căn cứ", "thực hiện")) else "text"
        out.append({"source": source, "line": a, "last_line": b, "part": part, "mode": mode, "text": text})
    return out


def main() -> None:
    import argparse
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--exclude", type=Path, nargs="*", default=[],
                    help="earlier inputs (JSONL with 'source') whose documents must not be sampled again")
    ap.add_argument("--scale", type=float, default=1.0, help="multiply the per-corpus quotas")
    args = ap.parse_args()
    gold_docs = {json.loads(x)["source"] for x in GOLD.read_text(encoding="utf-8").splitlines() if x.strip()}
    for path in args.exclude:
        gold_docs |= {json.loads(x)["source"] for x in path.read_text(encoding="utf-8").splitlines() if x.strip()}
    quota = {k: max(1, round(v * args.scale)) for k, v in QUOTA.items()}
    rnd = random.Random(args.seed)
    records: list[dict] = []
    docs_used = []
    for corpus, gen in (("vbpl-central-2025", vbpl_docs), ("congbao-pdf-8topics", congbao_docs),
                        ("tvpl-2025-md", tvpl_docs)):
        strata: dict[str, list] = defaultdict(list)
        for src, dtype, year, lines, wrapped in gen():
            if src in gold_docs or not is_evaluation(src):
                continue
            strata[dtype].append((src, year, lines, wrapped))
        for v in strata.values():
            rnd.shuffle(v)
        # round-robin over the types (sorted for determinism) until the corpus quota is met
        picked = 0
        order = sorted(strata)
        while picked < quota[corpus] and any(strata.values()):
            for dtype in order:
                if picked >= quota[corpus] or not strata[dtype]:
                    continue
                src, year, lines, wrapped = strata[dtype].pop()
                cands = candidates(src, lines, wrapped, rnd)
                if not cands:
                    continue
                docs_used.append((src, dtype, year, len(cands)))
                records.extend(cands)
                picked += 1
    with open(args.out, "w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    for d in docs_used:
        print(*d, sep="\t")
    print(len(docs_used), "documents", len(records), "candidate lines")


if __name__ == "__main__":
    main()
