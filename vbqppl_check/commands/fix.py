"""`vbqppl-check fix DRAFT.docx`: a corrected copy, every change a Word tracked change.

Exit codes: 0 the copy was written; 1 the copy was written but error-severity findings remain;
2 the file could not be read, is not DOCX (its findings are printed), or the usage is wrong.
"""
from __future__ import annotations

import json
import sys

from ..errors import ConfigError, VbqpplError
from .common import add_common, config_from_args


def add_arguments(p) -> None:
    p.add_argument("path", metavar="DRAFT.docx", help="dự thảo cần sửa (.docx) / the draft to fix")
    p.add_argument("--output", "-o", default=None,
                   help="tệp kết quả (mặc định: <tên>.fixed.docx cạnh tệp gốc) / the corrected copy")
    p.add_argument("--no-track", dest="track", action="store_false",
                   help="áp dụng trực tiếp, không ghi thành thay đổi theo dõi / apply without tracked changes")
    p.add_argument("--spelling", action="store_true",
                   help="sửa cả lỗi chính tả có trong danh mục (chỉ khi có một cách sửa duy nhất) / "
                        "also fix catalogued misspellings with a single correction")
    p.add_argument("--comments", action="store_true",
                   help="ghi các phát hiện còn lại thành nhận xét Word trong bản sửa / "
                        "write the remaining findings as Word comments")
    p.add_argument("--format", "-f", default="text", choices=("text", "json"),
                   help="định dạng báo cáo / report format")
    add_common(p)


def run(args) -> int:
    from ..fix import NotFixableError, fix
    from ..fix.report import render_json, render_text
    lang = args.lang or "vi"
    try:
        config = config_from_args(args, start=args.path)
    except ConfigError as exc:
        print(exc.message(lang), file=sys.stderr)
        return 2
    lang = args.lang or config.lang or "vi"
    try:
        result = fix(args.path, args.output, track=args.track, spelling=args.spelling, comments=args.comments,
                     config=config, lang=lang)
    except NotFixableError as exc:
        print(exc.message(lang), file=sys.stderr)
        checked = exc.result
        if checked is not None:
            if args.format == "json":
                print(json.dumps({"error": exc.to_json(lang), "findings": [f.to_json(lang) for f in checked.findings]},
                                 ensure_ascii=False, indent=2))
            else:
                from ..report.text import write as write_text
                write_text([checked], sys.stdout, lang=lang)
        return 2
    except VbqpplError as exc:
        print(f"{args.path}: {exc.message(lang)}", file=sys.stderr)
        return 2
    except ValueError as exc:
        print(("Tệp kết quả không được trùng tệp gốc. / " if lang == "vi" else "") + str(exc), file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"{args.path}: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(render_json(result, lang) if args.format == "json" else render_text(result, lang))
    return 1 if any(f.severity == "error" for f in result.remaining) else 0
