"""Span lives in its own module so that citation and document can both use it without a cycle."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    block: int
    start: int = 0
    end: int | None = None   # None: to the end of the block
