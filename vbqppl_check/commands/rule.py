"""`vbqppl-check rule` (not implemented yet in this skeleton)."""
from __future__ import annotations

import sys


def add_arguments(p) -> None:
    p.add_argument("args", nargs="*")


def run(args) -> int:
    print("vbqppl-check rule: chưa có / not available yet", file=sys.stderr)
    return 2
