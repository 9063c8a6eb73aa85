"""Build corpora/admin_units/ from the dvhcvn/20250701 snapshot in ../shared/corpus/admin-units/.

Usage:  python tools/build_admin_units.py [--source ../shared/corpus/admin-units] [--out corpora/admin_units]

Outputs (UTF-8, NFC, compact):
  provinces_before_2025-07-01.csv  the 63 provinces in force until 30/06/2025 and their successor
  provinces_2025-07-01.csv         the 34 provinces from 01/07/2025 with the old provinces merged into them
  communes_2025-07-01.csv          the 3,321 commune-level units from 01/07/2025 (xã, phường, đặc khu),
                                   their province and the old units merged into each ("*" = partly)
  communes_before_2025-07-01.csv.gz  the old commune-level units (no district: the source leaves it out)
                                   with their old province and the new units they went into
  SOURCE.json                      where the data came from, with counts (checked again at load time)

Facts, not guesses: every row comes from mapping/merges.json and mapping/splits.json; the commune
counts per province are checked against the closing clause of each UBTVQH resolution.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE_COMMIT = "dd94887ce32324380bc5bb0a76fe39867dafc73b"


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s).strip()


def split_type(full: str) -> tuple[str, str]:
    """'Thành phố Hà Nội' → ('thành phố', 'Hà Nội'); 'Đặc khu Côn Đảo' → ('đặc khu', 'Côn Đảo')."""
    full = nfc(full)
    full = re.sub(r"^Thị [Tt]rấn ", "Thị trấn ", full)  # the source spells one "Thị Trấn"
    for prefix in ("Thành phố", "Đặc khu", "Tỉnh", "Phường", "Xã", "Huyện", "Thị trấn", "Thị xã", "Quận"):
        if full.startswith(prefix + " "):
            return prefix.lower(), full[len(prefix) + 1:].strip()
    raise ValueError(f"unknown unit type in {full!r}")


def resolution_counts(docs: Path) -> dict[str, tuple[str, int]]:
    """Map a province name to (resolution number, commune count stated in its closing clause)."""
    out: dict[str, tuple[str, int]] = {}
    for path in sorted(docs.glob("16[5-8][0-9]_NQ-UBTVQH15.md")):
        text = nfc(path.read_text(encoding="utf-8"))
        flat = re.sub(r"\s+", " ", text)
        m = re.search(r"Sau khi sắp xếp,? (?:tỉnh|thành phố) ([^,]+?) có (\d+) đơn vị hành chính cấp xã",
                      flat, flags=re.IGNORECASE)
        if not m:
            continue
        out[m.group(1).strip()] = (path.stem.replace("_", "/"), int(m.group(2)))
    return out


def build(source: Path, out: Path) -> dict:
    src = source / "dvhcvn-20250701"
    merges = json.loads((src / "mapping" / "merges.json").read_text(encoding="utf-8"))
    splits = json.loads((src / "mapping" / "splits.json").read_text(encoding="utf-8"))
    out.mkdir(parents=True, exist_ok=True)

    new_by_code = {p["level1_id"]: p for p in merges["data"]}
    old_to_new: dict[str, str] = {}
    for p in merges["data"]:
        for m in p["merges"]:
            old_to_new[m["old_id"]] = p["level1_id"]

    # -- 63 old provinces ---------------------------------------------------------------------
    rows_old = []
    for p in splits["data"]:
        utype, name = split_type(p["name"])
        new_code = old_to_new[p["level1_id"]]
        ntype, nname = split_type(new_by_code[new_code]["name"])
        rows_old.append({"code": p["level1_id"], "name": name, "type": utype, "until": "2025-06-30",
                         "successor_code": new_code, "successor_name": nname,
                         "successor_type": ntype, "merged": "1" if len(new_by_code[new_code]["merges"]) > 1 else "0"})
    rows_old.sort(key=lambda r: r["code"])
    _write_csv(out / "provinces_before_2025-07-01.csv", rows_old)

    # -- 34 new provinces and 3,321 communes ----------------------------------------------------
    stated = resolution_counts(src / "input" / "docs")
    rows_new, rows_communes = [], []
    for p in sorted(merges["data"], key=lambda p: p["level1_id"]):
        utype, name = split_type(p["name"])
        counts = Counter()
        for c in p["level2s"]:
            ctype, cname = split_type(c["name"])
            counts[ctype] += 1
            merged = ";".join(nfc(m["name"]) + ("*" if m["type"] == "partial" else "") for m in c["merges"])
            rows_communes.append({"code": c["level2_id"], "name": cname, "type": ctype,
                                  "province_code": p["level1_id"], "merged_from": merged})
        resolution, stated_n = stated.get(name, ("", -1))
        total = sum(counts.values())
        if stated_n not in (-1, total):
            raise SystemExit(f"{name}: {total} communes in merges.json, {stated_n} in {resolution}")
        rows_new.append({"code": p["level1_id"], "name": name,
                         "type": "thành phố" if utype == "thành phố" else "tỉnh", "from": "2025-07-01",
                         "old_codes": ";".join(m["old_id"] for m in p["merges"]),
                         "old_names": ";".join(split_type(m["name"])[1] for m in p["merges"]),
                         "communes": str(total), "xa": str(counts["xã"]), "phuong": str(counts["phường"]),
                         "dac_khu": str(counts["đặc khu"]), "resolution": resolution})
    _write_csv(out / "provinces_2025-07-01.csv", rows_new)
    _write_csv(out / "communes_2025-07-01.csv", rows_communes)

    # -- old commune-level units (and the 5 island districts that became đặc khu) ----------------
    rows_oc = []
    for p in splits["data"]:
        for c in p.get("level3s", []) + p.get("level2s", []):
            cid = c.get("level3_id") or c.get("level2_id")
            ctype, cname = split_type(c["name"])
            rows_oc.append({"code": cid, "name": cname, "type": ctype, "province_code": p["level1_id"],
                            "new_codes": ";".join(s["new_id"] for s in c["splits"])})
    buf = io.StringIO()
    _csv_to(buf, rows_oc)
    with gzip.GzipFile(out / "communes_before_2025-07-01.csv.gz", "wb", mtime=0) as gz:
        gz.write(buf.getvalue().encode("utf-8"))

    meta = {
        "source": "https://github.com/dvhcvn/20250701", "commit": SOURCE_COMMIT, "licence": "MIT (c) 2025 dvhcvn",
        "built_by": "tools/build_admin_units.py",
        "note": "Commune mapping produced upstream with LLM assistance and manual fixes; good, not authoritative.",
        "counts": {"provinces_before": len(rows_old), "provinces_after": len(rows_new),
                   "communes_after": len(rows_communes), "communes_before": len(rows_oc),
                   "communes_after_by_type": dict(Counter(r["type"] for r in rows_communes))},
        "resolution_counts_checked": sum(1 for r in rows_new if r["resolution"]),
    }
    (out / "SOURCE.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return meta


def _csv_to(fh, rows: list[dict]) -> None:
    w = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
    w.writeheader()
    w.writerows(rows)


def _write_csv(path: Path, rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        _csv_to(fh, rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", type=Path, default=ROOT.parent / "shared" / "corpus" / "admin-units")
    ap.add_argument("--out", type=Path, default=ROOT / "corpora" / "admin_units")
    args = ap.parse_args(argv)
    meta = build(args.source, args.out)
    json.dump(meta["counts"], sys.stdout, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
