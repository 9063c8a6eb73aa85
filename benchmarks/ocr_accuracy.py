"""OCR accuracy on synthetic scans of born-digital Công báo PDFs whose true text is known.

    nice -n 10 .venv/bin/python benchmarks/ocr_accuracy.py [--docs 10] [--half evaluation]
        [--psm 6] [--binarise] [--scan-dpi 150,200,250,300] [--max-skew 1.5] [--upside-down-every 7]
        [--no-signature-pages] [--model best|system] [--max-dpi 300] [--min-dpi 200] [--cache]

Page 1 of each document of ../shared/corpus/congbao-pdf-8topics (one half of the fixed split,
benchmarks/_split.py; the first --docs by name), and its signature page (the first later page with
"TM."/"KT." … lines) with a red seal laid over the signer's title, are rendered as a scanner would
(colour → grayscale at 150/200/250/300 dpi in turn, skew ≤ 1.5°, blur, noise, JPEG q 60–85, every
7th page upside down), wrapped in an image-only PDF and read back through the
package's own reader (vbqppl_check.readers.read → Tesseract → line cutting), once without and once
with the post-OCR correction. Compared with the text layer of the same page: character and word error
rates (edit distance over the page's words, NFC), and the header metadata our parser finds
(number, date, issuer, type) against what it finds on the born-digital file.
"""
from __future__ import annotations

import argparse
import io
import os
import random
import re
import resource
import sys
import time
import unicodedata
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _split import half  # noqa: E402

from vbqppl_check.checker import check_document  # noqa: E402
from vbqppl_check.limits import Limits  # noqa: E402
from vbqppl_check.parse import parse  # noqa: E402
from vbqppl_check.parse.document import parse_structure  # noqa: E402
from vbqppl_check.readers import ocr, read  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
SET = CORPUS / "congbao-pdf-8topics" / "pdf"


SIGNATURE = re.compile(r"^(TM|KT|Q|TL|TUQ)\.\s+\S")   # the signer's title line: "TM. CHÍNH PHỦ", "KT. BỘ TRƯỞNG"


def stamp(img, centre, radius: float, rnd):
    """A red round seal (ring, inner ring, star, lettering strokes) laid over the image like ink:
    multiplied, so the text under it stays darker than the red."""
    from PIL import Image, ImageChops, ImageDraw
    layer = Image.new("RGB", img.size, (255, 255, 255))
    d = ImageDraw.Draw(layer)
    red = (rnd.randint(190, 225), rnd.randint(20, 60), rnd.randint(30, 70))
    x, y = centre
    r = radius
    d.ellipse((x - r, y - r, x + r, y + r), outline=red, width=max(3, int(r / 22)))
    d.ellipse((x - 0.72 * r, y - 0.72 * r, x + 0.72 * r, y + 0.72 * r), outline=red, width=max(2, int(r / 40)))
    import math
    for k in range(36):   # lettering between the rings, as short thick strokes
        t = 2 * math.pi * k / 36
        x0, y0 = x + 0.8 * r * math.cos(t), y + 0.8 * r * math.sin(t)
        x1, y1 = x + 0.93 * r * math.cos(t + 0.06), y + 0.93 * r * math.sin(t + 0.06)
        d.line((x0, y0, x1, y1), fill=red, width=max(2, int(r / 30)))
    star = [(x + 0.3 * r * math.cos(math.pi / 2 + 4 * math.pi * k / 5), y - 0.3 * r * math.sin(math.pi / 2 + 4 * math.pi * k / 5))
            for k in range(5)]
    d.polygon(star, fill=red)
    return ImageChops.multiply(img.convert("RGB"), layer)


def scan_image(pdf: Path, page: int, dpi: int, seed: int, *, stamp_at=None, upside_down: bool = False,
               max_skew: float = 1.5, colour: bool = False) -> bytes:
    """A page as a scanner gives it: colour render (a red seal over the signature when stamp_at, the
    signer block's bbox in points), grayscale (kept in colour when `colour` and sealed), skewed ≤ max_skew°, blurred, noisy, JPEG q 60–85, at
    `dpi`; turned upside down when asked (osd must find it). An image-only PDF."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageFilter
    rnd = random.Random(seed)
    doc = pdfium.PdfDocument(str(pdf))
    try:
        img = doc[page - 1].render(scale=dpi / 72).to_pil().convert("RGB")
    finally:
        doc.close()
    if stamp_at is not None:
        x0, top, x1, bottom = (v * dpi / 72 for v in stamp_at)
        r = dpi * 0.75   # a seal of ≈ 38 mm across
        img = stamp(img, (x0 + (x1 - x0) * rnd.uniform(0.15, 0.4), (top + bottom) / 2 + rnd.uniform(0, r * 0.3)), r, rnd)
    if stamp_at is None or not colour:
        img = img.convert("L")
    img = img.rotate(rnd.uniform(-max_skew, max_skew), resample=Image.BICUBIC, expand=False,
                     fillcolor=255 if img.mode == "L" else (255, 255, 255))
    if upside_down:
        img = img.rotate(180)
    img = img.filter(ImageFilter.GaussianBlur(radius=(0.5 + 0.3 * rnd.random()) * dpi / 250))
    noise = Image.effect_noise(img.size, 10.0)
    img = Image.blend(img, noise if img.mode == "L" else Image.merge("RGB", (noise,) * 3), 0.08)
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=rnd.randint(60, 85))
    jpeg = Image.open(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    jpeg.save(out, format="PDF", resolution=dpi)
    return out.getvalue()


def words(src, page: int = 1) -> list[str]:
    """The page's words; tokens with no letter or digit (rules typed as "____", dashes, specks) are
    left out on both sides: a scan shows a drawn rule and a typed one alike."""
    text = "\n".join(b.text for b in src.blocks if b.page == page)
    return [w for w in unicodedata.normalize("NFC", text).split() if any(ch.isalnum() for ch in w)]


def edit_distance(a, b) -> int:
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, y in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y))
        prev = cur
    return prev[-1]


def norm(s) -> str:
    return " ".join(unicodedata.normalize("NFC", str(s or "")).lower().replace("hoà", "hòa").split())


FIELDS = ("number", "date", "issuer", "type")


def lang_findings(src, as_typed: bool = True) -> set[tuple[str, str]]:
    """The language findings (NN rules) on the page, as (rule, text found). as_typed: the OCR text is
    checked as if it were typed (origin marks removed: nothing lowered to info, low-confidence words
    judged too); else as the package checks it (findings on OCR text at most info, and none on words
    Tesseract was unsure of), counting findings of every severity."""
    if as_typed:
        src = replace(src, ocr=False, blocks=tuple(replace(b, origin=None) for b in src.blocks))
    res = check_document(parse(src))
    return {(f.rule, f.found or f.excerpt or "") for f in res.findings if f.rule.startswith("NN")}


def signature_page(src) -> tuple[int, tuple] | None:
    """The first page after page 1 with the signer's title line ("TM. CHÍNH PHỦ"), and that block's bbox."""
    for blk in src.blocks:
        if blk.page and blk.page > 1 and blk.bbox and SIGNATURE.match(blk.text.strip()):
            return blk.page, blk.bbox
    return None


def cpu_seconds() -> float:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def run(args) -> dict:
    files = sorted(p for p in SET.glob("*.pdf") if half(p, CORPUS) == args.half)[: args.docs]
    if not ocr.ocr_available():
        raise SystemExit("Tesseract with a Vietnamese model is not installed")
    ocr.PSM, ocr.BINARIZE = args.psm, args.binarise
    if args.max_dpi:
        ocr.DPI = args.max_dpi
    if args.min_dpi:
        ocr.MIN_DPI = args.min_dpi
    if args.white_above is not None:
        ocr.WHITE_ABOVE = args.white_above if args.white_above > 0 else None
    if args.margin is not None:
        from vbqppl_check.nlp import ocr_correct
        ocr_correct.corrector().margin = args.margin
    if args.model == "system":
        ocr.model_dir.cache_clear()
        ocr.model_dir = lambda: None   # noqa: E731 - the system model, for comparison
    dpis = [int(v) for v in args.scan_dpi.split(",")]
    tot = {"ref_w": 0, "ref_c": 0, "w0": 0, "w1": 0, "c0": 0, "c1": 0, "secs": 0.0, "cpu": 0.0,
           "lang0": 0, "lang1": 0, "lang2": 0, "lost": 0, "lang_truth": 0, "pages": 0}
    hdr = {k: [0, 0] for k in FIELDS}
    rows = []
    by_dpi: dict[int, list[int]] = {}
    n = 0
    for k, pdf in enumerate(files):
        whole = read(pdf)
        todo = [(1, None)]
        sig = signature_page(whole) if args.signature_pages else None
        if sig:
            todo.append(sig)
        for page, stamp_at in todo:
            truth_src = replace(whole, blocks=tuple(replace(b, index=i) for i, b in
                                                    enumerate(x for x in whole.blocks if x.page == page)))
            ref = words(truth_src, page)
            dpi = dpis[n % len(dpis)]
            upside = args.upside_down_every > 0 and n % args.upside_down_every == args.upside_down_every - 1
            colour = stamp_at is not None and args.colour_seals   # a signed page is scanned in colour
            scan = scan_image(pdf, page, dpi, seed=n, stamp_at=stamp_at, upside_down=upside, max_skew=args.max_skew,
                              colour=colour)
            n += 1
            t, c = time.perf_counter(), cpu_seconds()
            raw_src = read(scan, name=pdf.stem + ".scan.pdf", limits=Limits(ocr_correct=False))
            tot["secs"] += time.perf_counter() - t
            # the correction as readers/pdf.py applies it: each block, then the list markers across blocks
            fixed_src = replace(raw_src, blocks=tuple(ocr.repaired_markers([ocr.corrected(b) for b in raw_src.blocks])))
            tot["cpu"] += cpu_seconds() - c   # read + Tesseract + correction, all processes
            tot["pages"] += 1
            row = {"file": pdf.name, "page": page, "dpi": dpi, "stamp": stamp_at is not None,
                   "upside_down": upside, "words": len(ref)}
            truth_lang = lang_findings(truth_src) if args.findings else set()
            tot["lang_truth"] += len(truth_lang)
            for tag, src in (("0", raw_src), ("1", fixed_src)):
                hyp = words(src, 1)
                we = edit_distance(ref, hyp)
                tot["w" + tag] += we
                tot["c" + tag] += edit_distance(" ".join(ref), " ".join(hyp))
                row["wer" + tag] = round(100 * we / max(len(ref), 1), 2)
                if page == 1:
                    truth_md = parse_structure(truth_src).metadata
                    md = parse_structure(src).metadata
                    right = [f for f in FIELDS if getattr(truth_md, f) and norm(getattr(md, f)) == norm(getattr(truth_md, f))]
                    for f in FIELDS:
                        if getattr(truth_md, f):
                            hdr[f][int(tag)] += f in right
                    row["header" + tag] = right
                    row["truth"] = {f: getattr(truth_md, f) for f in FIELDS}
                lang = lang_findings(src) if args.findings else set()
                truth_low = {(a, b.lower()) for a, b in truth_lang}
                added = sorted(x for x in lang if (x[0], x[1].lower()) not in truth_low)
                tot["lang" + tag] += len(added)
                if tag == "1":
                    tot["lost"] += len({x for x in truth_lang if x not in lang})
                    row["lang_added"] = added
                    if args.findings:   # as shipped: origin kept
                        shipped = lang_findings(src, as_typed=False)
                        tot["lang2"] += len([x for x in shipped if (x[0], x[1].lower()) not in truth_low])
            by_dpi.setdefault(dpi, [0, 0, 0])
            by_dpi[dpi][0] += round(row["wer1"] * len(ref) / 100)
            by_dpi[dpi][1] += len(ref)
            by_dpi[dpi][2] += 1
            tot["ref_w"] += len(ref)
            tot["ref_c"] += len(" ".join(ref))
            rows.append(row)
            print(f"{pdf.name} p{page} {dpi}dpi{' stamp' if row['stamp'] else ''}{' upside-down' if upside else ''}: "
                  f"{len(ref)} words, WER {row['wer0']} → {row['wer1']} %"
                  + (f", header before {row['header0']} after {row['header1']}" if page == 1 else "")
                  + f"; language findings added by OCR after correction: {row['lang_added']}", file=sys.stderr)
    present = {f: sum(1 for r in rows if r.get("truth", {}).get(f)) for f in FIELDS}
    return {"files": len(files), "tot": tot, "hdr": hdr, "present": present, "rows": rows,
            "calls": ocr.CALLS, "args": vars(args), "by_dpi": by_dpi}


def report(res) -> str:
    t, a = res["tot"], res["args"]
    n = t["pages"]
    lines = [f"OCR of {n} pages of {res['files']} documents ({a['half']} half: page 1, and the signature page "
             f"with a red seal), model {a['model']}, psm {a['psm']}, binarise {a['binarise']}, scans at "
             f"{a['scan_dpi']} dpi, skew ≤ {a['max_skew']}°, every {a['upside_down_every']}th page upside down",
             "", "| | before correction | after correction |", "|---|---|---|",
             f"| word error rate | {100 * t['w0'] / t['ref_w']:.2f} % | {100 * t['w1'] / t['ref_w']:.2f} % |",
             f"| character error rate | {100 * t['c0'] / t['ref_c']:.2f} % | {100 * t['c1'] / t['ref_c']:.2f} % |"]
    for f in FIELDS:
        p = res["present"][f]
        b, c = res["hdr"][f]
        lines.append(f"| header {f} right (page 1) | {b}/{p} | {c}/{p} |")
    tb = sum(v[0] for v in res["hdr"].values())
    tc = sum(v[1] for v in res["hdr"].values())
    tp = sum(res["present"].values())
    lines.append(f"| header fields right (all) | {100 * tb / max(tp, 1):.1f} % | {100 * tc / max(tp, 1):.1f} % |")
    lines.append(f"| language findings (NN) not on the text layer | {t['lang0']} | {t['lang1']} |")
    lines.append(f"| — the same, checked as OCR text (no finding on low-confidence words; any severity) | | "
                 f"{t['lang2']} |")
    lines.append("")
    lines.append("Word error rate after correction by scan resolution: " + ", ".join(
        f"{d} dpi {100 * w / max(r, 1):.2f} % ({p} pages)" for d, (w, r, p) in sorted(res["by_dpi"].items())))
    lines.append(f"\nLanguage findings on the text layer of these pages: {t['lang_truth']}; of them not found "
                 f"on the corrected OCR text: {t['lost']}. (OCR text is checked here as if it were typed: "
                 "origin marks removed, so nothing is lowered to info.)")
    load = os.getloadavg()
    lines.append(f"\nCPU seconds per page (read: render + Tesseract + line cutting + correction, all processes): "
                 f"{t['cpu'] / max(n, 1):.2f}; wall {t['secs'] / max(n, 1):.2f} s; Tesseract calls: {res['calls']}; "
                 f"load average at the end {load[0]:.1f}/{load[1]:.1f}/{load[2]:.1f} on {os.cpu_count()} cores")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=10)
    ap.add_argument("--half", default="evaluation", choices=("evaluation", "tuning"))
    ap.add_argument("--psm", type=int, default=ocr.PSM)
    ap.add_argument("--binarise", action="store_true")
    ap.add_argument("--scan-dpi", default="150,200,250,300", help="scan resolutions, used in turn")
    ap.add_argument("--max-dpi", type=int, default=None, help="render resolution cap (tuning; ocr.DPI)")
    ap.add_argument("--min-dpi", type=int, default=None, help="render resolution floor (tuning; ocr.MIN_DPI)")
    ap.add_argument("--white-above", type=int, default=None, help="grey level whitened before OCR (tuning; "
                    "ocr.WHITE_ABOVE; 0: none)")
    ap.add_argument("--max-skew", type=float, default=1.5)
    ap.add_argument("--upside-down-every", type=int, default=7, help="every n-th page scanned upside down (0: none)")
    ap.add_argument("--no-signature-pages", dest="signature_pages", action="store_false",
                    help="page 1 only (no signature page with a seal)")
    ap.add_argument("--grey-seals", dest="colour_seals", action="store_false",
                    help="scan sealed pages in grey too (default: in colour, as signed copies are)")
    ap.add_argument("--no-findings", dest="findings", action="store_false",
                    help="skip the language findings (faster, for tuning the reading)")
    ap.add_argument("--model", default="best", choices=("best", "system"))
    ap.add_argument("--margin", type=float, default=None, help="correction margin in nats (tuning)")
    ap.add_argument("--cache", action="store_true", help="use the OCR page cache (default: a fresh one, so "
                    "Tesseract runs and its time is measured)")
    args = ap.parse_args()
    if not args.cache:
        ocr._cache_file = lambda key: None   # noqa: E731 - Tesseract runs on every page (its time is measured)
    from vbqppl_check.nlp import ocr_correct
    ocr_correct.corrector()   # the word model is loaded before the clock runs
    res = run(args)
    print(report(res))


if __name__ == "__main__":
    main()
