"""Citation extraction: the căn cứ lines and the in-text references of a parsed document.

The grammar lives in citation_grammar.py; this module only decides which text is a căn cứ and
which is running text, joins a căn cứ broken over several blocks (PDF lines), and maps the
grammar's character offsets back to blocks.
"""
from __future__ import annotations

import functools
import re

from ..model import Citation, DocumentRef, LegalDocument, Pinpoint, Span
from .citation_grammar import PCitation, PMention, find_references, parse_basis

_CAN_CU = re.compile(r"^\s*(?:[-–•*_]+\s*)?căn\s+cứ\b", re.IGNORECASE)
_PREAMBLE_END = re.compile(r"^\s*(theo\s+đề\s+nghị|xét\b|điều\s+1\b|chương\s+[IVX1]|phần\s+|quyết\s+định\s*:|"
                           r"(?:chính\s+phủ|ủy\s+ban|hội\s+đồng|bộ\s+trưởng|thủ\s+tướng).*ban\s+hành)",
                           re.IGNORECASE)
_CONTINUATION_END = re.compile(r"^[\s*_-]*(theo\s+đề\s+nghị|xét\b|điều\s+1\b|chương\s+[IVX1]\b|quyết\s+định\s*:)",
                               re.IGNORECASE)
_HEADING = re.compile(r"^\s*(Điều\s+\d+\w*\.?|Chương\s+[IVXLC\d]+|Phần\s+|Mục\s+\d+|PHỤ\s+LỤC|Phụ\s+lục\s+[IVX\d]+)")
_AMENDING = re.compile(r"sửa\s+đổi|bãi\s+bỏ|thay\s+thế", re.IGNORECASE)


# The grammar is a pure function of a paragraph's text, and the documents of an archive repeat many
# paragraphs word for word (căn cứ lines, the closing articles, Nơi nhận): parsed once per process.
# Its results are only read (to_citation builds the immutable model citations).
@functools.lru_cache(maxsize=4096)
def _references(text: str, amendment_context: bool) -> tuple[PCitation, ...]:
    return tuple(find_references(text, amendment_context=amendment_context))


@functools.lru_cache(maxsize=1024)
def _basis(text: str) -> tuple[PCitation, ...]:
    return tuple(parse_basis(text))


_HEADER_COMPONENTS = {"quoc_hieu", "tieu_ngu", "co_quan_chu_quan", "co_quan_ban_hanh", "so_ky_hieu", "dia_danh_ngay",
                      "ten_loai", "trich_yeu", "vv", "kinh_gui", "noi_nhan", "luu", "chu_ky", "quyen_han_ky",
                      "chuc_vu", "ho_ten", "dau_muc_do_mat", "dau_muc_do_khan"}


def to_ref(m: PMention | None) -> DocumentRef | None:
    if m is None:
        return None
    d = m.date
    return DocumentRef(doc_type=m.doc_type, number=m.number, date=d.iso if d else None,
                       date_raw=d.raw if d else None, date_valid=d.valid if d else None,
                       issuer=m.issuer, title=m.title, party=m.party,
                       year=(d.year if d else None) or _year_of(m.number))


def _year_of(number: str | None) -> int | None:
    if not number:
        return None
    m = re.match(r"^[^/]*/(\d{4})/", number)
    return int(m.group(1)) if m else None


def to_citation(pc: PCitation, span: Span, text: str) -> Citation:
    pins = tuple(Pinpoint(phan=p.phan, chuong=p.chuong, muc=p.muc, dieu=tuple(p.dieu), khoan=tuple(p.khoan),
                          diem=tuple(p.diem), phu_luc=p.phu_luc, range=p.range, relative=p.relative)
                 for p in pc.pins)
    amended = tuple(r for a in pc.mention.amended_by if (r := to_ref(a)) is not None) if pc.mention else ()
    return Citation(kind=pc.kind, text=text, span=span, document=to_ref(pc.mention), target=pc.target,
                    pinpoints=pins, relation=pc.relation, amended_by=amended)


class _Joined:
    """Several blocks' texts joined by spaces, with a map from a character offset back to (block, offset)."""

    def __init__(self, parts: list[tuple[int, str]]):
        self.parts = parts
        self.starts: list[int] = []
        pos, chunks = 0, []
        for _, t in parts:
            self.starts.append(pos)
            chunks.append(t)
            pos += len(t) + 1
        self.text = " ".join(chunks)

    def locate(self, start: int, end: int) -> Span:
        k = max(i for i, s in enumerate(self.starts) if s <= start)
        block, text = self.parts[k]
        s = start - self.starts[k]
        e = end - self.starts[k]
        return Span(block=block, start=s, end=min(e, len(text)) if e <= len(text) else None)


def basis_items(blocks: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """Group the preamble's blocks into căn cứ items: a line starting "Căn cứ" and its continuations."""
    items: list[list[tuple[int, str]]] = []
    for idx, text in blocks:
        if _FURNITURE.match(text) or _PORTAL.match(text):
            continue
        if _CAN_CU.match(text):
            items.append([(idx, text)])
        elif items and not items[-1][-1][1].rstrip(" *_").endswith((";", ".", ":")) and text.strip() \
                and not _CONTINUATION_END.match(text):
            items[-1].append((idx, text))
    return items


def _preamble_blocks(doc: LegalDocument) -> list[tuple[int, str]]:
    comps = doc.components_named("can_cu")
    if comps:
        seen = {b for c in comps for b in c.blocks}
        # also "Căn cứ" lines the preamble recogniser gave another name to (before the last căn cứ block)
        last = max(seen)
        seen |= {b.index for b in doc.source.blocks[:last + 1] if _CAN_CU.match(b.text)}
        # and the căn cứ lines after the last one it named (PDF text: "Căn cứ …" lines it left unclassified),
        # with their continuation lines, up to the end of the preamble
        for b in doc.source.blocks[last + 1:last + 200]:
            if _HEADING.match(b.text) or (_PREAMBLE_END.match(b.text) and not _CAN_CU.match(b.text)):
                break
            if b.text.strip():
                seen.add(b.index)
        return [(b, doc.block(b).text) for b in sorted(seen)]
    # No parsed preamble: the căn cứ lines before the first Điều (and their continuation lines).
    out: list[tuple[int, str]] = []
    started = False
    for b in doc.source.blocks[:400]:
        if _HEADING.match(b.text) and started:
            break
        if _CAN_CU.match(b.text):
            started = True
        if started:
            if _PREAMBLE_END.match(b.text) and not _CAN_CU.match(b.text) and out and \
                    out[-1][1].rstrip().endswith((";", ".", ":")):
                break
            out.append((b.index, b.text))
    return out


def extract_citations(doc: LegalDocument) -> tuple[Citation, ...]:
    out: list[Citation] = []
    basis_blocks: set[int] = set()
    for item in basis_items(_preamble_blocks(doc)):
        j = _Joined(item)
        basis_blocks.update(b for b, _ in item)
        for pc in _basis(j.text):
            out.append(to_citation(pc, j.locate(pc.start, pc.end), j.text[pc.start:pc.end]))
    header_blocks = {b for c in doc.components if c.name in _HEADER_COMPONENTS for b in c.blocks
                     if c.name != "so_ky_hieu" or doc.block(b).text.lstrip().lower().startswith("số")}
    amending = bool(doc.metadata.title and _AMENDING.search(doc.metadata.title))
    body = [(b.index, b.text) for b in doc.source.blocks
            if b.index not in basis_blocks and b.index not in header_blocks and b.text.strip()]
    wrapped = doc.source.format in ("pdf", "text")
    for para in (_paragraphs(body) if wrapped else [[x] for x in body]):
        j = _Joined(para)
        ctx = amending or bool(_AMENDING.match(para[0][1]))
        for pc in _references(j.text, ctx):
            out.append(to_citation(pc, j.locate(pc.start, pc.end), j.text[pc.start:pc.end]))
    return tuple(out)


_PARA_START = re.compile(r"^\s*([“\"(]?\s*(Điều\s+\d+\w*\s*[.:]|Chương\s+[IVXLC\d]+\s*$|Mục\s+\d+\s*[.:]|Phần\s|Phụ\s+lục|PHỤ\s+LỤC|\d+(\.\d+)*\.\s|"
                         r"[a-zđ]\d?\)|\([a-zđivx]+\)|[-–•+*]\s)|CÔNG\s+BÁO)")


_SHORT_HEADING = re.compile(r"^\s*(Phụ\s+lục|PHỤ\s+LỤC|Chương|CHƯƠNG|Mục|MỤC|Phần|PHẦN)\s+[\wIVXLC.]+\s*$")
_PORTAL = re.compile(r"^\s*(Email:|Điện\s+thoại:|Website:|Người\s+ký:)", re.IGNORECASE)
_FURNITURE = re.compile(r"^\s*(CÔNG\s+BÁO\s*/|\d{1,4}\s*$|Ký\s+bởi:|Cơ\s+quan:|Ngày\s+ký:|Thời\s+gian\s+ký:|Người\s+ký:)")


def _paragraphs(blocks: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """PDF and plain-text lines re-joined into paragraphs: a line continues the previous one unless
    the previous ends a sentence or the line starts a new unit (Điều, 1., a), -)."""
    paras: list[list[tuple[int, str]]] = []
    last_idx = -2
    for idx, text in blocks:
        if _FURNITURE.match(text):
            continue           # a gazette running head or page number between two halves of a sentence
        prev = paras[-1][-1][1] if paras else ""
        t = text.strip()
        if paras and not prev.rstrip().endswith((".", ";", ":", "!", "?")) and not _PARA_START.match(text) \
                and not (t.isupper() and len(re.findall(r"[^\W\d_]{2,}", t)) >= 2 and not re.search(r"\d\s?/", t)) and not _SHORT_HEADING.match(prev) \
                and idx - last_idx <= 4 and len(paras[-1]) < 40:
            paras[-1].append((idx, text))
        else:
            paras.append([(idx, text)])
        last_idx = idx
    return paras
