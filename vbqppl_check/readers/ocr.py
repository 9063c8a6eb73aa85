"""Optional OCR of image-only PDF pages with Tesseract (Debian: tesseract-ocr tesseract-ocr-vie).

Model: the package ships Tesseract's Vietnamese "best" model (corpora/ocr/vie.traineddata.gz,
Apache-2.0, see corpora/ocr/NOTICE.txt); it is decompressed once into the user cache directory and
Tesseract runs with --tessdata-dir there. The system's model (Debian's small "fast" one) is the
fallback when the cache directory cannot be written. Page results are cached by the hash of the page
image and the OCR settings (user cache dir, "ocr/"), so a re-run does not call Tesseract again.

The page is rendered by PDFium at 300 dpi, sent to `tesseract stdin stdout -l vie --psm 4` (TSV output)
with OMP_THREAD_LIMIT=1 (OpenMP threads make a page seconds slower on a shared CPU) and a timeout.
TSV gives each word's box; words become pseudo-glyphs that go through the same line cutting as a
text layer, so the two-column header of a scan also comes out as separate blocks. OCR'd text
carries no font facts (RunFormat left empty): checks of fonts and sizes skip it.
"""
from __future__ import annotations

import csv
import functools
import gzip
import hashlib
import io
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .pdf_chars import OCR_FONT, Char, Style

DPI = 300
OCR_STYLE_FONT = OCR_FONT          # marker: this text came from OCR, its format is unknown
MAX_PIXELS = 40_000_000            # a poster-size page is rendered smaller rather than exhaust memory
MIN_CONF = 10.0                    # words below this confidence are noise (specks, stamp edges)


PSM = 4                            # page segmentation: chosen on benchmarks/ocr_accuracy.py (docs/ocr.md)
BINARIZE = False                   # threshold the page before OCR (Tesseract's own Otsu is used when False)
SYSTEM_TESSDATA = ("/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
                   "/usr/share/tessdata", "/usr/local/share/tessdata")


def shipped_model() -> Path:
    from ..data import corpora_path
    return corpora_path("ocr", "vie.traineddata.gz")


@functools.lru_cache(maxsize=1)
def model_dir() -> str | None:
    """A tessdata directory holding the shipped best Vietnamese model (decompressed at first use into
    the user cache directory), or None (no cache directory, or the model is missing): use the system's."""
    from ..cache import cache_dir
    src = shipped_model()
    base = cache_dir()
    if base is None or not src.is_file():
        return None
    digest = hashlib.sha1(src.read_bytes()).hexdigest()[:12]
    target = base / f"tessdata-vie-{digest}"
    model = target / "vie.traineddata"
    try:
        if not model.is_file():
            target.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target, suffix=".part")
            with os.fdopen(fd, "wb") as out, gzip.open(src, "rb") as inp:
                shutil.copyfileobj(inp, out)
            os.replace(tmp, model)
        osd = target / "osd.traineddata"          # orientation detection (--psm 0/1) needs it beside vie
        if not osd.exists():
            for d in SYSTEM_TESSDATA:
                if os.path.isfile(os.path.join(d, "osd.traineddata")):
                    try:
                        os.symlink(os.path.join(d, "osd.traineddata"), osd)
                    except OSError:
                        pass
                    break
    except (OSError, EOFError, gzip.BadGzipFile):
        return None
    return str(target)


def model_args(model: str = "best") -> list[str]:
    """Tesseract's language arguments: the shipped best model, else (or with model="system") the system's."""
    d = model_dir() if model == "best" else None
    return ["--tessdata-dir", d, "-l", "vie"] if d else ["-l", "vie"]


def model_name() -> str:
    return "best" if model_dir() else "system"


@functools.lru_cache(maxsize=1)
def ocr_available() -> bool:
    """Tesseract is on PATH and has a Vietnamese model (the shipped one or the system's)."""
    exe = shutil.which("tesseract")
    if not exe:
        return False
    if model_dir():
        return True
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


def binarize(png: bytes) -> bytes:
    """A global threshold (Otsu on the grey histogram): removes the grey of a stamp and JPEG noise."""
    from PIL import Image
    image = Image.open(io.BytesIO(png)).convert("L")
    hist = image.histogram()
    total = sum(hist)
    sum_all = sum(i * h for i, h in enumerate(hist))
    w0 = s0 = 0.0
    best, level = -1.0, 128
    for t in range(256):
        w0 += hist[t]
        if w0 == 0 or w0 == total:
            continue
        s0 += t * hist[t]
        m0, m1 = s0 / w0, (sum_all - s0) / (total - w0)
        between = w0 * (total - w0) * (m0 - m1) ** 2
        if between > best:
            best, level = between, t
    out = io.BytesIO()
    image.point(lambda v: 255 if v > level else 0).convert("1").save(out, format="PNG")
    return out.getvalue()


CACHE_FORMAT = 2   # bump when the command line or the output format changes
CALLS = 0    # Tesseract runs in this process (tests check that a cached re-run makes none)


def _cache_file(key: str) -> Path | None:
    from ..cache import cache_dir
    base = cache_dir()
    return None if base is None else base / "ocr" / key[:2] / f"{key}.tsv"


def run_tesseract(png: bytes, *, timeout: float = 60.0, psm: int | None = None, dpi: float = DPI,
                  model: str = "best", binarise: bool | None = None, cache: bool = True) -> str:
    """Tesseract's TSV for a page image; cached by the hash of the image and the settings."""
    global CALLS
    psm = PSM if psm is None else psm
    binarise = BINARIZE if binarise is None else binarise
    args = model_args(model)
    which = os.path.basename(args[1]) if args[0] == "--tessdata-dir" else "system"   # names the model's digest
    key = hashlib.sha1(png + repr((CACHE_FORMAT, which, psm, int(round(dpi)), binarise)).encode()).hexdigest()
    path = _cache_file(key) if cache else None
    if path is not None and path.is_file():
        try:
            return path.read_text(encoding="utf-8")
        except OSError:
            pass
    if binarise:
        png = binarize(png)
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    CALLS += 1
    proc = subprocess.run(["tesseract", "stdin", "stdout", *args, "--psm", str(psm),
                           "--dpi", str(int(round(dpi))), "-c", "tessedit_create_tsv=1",
                           "-c", "tessedit_create_txt=0"],   # not the "tsv" config: --tessdata-dir has no configs/
                          input=png, capture_output=True, timeout=timeout, env=env, check=False)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr.decode("utf-8", "replace").strip()[-300:] or "tesseract failed")
    tsv = proc.stdout.decode("utf-8", "replace")
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".part")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(tsv)
            os.replace(tmp, path)
        except OSError:
            pass
    return tsv


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


def corrected(block):
    """An OCR block with its text corrected (nlp.ocr_correct); one run (OCR text has no formatting)."""
    from dataclasses import replace

    from ..model import Run
    from ..nlp.ocr_correct import correct
    text = correct(block.text)
    if text == block.text:
        return block
    fmt = block.runs[0].format if block.runs else None
    runs = (Run(start=0, end=len(text), text=text, format=fmt),) if fmt is not None else ()
    return replace(block, text=text, runs=runs)
