"""Derive registry entries (facts only: number, type, title, dates, status) from the vbpl.vn export.

    python tools/build_registry_from_vbpl.py ../shared/corpus/vbpl-central-2025 corpora/registry/vbpl_central_2025.jsonl

The texts stay in the shared corpus; only identity, dates and status are written.
"""
from __future__ import annotations

import csv
import gzip
import json
import re
import sys
from pathlib import Path

from vbqppl_check.commands.registry import entry_from_title, vbpl_status
from vbqppl_check.parse.citation_grammar import make_date

_SIGNED = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)


def signed_from_text(text: str) -> str | None:
    """The date line of the header (first "ngày … tháng … năm …" in the first 12 lines)."""
    for line in text.split("\n")[:12]:
        m = _SIGNED.search(line)
        if m:
            d = make_date(int(m.group(1)), int(m.group(2)), m.group(3), m.group(0))
            return d.iso
    return None


def main(folder: str, out: str) -> int:
    root = Path(folder)
    texts: dict[str, str] = {}
    with gzip.open(root / "vbpl_central.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            texts[r["source_file"]] = r.get("text") or ""
    rows = []
    with open(root / "index.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            e = entry_from_title(r["title"])
            if e is None:
                continue
            e["status"] = vbpl_status(r.get("status") or r.get("prop_tinh_trang_hieu_luc"))
            e["effective"] = r.get("effective_date") or None
            e["expiry"] = r.get("prop_ngay_het_hieu_luc") or None
            e["signed"] = r.get("prop_ngay_ban_hanh") or signed_from_text(texts.get(r["source_file"], ""))
            if r.get("prop_co_quan_ban_hanh"):
                e["issuer"] = r["prop_co_quan_ban_hanh"]
            e["source"] = f"vbpl-central-2025 {r['url']}"
            e["verification"] = "secondary"
            rows.append(e)
    with open(out, "w", encoding="utf-8") as fh:
        for e in rows:
            fh.write(json.dumps({k: v for k, v in e.items() if v not in (None, "", [])}, ensure_ascii=False) + "\n")
    print(f"{len(rows)} entries → {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
