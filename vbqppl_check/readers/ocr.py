"""Optional OCR of image-only PDF pages with Tesseract (Debian: tesseract-ocr tesseract-ocr-vie).

The page is rendered by PDFium at 300 dpi, sent to `tesseract stdin stdout -l vie --psm 6 tsv`
with OMP_THREAD_LIMIT=1 (OpenMP threads make a page seconds slower on a shared CPU) and a timeout.
TSV gives each word's box; words become pseudo-glyphs that go through the same line cutting as a
text layer, so the two-column header of a scan also comes out as separate blocks. OCR'd text
carries no font facts (RunFormat left empty): checks of fonts and sizes skip it.
"""
from __future__ import annotations

import csv
import functools
import io
import os
import shutil
import subprocess

from .pdf_chars import OCR_FONT, Char, Style

DPI = 300
OCR_STYLE_FONT = OCR_FONT          # marker: this text came from OCR, its format is unknown
MAX_PIXELS = 40_000_000            # a poster-size page is rendered smaller rather than exhaust memory
MIN_CONF = 10.0                    # words below this confidence are noise (specks, stamp edges)


@functools.lru_cache(maxsize=1)
def ocr_available() -> bool:
    """Tesseract is on PATH and has the Vietnamese model."""
    exe = shutil.which("tesseract")
    if not exe:
        return False
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return False
    langs = {line.strip() for line in (out.stdout + out.stderr).splitlines()}
    return "vie" in langs


def render_png(doc, index: int, dpi: int = DPI) -> tuple[bytes, float]:
    """The page as a grayscale PNG, and the resolution used (lowered for huge pages: ≤ MAX_PIXELS)."""
    page = doc[index]
    try:
        width, height = page.get_size()
        scale = min(dpi / 72, (MAX_PIXELS / max(width * height, 1.0)) ** 0.5)
        bitmap = page.render(scale=scale, grayscale=True)
        image = bitmap.to_pil()
        buf = io.BytesIO()
        image.save(buf, format="PNG")
        return buf.getvalue(), scale * 72
    finally:
        page.close()


def run_tesseract(png: bytes, *, timeout: float = 60.0, psm: int = 6, dpi: float = DPI) -> str:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    proc = subprocess.run(["tesseract", "stdin", "stdout", "-l", "vie", "--psm", str(psm),
                           "--dpi", str(int(round(dpi))), "tsv"],
                          input=png, capture_output=True, timeout=timeout, env=env, check=False)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr.decode("utf-8", "replace").strip()[-300:] or "tesseract failed")
    return proc.stdout.decode("utf-8", "replace")


def tsv_lines(tsv: str, dpi: float = DPI) -> list[list[Char]]:
    """Tesseract TSV → lines of word pseudo-glyphs in points (top-left origin), top to bottom."""
    k = 72.0 / dpi
    lines: dict[tuple[str, str, str], list[tuple[float, float, float, float, str]]] = {}
    reader = csv.reader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader, None)
    if not header:
        return []
    for row in reader:
        if len(row) < 12 or row[0] != "5":
            continue
        text = row[11].strip()
        try:
            conf = float(row[10])
        except ValueError:
            continue
        if not text or conf < MIN_CONF:
            continue
        left, top, width, height = (float(v) * k for v in row[6:10])
        lines.setdefault((row[2], row[3], row[4]), []).append((left, top, left + width, top + height, text))
    out = []
    for words in lines.values():
        heights = sorted(w[3] - w[1] for w in words)
        size = max(heights[len(heights) // 2], 4.0)
        style = Style(font=OCR_STYLE_FONT, base_font=None, size=round(size, 1), bold=False, italic=False)
        chars = [Char(ch=t, x0=x0, top=y0, x1=x1, bottom=y1, baseline=y1, style=style)
                 for x0, y0, x1, y1, t in sorted(words)]
        out.append(chars)
    out.sort(key=lambda line: min(c.top for c in line))
    return out


def ocr_page(doc, index: int, *, timeout: float = 60.0) -> list[list[Char]]:
    png, dpi = render_png(doc, index)
    return tsv_lines(run_tesseract(png, timeout=timeout, dpi=dpi), dpi=dpi)
