"""Assemble a LegalDocument from the parts recognised by header, preamble, body, closing and citations.

Never raises on a readable document: a recogniser that fails leaves its blocks unclassified.
"""
from __future__ import annotations

import logging
import re

from ..model import Component, LegalDocument, SourceDocument, StructureNode
from .body import build_tree
from .closing import VBHN_AUTH_RE, closing_start, parse_closing
from .header import Header, is_upper_line, parse_header
from .lines import Line, document_lines, is_separator
from .metadata import build_metadata
from .number import LABEL_RE, parse_number
from .preamble import parse_preamble

log = logging.getLogger(__name__)

END_MARK_RE = re.compile(r"\.?/\.\s*$")
# An attachment after the closing: "QUY ĐỊNH", "QUY CHẾ", "PHỤ LỤC I", "DANH MỤC …" in capitals.
ATTACH_RE = re.compile(r"^(?:PHỤ\s+LỤC|Phụ\s+lục|QUY\s+ĐỊNH|QUY\s+CHẾ|DANH\s+MỤC|ĐIỀU\s+LỆ|HƯỚNG\s+DẪN|KẾ\s+HOẠCH|"
                       r"CHƯƠNG\s+TRÌNH|ĐỀ\s+ÁN|PHƯƠNG\s+ÁN|BIỂU|MẪU|Mẫu)\b(?P<label>\s+(?:số\s+)?(?:[IVXLC]+|\d+(?:\.\d+)*)[a-z]?\b)?")
FORM_RE = re.compile(r"^(?:(?:Mẫu|MẪU)\s+(?:số|SỐ)?\s*\d|(?:BIỂU\s+MẪU|Biểu\s+mẫu)\b|BM[-.]?\d)")
# A form's own code on a line of its own ("BM-12", "Biểu mẫu BM-01", "Mẫu số 02/TB"): the start of a form.
FORM_CODE_RE = re.compile(r"^(?:(?:Biểu\s+mẫu|BIỂU\s+MẪU|Mẫu|MẪU)\s+(?:(?:số|SỐ)\s+)?)?(?:BM[-.]?\d+[a-z]?|\d+[a-z]?/[A-ZĐ]+)\s*[:.]?$")
PASSED_RE = re.compile(r"thông\s+qua\s+ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)


def parse_structure(source: SourceDocument) -> LegalDocument:
    """Everything but the citations (the index command and the metadata benchmark need no more)."""
    try:
        return _build(source)
    except Exception:  # noqa: BLE001 - a parser bug must not lose the document: keep it unclassified
        log.exception("parse failed on %s", source.path)
        from ..model import Metadata
        return LegalDocument(source=source, metadata=Metadata(), unclassified=tuple(b.index for b in source.blocks))


def build_document(source: SourceDocument) -> LegalDocument:
    doc = parse_structure(source)
    try:
        from dataclasses import replace
        from .citations import extract_citations
        doc = replace(doc, citations=tuple(extract_citations(doc)))
    except Exception:  # noqa: BLE001
        log.exception("citation extraction failed on %s", source.path)
    return doc


def _build(source: SourceDocument) -> LegalDocument:
    all_lines, furniture = document_lines(source)
    lines = [ln for ln in all_lines if ln.block not in furniture and ln.text]
    comps: list[Component] = []
    claimed: set[int] = set()   # line indices
    h = parse_header(lines)
    comps += h.components
    claimed |= h.claimed
    p = parse_preamble(lines, h.end)
    comps += p.components
    claimed |= p.claimed

    body_start = p.end
    # The closing: first Nơi nhận / quyền hạn ký / chức vụ line after the last article heading's text begins.
    from .body import _quote_ranges
    quotes = _quote_ranges(lines, body_start, len(lines))
    in_quote = {i for a, b in quotes for i in range(a, b + 1)}
    c_start = closing_start(lines, body_start, len(lines), in_quote)
    vbhn = _vbhn_tail(lines, body_start, len(lines))
    if vbhn is not None and (c_start is None or c_start > vbhn or _last_article_before(lines, c_start, vbhn)):
        c_start = vbhn
    body_end = c_start if c_start is not None else len(lines)
    closing = None
    if c_start is not None:
        closing = parse_closing(lines, c_start, len(lines))
        comps += closing.components
        claimed |= closing.claimed

    # The VBHN's own number/date/issuer stand at its end ("XÁC THỰC VĂN BẢN HỢP NHẤT").
    if vbhn is not None:
        h = _merge_vbhn(h, lines, vbhn, comps, claimed)

    nodes, qranges = build_tree(lines, body_start, body_end)
    if body_end > body_start:
        # the body as one component: every block from the first line after the preamble to the closing
        comps.append(Component("noi_dung", "", tuple(lines[i].block for i in range(body_start, body_end))))
    # End mark "./." on the last line of the body.
    for i in range(body_end - 1, body_start - 1, -1):
        t = lines[i].text
        if not t or is_separator(t):
            continue
        m = END_MARK_RE.search(t)
        if m and t.rstrip().endswith("/."):
            from ..model.document_span import Span
            comps.append(Component("dau_ket_thuc", t[m.start():].strip(), (lines[i].block,),
                                   Span(lines[i].block, m.start(), len(t))))
        break
    claimed.update(range(body_start, body_end))

    # Attachments (phụ lục, the Quy định issued with a Quyết định) after the closing.
    after = closing.end if closing else len(lines)
    attach_nodes = []
    i = after
    starts: list[int] = []
    for k in range(after, len(lines)):
        # "PHỤ LỤC I" / "DANH MỤC …" on the next line is one heading with its title, not two attachments
        if _attachment_heading(lines, k) and not (starts and starts[-1] == k - 1):
            starts.append(k)
    for n_, k in enumerate(starts):
        stop = starts[n_ + 1] if n_ + 1 < len(starts) else len(lines)
        form = bool(FORM_RE.match(lines[k].text) or (k + 1 < stop and FORM_RE.match(lines[k + 1].text)))
        # A sample form ("Mẫu số 01. Mẫu Giấy phép"): its "Điều 1 … Điều 4. Hiệu lực" are the form's
        # wording for whoever fills it in, not provisions of this document (issue #12): no tree.
        sub, q2 = ([], []) if form else build_tree(lines, k + 1, stop)
        qranges += q2
        m = ATTACH_RE.match(lines[k].text)
        label = (m.group("label") or "").strip() if m else ""
        if FORM_CODE_RE.match(lines[k].text.strip()):     # "BM-12", "Mẫu số 02/TB": the form's code
            label = re.sub(r"^(?:Biểu\s+mẫu|BIỂU\s+MẪU|Mẫu|MẪU)\s+(?:(?:số|SỐ)\s+)?", "", lines[k].text.strip()).rstrip(":. ")
        title_parts = []
        for x in range(k + 1, min(stop, k + 4)):
            tx = lines[x].text
            if is_upper_line(tx) and not tx.startswith(("Chương", "CHƯƠNG", "Điều")):
                title_parts.append(tx)
            else:
                break
        title = " ".join([lines[k].text] + title_parts) if not label else (" ".join(title_parts) or None)
        attach_nodes.append(StructureNode("mau" if form else "phu_luc", re.sub(r"^số\s+", "", label), title, lines[k].block,
                                          lines[stop - 1].block, tuple(sub), lines[k].text))
        comps.append(Component("phu_luc", lines[k].text, (lines[k].block,)))
        claimed.update(range(k, stop))

    if h.date is None and h.type_name in ("Luật", "Bộ luật", "Nghị quyết", "Pháp lệnh", "Hiến pháp"):
        # Laws and resolutions of the Quốc hội carry their date in "… thông qua ngày …" at the end.
        for i in range(body_end - 1, max(body_start, body_end - 12) - 1, -1):
            m = PASSED_RE.search(lines[i].text)
            if m:
                from .dates import make_date
                h.date = make_date(m.group(0), int(m.group(1)), int(m.group(2)), int(m.group(3)),
                                   block=lines[i].block)
                break

    if h.type_name is None and h.number is not None and h.number.block is not None:
        # no tên loại line: a law or resolution of the Quốc hội names its type on the number line
        # ("Luật số: 103/2025/QH15", "Nghị quyết số: 254/2025/QH15"; Luật 80/2015 Điều 10 k3) — the
        # missing tên loại is then a defect of a document of that type, not a document of no type
        m = _TYPED_NUMBER.match(source.blocks[h.number.block].text)
        if m:
            h.type_name = re.sub(r"\s+", " ", m.group(1)).capitalize()
    metadata = build_metadata(number=h.number, date=h.date, issuer=h.issuer, type_name=h.type_name, title=h.title,
                              signature=closing.signature if closing else None, draft_mark=h.draft)
    metadata = _consolidation_metadata(source, metadata)
    claimed_blocks = {lines[i].block for i in claimed} | {b for c in comps for b in c.blocks}
    unclassified = tuple(b.index for b in source.blocks if b.index not in claimed_blocks and b.text.strip())
    comps.sort(key=lambda c: (c.blocks[0] if c.blocks else -1))
    return LegalDocument(source=source, metadata=metadata, components=tuple(comps), number=h.number, date=h.date,
                         signature=closing.signature if closing else None,
                         recipients=closing.recipients if closing else None, issuer=h.issuer,
                         body=tuple(nodes) + tuple(attach_nodes), quotations=tuple(qranges),
                         unclassified=unclassified)


_TYPED_NUMBER = re.compile(r"^\W*(Luật|Bộ\s+luật|Nghị\s+quyết|Pháp\s+lệnh|Lệnh)\s+số\s*:", re.IGNORECASE)


def _consolidation_metadata(source: SourceDocument, metadata):
    """A văn bản hợp nhất printed in the Công báo without its authentication block (an excerpt continued
    in the next issue) is still a VBHN: the running head "VĂN BẢN HỢP NHẤT - <cơ quan>" says so and
    names the consolidating body. Its tên loại ("LUẬT") is that of the consolidated text (issue #12)."""
    from dataclasses import replace
    from .issuer import recognise_issuer
    from .kinds import consolidation_head
    if metadata.type == "Văn bản hợp nhất":
        return metadata
    head = consolidation_head(source.blocks)
    if head is None:
        return metadata
    organ = recognise_issuer([head.upper()]) if head else None
    issuer = metadata.issuer or (organ.name if organ else None)
    return replace(metadata, type="Văn bản hợp nhất", kind=None, issuer=issuer)


def _attachment_heading(lines: list[Line], k: int) -> bool:
    t = lines[k].text
    if FORM_CODE_RE.match(t.strip()):
        return True
    m = ATTACH_RE.match(t)
    if m and re.search(r"\((?:Ban\s+hành\s+)?kèm\s+theo\b", t) and is_upper_line(t.split("(", 1)[0]):
        return True   # heading and its note on one line: "CHƯƠNG TRÌNH HÀNH ĐỘNG … (Ban hành kèm theo Quyết định …)"
    if not m or len(t) > 120:
        return False
    return is_upper_line(t) or bool(m.group("label"))


def _last_article_before(lines: list[Line], a: int, b: int) -> bool:
    """An article heading between a and b: what was taken for the closing at a is inside the body."""
    from .body import DIEU_RE
    return any(DIEU_RE.match(lines[i].text) for i in range(a, b))


def _vbhn_tail(lines: list[Line], start: int, end: int) -> int | None:
    """Where the consolidation's authentication block starts (issuer line before "Số: …/VBHN-…")."""
    for i in range(len(lines) - 1, start - 1, -1):
        if VBHN_AUTH_RE.match(lines[i].text):
            # the number may stand before or after the title (PDF columns read side by side)
            near = [k for k in range(max(start, i - 6), min(len(lines), i + 6)) if LABEL_RE.match(lines[k].text)]
            top = min([i] + near[:1])
            j = top
            while j > start and is_upper_line(lines[j - 1].text) and top - j < 4 and not (
                    lines[j - 1].text.rstrip().endswith(("/.", "."))):
                j -= 1
            return j
    return None


def _merge_vbhn(h: Header, lines: list[Line], at: int, comps: list, claimed: set) -> Header:
    from .closing import AUTH_RE, is_position
    stop = next((k for k in range(at + 1, min(len(lines), at + 12))
                 if AUTH_RE.match(lines[k].text) or is_position(lines[k].text)), min(len(lines), at + 8))
    sub = lines[at: stop]
    t = parse_header(sub, search_limit=len(sub))
    if t.number is not None and (h.number is None or "VBHN" in (t.number.type_abbr or "").upper()):
        h.number = t.number
        # The consolidation's own date and issuer are those of its authentication block.
        h.date = t.date or h.date
        h.issuer = t.issuer or h.issuer
        comps += [c for c in t.components if c.name in ("so_ky_hieu", "dia_danh_ngay", "co_quan_ban_hanh")]
        claimed.update(at + i for i in t.claimed)
    return h
