"""The PDF reader's layout steps were made faster (issue #16): lines grouped without per-glyph max()
calls, gaps below every cut threshold skipped early, text pieces merged per style run, the garbage
collector paused while a PDF is read, and page_chars' one-pass loop for upright pages. These tests
check that reading gives exactly the blocks of the step-by-step versions they replaced (kept below as
the reference: group_lines, _gaps, _pieces and _cut before the change) on Công báo PDFs, and that the typed
fallback of page_chars (used when pypdfium2's raw library handle is not reachable) gives the same glyphs.
tests/test_reader_pdf_fast.py compares page_chars with the per-glyph reader."""
from __future__ import annotations

import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import pypdfium2 as pdfium
import pytest

import vbqppl_check.readers.pdf as pdf_mod
from vbqppl_check.limits import Limits
from vbqppl_check.readers import pdf_chars, pdf_layout, read
from vbqppl_check.readers.pdf_chars import OCR_FONT, Char, Style
from vbqppl_check.readers.pdf_layout import HARD_EM, SOFT_EM, SPACE_EM, WEAK_EM

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from _split import is_evaluation  # noqa: E402

# -- the reference: these functions as they were before issue #16 ---------------------------------

def ref_clusters(chars: list[Char]) -> list[Char]:
    """Attach combining marks drawn as separate glyphs to their base character."""
    out: list[Char] = []
    for c in chars:
        if out and len(c.ch) == 1 and unicodedata.combining(c.ch):
            p = out[-1]
            out[-1] = Char(p.ch + c.ch, p.x0, min(p.top, c.top), max(p.x1, c.x1), max(p.bottom, c.bottom),
                           p.baseline, p.style)
        else:
            out.append(c)
    return out


def ref_group_lines(chars: list[Char]) -> list[list[Char]]:
    """Cluster glyphs by baseline; each line sorted left to right."""
    chars = sorted(ref_clusters(chars), key=lambda c: c.baseline)
    lines: list[list[Char]] = []
    ref = None
    ref_size = 0.0
    for c in chars:
        size = max(c.style.size, 4.0)
        if ref is not None and abs(c.baseline - ref) <= 0.45 * max(size, ref_size):
            lines[-1].append(c)
            ref_size = max(ref_size, size)
            continue
        lines.append([c])
        ref, ref_size = c.baseline, size
    for line in lines:
        line.sort(key=lambda c: c.x0)
    return lines


def ref_gaps(line: list[Char], rules: Sequence[tuple[float, float, float]]) -> list[tuple[int, float, float, int]]:
    """Candidate cuts of a line: (index of the glyph after the gap, gap start, gap end, strength).

    Strength 3: a table border between the glyphs; 2: a gap wider than HARD_EM em; 1: a gap wider
    than SOFT_EM em (cut only when a nearby line has a strong cut at the same place, i.e. a column).
    A gap mostly filled with typed spaces ("Số:      /QĐ-UBND") is one level weaker.
    """
    top = min(c.top for c in line)
    bottom = max(c.bottom for c in line)
    xs = [x for x, rt, rb in rules if rt < bottom - 1 and rb > top + 1]
    out = []
    last = None
    typed = 0.0
    for i, c in enumerate(line):
        if c.ch == " ":
            if not c.generated:
                typed += max(c.x1 - c.x0, 0.0)
            continue
        if last is not None:
            gap = c.x0 - last.x1
            size = max(last.style.size, c.style.size, 4.0)
            if any(last.x1 - 1 <= x <= c.x0 + 1 for x in xs):
                out.append((i, last.x1, c.x0, 3))
            elif gap > max(SOFT_EM * size, 12.0):
                strength = 2 if gap > max(HARD_EM * size, 40.0) else 1
                if typed >= 0.5 * gap:
                    strength -= 1
                out.append((i, last.x1, c.x0, strength))
            elif gap > max(WEAK_EM * size, 7.0):
                out.append((i, last.x1, c.x0, 0))
        last = c
        typed = 0.0
    return out


def ref_pieces(chars: list[Char]) -> list[tuple[str, Style]]:
    """Text pieces with their style; word spaces inferred from gaps, runs of spaces collapsed."""
    out: list[tuple[str, Style]] = []
    prev = None
    for c in chars:
        ch = c.ch
        if prev is not None:
            if ch == " " and out and out[-1][0] == " ":
                continue
            if ch != " " and prev.ch != " " and (c.x0 - prev.x1 > SPACE_EM * max(c.style.size, 1.0)
                                                 or c.style.font == OCR_FONT == prev.style.font):
                # OCR pseudo-glyphs are whole words (Tesseract's word boxes): always a space between
                out.append((" ", prev.style))
        elif ch == " ":
            continue
        out.append((ch, c.style))
        prev = c
    while out and out[-1][0] == " ":
        out.pop()
    return out



def ref_cut(line: list[Char], cuts: list[int]) -> list[pdf_layout.Segment]:
    bounds = [0] + cuts + [len(line)]
    segs = []
    for a, b in zip(bounds, bounds[1:]):
        g = line[a:b]
        inked = [c for c in g if c.ch.strip()]
        if not inked:
            continue
        seg = pdf_layout.Segment(chars=g, x0=min(c.x0 for c in inked), x1=max(c.x1 for c in inked),
                                 top=min(c.top for c in inked), bottom=max(c.bottom for c in inked),
                                 baseline=pdf_layout._mode([round(c.baseline, 1) for c in inked]),
                                 size=pdf_layout._mode([c.style.size for c in inked]))
        seg.pieces = ref_pieces(g)
        segs.append(seg)
    return segs


# -- the comparison ---------------------------------------------------------------------------------

def _blocks(path: Path) -> list[tuple]:
    doc = read(path, limits=Limits(ocr=False))   # OCR'd pages are not the text layer under test
    return [(b.index, b.text, b.kind, b.runs, b.page, b.bbox, b.raw, b.paragraph, b.section, b.header_kind)
            for b in doc.blocks]


def _reference_blocks(path: Path) -> list[tuple]:
    with pytest.MonkeyPatch.context() as m:
        m.setattr(pdf_mod, "group_lines", ref_group_lines)
        m.setattr(pdf_layout, "_gaps", ref_gaps)
        m.setattr(pdf_layout, "_pieces", ref_pieces)
        m.setattr(pdf_layout, "_cut", ref_cut)
        return _blocks(path)


def _text_layer_congbao(corpus: Path) -> list[Path]:
    out = []
    for p in sorted((corpus / "congbao-pdf-8topics" / "pdf").glob("*.pdf")):
        try:
            if not read(p, limits=Limits(ocr=False)).image_only_pages:
                out.append(p)
        except Exception:  # noqa: BLE001 - a scan without any text layer
            pass
    return out


def test_fast_layout_gives_the_reference_blocks_on_evaluation_half_sample(corpus):
    paths = [p for p in sorted((corpus / "congbao-pdf-8topics" / "pdf").glob("*.pdf")) if is_evaluation(p, corpus)]
    paths = paths[::5][:8]
    assert len(paths) == 8
    blocks = 0
    for p in paths:
        fast = _blocks(p)
        assert fast == _reference_blocks(p), p.name
        blocks += len(fast)
    assert blocks > 500


@pytest.mark.slow
def test_fast_layout_gives_the_reference_blocks_on_the_whole_congbao_text_layer(corpus):
    paths = _text_layer_congbao(corpus)
    assert len(paths) >= 80
    for p in paths:
        assert _blocks(p) == _reference_blocks(p), p.name


def test_typed_fallback_of_page_chars_gives_the_same_glyphs(corpus, monkeypatch):
    """page_chars without the untyped bindings (the path taken when pypdfium2's library handle is not
    reachable) against the default path, on pages with upright and with rotated text."""
    paths = [p for p in sorted((corpus / "congbao-pdf-8topics" / "pdf").glob("*.pdf")) if is_evaluation(p, corpus)][:6]
    glyphs = 0
    for p in paths:
        pdf = pdfium.PdfDocument(str(p))
        try:
            for k in range(len(pdf)):
                page = pdf[k]
                crop = page.get_cropbox()
                tp = page.get_textpage()
                fast = pdf_chars.page_chars(tp, crop)
                with monkeypatch.context() as m:
                    m.setattr(pdf_chars, "_UNTYPED", None)
                    typed = pdf_chars.page_chars(tp, crop)
                assert fast == typed, (p.name, k)
                glyphs += len(fast[0])
        finally:
            pdf.close()
    assert glyphs > 20_000


def test_reading_a_pdf_leaves_the_garbage_collector_as_it_was(corpus):
    import gc
    path = sorted((corpus / "congbao-pdf-8topics" / "pdf").glob("*.pdf"))[0]
    assert gc.isenabled()
    read(path, limits=Limits(ocr=False))
    assert gc.isenabled()
    gc.disable()
    try:
        read(path, limits=Limits(ocr=False))
        assert not gc.isenabled()    # a caller's choice is kept
    finally:
        gc.enable()
