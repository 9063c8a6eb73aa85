"""Options shared by several subcommands."""
from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

from ..config import Config, load_config, parse_date
from ..errors import ConfigError


def add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=("vi", "en"), default=None, help="ngôn ngữ thông báo / message language")
    p.add_argument("--config", default=None, help="tệp cấu hình vbqppl-check.toml hoặc pyproject.toml")
    p.add_argument("--as-of", dest="as_of", default=None, metavar="YYYY-MM-DD",
                   help="ngày dùng để đánh giá dự thảo chưa ghi ngày (mặc định: hôm nay)")
    p.add_argument("--select", default=None, help="mã hoặc tiền tố quy tắc, phân cách bằng dấu phẩy (TT,KT101)")
    p.add_argument("--ignore", default=None, help="mã hoặc tiền tố quy tắc bỏ qua")
    p.add_argument("--regime", default=None, help="ép chế độ thể thức (nd30, nd34, nd78, nd78_187, tt01)")


def config_from_args(args, start: str | None = None) -> Config:
    cfg = load_config(args.config, start=start or ".") if getattr(args, "config", None) or start else Config()
    over = {}
    if getattr(args, "lang", None):
        over["lang"] = args.lang
    if getattr(args, "as_of", None):
        over["as_of"] = parse_date(args.as_of)
    if getattr(args, "select", None):
        over["select"] = tuple(s.strip() for s in args.select.split(",") if s.strip())
    if getattr(args, "ignore", None):
        over["ignore"] = tuple(s.strip() for s in args.ignore.split(",") if s.strip())
    if getattr(args, "regime", None):
        over["regime"] = args.regime
    return cfg.with_overrides(**over)


@contextlib.contextmanager
def open_output(path: str | None, binary: bool = False):
    if not path or path == "-":
        yield sys.stdout.buffer if binary else sys.stdout
        return
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with (open(path, "wb") if binary else open(path, "w", encoding="utf-8")) as fh:
        yield fh


def fail_usage(message: str) -> int:
    print(message, file=sys.stderr)
    return 2


__all__ = ["add_common", "config_from_args", "open_output", "fail_usage", "ConfigError"]
