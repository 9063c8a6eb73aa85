"""Replacement relations and expiry dates for the registry (issue 11), from real texts:

- the vbpl.vn export (../shared/corpus/vbpl-central-2025): a document's effect article says which
  documents it replaces or ends ("Thông tư này thay thế Thông tư số 12/2016/TT-BTC …", "Nghị định số
  … hết hiệu lực kể từ ngày Nghị định này có hiệu lực"): the ended document expires on the new one's
  effective date (vbpl "Ngày có hiệu lực") and is replaced by it;
- the Sở Tư pháp An Giang tracker (angiang-stp-vbqppl-tracking-2026, sheets "… da xu ly"): rows marked
  "Thay thế" give the old provincial document and the number and date of the new one.

    python tools/build_registry_relations.py ../shared/corpus corpora/registry/vbpl_relations_2025.jsonl

Each row copies the issuer and signing date of the registry entry it completes (so that the registry
merges them, corpora/registry/*.jsonl), and is marked secondary. Only identity, dates and relations are
written; no text is copied.
"""
from __future__ import annotations

import csv
import gzip
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from vbqppl_check.commands.registry import entry_from_title  # noqa: E402
from vbqppl_check.law.registry import number_key  # noqa: E402

_NUM = r"\d+[a-zA-Z]?/\d{4}/[A-ZĐa-zđ][\wĐđ.-]*[A-ZĐa-zđ\d]"
_TYPE = r"(?:Luật|Nghị\s+định|Thông\s+tư\s+liên\s+tịch|Thông\s+tư|Quyết\s+định|Nghị\s+quyết|Pháp\s+lệnh)"
_SENT = re.compile(r"[^.;]*?(?:thay\s+thế|hết\s+hiệu\s+lực)[^.;]*", re.IGNORECASE)
_DOC = re.compile(rf"(?<![Đđ]iều\s)(?<!khoản\s)(?<!điểm\s)(?P<type>{_TYPE})\s+(?:số\s+)?(?P<num>{_NUM})")
_PART = re.compile(r"(?:Điều|khoản|điểm|Chương|Mục|Phụ\s+lục)\s+[\w.]+\s*(?:,\s*[\w.]+\s*)*(?:của\s+)?$", re.IGNORECASE)
_AMENDED_BY = re.compile(r"(?:đã\s+)?(?:được\s+)?sửa\s+đổi,?\s*(?:và\s+)?bổ\s+sung[^;]*?(?=hết\s+hiệu\s+lực|bị\s+bãi\s+bỏ|$)",
                         re.IGNORECASE)
_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def _iso(dmy: str | None) -> str | None:
    m = _DMY.search(dmy or "")
    return f"{int(m.group(3)):04d}-{int(m.group(2)):02d}-{int(m.group(1)):02d}" if m else None


def ended_by_text(text: str) -> list[str]:
    """Numbers of the documents a text replaces or ends as a whole (not "Điều 5 của Thông tư …")."""
    out = []
    for sent in _SENT.finditer(text):
        s = sent.group(0)
        # "Luật X đã được sửa đổi, bổ sung theo Luật số A, Luật số B hết hiệu lực": only X ends
        s = _AMENDED_BY.sub(" ", s)
        if re.search(r"được\s+thay\s+thế|bị\s+thay\s+thế|thay\s+thế\s+(?:cụm\s+)?từ", s, re.IGNORECASE):
            continue   # wording replaced inside an article, not a document
        for m in _DOC.finditer(s):
            before = s[:m.start()]
            if _PART.search(before[-60:]):
                continue   # a part of the document only
            out.append(m.group("num"))
    return list(dict.fromkeys(out))


def _rank(number: str) -> int | None:
    """Legal force from the symbol (smaller is higher): QH 2, UBTVQH 3, NĐ 5, QĐ-TTg 6, TT/TTLT 8;
    local and other symbols None (not compared)."""
    sym = number.split("/", 2)[-1].upper()
    if re.fullmatch(r"QH\d+", sym):
        return 2
    if re.fullmatch(r"(?:NQ-|PL-)?UBTVQH\d+", sym):
        return 3
    if sym.startswith("NĐ-"):
        return 5
    if sym.startswith("QĐ-TTG"):
        return 6
    if re.match(r"TT(?:LT)?-", sym):
        return 8
    return None


def _type_of(number: str) -> str | None:
    from vbqppl_check.parse.doctypes import type_by_abbr
    from vbqppl_check.parse.number import parse_number
    n = parse_number(number)
    if n is None:
        return None
    if n.type_abbr:
        t = type_by_abbr(n.type_abbr)
        return t.name if t else None
    return "Luật" if any(re.fullmatch(r"QH\d+", a) for a in n.issuer_abbrs) else None


def existing(registry_dir: Path) -> dict[str, dict]:
    rows: dict[str, dict] = {}
    for p in sorted(registry_dir.glob("*.jsonl")):
        if "relations" in p.name:
            continue
        for line in p.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                r = json.loads(line)
                if r.get("number"):
                    rows.setdefault(number_key(r["number"]), r)
    return rows


def from_vbpl(corpus: Path) -> list[dict]:
    out = []
    with gzip.open(corpus / "vbpl-central-2025" / "vbpl_central.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            text = r.get("text") or ""
            e = entry_from_title(r.get("title") or "")
            if not text or e is None or not e.get("number") or "VBHN" in e["number"]:
                continue
            eff = _iso(r.get("effective_date"))
            # the effect article: the last "hiệu lực" article of the document's own text
            tail = text[max(0, text.rfind("hiệu lực thi hành") - 200):] if "hiệu lực thi hành" in text else text[-6000:]
            for num in ended_by_text(tail):
                if number_key(num) == number_key(e["number"]):
                    continue
                if _rank(e["number"]) is None or _rank(num) is None or _rank(e["number"]) > _rank(num):
                    continue   # a lower document cannot end a higher one: the text only mentions it
                out.append({"number": num, "replaced_by": [e["number"]], "expiry": eff,
                            "source": f"vbpl-central-2025 {r.get('url')} (điều khoản thi hành của {e['number']})"})
    return out


_AG_OLD = re.compile(rf"(?P<type>{_TYPE})\s+số\s+(?P<num>{_NUM})")
_AG_NEW = re.compile(rf"(?P<type>{_TYPE})\s+số\s+(?P<num>{_NUM})\s+ngày\s+(?P<d>\d{{1,2}}/\d{{1,2}}/\d{{4}})")


def from_angiang(corpus: Path) -> list[dict]:
    out = []
    folder = corpus / "angiang-stp-vbqppl-tracking-2026" / "csv_export"
    for name in ("QD_UBND_da_xu_ly.csv", "NQ_HDND_da_xu_ly.csv"):
        p = folder / name
        if not p.exists():
            continue
        rows = list(csv.reader(p.open(encoding="utf-8")))
        for row in rows[2:]:
            if len(row) < 19 or row[3].strip() not in ("1", "1.0"):
                continue   # only "Thay thế" rows
            old = _AG_OLD.search(row[1])
            new = _AG_NEW.search(row[18])
            if not old or not new:
                continue
            out.append({"number": old.group("num"), "replaced_by": [new.group("num")],
                        "issuer": "Ủy ban nhân dân tỉnh An Giang" if "QĐ" in old.group("num") else "Hội đồng nhân dân tỉnh An Giang",
                        "source": f"angiang-stp-vbqppl-tracking-2026 {name} (Sở Tư pháp An Giang)"})
            out.append({"number": new.group("num"), "signed": _iso(new.group("d")),
                        "issuer": "Ủy ban nhân dân tỉnh An Giang" if "QĐ" in new.group("num") else "Hội đồng nhân dân tỉnh An Giang",
                        "status": "in_force",
                        "source": f"angiang-stp-vbqppl-tracking-2026 {name} (Sở Tư pháp An Giang)"})
    return out


def main(corpus: str, out_path: str) -> int:
    corpus_p = Path(corpus)
    known = existing(ROOT / "corpora" / "registry")
    rows = from_vbpl(corpus_p) + from_angiang(corpus_p)
    merged: dict[str, dict] = {}
    for r in rows:
        k = number_key(r["number"])
        m = merged.setdefault(k, {"number": r["number"], "replaced_by": [], "verification": "secondary"})
        for rep in r.get("replaced_by", ()):
            if rep not in m["replaced_by"]:
                m["replaced_by"].append(rep)
        for f in ("expiry", "signed", "issuer", "status"):
            if r.get(f) and not m.get(f):
                m[f] = r[f]
        m.setdefault("source", r["source"])
    with open(out_path, "w", encoding="utf-8") as fh:
        fh.write("# generated by tools/build_registry_relations.py: replaced_by and expiry from real texts\n")
        for k, m in sorted(merged.items()):
            base = known.get(k, {})
            # the same issuer and signing date as the entry it completes, so that the registry merges them
            for f in ("issuer", "signed", "type", "title"):
                if base.get(f):
                    m[f] = base[f]
            if not m.get("type"):
                m["type"] = _type_of(m["number"])
            if m["replaced_by"]:
                m["status"] = "expired" if m.get("expiry") else m.get("status", "unknown")
            fh.write(json.dumps({k2: v for k2, v in m.items() if v not in (None, "", [])}, ensure_ascii=False) + "\n")
    print(f"{len(merged)} entries ({sum(1 for m in merged.values() if m['replaced_by'])} with replaced_by, "
          f"{sum(1 for m in merged.values() if m.get('expiry'))} with expiry) → {out_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
