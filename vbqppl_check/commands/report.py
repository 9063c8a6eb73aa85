"""`vbqppl-check report --store PATH --format F --output O`: render a report from the results store
without checking anything again (the results of the store's latest run configuration)."""
from __future__ import annotations

import sys
from pathlib import Path

from ..report import WRITERS, writer_module
from ..errors import VbqpplError
from ..store import Store
from .common import open_output


def add_arguments(p) -> None:
    p.add_argument("--store", required=True, metavar="PATH", help="kho kết quả SQLite / the results store")
    p.add_argument("--format", "-f", default="summary", choices=list(WRITERS), help="định dạng / output format")
    p.add_argument("--output", "-o", default=None, help="tệp kết quả (với docx: thư mục) / output file")
    p.add_argument("--lang", choices=("vi", "en"), default="vi")
    p.add_argument("--baseline", default=None, metavar="FILE",
                   help="chỉ báo phát hiện chưa có trong tệp baseline / report only findings not in this baseline")
    p.add_argument("--config", default=None,
                   help="tệp cấu hình có per-path-ignores / per-document-ignores / configuration with ignores")


def run(args) -> int:
    if not Path(args.store).is_file():
        print(f"Không thấy kho kết quả / no store at {args.store}", file=sys.stderr)
        return 2
    module = writer_module(args.format)
    binary = getattr(module, "BINARY", False)
    if binary and not args.output and sys.stdout.isatty():
        print("Định dạng nhị phân cần --output / a binary format needs --output", file=sys.stderr)
        return 2
    try:
        from ..config import load_config
        from ..suppress import load_baseline
        config = load_config(args.config) if args.config else None
        baseline = load_baseline(args.baseline)
        st = Store(args.store)
    except VbqpplError as exc:
        print(exc.message(args.lang), file=sys.stderr)
        return 2
    with st:
        versions = st.latest_versions()
        if versions is None:
            print("Kho kết quả trống / the store is empty", file=sys.stderr)
            return 2
        st.use_versions(*versions)
        results = list(st.iter_results(with_texts=args.format in ("html", "docx")))
    if config is not None or baseline is not None:
        from ..suppress import apply_all
        results = list(apply_all(results, config, baseline, args.lang))
    options = {"output_dir": args.output} if args.format == "docx" else {}
    if baseline is not None:
        options["baseline"] = baseline
    with open_output(None if args.format == "docx" else args.output, binary=binary) as out:
        module.write(results, out, lang=args.lang, **options)
    if any(r.status == "error" for r in results):
        return 2
    return 1 if any(r.has_errors for r in results) else 0
