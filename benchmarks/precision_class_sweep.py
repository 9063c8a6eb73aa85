"""Every document of the corpus that belongs to one of the classes of false findings of issue #12, run through
the checker: the errors and warnings each class still gets, by rule (the issue's own 37-document sample is not
in the repository; this sweeps the whole corpus for the same classes instead).

    .venv/bin/python benchmarks/precision_class_sweep.py [--show RULE]

Classes (found by their form, as a reader would, not by file name):
1. Quốc hội / UBTVQH texts: vbpl.vn records and attachments whose title starts with Hiến pháp, Luật, Bộ luật,
   Pháp lệnh, or a Nghị quyết numbered …/QH… or …/UBTVQH…;
2. văn bản hợp nhất: titles or file names "Văn bản hợp nhất" / "VBHN";
6. OCR output: MinerU Markdown (*.mineru.md) and image-only scans;
8. thông báo of thư viện pháp luật (the "Trên cơ sở …" lines after the căn cứ).
"""
from __future__ import annotations

import csv
import gzip
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import precision_set as ps  # noqa: E402

QH = re.compile(r"^(Hiến pháp|Bộ luật|Luật|Pháp lệnh)\b|^Nghị quyết\b.*\d+/\d{4}/(QH|UBTVQH)\d*", re.I)
VBHN = re.compile(r"văn bản hợp nhất|VBHN", re.I)


def units() -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    with gzip.open(ps.CORPUS / "vbpl-central-2025" / "vbpl_central.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            title = unicodedata.normalize("NFC", r.get("title") or "").strip()
            if not r.get("text") or len(r["text"]) < 400:
                continue
            unit = f"vbpl-central-2025/vbpl_central.jsonl.gz#{r['source_file']}"
            if VBHN.search(title):
                out["2 văn bản hợp nhất"].append(unit)
            elif QH.search(title):
                out["1 Quốc hội / UBTVQH"].append(unit)
    for p in sorted((ps.CORPUS / "vbpl-attachments-central-laws").rglob("*.pdf")):
        rel = p.relative_to(ps.CORPUS).as_posix()
        out["2 văn bản hợp nhất" if VBHN.search(p.name) else "1 Quốc hội / UBTVQH"].append(rel)
    for p in sorted((ps.CORPUS / "congbao-pdf-8topics" / "pdf").glob("*.pdf")):
        if p.name.startswith("van-ban-hop-nhat"):
            out["2 văn bản hợp nhất"].append(p.relative_to(ps.CORPUS).as_posix())
    for p in sorted((ps.CORPUS / "real-pdf-local-2025").rglob("*")):
        if p.name.endswith(".mineru.md") or p.name.endswith("_scan.pdf"):
            out["6 OCR output / scans"].append(p.relative_to(ps.CORPUS).as_posix())
    with open(ps.CORPUS / "tvpl-2025-md" / "index.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if (row.get("loai_van_ban") or "").lower().startswith("thông báo"):
                out["8 thông báo"].append(f"tvpl-2025-md/docs/{row['file']}")
    return out


def main() -> int:
    import argparse
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", help="print the findings of this rule")
    args = ap.parse_args()
    total = 0
    for cls, us in sorted(units().items()):
        by_rule: Counter = Counter()
        for u in us:
            res = ps.check_unit(u)
            for f in res.findings:
                if f.severity in ("error", "warning"):
                    by_rule[(f.rule, f.severity)] += 1
                    if args.show == f.rule:
                        print(f"  {u} [{f.location.block}] {f.message('vi')[:160]}")
        total += sum(by_rule.values())
        print(f"{cls}: {len(us)} documents; errors and warnings by rule: "
              f"{dict(sorted(by_rule.items())) or 'none'}")
    print(f"total errors and warnings: {total}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
