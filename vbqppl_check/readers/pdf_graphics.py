"""Vector rules on page 1: the short lines drawn under the issuer name and the tiêu ngữ.

Read with PDFium's path API (segments of each path object, mapped through its matrix), not
pdfplumber: pdfplumber gives the same lines (tests/test_reader_pdf.py compares the two on real
Công báo PDFs) but costs ~100 ms a page, which was 61 % of the time of checking a PDF.
Only page 1 is looked at, and only horizontal strokes (lines, thin rectangles) in its upper part.
"""
from __future__ import annotations

import ctypes

from ..model import Graphic

MIN_LEN, MAX_LEN = 15.0, 300.0   # points; a header rule is ~1/3 to 1/2 of its text's width
MAX_THICK = 2.5
UPPER_PART = 0.45                # share of the page height where header rules are drawn


def _subpaths(obj, raw):
    """Points of each subpath of a path object in page coordinates (PDF origin bottom-left);
    a closed subpath repeats its first point at the end."""
    m = obj.get_matrix()
    x, y = ctypes.c_float(), ctypes.c_float()
    current: list[tuple[float, float]] = []
    for i in range(raw.FPDFPath_CountSegments(obj.raw)):
        seg = raw.FPDFPath_GetPathSegment(obj.raw, i)
        if not raw.FPDFPathSegment_GetPoint(seg, x, y):
            continue
        pt = (m.a * x.value + m.c * y.value + m.e, m.b * x.value + m.d * y.value + m.f)
        kind = raw.FPDFPathSegment_GetType(seg)
        if kind == raw.FPDF_SEGMENT_MOVETO:
            if len(current) > 1:
                yield current
            current = [pt]
            continue
        if kind != raw.FPDF_SEGMENT_LINETO:
            current = []            # a curve: not a rule (pdfplumber calls these curves)
            continue
        if current:
            current.append(pt)
            if raw.FPDFPathSegment_GetClose(seg):
                current.append(current[0])
    if len(current) > 1:
        yield current


def page_one_rules(pdf) -> tuple[Graphic, ...]:
    """`pdf` is an open pypdfium2.PdfDocument. Returns horizontal rules, top to bottom."""
    import pypdfium2.raw as raw
    try:
        page = pdf[0]
    except Exception:  # noqa: BLE001 - graphics are an extra; the text was already read
        return ()
    try:
        height = page.get_size()[1]
        strokes: list[list[float]] = []        # [x0, top, x1, bottom] in top-left coordinates
        for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH], max_depth=5):
            for points in _subpaths(obj, raw):
                # a straight line, or a thin rectangle: pdfplumber's "lines" and thin "rects";
                # the edges of a box taller than a stroke are not rules
                xs, ys = [p[0] for p in points], [p[1] for p in points]
                if len(points) > 6 or max(ys) - min(ys) > MAX_THICK or max(xs) - min(xs) < MIN_LEN:
                    continue
                top = height - max(ys)
                if top > height * UPPER_PART:
                    continue
                strokes.append([min(xs), top, max(xs), height - min(ys)])
        merged: list[list[float]] = []
        for s in sorted(strokes, key=lambda s: (s[1], s[0])):
            # a rule drawn twice (stroke over fill) is one rule
            hit = next((m for m in merged if abs(m[0] - s[0]) < 1 and abs(m[2] - s[2]) < 1
                        and s[1] - m[3] <= MAX_THICK), None)
            if hit:
                hit[3] = max(hit[3], s[3])
            else:
                merged.append(list(s))
        out = [Graphic(page=1, x0=round(a, 2), top=round(t, 2), x1=round(b, 2), bottom=round(d, 2))
               for a, t, b, d in merged if MIN_LEN <= b - a <= MAX_LEN and d - t <= MAX_THICK]
        out.sort(key=lambda g: (g.top, g.x0))
        return tuple(out)
    except Exception:  # noqa: BLE001
        return ()
    finally:
        page.close()
