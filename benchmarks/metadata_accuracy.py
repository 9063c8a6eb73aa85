"""Metadata accuracy: parsed metadata vs the metadata that comes with the corpus.

    .venv/bin/python benchmarks/metadata_accuracy.py [--pdf] [--docx] [--markdown docs/metadata-accuracy.md]

Sets (read from ../shared/corpus, never copied):
- vbpl:    vbpl-central-2025 full texts; expected number/type/title from the page title, issuer/date/signer
           from the "Thuộc tính" properties where the page has them (156 records).
- congbao: congbao-pdf-8topics txt/ (and pdf/ with --pdf); expected number from index_all_400.json "so_hieu",
           type from meta "loai" (the scraper's labels, normalised; "Khác" is not a type and is skipped).
- tvpl:    tvpl-2025-md docs; expected from index.csv (so_hieu, loai_van_ban, ngay_ban_hanh, noi_ban_hanh,
           nguoi_ky). noi_ban_hanh names the place for local bodies ("Tỉnh Hà Tĩnh"), so the issuer matches
           when it equals the issuer's name or its province/commune.
- binhduong: the registry's số ký hiệu strings through the number parser (no documents: only numbers).
"issuer (symbol)" rows compare the parsed issuer with the body that the number's own symbol names
(rules/issuers.yaml abbreviations): a consistency measure for sets without an issuer field.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import sys
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"

from vbqppl_check.limits import Limits  # noqa: E402
from vbqppl_check.parse.document import parse_structure as parse  # noqa: E402 - metadata only, no citations
from vbqppl_check.parse.issuer import central_by_abbr, norm_tone  # noqa: E402
from vbqppl_check.parse.number import fold_symbol, parse_number  # noqa: E402
from vbqppl_check.readers import read  # noqa: E402

FIELDS = ("number", "type", "date", "issuer", "issuer (symbol)", "title", "signer")


def norm(s: str | None) -> str:
    s = unicodedata.normalize("NFC", s or "")
    s = norm_tone(s).lower()
    s = re.sub(r"[\u200b\u200c\u200d\ufeff]", "", s)
    s = re.sub(r"[\s\-–—.,;:()\"“”'*]+", " ", s)
    return s.strip()


TYPE_ALIASES = {"qđ": "quyết định", "nq": "nghị quyết", "vb hn": "văn bản hợp nhất", "tt liên tịch": "thông tư liên tịch",
                "ttlt": "thông tư liên tịch"}


def norm_type(s: str | None) -> str:
    n = norm(s)
    return TYPE_ALIASES.get(n, n)


@dataclass
class SetResult:
    name: str
    scope: str = "all"
    docs: int = 0
    seconds: float = 0.0
    counts: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0]))   # field -> [ok, total]
    misses: dict = field(default_factory=lambda: defaultdict(list))             # field -> [(doc, expected, got)]

    def add(self, fld: str, ok: bool, doc: str, expected, got):
        c = self.counts[fld]
        c[1] += 1
        if ok:
            c[0] += 1
        else:
            self.misses[fld].append((doc, expected, got))

    def accuracy(self, fld: str) -> float | None:
        ok, total = self.counts.get(fld, (0, 0))
        return ok / total if total else None


def _symbol_issuer(number: str | None) -> str | None:
    if not number:
        return None
    n = parse_number(number)
    if n is None or len(n.issuer_abbrs) != 1:
        return None
    c = central_by_abbr(n.issuer_abbrs[0])
    return c.name if c else None


def header_in_input(src) -> bool:
    """Whether the reader's blocks show a header at all (a quốc hiệu): documents whose file (or reader
    output) lost the header cannot be indexed from their text; they are counted apart."""
    from vbqppl_check.parse.header import header_anchor
    from vbqppl_check.parse.lines import document_lines
    lines, furniture = document_lines(src)   # a gazette's e-signature stamp also names the quốc hiệu
    # a quốc hiệu met only after articles / căn cứ / Nơi nhận belongs to a form in an annex
    return header_anchor([ln for ln in lines if ln.block not in furniture and ln.text]) is not None


def printed_elsewhere(src, md, exp: dict) -> bool:
    """The metadata's number is not printed in the document's first lines while the parsed one is: the
    corpus metadata describes another text (vbpl pages whose text shows another number, a draft with a
    blank number, a typo in the printed number). Such cases are listed, not counted in the header scope."""
    if not exp.get("number") or not md.number:
        return False
    head = fold_symbol(" ".join(b.text for b in src.blocks[:60]))
    def printed(num: str) -> bool:
        return re.search(r"(?<![0-9])" + re.escape(fold_symbol(num)), head) is not None
    return not printed(exp["number"]) and printed(md.number)


def _compare(results: tuple[SetResult, SetResult], doc_id: str, src, md, exp: dict):
    _compare_common(results[0], doc_id, md, exp)
    results[0].docs += 1
    if header_in_input(src):
        if printed_elsewhere(src, md, exp):
            results[0].misses["(metadata number not printed in the text: corpus metadata disagrees)"].append(
                (doc_id, exp["number"], md.number))
            exp = {k: v for k, v in exp.items() if k != "number"}
        _compare_common(results[1], doc_id, md, exp)
        results[1].docs += 1
    else:
        results[0].misses["(no header in the reader's output)"].append((doc_id, "", ""))


def _compare_common(res: SetResult, doc_id: str, md, exp: dict):
    if exp.get("number"):
        res.add("number", fold_symbol(md.number or "") == fold_symbol(exp["number"]), doc_id, exp["number"], md.number)
    if exp.get("number_slug"):
        res.add("number", slugify(md.number) == exp["number_slug"], doc_id, exp["number_slug"], md.number)
    if exp.get("type"):
        res.add("type", norm_type(md.type) == norm_type(exp["type"]), doc_id, exp["type"], md.type)
    if exp.get("date"):
        res.add("date", md.date == exp["date"], doc_id, exp["date"], md.date)
    if exp.get("issuer"):
        cands = {norm(x) for x in exp["issuer"]} if isinstance(exp["issuer"], (list, tuple)) else {norm(exp["issuer"])}
        res.add("issuer", norm(md.issuer) in cands or norm(md.province) in cands or norm(md.commune) in cands
                or (md.province is not None and norm(f"{md.issuer} {md.province}") in cands),
                doc_id, exp["issuer"], md.issuer)
    sym = _symbol_issuer(exp.get("number") or (md.number if exp.get("number_slug") and
                                                 slugify(md.number) == exp["number_slug"] else None))
    if sym:
        res.add("issuer (symbol)", norm(md.issuer) == norm(sym), doc_id, sym, md.issuer)
    if exp.get("title"):
        res.add("title", norm(md.title) == norm(exp["title"]), doc_id, exp["title"][:120], (md.title or "")[:120])
    if exp.get("signer"):
        res.add("signer", norm(md.signer) == norm(exp["signer"]), doc_id, exp["signer"], md.signer)


def slugify(s: str | None) -> str:
    t = unicodedata.normalize("NFD", (s or "").replace("Đ", "D").replace("đ", "d"))
    t = "".join(c for c in t if not unicodedata.combining(c)).lower().replace(".", "")
    return re.sub(r"[^a-z0-9]+", "-", t).strip("-")


def _iso(dmy: str | None) -> str | None:
    m = re.match(r"(\d{1,2})/(\d{1,2})/(\d{4})$", (dmy or "").strip())
    return f"{int(m.group(3)):04d}-{int(m.group(2)):02d}-{int(m.group(1)):02d}" if m else None


TITLE_RE = re.compile(r"^(?P<type>.+?)\s+(?:số|SỐ|Số)\s*:?\s*(?P<num>\S+)\s*(?P<title>.*)$", re.S)


def vbpl_expected(rec: dict) -> dict:
    exp: dict = {}
    title = unicodedata.normalize("NFC", rec.get("title") or "")
    m = TITLE_RE.match(title)
    if m and "/" in m.group("num"):
        exp["number"] = m.group("num")
        typ = m.group("type").strip()
        # "LUẬT THI HÀNH … SỐ 128/2025/QH15": the type is the first word(s) of the name.
        if typ.upper().startswith("LUẬT ") or typ.startswith("Luật "):
            typ = "Luật"
        elif typ.upper().startswith("BỘ LUẬT"):
            typ = "Bộ luật"
        exp["type"] = typ
        if m.group("title").strip() and title[:1].upper() == title[:1] and not title.isupper():
            exp["title"] = m.group("title").strip()
    props = rec.get("properties") or {}
    if props:
        if props.get("Số hiệu"):
            exp["number"] = props["Số hiệu"]
        if props.get("Loại văn bản"):
            exp["type"] = props["Loại văn bản"]
        if props.get("Cơ quan ban hành"):
            exp["issuer"] = props["Cơ quan ban hành"]
        d = _iso(props.get("Ngày ban hành"))
        if d:
            exp["date"] = d
        if props.get("Người ký"):
            exp["signer"] = props["Người ký"]
    return exp


def run_vbpl(limit: int | None = None, step: int = 1) -> tuple[SetResult, SetResult]:
    res = (SetResult("vbpl (text)"), SetResult("vbpl (text)", "header"))
    path = CORPUS / "vbpl-central-2025" / "vbpl_central.jsonl.gz"
    t0 = time.perf_counter()
    n = 0
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if not rec.get("has_fulltext") or not rec.get("text"):
                continue
            n += 1
            if (n - 1) % step:
                continue
            if limit is not None and res[0].docs >= limit:
                break
            src = read(rec["text"].encode("utf-8"), name=rec["source_file"].replace(".html", ".txt"))
            md = parse(src).metadata
            _compare(res, rec["source_file"], src, md, vbpl_expected(rec))
    res[0].seconds = res[1].seconds = time.perf_counter() - t0
    return res


CONGBAO_TYPES = {"QĐ": "Quyết định", "NQ": "Nghị quyết", "VB HN": "Văn bản hợp nhất", "TT Liên tịch": "Thông tư liên tịch"}


def congbao_expected(slug: str, index: dict) -> dict:
    meta = json.loads((CORPUS / "congbao-pdf-8topics" / "meta" / f"{slug}.json").read_text(encoding="utf-8"))
    exp: dict = {}
    entry = index.get(slug) or {}
    # index_all_400 gives "Nghị định số 200/2026/NĐ-CP" for most entries but only the slug for some.
    m = re.search(r"số\s+(\S+/\S+)", entry.get("so_hieu") or "", re.IGNORECASE)
    if m:
        exp["number"] = m.group(1)
    else:
        # The slug spells the number: "thong-tu-so-02-2026-tt-btc-468745" → compared as a slug.
        sm = re.match(r".*?-so-(.+)-\d+$", slug)
        if sm:
            exp["number_slug"] = sm.group(1)
    loai = meta.get("loai")
    if loai and loai != "Khác":
        exp["type"] = CONGBAO_TYPES.get(loai, loai)
    return exp


def run_congbao(kind: str = "txt", limit: int | None = None, step: int = 1,
                born_digital: bool = False) -> tuple[SetResult, SetResult]:
    """`born_digital`: PDFs only, OCR off, and the documents whose first page is a scan left out
    (two gazette files carry a scanned first page: their metadata comes from OCR, not a text layer)."""
    res = (SetResult(f"congbao ({kind})"), SetResult(f"congbao ({kind})", "header"))
    base = CORPUS / "congbao-pdf-8topics"
    index = {e["slug"]: e for e in json.loads((base / "index_all_400.json").read_text(encoding="utf-8"))}
    files = sorted((base / kind).glob(f"*.{kind}"))[:limit][::step]
    t0 = time.perf_counter()
    for f in files:
        try:
            src = read(f, limits=Limits(ocr=False)) if born_digital else read(f)
            if born_digital and 1 in src.image_only_pages:
                continue
            md = parse(src).metadata
        except Exception as exc:  # noqa: BLE001 - a reader error counts as a miss on every field
            print(f"  {f.name}: {type(exc).__name__}: {exc}", file=sys.stderr)
            from vbqppl_check.model import Metadata, SourceDocument
            md, src = Metadata(), SourceDocument(path=str(f), format=kind, blocks=())
        _compare(res, f.name, src, md, congbao_expected(f.stem, index))
    res[0].seconds = res[1].seconds = time.perf_counter() - t0
    return res


def run_tvpl(limit: int | None = None) -> tuple[SetResult, SetResult]:
    res = (SetResult("tvpl (markdown)"), SetResult("tvpl (markdown)", "header"))
    base = CORPUS / "tvpl-2025-md"
    with open(base / "index.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))[:limit]
    t0 = time.perf_counter()
    for r in rows:
        src = read(base / "docs" / r["file"])
        md = parse(src).metadata
        exp = {"number": r["so_hieu"], "type": r["loai_van_ban"], "date": _iso(r["ngay_ban_hanh"]),
               "issuer": r["noi_ban_hanh"], "signer": r["nguoi_ky"]}
        _compare(res, r["file"], src, md, exp)
    res[0].seconds = res[1].seconds = time.perf_counter() - t0
    return res


def run_binhduong() -> SetResult:
    res = SetResult("binhduong (numbers)")
    with open(CORPUS / "binhduong-vbcddh-registry" / "data_vanbanphapluatBinhDuong.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    seen = set()
    t0 = time.perf_counter()
    for r in rows:
        s = (r.get("so_ky_hieu") or "").strip()
        if not s or s in seen:
            continue
        seen.add(s)
        res.docs += 1
        n = parse_number(s)
        # The number as printed must come back whole, with a running number and a symbol.
        ok = n is not None and n.number is not None and fold_symbol(n.raw) == fold_symbol(s)
        res.add("number", ok, s, s, n.raw if n else None)
    res.seconds = time.perf_counter() - t0
    return res


def table(results: list[SetResult]) -> str:
    head = "| set | scope | docs | " + " | ".join(FIELDS) + " | s/doc |"
    sep = "|---|---|---:|" + "---:|" * len(FIELDS) + "---:|"
    rows = [head, sep]
    for r in results:
        cells = []
        for f in FIELDS:
            ok, total = r.counts.get(f, (0, 0))
            cells.append(f"{100 * ok / total:.1f}% ({ok}/{total})" if total else "–")
        rows.append(f"| {r.name} | {r.scope} | {r.docs} | " + " | ".join(cells) + f" | {r.seconds / max(1, r.docs):.3f} |")
    return "\n".join(rows)


def misses(results: list[SetResult], per_field: int = 15) -> str:
    out = []
    for r in results:
        if r.scope == "header":
            continue
        for f, items in r.misses.items():
            if not items:
                continue
            out.append(f"\n### {r.name} — {f} ({len(items)} misses)\n")
            for doc, exp, got in items[:per_field]:
                out.append(f"- `{doc}`: expected `{exp}`, parsed `{got}`")
    return "\n".join(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pdf", action="store_true", help="also parse the Công báo PDFs (needs the PDF reader)")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--misses", type=int, default=15)
    args = ap.parse_args(argv)
    results = [*run_vbpl(args.limit), *run_congbao("txt", args.limit), *run_tvpl(args.limit), run_binhduong()]
    if args.pdf:
        results += run_congbao("pdf", args.limit)
        born = run_congbao("pdf", args.limit, born_digital=True)
        for r in born:
            r.name = "congbao (pdf, born-digital)"
        results += born
    print(table(results))
    print(misses(results, args.misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
