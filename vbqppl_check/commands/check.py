"""`vbqppl-check [check] PATH...`: check files and folders (first version: sequential)."""
from __future__ import annotations

import sys
from pathlib import Path

from ..checker import check_path
from ..errors import ConfigError
from ..report import WRITERS, write
from .common import add_common, config_from_args, open_output

SUFFIXES = {".docx", ".pdf", ".doc", ".txt", ".md", ".html", ".htm"}


def add_arguments(p) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="tệp hoặc thư mục / files or folders")
    p.add_argument("--format", "-f", default="text", help=f"định dạng kết quả: {', '.join(WRITERS)}")
    p.add_argument("--output", "-o", default=None, help="ghi kết quả vào tệp / write to a file")
    add_common(p)


def expand(paths) -> list[str]:
    out = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            out.extend(str(f) for f in sorted(path.rglob("*")) if f.is_file() and f.suffix.lower() in SUFFIXES)
        else:
            out.append(str(path))
    return out


def run(args) -> int:
    try:
        config = config_from_args(args, start=args.paths[0])
    except ConfigError as exc:
        print(exc.message(args.lang or "vi"), file=sys.stderr)
        return 2
    if args.format not in WRITERS:
        print(f"unknown format {args.format}", file=sys.stderr)
        return 2
    results = [check_path(p, config) for p in expand(args.paths)]
    with open_output(args.output) as out:
        write(results, args.format, out, lang=config.lang)
    if any(r.status == "error" for r in results):
        return 2
    return 1 if any(r.has_errors for r in results) else 0
