"""Vector rules on page 1 via pdfplumber: the short lines under the issuer name and the tiêu ngữ.

pdfplumber costs ~100 ms a page, so only page 1 is looked at, and only for horizontal strokes
(lines, thin rectangles) in the upper part of the page.
"""
from __future__ import annotations

import io
import logging

from ..model import Graphic

MIN_LEN, MAX_LEN = 15.0, 300.0   # points; a header rule is ~1/3 to 1/2 of its text's width
MAX_THICK = 2.5


def page_one_rules(data: bytes) -> tuple[Graphic, ...]:
    try:
        import pdfplumber
    except ImportError:  # pragma: no cover - pdfplumber is a declared dependency
        return ()
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        with pdfplumber.open(io.BytesIO(data), pages=[1]) as pdf:
            if not pdf.pages:
                return ()
            page = pdf.pages[0]
            limit = page.height * 0.45
            found = []
            for obj in list(page.lines) + list(page.rects):
                x0, x1, top, bottom = obj["x0"], obj["x1"], obj["top"], obj["bottom"]
                if bottom - top > MAX_THICK or not MIN_LEN <= x1 - x0 <= MAX_LEN or top > limit:
                    continue
                found.append(Graphic(page=1, x0=round(x0, 2), top=round(top, 2),
                                     x1=round(x1, 2), bottom=round(bottom, 2)))
            found.sort(key=lambda g: (g.top, g.x0))
            return tuple(found)
    except Exception:  # noqa: BLE001 - graphics are an extra; the text was already read by PDFium
        return ()
