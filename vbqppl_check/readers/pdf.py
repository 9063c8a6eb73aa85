"""PDF reader: pypdfium2 for the text layer (per-character font and size), pdfplumber for the rules
drawn on page 1, Tesseract (optional) for image-only pages.

Blocks: kind="line", one per *line group* — a visual line, a column segment of a line (the two
cells of the header and of the signature area come out as separate blocks, never interleaved), or
a body paragraph whose wrapped lines were joined (see pdf_layout). Running heads and page numbers
(e.g. the Công báo head "CÔNG BÁO/Số …/Ngày …") become kind="header"/"footer" blocks so that they
do not pollute the body. Page size per distinct size is reported, but has_page_setup is False: a PDF
does not tell us the author's margins.
"""
from __future__ import annotations

import ctypes
import functools
import gc
import re
import unicodedata
from dataclasses import dataclass, replace

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..errors import CorruptFileError, EncryptedFileError, NoTextError
from ..limits import DEFAULT_LIMITS, Limits
from ..model import Block, PageSetup, ParagraphFormat, Run, RunFormat, SourceDocument
from ..model.source import BlockKind
from .ocr import OCR_STYLE_FONT
from .pdf_chars import Style, page_chars, vertical_rules
from .pdf_layout import Segment, Unit, group_lines, order_page, segment_lines

PT_PER_MM = 72 / 25.4
_GAZETTE = re.compile(r"^C[ÔO]NG\s+B[ÁA]O\s*/|^C[ÔO]NG\s+B[ÁA]O\b.*\bS[ốo]\s*\d", re.I)
_PAGE_NO = re.compile(r"^(-\s*)?\d{1,4}(\s*-)?$|^(Trang|Page)\s+\d+(\s*(/|of|trên)\s*\d+)?$", re.I)
_IMAGE_TYPES = (pdfium_c.FPDF_PAGEOBJ_IMAGE,)
_PATH_TYPES = (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_SHADING)


@dataclass
class _Page:
    number: int
    width: float
    height: float
    lines: list[list[Segment]]
    image_only: bool = False
    graphics_cover: float = 0.0     # share of the page covered by an image/drawing (pages with little text)
    ocr_units: list[Unit] | None = None


def open_pdf(data: bytes, path: str | None) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise EncryptedFileError(path or "", path=path) from exc
        raise CorruptFileError(f"PDF: {exc}", path=path) from exc


def read_pdf(data: bytes, *, path: str | None = None, limits: Limits = DEFAULT_LIMITS) -> SourceDocument:
    # A page is thousands of new Char objects, none cyclic: the cyclic garbage collector would walk them
    # again and again (a quarter of the reading time); it runs again once the document is read.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _read_pdf(data, path=path, limits=limits)
    finally:
        if was_enabled:
            gc.enable()


def _read_pdf(data: bytes, *, path: str | None, limits: Limits) -> SourceDocument:
    doc = open_pdf(data, path)
    warnings: list[str] = []
    try:
        total = len(doc)
        if total == 0:
            raise CorruptFileError("PDF: 0 pages", path=path)
        n_pages = min(total, limits.max_pages)
        if n_pages < total:
            warnings.append(f"chỉ đọc {n_pages}/{total} trang (giới hạn) / only {n_pages} of {total} pages read (limit)")
        pages = []
        for i in range(n_pages):
            try:
                pages.append(_read_page(doc, i))
            except pdfium.PdfiumError as exc:  # one broken page: keep the others
                warnings.append(f"trang {i + 1} hỏng / page {i + 1} is corrupt: {exc}")
                pages.append(_Page(i + 1, 0.0, 0.0, []))
        if all(p.width <= 0 for p in pages):
            raise CorruptFileError("PDF: no readable page", path=path)
        _mark_running_heads(pages)
        for p in pages:
            body = sum(len(s.text) for line in p.lines for s in line if s.role == "body")
            # no text but a picture, or a page-size scan carrying only a short stamp of text
            p.image_only = (p.graphics_cover > 0 and body == 0) or (p.graphics_cover >= 0.5 and body < 200)
        image_only = [p.number for p in pages if p.image_only]
        ocr_used = False
        if image_only:
            ocr_used = _ocr_pages(doc, pages, limits, warnings, path)
        graphics = _graphics(doc, pages)
    except pdfium.PdfiumError as exc:
        raise CorruptFileError(f"PDF: {exc}", path=path) from exc
    finally:
        doc.close()

    sections, section_of = _page_setups(pages)
    blocks: list[Block] = []
    for page in pages:
        units = page.ocr_units if page.ocr_units is not None else order_page(page.lines, page.number, page.width)
        margins = _text_column(units)
        for unit in units:
            if len(blocks) >= limits.max_blocks:
                break
            block = _block(unit, len(blocks), page.number, section_of.get(page.number), margins)
            if block is not None:
                if page.ocr_units is not None:
                    from .ocr import OCR_LOW, low_confidence_spans
                    words = [(c.ch, c.style.base_font == OCR_LOW) for seg in unit.segments for c in seg.chars]
                    block = replace(block, origin="ocr", low_confidence=low_confidence_spans(block.text, words))
                    if limits.ocr_correct:
                        from .ocr import corrected
                        block = corrected(block)
                blocks.append(block)
    if len(blocks) >= limits.max_blocks:
        warnings.append(f"dừng ở {limits.max_blocks} khối / stopped at {limits.max_blocks} blocks (limit)")
    if limits.ocr_correct and any(b.origin == "ocr" for b in blocks):
        from .ocr import repaired_markers   # "1." read "I." before a "2." (across blocks)
        blocks = repaired_markers(blocks)
    blocks = mark_footnotes(blocks)
    if not any(b.text.strip() for b in blocks if b.kind == "line"):
        if image_only and ocr_used:
            raise NoTextError(path or "", path=path,
                              vi="Tệp PDF chỉ có ảnh quét và OCR không nhận được chữ nào.",
                              en="The PDF holds only scanned images and OCR found no text in them.")
        if image_only and not limits.ocr:
            raise NoTextError(path or "", path=path,
                              vi="Tệp PDF chỉ có ảnh quét, không có lớp văn bản, và OCR đang tắt.",
                              en="The PDF holds only scanned images, no text layer, and OCR is disabled.")
        if image_only:
            raise NoTextError(f"{path or ''}: apt-get install tesseract-ocr tesseract-ocr-vie".lstrip(": "),
                              path=path)
        warnings.append("PDF không có chữ / the PDF has no text")
    return SourceDocument(path=path, format="pdf", blocks=tuple(blocks), sections=tuple(sections),
                          page_count=total, has_formatting=any(not p.image_only and p.lines for p in pages),
                          has_page_setup=False,
                          image_only_pages=tuple(image_only), ocr=ocr_used,
                          unread_pages=tuple(p.number for p in pages if p.image_only and not p.ocr_units),  # OCR absent or read nothing
                          ocr_pages=tuple(p.number for p in pages if p.image_only and p.ocr_units),
                          graphics=graphics, warnings=tuple(warnings))


def _size(b: Block) -> float | None:
    sizes = [r.format.size for r in b.runs if r.format.size and r.text.strip()]
    return max(sizes) if sizes else None


def mark_footnotes(blocks: list[Block]) -> list[Block]:
    """Footnotes at the foot of a page (a văn bản hợp nhất has one on every amendment: "1 Khoản này được
    sửa đổi, bổ sung theo …"): the run of lines at the bottom of a page set clearly smaller than the
    body text, holding a note mark (a bare number set smaller still, a superscript) or carrying on the
    notes of the page before. They are notes, not body text: kind "footer", header_kind "note"."""
    sizes: dict[float, int] = {}
    for b in blocks:
        sz = _size(b)
        if b.kind == "line" and sz:
            sizes[sz] = sizes.get(sz, 0) + len(b.text)
    if not sizes:
        return blocks
    body = max(sizes, key=lambda s: sizes[s])
    small = body - 1.5
    by_page: dict[int, list[int]] = {}
    for k, b in enumerate(blocks):
        if b.page is not None and b.kind == "line":
            by_page.setdefault(b.page, []).append(k)
    notes: set[int] = set()
    carried = False
    for page in sorted(by_page):
        idx = by_page[page]
        run: list[int] = []
        for k in reversed(idx):
            sz = _size(blocks[k])
            if sz is None or sz > small:
                break
            run.append(k)
        run.reverse()
        text_sizes = [s for k in run if not blocks[k].text.strip().isdigit() and (s := _size(blocks[k])) is not None]
        marks = [k for k in run if blocks[k].text.strip().isdigit() and text_sizes
                 and (_size(blocks[k]) or 0) < min(text_sizes)]
        if run and len(run) < len(idx) and (marks or carried):
            notes.update(run)
            carried = True
        else:
            carried = False
    if not notes:
        return blocks
    return [replace(b, kind="footer", header_kind="note") if k in notes else b for k, b in enumerate(blocks)]


def _read_page(doc: pdfium.PdfDocument, index: int) -> _Page:
    page = doc[index]
    try:
        crop = page.get_cropbox()
        width, height = crop[2] - crop[0], crop[3] - crop[1]
        if page.get_rotation() in (90, 270):
            width, height = height, width
        textpage = page.get_textpage()
        try:
            chars, direction = page_chars(textpage, crop)
        finally:
            textpage.close()
        if direction:  # text set at 90°: lay the page out in its reading frame
            width, height = height, width
        inked = [c for c in chars if c.ch.strip()]
        rules = vertical_rules(page, crop) if inked and not direction else []
        lines = segment_lines(group_lines(chars), rules)
        lines = [line for line in lines if line]
        # a page with (almost) no text may be a scan; whether its text is only a running head is
        # decided once running heads are known
        cover = _graphics_cover(page, width, height) if len(inked) < 400 else 0.0
        return _Page(index + 1, width, height, lines, graphics_cover=cover)
    finally:
        page.close()


def _graphics_cover(page, width: float, height: float) -> float:
    """How much of the page an image (or a drawing of many paths) covers, 0..1.

    A scan is one big image; "Microsoft Print to PDF" of a scan may draw the glyphs as paths."""
    n = pdfium_c.FPDFPage_CountObjects(page)
    paths = 0
    best = 0.0
    lb, bb, rb, tb = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    area = max(width * height, 1.0)
    for i in range(n):
        obj = pdfium_c.FPDFPage_GetObject(page, i)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind in _IMAGE_TYPES or kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            if pdfium_c.FPDFPageObj_GetBounds(obj, lb, bb, rb, tb):
                best = max(best, min(1.0, (rb.value - lb.value) * (tb.value - bb.value) / area))
            else:
                best = max(best, 0.01)
        elif kind in _PATH_TYPES:
            paths += 1
    if paths >= 50:
        best = max(best, 0.5)
    return best


def _mark_running_heads(pages: list[_Page]) -> None:
    """Page numbers and running heads in the top/bottom band → role header/footer."""
    tops: dict[str, list[Segment]] = {}
    bottoms: dict[str, list[Segment]] = {}
    for page in pages:
        if not page.lines:
            continue
        first, last = page.lines[0], page.lines[-1]
        if all(s.top < 0.09 * page.height for s in first):
            for s in first:
                if _PAGE_NO.match(s.text) or _GAZETTE.match(s.text):
                    s.role = "header"
                tops.setdefault(re.sub(r"\d+", "#", s.text), []).append(s)
        if last is not first and all(s.bottom > 0.91 * page.height for s in last):
            for s in last:
                if _PAGE_NO.match(s.text):
                    s.role = "footer"
                bottoms.setdefault(re.sub(r"\d+", "#", s.text), []).append(s)
    _mark_gazette_headings(pages)
    # text repeated in the same band on several pages is a running head/foot
    need = max(2, int(0.3 * len(pages)) + 1)
    for groups, role in ((tops, "header"), (bottoms, "footer")):
        for key, segs in groups.items():
            if len(segs) >= need and len(key) <= 120:
                for s in segs:
                    s.role = role


def _mark_gazette_headings(pages: list[_Page]) -> None:
    """On page 1 of a gazette (Công báo) edition, the gazette's own headings ("VĂN BẢN QUY PHẠM PHÁP
    LUẬT", the issuer's name) sit between the running head and the document's header table, in
    large type (≥ 15 pt; the header table is 12–14 pt) and centred on the page."""
    page = pages[0]
    if not page.lines or not any(_GAZETTE.match(s.text) for s in page.lines[0]):
        return
    middle = page.width / 2
    for line in page.lines[1:]:
        if len(line) != 1:
            return
        seg = line[0]
        if seg.top > 0.4 * page.height or seg.size < 15.0 or abs(seg.center - middle) > 0.06 * page.width:
            return
        seg.role = "header"


def _page_setups(pages: list[_Page]) -> tuple[list[PageSetup], dict[int, int]]:
    by_size: dict[tuple[float, float], list[int]] = {}
    for p in pages:
        if p.width <= 0:  # a page that could not be read
            continue
        key = (round(p.width / PT_PER_MM, 1), round(p.height / PT_PER_MM, 1))
        match = next((k for k in by_size if abs(k[0] - key[0]) < 1.0 and abs(k[1] - key[1]) < 1.0), key)
        by_size.setdefault(match, []).append(p.number)
    sections, section_of = [], {}
    for i, ((w, h), nums) in enumerate(by_size.items()):
        sections.append(PageSetup(section=i, width_mm=w, height_mm=h,
                                  orientation="landscape" if w > h else "portrait", pages=tuple(nums)))
        for n in nums:
            section_of[n] = i
    return sections, section_of


@functools.lru_cache(maxsize=4096)
def _fmt(style: Style) -> RunFormat:
    if style.font == OCR_STYLE_FONT:  # OCR knows no fonts or sizes
        return RunFormat()
    return RunFormat(font=style.font, size=round(style.size, 1) if style.size else None,
                     bold=style.bold, italic=style.italic)


def _text_column(units: list[Unit]) -> tuple[float, float] | None:
    """Left and right edges of the page's text column (body units)."""
    segs = [s for u in units if u.role == "body" for s in u.segments]
    if not segs:
        return None
    return min(s.x0 for s in segs), max(s.x1 for s in segs)


def _alignment(unit: Unit, margins: tuple[float, float] | None) -> ParagraphFormat | None:
    """What the geometry shows for sure: centred or right-aligned lines, justified paragraphs and
    their first-line indent. Column cells and ambiguous lines (left vs justified) get nothing."""
    if margins is None or unit.fixed or unit.role != "body":
        return None
    left, right = margins
    segs = unit.segments
    em = max(s.size for s in segs)
    if len(segs) > 1:
        if all(s.x1 >= right - em for s in segs[:-1]):
            body_left = min(s.x0 for s in segs[1:])
            indent = (segs[0].x0 - body_left) / PT_PER_MM
            return ParagraphFormat(alignment="justify",
                                   first_line_indent_mm=round(indent, 1) if abs(indent) >= 1.0 else 0.0)
        return None
    seg = segs[0]
    if seg.x0 > left + 2 * em and abs(seg.center - (left + right) / 2) <= max(3.0, 0.01 * (right - left)):
        return ParagraphFormat(alignment="center")
    if seg.x0 > (left + right) / 2 and abs(seg.x1 - right) <= 2.0:
        return ParagraphFormat(alignment="right")
    return None


def _block(unit: Unit, index: int, page: int, section: int | None,
           margins: tuple[float, float] | None = None) -> Block | None:
    pieces: list[tuple[str, RunFormat]] = []
    for k, seg in enumerate(unit.segments):
        if k:
            pieces.append((" ", pieces[-1][1] if pieces else _fmt(seg.pieces[0][1])))
        for text, style in seg.pieces:
            fmt = _fmt(style)
            if pieces and pieces[-1][1] == fmt:
                pieces[-1] = (pieces[-1][0] + text, fmt)
            else:
                pieces.append((text, fmt))
    raw = "".join(t for t, _ in pieces)
    if not raw.strip():
        return None
    runs: list[Run] = []
    pos = 0
    for text, fmt in pieces:
        norm = unicodedata.normalize("NFC", text)
        runs.append(Run(start=pos, end=pos + len(norm), text=norm, format=fmt))
        pos += len(norm)
    text = "".join(r.text for r in runs)
    whole = unicodedata.normalize("NFC", raw)
    if whole != text:  # a mark composed across a run boundary: keep one run
        text = whole
        runs = [Run(start=0, end=len(text), text=text, format=pieces[0][1])]
    segs = unit.segments
    bbox = (round(min(s.x0 for s in segs), 2), round(min(s.top for s in segs), 2),
            round(max(s.x1 for s in segs), 2), round(max(s.bottom for s in segs), 2))
    kind: BlockKind = "header" if unit.role == "header" else "footer" if unit.role == "footer" else "line"
    return Block(index=index, text=text, kind=kind, runs=tuple(runs), section=section, page=page,
                 bbox=bbox, raw=raw if raw != text else None, paragraph=_alignment(unit, margins))


def _ocr_pages(doc, pages: list[_Page], limits: Limits, warnings: list[str], path: str | None) -> bool:
    from .ocr import ocr_available, ocr_pages
    todo = [p for p in pages if p.image_only]
    nums = ", ".join(str(p.number) for p in todo)
    if not limits.ocr:
        warnings.append(f"trang {nums} chỉ là ảnh; OCR đang tắt / page(s) {nums} are images only; OCR is disabled")
        return False
    if not ocr_available():
        warnings.append(f"trang {nums} chỉ là ảnh; chưa cài OCR (apt-get install tesseract-ocr tesseract-ocr-vie) "
                        f"/ page(s) {nums} are images only; OCR is not installed "
                        "(apt-get install tesseract-ocr tesseract-ocr-vie)")
        return False
    used = False
    if len(todo) > limits.ocr_max_pages:
        warnings.append(f"OCR dừng ở {limits.ocr_max_pages} trang / OCR stopped after {limits.ocr_max_pages} pages")
    by_index = {p.number - 1: p for p in todo[: limits.ocr_max_pages]}
    # pages of the document in parallel (readers.ocr.ocr_jobs), results in page order
    for index, lines in ocr_pages(doc, list(by_index), timeout=max(10.0, limits.timeout_seconds / 4)):
        page = by_index[index]
        if isinstance(lines, Exception):  # OCR is best effort; the page stays image-only
            warnings.append(f"OCR trang {page.number} lỗi / OCR of page {page.number} failed: {lines}")
            continue
        seg_lines = segment_lines(lines)
        _mark_ocr_bands(seg_lines, page.height)
        if page.number == 1:
            _mark_ocr_gazette_headings(seg_lines, page.width)
        page.ocr_units = order_page(seg_lines, page.number, page.width)
        used = True
    return used


def _mark_ocr_bands(lines: list[list[Segment]], height: float) -> None:
    """An OCR'd page: its page number or gazette running head in the top band, and its page number in
    the bottom band, take role header/footer (as _mark_running_heads gives a text layer's), so that
    the two-column header below is read as on a text layer."""
    if not lines or height <= 0:
        return
    first, last = lines[0], lines[-1]
    if all(s.top < 0.09 * height for s in first):
        for s in first:
            if _PAGE_NO.match(s.text) or _GAZETTE.match(s.text):
                s.role = "header"
    if last is not first and all(s.bottom > 0.91 * height for s in last):
        for s in last:
            if _PAGE_NO.match(s.text):
                s.role = "footer"


def _mark_ocr_gazette_headings(lines: list[list[Segment]], width: float) -> None:
    """Page 1 of an OCR'd gazette (Công báo) edition: the gazette's own headings between its running
    head and the document's two-column header table (the issuer's name set large and centred; the
    text layer's rule, _mark_gazette_headings, goes by font size, which OCR does not know) take role
    header: single, centred lines that straddle the gap of the first two-cell line below them."""
    if not lines or width <= 0 or not any(s.role == "header" and _GAZETTE.match(s.text) for s in lines[0]):
        return
    body = [line for line in lines[1:] if any(s.role == "body" for s in line)]
    for r, line in enumerate(body[:4]):
        if len(line) == 2:
            lo, hi = line[0].x1, line[1].x0
            for above in body[:r]:
                seg = above[0]
                if not (seg.x0 < lo and seg.x1 > hi and abs(seg.center - width / 2) <= 0.06 * width):
                    return
            for above in body[:r]:
                above[0].role = "header"
            return
        if len(line) != 1:
            return


def _graphics(doc: pdfium.PdfDocument, pages: list[_Page]):
    if not pages or pages[0].image_only:
        return ()
    from .pdf_graphics import page_one_rules
    return page_one_rules(doc)
