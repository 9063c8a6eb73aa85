"""`vbqppl-check registry import FILE [--db PATH] | lookup NUMBER | lookup --title T [--date D] | stats`.

Import reads CSV, JSONL and XLSX. Columns with known names (number, số ký hiệu, trích yếu, ngày ban
hành, tình trạng hiệu lực …) map directly; otherwise every cell holding a document mention
("Quyết định số 48/2020/QĐ-UBND ngày 29/10/2020 của UBND tỉnh An Giang …") is parsed with the
citation grammar, and a tracking sheet's "Thay thế" mark plus the issued-document column give
replaced-by pairs.
"""
from __future__ import annotations

import csv
import json
import os
import re
import sys
from pathlib import Path
from typing import Iterable, Iterator

from ..law.registry import _date, get_registry, number_key, open_user_db
from ..parse.citation_grammar import parse_basis

DEFAULT_DB = os.environ.get("VBQPPL_REGISTRY",
                            str(Path.home() / ".local" / "share" / "vbqppl-check" / "registry.sqlite"))

_ISSUER_OF_SYMBOL = {"QH": "Quốc hội", "NĐ-CP": "Chính phủ", "NQ-CP": "Chính phủ", "QĐ-TTG": "Thủ tướng Chính phủ",
                     "CT-TTG": "Thủ tướng Chính phủ", "UBTVQH": "Ủy ban Thường vụ Quốc hội", "L-CTN": "Chủ tịch nước"}

# header words → field
_HEADERS = (
    ("number", ("number", "so_hieu", "prop_so_hieu", "số hiệu", "số ký hiệu", "so ky hieu", "số, ký hiệu")),
    ("title", ("title", "trích yếu", "trich_yeu", "tên văn bản", "tên gọi văn bản")),
    ("type", ("type", "loại văn bản", "loai_van_ban", "prop_loai_van_ban")),
    ("issuer", ("issuer", "cơ quan ban hành", "co_quan_ban_hanh", "prop_co_quan_ban_hanh", "noi_ban_hanh")),
    ("signed", ("signed", "ngày ban hành", "ngay_ban_hanh", "prop_ngay_ban_hanh")),
    ("effective", ("effective", "effective_date", "ngày hiệu lực", "ngay_hieu_luc", "ngày có hiệu lực")),
    ("expiry", ("expiry", "ngày hết hiệu lực", "prop_ngay_het_hieu_luc")),
    ("status", ("status", "tình trạng", "tinh_trang", "hiệu lực", "prop_tinh_trang_hieu_luc")),
)


def vbpl_status(s: str | None) -> str:
    s = (s or "").strip().lower()
    if not s or s in ("đã biết",):
        return "unknown"
    if "chưa có hiệu lực" in s:
        return "not_yet"
    if "hết hiệu lực một phần" in s:
        return "partly_expired"
    if "hết hiệu lực" in s or "bãi bỏ" in s:
        return "expired"
    if "còn hiệu lực" in s or s in ("in_force", "1", "true", "có"):
        return "in_force"
    return s if s in ("in_force", "partly_expired", "expired", "not_yet") else "unknown"


def issuer_from_symbol(number: str) -> str | None:
    sym = number_key(number).split("/")[-1]
    for key, name in _ISSUER_OF_SYMBOL.items():
        if sym == key or sym.startswith(key) or sym.endswith("-" + key):
            return name
    return None


def entry_from_title(text: str) -> dict | None:
    """"Nghị định số 249/2025/NĐ-CP Quy định cơ chế …" → {type, number, title, signed, issuer}."""
    cites = parse_basis(text)
    m = cites[0].mention if cites else None
    if m is None or not m.number:
        return None
    title = m.title
    if m.doc_type in ("Luật", "Bộ luật", "Pháp lệnh"):
        # "Luật sửa đổi … của Luật Giáo dục số 43/2019/QH14. số 123/2025/QH15": a law's own number is the
        # last one of its title; the earlier one belongs to the law it amends
        nums = re.findall(r"\d+/\d{4}/(?:QH|UBTVQH|PL-UBTVQH)\d*", text)
        if len(nums) > 1 and number_key(nums[-1]) != number_key(m.number):
            m.number = nums[-1]
            title = re.split(r"\s+số\s+\d", text)[0].strip()
    if title and m.doc_type in ("Luật", "Bộ luật", "Pháp lệnh") and not title.lower().startswith(m.doc_type.lower()):
        title = f"{m.doc_type} {title}"
    return {"number": m.number, "type": m.doc_type, "title": title,
            "signed": m.date.iso if m.date else None,
            "issuer": m.issuer or issuer_from_symbol(m.number)}


# -- readers --------------------------------------------------------------------------------

def _rows_csv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return [list(r) for r in csv.reader(fh)]


def _rows_xlsx(path: Path) -> Iterator[tuple[str, list[list[str]]]]:
    import openpyxl
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        for ws in wb.worksheets:
            yield ws.title, [["" if v is None else str(v) for v in row] for row in ws.iter_rows(values_only=True)]
    finally:
        wb.close()


def _map_headers(header: list[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for i, h in enumerate(header):
        hl = h.strip().lower()
        for name, keys in _HEADERS:
            if name not in out and any(hl == k or (len(k) > 6 and k in hl) for k in keys):
                out[name] = i
                break
    return out


def rows_from_table(rows: list[list[str]], source: str) -> Iterator[dict]:
    """Entries from a sheet: direct columns when the header names them, else parsed document cells."""
    rows = [r for r in rows if any(c.strip() for c in r)]
    if not rows:
        return
    header = rows[0]
    cols = _map_headers(header)
    # a tracking sheet: the "Thay thế" mark in the second header row, the issued document in a column
    sub = rows[1] if len(rows) > 1 else []
    replace_col = next((i for i, h in enumerate(sub) if h.strip().lower() == "thay thế"), None)
    issued_col = next((i for i, h in enumerate(header) if "ban hành vbqppl" in h.lower()), None)
    direct = "number" in cols or ("title" in cols and issued_col is None and "status" in cols)
    for r in rows[1:]:
        cell = lambda k: r[cols[k]].strip() if k in cols and cols[k] < len(r) else ""  # noqa: E731
        if direct:
            e: dict = {}
            if cell("title"):
                e = entry_from_title(cell("title")) or {}
            if cell("number"):
                e["number"] = cell("number")
            if not e.get("number"):
                continue
            for k in ("type", "issuer"):
                if cell(k):
                    e[k] = cell(k)
            if cell("title") and not e.get("title"):
                e["title"] = cell("title")
            for k in ("signed", "effective", "expiry"):
                if _date(cell(k)):
                    e[k] = _date(cell(k))
            e["status"] = vbpl_status(cell("status"))
            e["source"] = source
            e["verification"] = "secondary"
            yield e
            continue
        issued = None
        if issued_col is not None and issued_col < len(r) and r[issued_col].strip():
            issued = entry_from_title(r[issued_col])
            if issued:
                yield {**issued, "status": "unknown", "source": source, "verification": "secondary"}
        name_col = cols.get("title", 1)
        if name_col >= len(r):
            continue
        for pc in parse_basis(r[name_col]):
            m = pc.mention
            if m is None or not m.number:
                continue
            e = {"number": m.number, "type": m.doc_type, "issuer": m.issuer or issuer_from_symbol(m.number),
                 "title": m.title, "signed": m.date.iso if m.date else None, "status": "unknown",
                 "source": source, "verification": "secondary"}
            marked = replace_col is not None and replace_col < len(r) and r[replace_col].strip() not in ("", "0")
            if marked and issued and issued.get("number") != m.number:
                e["replaced_by"] = [issued["number"]]
                e["status"] = "expired"
            yield e


def read_file(path: Path) -> Iterator[dict]:
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    yield json.loads(line)
    elif suffix == ".csv":
        yield from rows_from_table(_rows_csv(path), f"import {path.name}")
    elif suffix in (".xlsx", ".xlsm"):
        for sheet, rows in _rows_xlsx(path):
            yield from rows_from_table(rows, f"import {path.name} [{sheet}]")
    else:
        raise ValueError(f"unsupported file type: {suffix} (CSV, JSONL, XLSX)")


# -- the command ----------------------------------------------------------------------------

def add_arguments(p) -> None:
    sub = p.add_subparsers(dest="registry_command", metavar="ACTION")
    imp = sub.add_parser("import", help="nhập CSV/JSONL/XLSX vào cơ sở dữ liệu / import a file")
    imp.add_argument("file")
    imp.add_argument("--db", default=DEFAULT_DB, help=f"tệp SQLite (mặc định {DEFAULT_DB})")
    look = sub.add_parser("lookup", help="tra cứu theo số ký hiệu hoặc tên / look up by number or title")
    look.add_argument("number", nargs="?")
    look.add_argument("--title")
    look.add_argument("--date", help="ngày ban hành YYYY-MM-DD")
    look.add_argument("--db", default=None)
    st = sub.add_parser("stats", help="thống kê / statistics")
    st.add_argument("--db", default=None)


def run(args) -> int:
    action = getattr(args, "registry_command", None)
    if action == "import":
        path = Path(args.file)
        if not path.exists():
            print(f"không tìm thấy tệp / file not found: {path}", file=sys.stderr)
            return 2
        try:
            rows = list(read_file(path))
        except (ValueError, OSError) as exc:
            print(f"không đọc được / cannot read {path}: {exc}", file=sys.stderr)
            return 2
        n = open_user_db(args.db).add(rows, layer=1)
        print(f"đã nhập {n} văn bản vào {args.db} / imported {n} documents")
        return 0
    if action == "lookup":
        reg = get_registry(args.db)
        if args.title:
            found = reg.lookup_title(args.title, args.date)
        elif args.number:
            found = reg.lookup(args.number)
        else:
            print("cần NUMBER hoặc --title / give NUMBER or --title", file=sys.stderr)
            return 2
        for e in found:
            print(json.dumps(e.to_json(), ensure_ascii=False))
        if not found:
            print("không có trong cơ sở dữ liệu / not in the registry", file=sys.stderr)
            return 1
        return 0
    if action == "stats":
        print(json.dumps(get_registry(args.db).stats(), ensure_ascii=False, indent=2))
        return 0
    print("vbqppl-check registry import|lookup|stats", file=sys.stderr)
    return 2
