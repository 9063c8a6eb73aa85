"""Command line: `vbqppl-check PATH...` checks; subcommands for the other jobs.

Exit codes: 0 no error-severity finding; 1 some finding has error severity; 2 a file could not be
read or the usage is wrong.
"""
from __future__ import annotations

import argparse
import importlib
import sys

# subcommand → module in vbqppl_check.commands with add_arguments(parser) and run(args) -> int
SUBCOMMANDS = {
    "check": ("check", "Kiểm tra văn bản (mặc định) / check documents (default)"),
    "inspect": ("inspect", "Xem những gì bộ đọc thấy / show what the reader saw"),
    "index": ("index", "Lập danh mục văn bản / index an archive"),
    "rules": ("rules", "Liệt kê quy tắc / list the rules"),
    "rule": ("rule", "Giải thích một quy tắc / explain one rule"),
    "registry": ("registry", "Cơ sở dữ liệu văn bản / the legal document registry"),
    "report": ("report", "Xuất báo cáo từ kho kết quả / render reports from the results store"),
    "fix": ("fix", "Sửa bản sao dự thảo .docx bằng thay đổi theo dõi / fix a copy of a DOCX draft with tracked changes"),
    "serve": ("serve", "Trang web kiểm tra văn bản (127.0.0.1:8765) / the web page for checking documents"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vbqppl-check",
        description="Kiểm tra thể thức, thẩm quyền, căn cứ, hiệu lực và chính tả của văn bản "
                    "QPPL và văn bản hành chính. / Checks Vietnamese legal and administrative documents.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module, help_text) in SUBCOMMANDS.items():
        mod = importlib.import_module(f"vbqppl_check.commands.{module}")
        p = sub.add_parser(name, help=help_text, description=help_text)
        mod.add_arguments(p)
        p.set_defaults(_module=mod)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # `vbqppl-check PATH...` is `vbqppl-check check PATH...`
    if not argv or (argv[0] not in SUBCOMMANDS and argv[0] not in ("-h", "--help", "--version")):
        argv = ["check", *argv]
    if argv[0] == "--version":
        from . import __version__
        print(f"vbqppl-check {__version__}")
        return 0
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    try:
        return int(args._module.run(args))
    except KeyboardInterrupt:
        print("Đã dừng theo yêu cầu. / Interrupted.", file=sys.stderr)
        return 130
