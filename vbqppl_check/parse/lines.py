"""The parser's view of the blocks: text cleaned of Markdown markup and layout noise, with block indices.

Readers give one block per paragraph/line; Markdown adds "**", "*", "#", "|" table pipes; Công báo PDFs add a
running head ("CÔNG BÁO/Số 55/Ngày 26-01-2026"), page numbers and the e-signature stamp on every page.
Those are page furniture, kept out of the structure (they stay unclassified).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..model import SourceDocument

_ZW = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_MD = re.compile(r"(?<!\w)[*_]{1,3}|[*_]{1,3}(?!\w)|^#{1,6}\s+|^>\s*")
_SEP_ONLY = re.compile(r"^[\s\-–—_=*.|+~]*$")
_PAGE_NO = re.compile(r"^[-–\s]*\d{1,4}[-–\s]*$")
_STAMP = re.compile(r"^(Ký bởi|Cơ quan|Ngày ký|Thời gian ký|Người ký|Email)\s*:", re.IGNORECASE)


@dataclass(frozen=True)
class Line:
    block: int
    text: str          # cleaned text ("" for a separator line)
    raw: str           # the block text as the reader gave it


_SOFT_BREAKS = re.compile(r"\s*[\n\r\v\f\u2028]+\s*")
_BREAK_CHAR = re.compile(r"[\n\r\v\f\u2028]")
_MD_CHAR = re.compile(r"[*_#>]")
_LONG_SPACES = re.compile(r"[ ]{2,}")


def clean(text: str, markdown: bool = True) -> str:
    # (each substitution only where its characters are: the patterns are slow to try at every position)
    t = _ZW.sub("", text).replace("\u00a0", " ").replace("\t", "  ")
    t = t.strip()
    if _BREAK_CHAR.search(t):
        t = _SOFT_BREAKS.sub(" ", t)   # soft line breaks inside a paragraph
    if markdown:
        if _MD_CHAR.search(t):
            t = _MD.sub("", t)
        t = t.strip()
        t = t.strip("|").strip()
    return _LONG_SPACES.sub("  ", t).strip() if "  " in t else t.strip()


def is_separator(text: str) -> bool:
    return bool(_SEP_ONLY.match(text))


def document_lines(source: SourceDocument) -> tuple[list[Line], set[int]]:
    """Body lines in reading order, and the block indices judged to be page furniture."""
    md = source.format in ("markdown", "text", "html")
    lines = [Line(b.index, clean(b.text, md), b.text) for b in source.blocks if b.kind not in ("header", "footer")]
    furniture: set[int] = set()
    # A short line repeated on many pages (running head) is furniture; so are bare page numbers between pages.
    counts = Counter(ln.text for ln in lines if ln.text and len(ln.text) < 80)
    pages = source.page_count or 0
    for ln in lines:
        if not ln.text:
            continue
        t = ln.text
        if re.match(r"^CÔNG BÁO\s*/", t, re.IGNORECASE) or _STAMP.match(t):
            furniture.add(ln.block)
        elif counts[t] >= 3 and (pages >= 3 or counts[t] >= 5) and re.search(r"\d", t) and not re.match(
                r"^(Điều|Chương|Mục|Phần|Số|Mẫu|MẪU|Phụ lục|PHỤ LỤC|\d+\.|[a-zđ]\)|[-+•–])", t):
            furniture.add(ln.block)
    # Page numbers: a bare number right after a running head or right before one.
    for i, ln in enumerate(lines):
        if _PAGE_NO.match(ln.text or "x") and (
                (i > 0 and lines[i - 1].block in furniture) or (i + 1 < len(lines) and lines[i + 1].block in furniture)):
            furniture.add(ln.block)
    return lines, furniture
