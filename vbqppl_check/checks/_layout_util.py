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




def letter_runs(block: Block) -> Iterator[Run]:
    for r in block.runs:
        if not r.field and _LETTER.search(r.text):
            yield r


def component_blocks(doc: LegalDocument, *names: str) -> list[int]:
    """The blocks of the named components, each once, in component order."""
    out: list[int] = []
    seen: set[int] = set()
    for c in doc.components:
        if c.name in names:
            for b in c.blocks:
                if b not in seen:
                    seen.add(b)
                    out.append(b)
    return out


def nonempty(doc: LegalDocument, blocks: Iterable[int]) -> list[int]:
    n = len(doc.source.blocks)
    return [b for b in blocks if 0 <= b < n and doc.source.blocks[b].text.strip()]


def dominant(block: Block, attr: str):
    """The value of a run attribute carried by most letters of the block (None when unknown)."""
    runs = list(letter_runs(block))
    if len(runs) == 1:              # most paragraphs: no counting needed
        return getattr(runs[0].format, attr)
    count: Counter = Counter()
    for r in runs:
        v = getattr(r.format, attr)
        if v is not None:
            count[v] += sum(map(str.isalnum, r.text))   # letters and digits (C-level count)
    return count.most_common(1)[0][0] if count else None






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
    Computed once per document (a dozen checks ask for it; the document is immutable).
    """
    memo = doc.__dict__.setdefault("_body_blocks", {})
    if include_headings not in memo:
        memo[include_headings] = _body_blocks(doc, include_headings)
    return list(memo[include_headings])


def _body_blocks(doc: LegalDocument, include_headings: bool) -> list[int]:
    blocks: set[int] = set()
    for n in doc.body:
        blocks.update(range(n.block_start, n.block_end + 1))
    if not blocks:
        for c in doc.components_named("noi_dung"):
            # the parser gives the body as (first, last): a range, not a list
            if len(c.blocks) == 2 and c.blocks[1] > c.blocks[0] + 1:
                blocks.update(range(c.blocks[0], c.blocks[1] + 1))
            else:
                blocks.update(c.blocks)
    other = set(component_blocks(doc, "chu_ky", "quyen_han_ky", "chuc_vu", "ho_ten", "noi_nhan", "luu",
                                 "phu_luc"))
    # what follows the signature or the recipients is an attachment (danh mục, phụ lục, mẫu)
    closing = component_blocks(doc, "chu_ky", "quyen_han_ky", "chuc_vu", "ho_ten", "noi_nhan")
    end = min(closing) if closing else None
    skip = set() if include_headings else heading_blocks(doc)
    src = doc.source.blocks
    out = []
    for b in sorted(blocks):
        if b in other or b in skip or doc.in_quotation(b) or not (0 <= b < len(src)):
            continue
        if end is not None and b > end:
            break
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
    # in a letter, "Xét …" / "Căn cứ …" after "Kính gửi:" are sentences of its body, not a preamble
    kg = [b for c in doc.components if c.name == "kinh_gui" for b in c.blocks]
    if kg:
        comps = [c for c in comps if min(c.blocks) < min(kg)]
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
        # noi_dung is the parser's (first, last) range of the body: it may begin too early
        claimed = {b for c in doc.components if c.name not in ("noi_dung", "dau_ket_thuc") for b in c.blocks}
        for b in range(ends[-1] + 1, stop):
            text = src[b].text.strip()
            if text and text.endswith(":") and text == text.upper():
                break                    # the enacting word ("QUYẾT NGHỊ:") the parser did not claim
            if b in claimed or not text or src[b].kind in ("header", "footer"):
                continue
            prev = src[ends[-1]].text.rstrip()
            if prev.endswith((";", ".")):
                ends.append(b)           # a further sentence of the preamble
            else:
                ends[-1] = b             # the continuation of a wrapped line
    return sorted(set(ends))


def ocr_text(doc: LegalDocument) -> bool:
    """The text was recognised from an image (by our OCR, or an invisible OCR layer of a scanned PDF,
    whose text carries no font): letters and numbers may be the OCR's mistakes."""
    src = doc.source
    if src.ocr:
        return True
    return src.format == "pdf" and not any(r.format.font for b in src.blocks for r in b.runs)


def is_gazette_print(doc: LegalDocument) -> bool:
    """A page printed in the Công báo: running heads "CÔNG BÁO/Số …". The gazette re-typesets the
    text and leaves out the nơi nhận and the end mark, so their absence says nothing of the original."""
    for b in doc.source.blocks:
        if b.kind in ("header", "footer") and fold_case(b.text).startswith("CÔNG BÁO"):
            return True
    return False


_FOOTNOTE = re.compile(r"^\d{1,3}\s*[^\W\d_]")


def is_footnote_like(block: Block) -> bool:
    """A PDF footnote line ("1 Ghi bằng chữ in hoa."), a formula or a stray fragment of a few letters:
    lines whose size is not the body size by design."""
    text = block.text.strip()
    # a formula ("TLbqkh = TLcb x (1 + Hln)") is set with sub- and superscripts, not in the body size
    return _few_letters(text) or (block.kind == "line" and bool(_FOOTNOTE.match(text))) or " = " in text


def _few_letters(text: str) -> bool:
    """Fewer than 4 letters or digits (read up to the fourth, not the whole paragraph)."""
    n = 0
    for c in text:
        if c.isalnum():
            n += 1
            if n == 4:
                return False
    return True


def continues_previous(doc: LegalDocument, b: int) -> bool:
    """A PDF line that carries on the sentence of the line before ("… tại" / "Điều 6.").

    PDF lines are joined into paragraphs by the reader when it can; where it could not, a line
    that starts like a heading may be the end of a sentence."""
    src = doc.source.blocks
    if src[b].kind != "line":
        return False
    prev = b - 1
    while prev >= 0 and (src[prev].kind in ("header", "footer") or not src[prev].text.strip()):
        prev -= 1
    if prev < 0:
        return False
    tail = src[prev].text.rstrip()
    if re.match(r"\s*(Điều|ĐIỀU|Chương|CHƯƠNG|Mục|MỤC|Phần|PHẦN)\s+\S+", tail):
        return False  # the line before is a heading ("Điều 3. Quản lý văn bản đi"): no sentence to carry on
    if not tail or tail[-1] in ".;:!?”\")»" or tail.isupper():
        return False
    # a wrapped line runs to the right margin; a short line ("6. Bộ Tài chính") ended on purpose
    p = src[prev]
    if p.bbox is not None:
        right = max((x.bbox[2] for x in src if x.page == p.page and x.bbox is not None and x.kind == "line"),
                    default=p.bbox[2])
        return p.bbox[2] >= right - 0.12 * (right - p.bbox[0] if right > p.bbox[0] else 1)
    return len(tail) >= 60




# -- PDF print scaling ----------------------------------------------------------------------------
# A PDF "printed to fit" shrinks every size of a page by one factor (a Word file at 14/13/12/11 pt
# shows 13.2/12.2/11.2/10.3 pt). Sizes typed in a word processor are (nearly always) whole points,
# so when a page's sizes sit clearly off whole points, the factor that brings them back is estimated
# per page and divided out.

_SCALE_CACHE: dict[int, tuple[object, dict]] = {}


def _scale_cost(sizes: list[tuple[float, int]], k: float) -> float:
    total = sum(w for _, w in sizes)
    return sum(w * abs(s / k - round(s / k)) for s, w in sizes) / total


def page_scales(doc: LegalDocument) -> dict:
    """{page: factor} for a PDF whose pages were printed at a uniform reduction; 1.0 elsewhere."""
    src = doc.source
    if src.format != "pdf":
        return {}
    hit = _SCALE_CACHE.get(id(src))
    if hit is not None and hit[0] is src:
        return hit[1]
    by_page: dict = {}
    for b in src.blocks:
        for r in letter_runs(b):
            if r.format.size:
                by_page.setdefault(b.page, Counter())[r.format.size] += len(r.text)
    scales = {}
    for page, counter in by_page.items():
        sizes = list(counter.items())
        base = _scale_cost(sizes, 1.0)
        if base < 0.15:
            continue
        grid = [round(0.85 + i * 0.0025, 4) for i in range(60)]
        costs = {k: _scale_cost(sizes, k) for k in grid}
        best = min(costs.values())
        if best > 0.06 or base - best < 0.1:
            continue
        scales[page] = max(k for k, c in costs.items() if c <= best + 0.02)
    if len(_SCALE_CACHE) > 8:
        _SCALE_CACHE.clear()
    _SCALE_CACHE[id(src)] = (src, scales)
    return scales


def true_size(doc: LegalDocument, block: Block, size: float | None) -> float | None:
    """A run size with the page's print reduction divided out (rounded to a half point)."""
    if size is None:
        return None
    k = page_scales(doc).get(block.page)
    return round(size / k * 2) / 2 if k else size
