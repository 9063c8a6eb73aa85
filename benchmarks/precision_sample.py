"""Draw the precision review set (issue #12): a stratified random sample of real documents from
../shared/corpus that no rule was built or tuned on.

    .venv/bin/python benchmarks/precision_sample.py            # writes tests/data/precision_sample.txt

Units (one line of the list each, a corpus-relative path):
- congbao-pdf-8topics/pdf/<slug>.pdf, tvpl-2025-md/docs/<hash>.md, vbpl-central-2025/samples_html/<f>.html,
  nd30-2020-original-word/…docx, real-pdf-local-2025/…, vbpl-attachments-central-laws/… : the file;
- vbpl-central-2025/vbpl_central.jsonl.gz#doc_NNNNNN.html : the record's full text (as the other tests read it);
- congbot-docs-with-relations/data/<id>/ : the document's chunks joined (preamble, then the articles in
  order), each chunk's own "# <chunk id>" title line dropped.

Excluded: every document named anywhere in the repository or its history (tests, tests/data, tests/fixtures,
docs, benchmarks, tools, rules, corpora, README; `git log -p`), i.e. used so far to build, tune or test rules.
Strata: (set, document type); within a stratum the evaluation half of benchmarks/_split.py first, then the
tuning half only when the evaluation half is exhausted. Fixed seed.
"""
from __future__ import annotations

import csv
import gzip
import json
import os
import random
import re
import subprocess
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("VBQPPL_CORPUS", ROOT.parent / "shared" / "corpus"))
OUT = ROOT / "tests" / "data" / "precision_sample.txt"
SEED = 20261204
# documents per set (total ≥ 150); a set smaller than its quota gives all its unused documents
# (legacy .doc files are left out: without LibreOffice they are not read, so they give no finding to judge)
# congbot-docs-with-relations is left out too: its documents are stored as overlapping chunks
# ("chuong2_muc1_2", "chuong2_muc2_3"), so no whole document can be rebuilt faithfully and the findings
# would judge the crawler's chunking, not the document.
QUOTA = {"vbpl-central-2025": 80, "tvpl-2025-md": 64, "congbao-pdf-8topics": 20, "congbot-docs-with-relations": 0,
         "vbpl-central-2025/samples_html": 4, "nd30-2020-original-word": 3, "vbpl-attachments-central-laws": 2,
         "real-pdf-local-2025": 2}
# Documents examined while fixing issue #12 (sweeps of TT017/KT042 over tvpl-2025-md, the VBHN of the Công
# báo set, the records found for the UBTVQH closing formula) that no test names: used too.
EXAMINED_WHILE_FIXING = """
0465063a5486d493 04e0c7e10cd38cdd 24c6583aa4c3280a 344b9eec106a648a 39a27d44cc6e362b 45cc2b3cda45b66c
5d3180cef1d254d0 6fed96be8a849b78 74e2ddc7b11340da 7f4621fd812c6ff9 91035abb77ae0a1b 93cafb7b0f4df375
96cc27eb50c851bd 9c31035f914c937e a1527cbfa00743d3 adc1d34379e9829f aee1c84b75a839ed c498c3f78df35e4f
ccb7cba554ea36d2 d3d459d0a856471f e7eff1a535c155c1 ea34a356cafcb1aa f6ed9374d8eb2ea7 f902003eceb8dedf
fc5c0bce58bee8ce 02b9be7711f88c70 51e961df2382e070 6306120a4293b6e3 6f4ccdb7459d17a5 741f24db1e774799
81eea34d32eed810 8966c59f782e4081 f9ddad1ecbde3ea2 8bb6ac57ee7b4c5d 478446b53ded4c18
van-ban-hop-nhat-so- nghi-dinh-so-111-2022-nd-cp-38434 nghi-dinh-so-372-2025-nd-cp-468594
thong-tu-so-22-2026-tt-bnnmt-469587
doc_000003 doc_000007 doc_000015 doc_000023 doc_000046 doc_000047
"""
VBPL = "vbpl-central-2025/vbpl_central.jsonl.gz"
TYPES = ("Văn bản hợp nhất", "Thông tư liên tịch", "Nghị quyết liên tịch", "Bộ luật", "Luật", "Pháp lệnh",
         "Nghị định", "Nghị quyết", "Thông tư", "Quyết định", "Chỉ thị", "Công văn", "Thông báo", "Kế hoạch",
         "Công điện", "Lệnh", "Hiến pháp", "Kết luận", "Báo cáo", "Hướng dẫn")


def _split_half(key: str) -> str:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from _split import half
    return half(key, "")


def _vietnamese(text: str) -> bool:
    return sum(ch in "ăâđêôơưĂÂĐÊÔƠƯ" for ch in unicodedata.normalize("NFC", text)) >= 5


def _type_of(title: str) -> str:
    t = unicodedata.normalize("NFC", title or "").strip()   # some vbpl.vn titles are decomposed (NFD)
    for ty in TYPES:
        if t.lower().startswith(ty.lower()):
            return ty
    return "khác"


def used_names(out: Path = OUT) -> str:
    """Every text of the repository and its history where a corpus document may be named (the earlier
    review sets included: a new set must not repeat them; only the list being written is skipped)."""
    parts = []
    for sub in ("tests", "docs", "benchmarks", "tools", "rules", "corpora", "README.md", "vbqppl_check"):
        p = ROOT / sub
        files = [p] if p.is_file() else [f for f in p.rglob("*") if f.is_file() and f.suffix in (
            ".py", ".md", ".json", ".jsonl", ".yaml", ".yml", ".txt", ".csv", ".tsv")]
        for f in files:
            if f.resolve() == out.resolve():
                continue
            try:
                parts.append(f.read_text("utf-8", errors="replace"))
            except OSError:
                pass
        fx = ROOT / "tests" / "fixtures"
        if fx.is_dir():
            parts += [f.relative_to(fx).as_posix() for f in fx.rglob("*") if f.is_file()]
    try:
        parts.append(subprocess.run(["git", "-C", str(ROOT), "log", "-p", "--all", "--", ".",
                                     f":(exclude){out.resolve().relative_to(ROOT).as_posix()}"],
                                    capture_output=True, text=True, timeout=300).stdout)
    except (OSError, subprocess.SubprocessError):
        pass
    parts.append(EXAMINED_WHILE_FIXING)
    return "\n".join(parts)


def candidates() -> dict[tuple[str, str], list[str]]:
    """(set, type) -> corpus-relative unit paths."""
    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    for p in sorted((CORPUS / "congbao-pdf-8topics" / "pdf").glob("*.pdf")):
        slug = p.stem.split("-so-")[0].replace("-", " ")
        out[("congbao-pdf-8topics", slug)].append(p.relative_to(CORPUS).as_posix())
    with open(CORPUS / "tvpl-2025-md" / "index.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out[("tvpl-2025-md", row["loai_van_ban"] or "khác")].append(f"tvpl-2025-md/docs/{row['file']}")
    with gzip.open(CORPUS / VBPL, "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            # vbpl.vn also serves English translations ("Circular 25/2021/TT-BTC"): not Vietnamese documents
            if r.get("text") and len(r["text"]) > 400 and _vietnamese(r["text"][:600]):
                out[("vbpl-central-2025", _type_of(r.get("title")))].append(f"{VBPL}#{r['source_file']}")
    for p in sorted((CORPUS / "vbpl-central-2025" / "samples_html").glob("*.html")):
        out[("vbpl-central-2025/samples_html", "html")].append(p.relative_to(CORPUS).as_posix())
    for d in sorted((CORPUS / "congbot-docs-with-relations" / "data").iterdir()):
        meta = json.loads((d / "metadata.json").read_text("utf-8")) if (d / "metadata.json").is_file() else {}
        out[("congbot-docs-with-relations", meta.get("doc_type") or "khác")].append(
            d.relative_to(CORPUS).as_posix() + "/")
    for p in sorted((CORPUS / "nd30-2020-original-word").rglob("*.docx")):
        out[("nd30-2020-original-word", "docx")].append(p.relative_to(CORPUS).as_posix())
    for p in sorted((CORPUS / "vbpl-attachments-central-laws").rglob("*")):
        if p.suffix == ".pdf":
            out[("vbpl-attachments-central-laws", p.suffix[1:])].append(p.relative_to(CORPUS).as_posix())
    for p in sorted((CORPUS / "real-pdf-local-2025").rglob("*")):
        if p.suffix in (".pdf", ".md") and p.name != "PROVENANCE.md":
            out[("real-pdf-local-2025", p.suffix[1:])].append(p.relative_to(CORPUS).as_posix())
    return out


def _names(unit: str) -> list[str]:
    """The strings that would name this document in the repository."""
    if "#" in unit:
        rec = unit.split("#", 1)[1]
        return [rec, rec.replace(".html", "")]
    p = unit.rstrip("/")
    base = p.rsplit("/", 1)[-1]
    stem = base.rsplit(".", 1)[0] if "." in base else base
    return [base, stem] if len(stem) >= 8 else [p]


_PREFIXES = ("van-ban-hop-nhat-so-",)   # every VBHN of the Công báo set was examined (class 2)


def draw(seed: int = SEED, scale: float = 1.0, out: Path = OUT) -> tuple[list[str], dict]:
    text = used_names(out)
    rng = random.Random(seed)
    cands = candidates()
    by_set: dict[str, list[tuple[str, list[str]]]] = defaultdict(list)
    report = {"excluded_used": 0, "by_set": {}}
    for (st, ty), units in sorted(cands.items()):
        fresh = [u for u in units if not any(n in text for n in _names(u))
                 and not any(u.rsplit("/", 1)[-1].startswith(pre) for pre in _PREFIXES)]
        report["excluded_used"] += len(units) - len(fresh)
        by_set[st].append((ty, fresh))
    sample: list[str] = []
    for st, strata in sorted(by_set.items()):
        quota = round(QUOTA.get(st, 0) * scale)
        evs, tus = [], []
        for ty, fresh in strata:
            ev = [u for u in fresh if _split_half(u) == "evaluation"]
            tu = [u for u in fresh if _split_half(u) != "evaluation"]
            rng.shuffle(ev)
            rng.shuffle(tu)
            evs.append(ev)
            tus.append(tu)
        picked: list[str] = []
        # every type once (from the evaluation half when it has one), then round robin over the types'
        # evaluation documents, and only then, if the quota is not met, over their tuning documents
        for ev, tu in zip(evs, tus):
            if len(picked) < quota and (ev or tu):
                picked.append((ev or tu).pop(0))
        for pools in (evs, tus):
            while len(picked) < quota and any(pools):
                for pool in pools:
                    if pool and len(picked) < quota:
                        picked.append(pool.pop(0))
        report["by_set"][st] = {"picked": len(picked), "types": len(strata),
                                "available": sum(len(f) for _, f in strata)}
        sample += picked
    return sorted(sample), report


def main() -> int:
    import argparse
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--scale", type=float, default=1.0, help="multiply each set's quota")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    sample, report = draw(args.seed, args.scale, args.out)
    header = ("# Precision review set (issue #12): one document per line, corpus-relative "
              f"(../shared/corpus). Drawn by benchmarks/precision_sample.py, seed {args.seed}"
              f"{'' if args.scale == 1 else f', scale {args.scale}'}.\n")
    args.out.write_text(header + "\n".join(sample) + "\n", encoding="utf-8")
    print(json.dumps(report, ensure_ascii=False, indent=1))
    print(f"{len(sample)} documents -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
