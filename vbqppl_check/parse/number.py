"""Số ký hiệu: "15/2026/QĐ-UBND", "1732 /QĐ-UBND", "68/NQ-HĐND8", "51/2024/QH15", "  /QĐ-UBND" (draft).

The raw string is kept as printed (stray spaces, Ð U+00D0, Cyrillic look-alikes); the parts are read from a
folded copy so that such defects do not hide the structure (the checks report the defects from `raw`).
"""
from __future__ import annotations

import re

from ..model import DocNumber
from .doctypes import type_by_abbr

# Look-alike characters seen in real numbers (vbpl.vn: "TT-BTС" with Cyrillic С; Bình Dương: "QÐ" with Ð).
_FOLD = str.maketrans({
    "Ð": "Đ", "ð": "đ", "А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "К": "K", "М": "M", "О": "O",
    "Р": "P", "Т": "T", "Х": "X", "а": "a", "с": "c", "е": "e", "о": "o", "р": "p", "х": "x", "Ѕ": "S",
    "І": "I", "і": "i", "Ј": "J", "‐": "-", "‑": "-", "–": "-", "—": "-", "\u00a0": " ",
})

# Bodies whose symbol carries the term number (khóa): QH15, UBTVQH15, HĐND8.
_TERM_BODIES = ("UBTVQH", "QH", "HĐND")

# The number as printed after "Số:" — running number (may be blank), optional year, symbol groups.
_SYM = r"[^\W_]+(?:\.[^\W_]+)*(?:\s*-\s*[^\W_]+(?:\.[^\W_]+)*)*"   # "VPCP-V.I": a dot inside a group
NUMBER_RE = re.compile(
    r"(?P<n>\d[\d.]*[a-zA-Z]?)?[ \t]*/[ \t]*(?:(?P<y>\d{4})[ \t]*/[ \t]*)?(?P<sym>" + _SYM + r")")
# The whole "Số: …" label as it opens a số ký hiệu line ("Số:", "Số", "Luật số:", "Nghị quyết số:").
LABEL_RE = re.compile(r"(?<![/\w])(?:(?:Luật|LUẬT|Bộ luật|Nghị quyết|NGHỊ QUYẾT|Pháp lệnh|Lệnh|Nghị định)\s+[Ss][ốỐ]\s*:|"
                      r"S[ốỐ]\s*:?)[ \t]*(?=[\s.…_]*\d|[\s.…_]*/)")


# Party documents number "221-KL/TW", "432-TB/VPTW": running number - type / issuer.
PARTY_RE = re.compile(r"(?P<n>\d+)\s*-\s*(?P<type>[A-ZĐ][A-Za-zĐđ]{0,5})\s*/\s*(?P<sym>" + _SYM + r")")


def fold(text: str) -> str:
    return text.translate(_FOLD)


def fold_symbol(text: str) -> str:
    """A comparable key for a số ký hiệu: look-alikes folded, spaces removed, upper case."""
    return re.sub(r"\s+", "", fold(text)).upper()


def parse_number(text: str, *, has_type_name: bool | None = None, block: int | None = None) -> DocNumber | None:
    """Parse a số ký hiệu from the text that follows "Số:" (or a bare "15/2026/QĐ-UBND").

    has_type_name: whether the document shows a tên loại (False for a công văn, whose symbol starts with the
    issuer: "12/UBND-VX"); None when unknown (the first group is taken as a type when it is a known one).
    """
    src = fold(text)
    pm = PARTY_RE.match(src.lstrip())
    if pm:
        off = len(src) - len(src.lstrip())
        return DocNumber(raw=text[off:off + pm.end()].strip(), number=pm.group("n"), type_abbr=pm.group("type"),
                         issuer_abbrs=tuple(p.strip() for p in pm.group("sym").split("-")), block=block)
    m = NUMBER_RE.search(src)
    if not m:
        return None
    start = m.start("n") if m.group("n") else m.start()
    raw = text[start:m.end()].strip()
    parts = [p.strip() for p in m.group("sym").split("-") if p.strip()]
    year = int(m.group("y")) if m.group("y") else None
    type_abbr = None
    if parts and has_type_name is not False:
        t = type_by_abbr(parts[0])
        if t is not None and (len(parts) > 1 or has_type_name):
            type_abbr = parts.pop(0)
    term = None
    if parts:
        last = parts[-1]
        tm = re.fullmatch(r"(?P<body>[^\W\d_]+?)(?P<term>\d{1,2})", last)
        if tm and tm.group("body").upper() in _TERM_BODIES:
            parts[-1] = tm.group("body")
            term = tm.group("term")
    number = m.group("n")
    return DocNumber(raw=raw, number=number, year=year, type_abbr=type_abbr, issuer_abbrs=tuple(parts),
                     term_suffix=term, blank=number is None, block=block)
