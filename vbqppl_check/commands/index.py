"""`vbqppl-check index PATH... [--format csv|json] [--output F]`: the archive index, one row per document
(path, status, the metadata keys). Folders are searched recursively; an unreadable file gives a row with
status "error" and the reader's error code and message, and the run goes on.
"""
from __future__ import annotations

import csv
import json
import sys
from dataclasses import asdict, fields

from ..errors import InternalCheckError, VbqpplError
from ..model import Metadata
from .common import open_output

META_KEYS = tuple(f.name for f in fields(Metadata))
COLUMNS = ("path", "status", *META_KEYS, "error_code", "error")


def add_arguments(p) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="tệp hoặc thư mục / files or folders")
    p.add_argument("--format", "-f", choices=("csv", "json"), default="csv", help="csv (mặc định) hoặc json")
    p.add_argument("--output", "-o", default=None, help="ghi vào tệp / write to a file")
    p.add_argument("--lang", choices=("vi", "en"), default="vi", help="ngôn ngữ thông báo lỗi / error message language")


def index_row(item, lang: str = "vi") -> dict:
    """One index row for a sources.Item (a file, an archive member or an input error); never raises."""
    from ..parse.document import parse_structure
    from ..readers import read
    row = {"path": item.label, "status": "ok", **{k: None for k in META_KEYS}, "error_code": None, "error": None}
    try:
        if item.error is not None:
            raise item.error
        src = read(item.data, name=item.name) if item.data is not None else read(item.path)
        md = parse_structure(src).metadata
        row.update(asdict(md))
    except VbqpplError as exc:
        row.update(status="error", error_code=exc.code, error=exc.message(lang))
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop an archive run
        err = InternalCheckError(f"{type(exc).__name__}: {exc}")
        row.update(status="error", error_code=err.code, error=err.message(lang))
    return row


def run(args) -> int:
    from ..sources import iter_items
    rows = [index_row(item, args.lang) for item in iter_items(args.paths)]
    with open_output(args.output) as out:
        if args.format == "json":
            json.dump(rows, out, ensure_ascii=False, indent=2)
            out.write("\n")
        else:
            w = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
            w.writeheader()
            for r in rows:
                w.writerow({k: ("" if v is None else v) for k, v in r.items()})
    return 2 if any(r["status"] == "error" for r in rows) else 0
