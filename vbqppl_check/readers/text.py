"""Plain text and Markdown: one block per non-empty line (minimal first version)."""
from __future__ import annotations

from ..limits import DEFAULT_LIMITS, Limits
from ..model import Block, SourceDocument
from .normalize import nfc


def decode_text(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1258", errors="replace")


def read_text(data: bytes, *, path: str | None = None, markdown: bool = False,
              limits: Limits = DEFAULT_LIMITS) -> SourceDocument:
    text = decode_text(data)
    blocks = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        norm, raw = nfc(line)
        blocks.append(Block(index=len(blocks), text=norm, kind="text", raw=raw))
        if len(blocks) >= limits.max_blocks:
            break
    return SourceDocument(path=path, format="markdown" if markdown else "text", blocks=tuple(blocks))
