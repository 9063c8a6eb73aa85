"""Helpers shared by the thể thức (TT) and kỹ thuật trình bày (KT) checks.

They read what the parser recognised (components, structure nodes) and what the reader resolved
(effective run formatting, paragraph formatting, page setup). A value the input does not carry
(None) is never guessed: the helpers skip it.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import Iterable, Iterator

from ..model import Block, LegalDocument, Run

HEADING_KINDS = ("phan", "chuong", "muc", "tieu_muc")
_LETTER = re.compile(r"[^\W\d_]")


def param(rule, ctx, key: str, default=None):
    """A rule parameter, with a per-regime value under params.by_regime.<regime id> winning."""
    by = rule.params.get("by_regime") or {}
    if ctx.regime is not None and key in (by.get(ctx.regime.id) or {}):
        return by[ctx.regime.id][key]
    return rule.params.get(key, default)


def fold_case(text: str) -> str:
    """Upper case with tone placement folded (HÒA = HOÀ) and whitespace collapsed."""
    text = unicodedata.normalize("NFC", " ".join(text.split())).upper()
    return text.replace("OÀ", "ÒA").replace("OÁ", "ÓA").replace("OẢ", "ỎA").replace("OÃ", "ÕA").replace(
        "OẠ", "ỌA").replace("UỲ", "ÙY").replace("UÝ", "ÚY").replace("UỶ", "ỦY").replace("UỸ", "ŨY").replace(
        "UỴ", "ỤY")


def text_runs(block: Block) -> Iterator[Run]:
    """Runs that carry letters or digits (not field results such as PAGE)."""
    for r in block.runs:
        if r.field:
            continue
        if any(ch.isalnum() for ch in r.text):
            yield r


def letter_runs(block: Block) -> Iterator[Run]:
    for r in block.runs:
        if not r.field and _LETTER.search(r.text):
            yield r


def component_blocks(doc: LegalDocument, *names: str) -> list[int]:
    out: list[int] = []
    for c in doc.components:
        if c.name in names:
            out.extend(b for b in c.blocks if b not in out)
    return out


def nonempty(doc: LegalDocument, blocks: Iterable[int]) -> list[int]:
    n = len(doc.source.blocks)
    return [b for b in blocks if 0 <= b < n and doc.source.blocks[b].text.strip()]


def dominant(block: Block, attr: str):
    """The value of a run attribute carried by most letters of the block (None when unknown)."""
    count: Counter = Counter()
    for r in letter_runs(block):
        v = getattr(r.format, attr)
        if v is not None:
            count[v] += sum(1 for ch in r.text if ch.isalnum())
    return count.most_common(1)[0][0] if count else None


def values(block: Block, attr: str) -> set:
    return {getattr(r.format, attr) for r in letter_runs(block) if getattr(r.format, attr) is not None}


def is_caps(block: Block) -> bool | None:
    """True when every letter shows in capitals (typed so, or w:caps on its run)."""
    seen = False
    for r in letter_runs(block):
        for ch in r.text:
            if ch.isalpha():
                seen = True
                if ch != ch.upper() and not r.format.caps:
                    return False
    return True if seen else None


def fmt_size(v: float | None) -> str:
    return "—" if v is None else (f"{v:g}")


def in_range(v: float, lo: float, hi: float, tol: float = 0.05) -> bool:
    return lo - tol <= v <= hi + tol


def heading_blocks(doc: LegalDocument) -> set[int]:
    """Blocks that carry a Phần/Chương/Mục/Tiểu mục number line or its title line."""
    out: set[int] = set()
    for n in doc.nodes():
        if n.kind in HEADING_KINDS:
            out.add(n.block_start)
            nxt = n.block_start + 1
            if n.title and nxt <= n.block_end and nxt < len(doc.source.blocks) and \
                    doc.source.blocks[nxt].text.strip() and n.title.strip() in doc.source.blocks[nxt].text:
                out.add(nxt)
    return out


def body_blocks(doc: LegalDocument, *, include_headings: bool = False) -> list[int]:
    """The blocks of the body (Điều, khoản, điểm and their text), outside quotations and tables.

    Uses the structure tree; for a document without Điều (a công văn) the noi_dung component.
    """
    blocks: set[int] = set()
    for n in doc.body:
        blocks.update(range(n.block_start, n.block_end + 1))
    if not blocks:
        blocks.update(component_blocks(doc, "noi_dung"))
    other = set(component_blocks(doc, "chu_ky", "quyen_han_ky", "chuc_vu", "ho_ten", "noi_nhan", "luu",
                                 "phu_luc", "dau_ket_thuc"))
    skip = set() if include_headings else heading_blocks(doc)
    src = doc.source.blocks
    out = []
    for b in sorted(blocks):
        if b in other or b in skip or doc.in_quotation(b) or not (0 <= b < len(src)):
            continue
        blk = src[b]
        if blk.kind in ("header", "footer", "cell") or blk.table is not None or not blk.text.strip():
            continue
        out.append(b)
    return out


def preamble_lines(doc: LegalDocument) -> list[int]:
    """The block that ends each preamble line — căn cứ, "Theo đề nghị …", "Xét …", an enacting sentence
    ("Chính phủ ban hành Nghị định …") — in document order. A line wrapped over several blocks (PDF)
    ends in the last of them; "QUYẾT ĐỊNH:" is not a preamble line. Unclaimed sentences between the
    last recognised line and the enacting word ("Trên cơ sở kết quả biểu quyết …") are included."""
    src = doc.source.blocks
    comps = [c for c in doc.components if c.name in ("can_cu", "de_nghi", "xet", "ban_hanh") and c.blocks]
    ends: list[int] = []
    enacting: int | None = None
    for c in sorted(comps, key=lambda c: min(c.blocks)):
        last = max(b for b in c.blocks if 0 <= b < len(src))
        text = src[last].text.strip()
        if c.name == "ban_hanh" and (text.endswith(":") or text == text.upper()):
            enacting = min(c.blocks) if enacting is None else enacting
            continue
        ends.append(last)
    if not ends:
        return []
    stop = enacting
    if stop is None:
        starts = [n.block_start for n in doc.body]
        stop = min(starts) if starts else None
    if stop is not None:
        claimed = {b for c in doc.components for b in c.blocks}
        for b in range(ends[-1] + 1, stop):
            if b in claimed or not src[b].text.strip() or src[b].kind in ("header", "footer"):
                continue
            prev = src[ends[-1]].text.rstrip()
            if prev.endswith((";", ".")):
                ends.append(b)           # a further sentence of the preamble
            else:
                ends[-1] = b             # the continuation of a wrapped line
    return sorted(set(ends))


def is_gazette_print(doc: LegalDocument) -> bool:
    """A page printed in the Công báo: running heads "CÔNG BÁO/Số …". The gazette re-typesets the
    text and leaves out the nơi nhận and the end mark, so their absence says nothing of the original."""
    for b in doc.source.blocks:
        if b.kind in ("header", "footer") and fold_case(b.text).startswith("CÔNG BÁO"):
            return True
    return False


_FOOTNOTE = re.compile(r"^\d{1,3}\s*[^\W\d_]")


def is_footnote_like(block: Block) -> bool:
    """A PDF footnote line ("1 Ghi bằng chữ in hoa.") or a stray fragment of a few letters."""
    text = block.text.strip()
    letters = sum(ch.isalnum() for ch in text)
    return letters < 4 or (block.kind == "line" and bool(_FOOTNOTE.match(text)))


def first_letter_index(text: str) -> int:
    m = _LETTER.search(text)
    return m.start() if m else 0
