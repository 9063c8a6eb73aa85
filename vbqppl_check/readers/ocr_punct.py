"""Punctuation at the end of an OCR word read from the page's pixels: "," vs "." and ";" vs ":".

On a blurred or coarse scan Tesseract often loses the tail of a comma and reads "cấp," as "cấp." and
"này;" as "này:" (issue #19, docs/ocr.md). Which of the two it is cannot be told from the text (a colon
ends many list introductions: "… có trách nhiệm:"), but it can from the ink: a comma, and the lower
part of a semicolon, descend below the line's baseline; a full stop, and the lower dot of a colon, sit
on it. For each word of Tesseract's TSV ending in one of these marks, the last glyph of the word box
(the rightmost run of inked columns) is cut into its vertical parts; its lowest part is compared with
the baseline of the letters just before it (the lowest row where their ink is dense: descenders and
the dot below of "ạ" are thin) in units of the letters' x-height. Thresholds measured on the tuning
half of benchmarks/ocr_accuracy.py (docs/ocr.md). Also: a "." after a word in capitals whose box ends
in a letter's stroke, not a dot, is dropped (Tesseract's "CHÍNH PHỦ." of a scanned header).
"""
from __future__ import annotations

import io

INK = 150              # grey level below which a pixel is ink (the page is whitened above 170 before OCR)
DEPTH_COMMA = 0.10     # the lowest part descends this far below the baseline (× x-height): a comma's tail
DEPTH_COMMA_AFTER_DESCENDER = 0.15   # ... after "g"/"y" (the baseline is taken left of them: less sure)
DEPTH_DOT: float | None = None   # ... at most this far: a dot read as a comma (None: "," and ";" are kept)
MIN_XHEIGHT = 6        # pixels: smaller letters are not judged
SPURIOUS_DOT = True    # drop a full stop after a word in capitals when the box has no dot's ink
_PAIRS = {".": ",", ",": ".", ":": ";", ";": ":"}


def _runs(flags) -> list[tuple[int, int]]:
    """Runs of True in a sequence: [(start, end inclusive)]."""
    out, start = [], None
    for i, f in enumerate(flags):
        if f and start is None:
            start = i
        elif not f and start is not None:
            out.append((start, i - 1))
            start = None
    if start is not None:
        out.append((start, len(flags) - 1))
    return out


def mark_depth(ink, mark: str, skip_glyph: bool = False, rows: int | None = None) -> float | None:
    """How far (in x-heights) the lowest part of the last glyph of a word descends below the baseline of
    the letters before it; `ink` is the word box as a boolean array (rows × columns), a little taller
    than Tesseract's box (`rows`: the box's own height; ink starting below it is the next line's).
    None when it cannot be measured (no clear last glyph, too few letters)."""
    import numpy as np
    cols = ink.any(axis=0)
    runs = _runs(cols.tolist())
    if len(runs) < 2:
        return None
    c0, c1 = runs[-1]
    glyph = ink[:, c0:c1 + 1]
    parts = [p for p in _runs(glyph.any(axis=1).tolist()) if rows is None or p[0] < rows]
    want = 2 if mark in ":;" else 1
    if len(parts) != want:
        return None
    low0, low1 = parts[-1]
    # the letters just before the mark: a window of columns left of it (skip_glyph: left of the letter
    # before the mark, a "g" or "y" whose descender is as dense as the letters' bottoms)
    if skip_glyph and len(runs) < 3:
        return None
    left_end = runs[-3][1] if skip_glyph else runs[-2][1]
    rows_all = ink[:, : left_end + 1]
    prof_all = rows_all.sum(axis=1)
    if prof_all.max() <= 0:
        return None
    dense = np.nonzero(prof_all >= 0.35 * prof_all.max())[0]
    if len(dense) == 0:
        return None
    xh = dense[-1] - dense[0] + 1
    if xh < MIN_XHEIGHT:
        return None
    # the baseline near the mark (skew): letters in the last ≈ 2 x-heights before it
    lo = max(0, left_end + 1 - 2 * xh)
    prof = ink[:, lo: left_end + 1].sum(axis=1)
    if prof.max() <= 0:
        return None
    near = np.nonzero(prof >= 0.35 * prof.max())[0]
    baseline = near[-1]
    if mark in ":;":
        up0, up1 = parts[0]
        if up1 >= baseline - 0.2 * xh:   # the upper dot must stand clear above the baseline
            return None
    if low1 - low0 + 1 > 1.5 * xh:      # a tall last glyph: not a punctuation mark
        return None
    return float(low1 - baseline) / xh


def no_dot(ink) -> bool:
    """The last glyph of a word box is as tall as its letters: the full stop Tesseract put after the
    word has no ink of its own (a speck or the header's rule read as one, or none at all)."""
    runs = _runs(ink.any(axis=0).tolist())
    rows = _runs(ink.any(axis=1).tolist())
    if len(runs) < 2 or not rows:
        return False
    height = max(b - a + 1 for a, b in rows)
    c0, c1 = runs[-1]
    low0, low1 = _runs(ink[:, c0:c1 + 1].any(axis=1).tolist())[-1]   # its lowest part: a dot, or a stroke
    return low1 - low0 + 1 >= 0.6 * height


def punctuation_marks(image_bytes: bytes, tsv: str, collect: list | None = None) -> str:
    """Tesseract's TSV with "."/","/":"/";" at word ends corrected from the ink of the page image the
    TSV was read from (PGM/PNG bytes). Words and boxes are otherwise unchanged. `collect` receives
    (word, depth) for every word judged (tuning)."""
    if not any(line.endswith((".", ",", ":", ";")) for line in tsv.splitlines()):
        return tsv
    import numpy as np
    from PIL import Image
    opened = Image.open(io.BytesIO(image_bytes))
    page = np.asarray(opened if opened.mode == "L" else opened.convert("L"))
    height, width = page.shape
    out = []
    changed = False
    for line in tsv.split("\n"):
        row = line.split("\t")
        if len(row) >= 12 and row[0] == "5" and len(row[11].strip()) >= 2 and row[11].rstrip()[-1] in _PAIRS:
            text = row[11].rstrip()
            mark = text[-1]
            if mark == "." and len(text) >= 3 and text[:-1].isalpha() and text[:-1].isupper() and SPURIOUS_DOT:
                # a word in capitals (a header line): drop a full stop that has no ink
                try:
                    left, top, w, h = (int(v) for v in row[6:10])
                except ValueError:
                    out.append(line)
                    continue
                box = page[max(0, top): min(height, top + h), max(0, left): min(width, left + w)]
                if box.size and no_dot(box < INK):
                    row[11] = text[:-1]
                    line = "\t".join(row)
                    changed = True
                out.append(line)
                continue
            if not (text[-2].isalpha() and text[-2].islower()):   # digits and capitals: no x-height
                out.append(line)
                continue
            try:
                left, top, w, h = (int(v) for v in row[6:10])
            except ValueError:
                out.append(line)
                continue
            pad = max(2, h // 3)
            box = page[max(0, top - 1): min(height, top + h + pad), max(0, left - 1): min(width, left + w + 1)]
            depth = mark_depth(box < INK, mark, skip_glyph=text[-2] in "gy", rows=h + 1 + min(1, top)) \
                if box.size else None
            if collect is not None:
                collect.append((text, depth))
            new = None
            if depth is not None:
                if mark in ".:" and depth >= (DEPTH_COMMA_AFTER_DESCENDER if text[-2] in "gy" else DEPTH_COMMA):
                    new = _PAIRS[mark]
                elif mark in ",;" and DEPTH_DOT is not None and depth <= DEPTH_DOT:
                    new = _PAIRS[mark]
            if new is not None:
                row[11] = text[:-1] + new
                line = "\t".join(row)
                changed = True
        out.append(line)
    return "\n".join(out) if changed else tsv
