"""The per-glyph loop of readers/pdf_chars.py was made faster (issue #16: raw handles instead of helper
objects, object addresses as ints, Char built without the frozen dataclass's per-field setattr). These
tests check it against the plain per-glyph reader it replaced (kept below as the reference): the same
characters, boxes, baselines, fonts and sizes on every page of the Công báo set, hence the same blocks.
The pdfplumber cross-check stays in tests/test_reader_pdf.py."""
from __future__ import annotations

import ctypes
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from vbqppl_check.readers import pdf_chars
from vbqppl_check.readers.pdf_chars import Char, _addr, _StyleCache, _visible, page_chars

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from _split import is_evaluation  # noqa: E402


def reference_page_chars(textpage, crop):
    """The per-glyph reader before issue #16 (one typed call per glyph, Char(...) per glyph)."""
    tp = textpage
    n = pdfium_c.FPDFText_CountChars(tp)
    if n <= 0:
        return [], 0
    ubuf = (ctypes.c_ushort * (n + 1))()
    got = pdfium_c.FPDFText_GetText(tp, 0, n, ubuf)
    units = list(ubuf[:n]) if got - 1 == n else None
    styles = _StyleCache(tp)
    rect = pdfium_c.FS_RECTF()
    cache = {}
    rgba = tuple(ctypes.c_uint() for _ in range(4))
    raw = []
    ox, oy = ctypes.c_double(), ctypes.c_double()
    for i in range(n):
        obj = pdfium_c.FPDFText_GetTextObject(tp, i)
        if not obj:
            code = units[i] if units is not None else pdfium_c.FPDFText_GetUnicode(tp, i)
            if code == 32 and raw and raw[-1][0] != " ":
                raw.append((" ",) + raw[-1][1:9] + (True,))
            continue
        code = units[i] if units is not None else pdfium_c.FPDFText_GetUnicode(tp, i)
        if code in (0, 0xFFFE, 0xFFFF) or code in (0x0D, 0x0A) or 0xD800 <= code <= 0xDFFF:
            if 0xD800 <= code <= 0xDBFF and units is not None and i + 1 < n:
                ch = chr(0x10000 + ((code - 0xD800) << 10) + (units[i + 1] - 0xDC00))
            else:
                continue
        else:
            ch = " " if code == 9 else chr(code)
        key = _addr(obj)
        entry = cache.get(key)
        if entry is None:
            entry = cache[key] = styles.style(i, obj) if _visible(obj, rgba) else None
        if entry is None:
            continue
        style, direction = entry
        pdfium_c.FPDFText_GetLooseCharBox(tp, i, rect)
        pdfium_c.FPDFText_GetCharOrigin(tp, i, ox, oy)
        raw.append((ch, direction, rect.left, rect.bottom, rect.right, rect.top, ox.value, oy.value, style, False))
    counts = [0, 0, 0, 0]
    for r in raw:
        if r[0] != " ":
            counts[r[1]] += 1
    direction = max(range(3), key=lambda d: (counts[d], d == 0))
    left, bottom, right, top_y = crop
    out = []
    for ch, d, l, b, r, t, x, y, style, generated in raw:
        if d != direction:
            continue
        if direction == 0:
            x0, x1, top, bot, base = l - left, r - left, top_y - t, top_y - b, top_y - y
        elif direction == 1:
            x0, x1, top, bot, base = b - bottom, t - bottom, l - left, r - left, x - left
        else:
            x0, x1, top, bot, base = top_y - t, top_y - b, right - r, right - l, right - x
        if x1 < x0:
            x1 = x0
        if generated:
            x0 = x1
        out.append(Char(ch=ch, x0=x0, top=top, x1=x1, bottom=bot, baseline=base, style=style, generated=generated))
    return out, direction


def _compare(path: Path) -> int:
    pdf = pdfium.PdfDocument(str(path))
    try:
        glyphs = 0
        for k in range(len(pdf)):
            page = pdf[k]
            crop = page.get_cropbox()
            tp = page.get_textpage()
            fast, d_fast = page_chars(tp, crop)
            ref, d_ref = reference_page_chars(tp.raw, crop)
            assert d_fast == d_ref, (path.name, k)
            assert fast == ref, (path.name, k)
            # equal as dataclasses and field by field, fonts and sizes included
            assert [(c.ch, c.style.font, c.style.size, c.style.bold, c.generated) for c in fast] == \
                   [(c.ch, c.style.font, c.style.size, c.style.bold, c.generated) for c in ref]
            glyphs += len(fast)
        return glyphs
    finally:
        pdf.close()


def _congbao(corpus: Path) -> list[Path]:
    return sorted((corpus / "congbao-pdf-8topics" / "pdf").glob("*.pdf"))


def test_fast_glyph_loop_matches_the_per_glyph_reader_on_evaluation_half_sample(corpus):
    paths = [p for p in _congbao(corpus) if is_evaluation(p, corpus)][:8]
    assert len(paths) == 8
    assert sum(_compare(p) for p in paths) > 50_000


@pytest.mark.slow
def test_fast_glyph_loop_matches_the_per_glyph_reader_on_the_whole_congbao_set(corpus):
    paths = _congbao(corpus)
    assert len(paths) >= 80
    for p in paths:
        _compare(p)


def test_chars_are_real_frozen_chars(corpus):
    pdf = pdfium.PdfDocument(str(_congbao(corpus)[0]))
    try:
        page = pdf[0]
        chars, _ = page_chars(page.get_textpage(), page.get_cropbox())
    finally:
        pdf.close()
    c = chars[0]
    assert type(c) is Char and hash(c) == hash(Char(**vars(c)))
    with pytest.raises(AttributeError):
        c.ch = "x"   # still frozen
    assert pdf_chars._OBJECT_ADDRESS is not None   # the fast path is the one tested here
