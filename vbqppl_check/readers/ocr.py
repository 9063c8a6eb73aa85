"""Optional OCR of image-only PDF pages with Tesseract (Debian: tesseract-ocr tesseract-ocr-vie).

Model: the package ships Tesseract's Vietnamese "best" model (corpora/ocr/vie.traineddata.gz,
Apache-2.0, see corpora/ocr/NOTICE.txt); it is decompressed once into the user cache directory and
Tesseract runs with --tessdata-dir there. The system's model (Debian's small "fast" one) is the
fallback when the cache directory cannot be written. Page results are cached by the hash of the page
image and the OCR settings (user cache dir, "ocr/"), so a re-run does not call Tesseract again.

The page is rendered by PDFium at the scan's own resolution within 200–250 dpi, as the red channel
of a colour page (a red seal turns light), light grey above WHITE_ABOVE set to white, and sent as PGM
to `tesseract stdin stdout -l vie --psm 4 -c tessedit_do_invert=0` (TSV output) with
OMP_THREAD_LIMIT=1 (OpenMP threads make a page seconds slower on a shared CPU) and a timeout. A page
read badly (few words or a low mean confidence) is checked with osd (--psm 0) and read again turned
upright. Pages of one document run in parallel (ocr_jobs: one at a time inside a batch worker).
Words below LOW_CONF are marked (Block.low_confidence): no character-level finding on them.
A "," or ";" read "." or ":" at a word's end, and a "." with no ink after a word in capitals, are
repaired from the page's pixels before the TSV is cached (ocr_punct, PUNCT_FROM_INK).
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
import re
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from .pdf_chars import OCR_FONT, Char, Style

DPI = 250                          # the highest render resolution (a finer scan is rendered at this)
MIN_DPI = 200                      # the lowest (a coarser scan is enlarged to this); tuned: docs/ocr.md
OCR_STYLE_FONT = OCR_FONT          # marker: this text came from OCR, its format is unknown
MAX_PIXELS = 40_000_000            # a poster-size page is rendered smaller rather than exhaust memory
MIN_CONF = 10.0                    # words below this confidence are noise (specks, stamp edges)
LOW_CONF = 70.0                    # words below this confidence get no character-level findings (origin.py)
OCR_LOW = "\u0000ocr-low"           # Style.base_font of such a word (a marker; OCR knows no fonts)


PSM = 4                            # page segmentation: chosen on benchmarks/ocr_accuracy.py (docs/ocr.md)
DROP_RED = True                    # read the red channel of a colour page (a red seal disappears)
WHITE_ABOVE: int | None = 170      # grey levels above this are set to white before OCR (None: not)
WHITE_ABOVE_RED = 130              # ... on a colour page with a red seal (its red channel)
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


def native_dpi(page) -> float | None:
    """The resolution of the scan on a page: the largest image covering at least half of the page, in
    pixels per inch of the page (None: no such image, e.g. text drawn as vector outlines)."""
    import pypdfium2.raw as pdfium_c
    width, height = page.get_size()
    best = None
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        try:
            x0, y0, x1, y1 = obj.get_bounds()
            px_w, px_h = obj.get_px_size()
        except Exception:  # noqa: BLE001 - a broken image object: no resolution from it
            continue
        w, h = abs(x1 - x0), abs(y1 - y0)
        if w * h < 0.5 * width * height or w <= 0 or h <= 0:
            continue
        dpi = min(px_w / (w / 72), px_h / (h / 72))
        if best is None or dpi > best:
            best = dpi
    return best


def render_dpi(native: float | None) -> float:
    """The resolution the page is rendered at for Tesseract: the scan's own, within MIN_DPI..DPI (a
    finer rendering than the scan adds no detail, costs time and was read worse on the benchmark)."""
    if native is None:
        return float(DPI)
    return float(min(DPI, max(MIN_DPI, round(native))))


def has_red(image) -> bool:
    """A colour page with red marks on it (a seal): ≥ 0.2 % of a thumbnail's pixels clearly red."""
    from PIL import ImageChops
    small = image.reduce(8) if min(image.size) >= 400 else image
    r, g, _ = small.split()
    red = ImageChops.subtract(r, g)            # red minus green: high only on red ink
    hist = red.histogram()
    return sum(hist[60:]) >= 0.002 * small.width * small.height


def render_png(doc, index: int, dpi: float | None = None) -> tuple[bytes, float]:
    """The page as a grayscale image (binary PGM: Tesseract reads it from stdin and it costs nothing to
    encode), and the resolution used (the scan's own within MIN_DPI..DPI; lowered for huge pages)."""
    page = doc[index]
    try:
        if dpi is None:
            dpi = render_dpi(native_dpi(page))
        width, height = page.get_size()
        scale = min(dpi / 72, (MAX_PIXELS / max(width * height, 1.0)) ** 0.5)
        bitmap = page.render(scale=scale, grayscale=not DROP_RED)
        image = bitmap.to_pil()
        white = WHITE_ABOVE
        if DROP_RED and image.mode in ("RGB", "RGBA", "RGBX", "BGR", "BGRA", "BGRX"):
            # the red channel as the grey page: black and blue ink stay dark, a red seal over the
            # signer's title (and red paper marks) turns light; a grey scan is unchanged
            image = image.convert("RGB")
            if white is not None and has_red(image):
                white = WHITE_ABOVE_RED   # the seal's rim (JPEG colour edges) is darker than its red
            image = image.getchannel("R")
        elif image.mode != "L":
            image = image.convert("L")
        if white is not None:   # light grey (a seal's red, paper tone, JPEG haze) becomes paper
            image = image.point([v if v <= white else 255 for v in range(256)])
        buf = io.BytesIO()
        image.save(buf, format="PPM")
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


CACHE_FORMAT = 3   # bump when the command line or the output format changes
CALLS = 0    # Tesseract runs in this process (tests check that a cached re-run makes none)
_CALLS_LOCK = threading.Lock()
# Tesseract settings: no second reading of each line as white-on-black (legal documents have no
# inverted text; on a noisy scan it re-reads many lines)
TESS_CONFIG = ("tessedit_do_invert=0",)
OSD_BELOW_CONF = 45.0   # a page read with a lower mean word confidence is checked for orientation (osd)
OSD_MIN_WORDS = 8       # ... as is a page where fewer words were found
PUNCT_FROM_INK = True   # "," vs "." and ";" vs ":" at word ends decided from the pixels (ocr_punct)


def _cache_file(key: str) -> Path | None:
    from ..cache import cache_dir
    base = cache_dir()
    return None if base is None else base / "ocr" / key[:2] / f"{key}.tsv"


def _tesseract(png: bytes, args: list[str], psm: int, dpi: float, timeout: float, tsv: bool = True) -> str:
    global CALLS
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    with _CALLS_LOCK:
        CALLS += 1
    extra = ["-c", "tessedit_create_tsv=1", "-c", "tessedit_create_txt=0"] if tsv else []
    for c in TESS_CONFIG:
        extra += ["-c", c]
    proc = subprocess.run(["tesseract", "stdin", "stdout", *args, "--psm", str(psm),
                           "--dpi", str(int(round(dpi))), *extra],   # not the "tsv" config: --tessdata-dir has no configs/
                          input=png, capture_output=True, timeout=timeout, env=env, check=False)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr.decode("utf-8", "replace").strip()[-300:] or "tesseract failed")
    return proc.stdout.decode("utf-8", "replace")


def _words_conf(tsv: str) -> list[float]:
    out = []
    for line in tsv.splitlines():
        row = line.split("\t")
        if len(row) >= 12 and row[0] == "5" and row[11].strip():
            try:
                out.append(float(row[10]))
            except ValueError:
                pass
    return out


def needs_osd(tsv: str) -> bool:
    """A page read badly (few words, or low mean confidence): it may be upside down or sideways."""
    conf = _words_conf(tsv)
    return len(conf) < OSD_MIN_WORDS or sum(conf) / len(conf) < OSD_BELOW_CONF


def osd_rotation(png: bytes, dpi: float, timeout: float) -> int:
    """Degrees (0/90/180/270) to turn the image clockwise so that its text is upright (Tesseract osd,
    --psm 0); 0 when osd is not installed or not confident."""
    try:
        out = _tesseract(png, osd_args(), 0, dpi, timeout, tsv=False)
    except (RuntimeError, OSError, subprocess.SubprocessError):
        return 0
    rotate, conf = 0, 0.0
    for line in out.splitlines():
        key, _, value = line.partition(":")
        try:
            if key.strip() == "Rotate":
                rotate = int(value.strip())
            elif key.strip() == "Orientation confidence":
                conf = float(value.strip())
        except ValueError:
            pass
    return rotate if rotate in (90, 180, 270) and conf >= 2.0 else 0


@functools.lru_cache(maxsize=1)
def osd_available() -> bool:
    """Tesseract's orientation model is beside the shipped model or the system's."""
    d = model_dir()
    if d and os.path.exists(os.path.join(d, "osd.traineddata")):
        return True
    return any(os.path.isfile(os.path.join(x, "osd.traineddata")) for x in SYSTEM_TESSDATA)


def osd_args() -> list[str]:
    d = model_dir()
    if d and os.path.exists(os.path.join(d, "osd.traineddata")):
        return ["--tessdata-dir", d, "-l", "osd"]
    return ["-l", "osd"]


def _rotated(png: bytes, degrees: int) -> bytes:
    from PIL import Image
    image = Image.open(io.BytesIO(png))
    out = io.BytesIO()
    image.rotate(-degrees, expand=True).save(out, format="PPM")   # PIL turns counter-clockwise
    return out.getvalue()


def run_tesseract(png: bytes, *, timeout: float = 60.0, psm: int | None = None, dpi: float = DPI,
                  model: str = "best", binarise: bool | None = None, cache: bool = True,
                  osd: bool = True) -> str:
    """Tesseract's TSV for a page image; cached by the hash of the image and the settings. A page read
    badly is checked for orientation (osd) and read again turned upright when osd says so."""
    psm = PSM if psm is None else psm
    binarise = BINARIZE if binarise is None else binarise
    args = model_args(model)
    which = os.path.basename(args[1]) if args[0] == "--tessdata-dir" else "system"   # names the model's digest
    key = hashlib.sha1(png + repr((CACHE_FORMAT, which, psm, int(round(dpi)), binarise, TESS_CONFIG,
                                   osd, DROP_RED, WHITE_ABOVE, WHITE_ABOVE_RED, PUNCT_FROM_INK)).encode()).hexdigest()
    path = _cache_file(key) if cache else None
    if path is not None and path.is_file():
        try:
            return path.read_text(encoding="utf-8")
        except OSError:
            pass
    if binarise:
        png = binarize(png)
    tsv = _tesseract(png, args, psm, dpi, timeout)
    read_from = png
    if osd and needs_osd(tsv):
        turn = osd_rotation(png, dpi, timeout)
        if turn:
            turned = _rotated(png, turn)
            again = _tesseract(turned, args, psm, dpi, timeout)
            if len(_words_conf(again)) and not needs_osd(again) or \
                    sum(_words_conf(again)) > sum(_words_conf(tsv)):
                tsv, read_from = again, turned
    if PUNCT_FROM_INK:   # "," / "." and ";" / ":" at word ends from the ink (ocr_punct)
        from .ocr_punct import punctuation_marks
        tsv = punctuation_marks(read_from, tsv)
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
    lines: dict[tuple[str, str, str], list[tuple[float, float, float, float, str, bool]]] = {}
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
        lines.setdefault((row[2], row[3], row[4]), []).append((left, top, left + width, top + height, text,
                                                               conf < LOW_CONF))
    out = []
    for words in lines.values():
        heights = sorted(w[3] - w[1] for w in words)
        size = max(heights[len(heights) // 2], 4.0)
        style = Style(font=OCR_STYLE_FONT, base_font=None, size=round(size, 1), bold=False, italic=False)
        low = Style(font=OCR_STYLE_FONT, base_font=OCR_LOW, size=round(size, 1), bold=False, italic=False)
        chars = [Char(ch=t, x0=x0, top=y0, x1=x1, bottom=y1, baseline=y1, style=low if weak else style)
                 for x0, y0, x1, y1, t, weak in sorted(words)]
        out.append(chars)
    out.sort(key=lambda line: min(c.top for c in line))
    return side_by_side(out)


def side_by_side(lines: list[list[Char]]) -> list[list[Char]]:
    """Tesseract's lines that stand side by side on one baseline (the issuer and the quốc hiệu of a
    two-column header are separate blocks for Tesseract) joined into one line, as a text layer gives
    them, so that the line cutting finds the header's two columns and reads the left one first."""
    def span(line):
        return min(c.top for c in line), max(c.bottom for c in line), min(c.x0 for c in line), max(c.x1 for c in line)
    out: list[list[Char]] = []
    spans: list[tuple[float, float, float, float]] = []
    for line in lines:
        top, bottom, x0, x1 = span(line)
        for k in range(len(out) - 1, max(-1, len(out) - 4), -1):
            t, b, a0, a1 = spans[k]
            overlap = min(b, bottom) - max(t, top)
            if overlap >= 0.5 * min(b - t, bottom - top) and (x0 >= a1 or x1 <= a0):
                out[k] = sorted(out[k] + line, key=lambda c: c.x0)
                spans[k] = (min(t, top), max(b, bottom), min(a0, x0), max(a1, x1))
                break
        else:
            out.append(line)
            spans.append((top, bottom, x0, x1))
    return out


def ocr_page(doc, index: int, *, timeout: float = 60.0) -> list[list[Char]]:
    png, dpi = render_png(doc, index)
    return tsv_lines(run_tesseract(png, timeout=timeout, dpi=dpi), dpi=dpi)


MAX_JOBS = 4   # Tesseract processes for the pages of one document at most


def ocr_jobs(pages: int) -> int:
    """How many pages of one document are OCR'd at once: VBQPPL_CHECK_OCR_JOBS when set; one inside a
    worker process of a batch (or Dask) pool, whose workers already fill the cores; else the cores
    this process may use (at most MAX_JOBS)."""
    env = os.environ.get("VBQPPL_CHECK_OCR_JOBS", "").strip()
    if env.isdigit() and int(env) > 0:
        return min(int(env), max(pages, 1))
    import multiprocessing
    if multiprocessing.parent_process() is not None:
        return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, MAX_JOBS, pages))


def ocr_pages(doc, indices: list[int], *, timeout: float = 60.0, jobs: int | None = None):
    """OCR of several pages of one document: (index, lines or the exception) in page order. PDFium
    renders in this thread (it is not thread-safe); the Tesseract processes run `jobs` at a time, with
    at most 2 × jobs rendered pages waiting (memory)."""
    from collections import deque
    from concurrent.futures import ThreadPoolExecutor
    jobs = ocr_jobs(len(indices)) if jobs is None else max(1, jobs)

    def work(png: bytes, dpi: float):
        return tsv_lines(run_tesseract(png, timeout=timeout, dpi=dpi), dpi=dpi)

    if jobs == 1:
        for i in indices:
            try:
                yield i, ocr_page(doc, i, timeout=timeout)
            except Exception as exc:  # noqa: BLE001 - reported per page by the caller
                yield i, exc
        return
    pending: deque = deque()
    with ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="ocr") as pool:
        for i in indices:
            try:
                png, dpi = render_png(doc, i)
                pending.append((i, pool.submit(work, png, dpi)))
            except Exception as exc:  # noqa: BLE001
                pending.append((i, exc))
            while len(pending) > 2 * jobs:
                yield _result(*pending.popleft())
        while pending:
            yield _result(*pending.popleft())


def _result(i: int, fut):
    if isinstance(fut, Exception):
        return i, fut
    try:
        return i, fut.result()
    except Exception as exc:  # noqa: BLE001
        return i, exc


def _tokens(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]


def low_confidence_spans(text: str, words: list[tuple[str, bool]]) -> tuple[tuple[int, int], ...]:
    """The character spans in a block's text of the OCR words below LOW_CONF. `words`: the block's
    words in reading order (text, low); matched to the text's tokens in order."""
    import unicodedata
    spans = []
    toks = _tokens(text)
    k = 0
    for word, weak in words:
        w = unicodedata.normalize("NFC", word)
        j = k
        while j < len(toks) and w not in text[toks[j][0]:toks[j][1]]:
            j += 1
        if j == len(toks):
            continue   # not found (the line cutting changed it): skip the word, keep the place
        if weak:
            a = text.find(w, toks[j][0])
            spans.append((a, a + len(w)))
        k = j + 1 if text[toks[j][0]:toks[j][1]].endswith(w) else j
    return tuple(spans)


def _moved_spans(old: str, new: str, spans: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    """Low-confidence spans of `old` carried to its corrected text `new`: tokens are aligned (the
    correction changes marks and letters in place, and joins a few number tokens)."""
    import difflib

    from ..nlp.syllable import strip_marks
    if not spans:
        return ()
    a, b = _tokens(old), _tokens(new)
    weak = [any(s < t and x < e for s, e in spans) for x, t in a]   # the token overlaps a weak span
    key = lambda text, toks: [strip_marks(text[x:t].lower()) for x, t in toks]   # noqa: E731
    out = []
    sm = difflib.SequenceMatcher(a=key(old, a), b=key(new, b), autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal" or (op == "replace" and i2 - i1 == j2 - j1):
            out += [b[j1 + d] for d in range(i2 - i1) if weak[i1 + d]]
        elif op == "replace" and any(weak[i1:i2]):
            out += b[j1:j2]
    return tuple(out)


def corrected(block):
    """An OCR block with its text corrected (nlp.ocr_correct); one run (OCR text has no formatting).
    Its low-confidence spans follow the words."""
    from dataclasses import replace

    from ..model import Run
    from ..nlp.ocr_correct import correct
    try:
        text = correct(block.text)
    except (OSError, ValueError, EOFError):   # the word model cannot be loaded: keep Tesseract's reading
        import logging
        logging.getLogger(__name__).exception("post-OCR correction failed")
        return block
    if text == block.text:
        return block
    fmt = block.runs[0].format if block.runs else None
    runs = (Run(start=0, end=len(text), text=text, format=fmt),) if fmt is not None else ()
    return replace(block, text=text, runs=runs,
                   low_confidence=_moved_spans(block.text, text, block.low_confidence))


def repaired_markers(blocks):
    """A document's blocks with the list markers of its OCR blocks repaired across blocks
    (nlp.ocr_correct.repair_list_markers: a first item "1." read "I." when the next item is "2.").
    The change keeps every length (one character for one), so spans stay valid."""
    from dataclasses import replace

    from ..model import Run
    from ..nlp.ocr_correct import repair_list_markers
    blocks = list(blocks)
    where = [k for k, b in enumerate(blocks) if b.origin == "ocr"]
    if not where:
        return blocks
    texts = repair_list_markers([blocks[k].text for k in where])
    for k, text in zip(where, texts):
        b = blocks[k]
        if text != b.text:
            runs = tuple(Run(start=r.start, end=r.end, text=text[r.start:r.end], format=r.format) for r in b.runs)
            blocks[k] = replace(b, text=text, runs=runs)
    return blocks
