"""OCR accuracy on synthetic scans of born-digital Công báo PDFs whose true text is known.

    nice -n 10 .venv/bin/python benchmarks/ocr_accuracy.py [--docs 10] [--half evaluation]
        [--psm 6] [--binarise] [--scan-dpi 250] [--model best|system] [--markdown docs/ocr.md]

First page of each document of ../shared/corpus/congbao-pdf-8topics (one half of the fixed split,
benchmarks/_split.py; the first --docs by name) is rendered as a scanner would (grayscale at
--scan-dpi, a slight skew, blur, noise, JPEG), wrapped in an image-only PDF and read back through the
package's own reader (vbqppl_check.readers.read → Tesseract → line cutting), once without and once
with the post-OCR correction. Compared with the text layer of the same page: character and word error
rates (edit distance over the page's words, NFC), and the header metadata our parser finds
(number, date, issuer, type) against what it finds on the born-digital file.
"""
from __future__ import annotations

import argparse
import io
import random
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


def scan_image(pdf: Path, dpi: int, seed: int):
    """Page 1 as a scanner gives it: grayscale, skewed ≤ 0.7°, blurred, noisy, JPEG q≈70."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageFilter
    rnd = random.Random(seed)
    doc = pdfium.PdfDocument(str(pdf))
    try:
        img = doc[0].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    finally:
        doc.close()
    img = img.rotate(rnd.uniform(-0.7, 0.7), resample=Image.BICUBIC, expand=False, fillcolor=255)
    img = img.filter(ImageFilter.GaussianBlur(radius=0.5 + 0.3 * rnd.random()))
    noise = Image.effect_noise(img.size, 10.0)
    img = Image.blend(img, noise, 0.08)
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=rnd.randint(65, 80))
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


def lang_findings(src) -> set[tuple[str, str]]:
    """The language findings (NN rules) on page 1, as (rule, text found)."""
    res = check_document(parse(replace(src, ocr=False, blocks=tuple(replace(b, origin=None) for b in src.blocks))))
    return {(f.rule, f.found or f.excerpt or "") for f in res.findings if f.rule.startswith("NN")}


def run(args) -> dict:
    files = sorted(p for p in SET.glob("*.pdf") if half(p, CORPUS) == args.half)[: args.docs]
    if not ocr.ocr_available():
        raise SystemExit("Tesseract with a Vietnamese model is not installed")
    ocr.PSM, ocr.BINARIZE = args.psm, args.binarise
    if args.margin is not None:
        from vbqppl_check.nlp import ocr_correct
        ocr_correct.corrector().margin = args.margin
    if args.model == "system":
        ocr.model_dir.cache_clear()
        ocr.model_dir = lambda: None   # noqa: E731 - the system model, for comparison
    tot = {"ref_w": 0, "ref_c": 0, "w0": 0, "w1": 0, "c0": 0, "c1": 0, "secs": 0.0,
           "lang0": 0, "lang1": 0, "lost": 0, "lang_truth": 0}
    hdr = {k: [0, 0] for k in FIELDS}
    hdr_n = 0
    rows = []
    for k, pdf in enumerate(files):
        truth_src = read(pdf)
        truth_src = replace(truth_src, blocks=tuple(b for b in truth_src.blocks if b.page == 1))
        truth_md = parse_structure(truth_src).metadata   # what the parser finds on the same page's text layer
        ref = words(truth_src)
        scan = scan_image(pdf, args.scan_dpi, seed=k)
        t = time.perf_counter()
        raw_src = read(scan, name=pdf.stem + ".scan.pdf", limits=Limits(ocr_correct=False))
        tot["secs"] += time.perf_counter() - t
        fixed_src = replace(raw_src, blocks=tuple(ocr.corrected(b) for b in raw_src.blocks))
        row = {"file": pdf.name, "words": len(ref)}
        truth_lang = lang_findings(truth_src)
        tot["lang_truth"] += len(truth_lang)
        for tag, src in (("0", raw_src), ("1", fixed_src)):
            hyp = words(src)
            tot["w" + tag] += edit_distance(ref, hyp)
            tot["c" + tag] += edit_distance(" ".join(ref), " ".join(hyp))
            md = parse_structure(src).metadata
            right = [f for f in FIELDS if getattr(truth_md, f) and norm(getattr(md, f)) == norm(getattr(truth_md, f))]
            for f in FIELDS:
                if getattr(truth_md, f):
                    hdr[f][int(tag)] += f in right
            row["header" + tag] = right
            lang = lang_findings(src)
            truth_low = {(a, b.lower()) for a, b in truth_lang}
            added = sorted(x for x in lang if (x[0], x[1].lower()) not in truth_low)
            tot["lang" + tag] += len(added)
            if tag == "1":
                tot["lost"] += len({x for x in truth_lang if x not in lang})
                row["lang_added"] = added
        hdr_n += 1
        row["truth"] = {f: getattr(truth_md, f) for f in FIELDS}
        tot["ref_w"] += len(ref)
        tot["ref_c"] += len(" ".join(ref))
        rows.append(row)
        print(f"{pdf.name}: {len(ref)} words, header before {row['header0']} after {row['header1']}; "
              f"language findings added by OCR after correction: {row['lang_added']}", file=sys.stderr)
    present = {f: sum(1 for r in rows if r["truth"][f]) for f in FIELDS}
    return {"files": len(files), "tot": tot, "hdr": hdr, "present": present, "rows": rows,
            "calls": ocr.CALLS, "args": vars(args)}


def report(res) -> str:
    t, a = res["tot"], res["args"]
    n = res["files"]
    lines = [f"OCR of {n} first pages ({a['half']} half), model {a['model']}, psm {a['psm']}, "
             f"binarise {a['binarise']}, scan {a['scan_dpi']} dpi",
             "", "| | before correction | after correction |", "|---|---|---|",
             f"| word error rate | {100 * t['w0'] / t['ref_w']:.2f} % | {100 * t['w1'] / t['ref_w']:.2f} % |",
             f"| character error rate | {100 * t['c0'] / t['ref_c']:.2f} % | {100 * t['c1'] / t['ref_c']:.2f} % |"]
    for f in FIELDS:
        p = res["present"][f]
        b, c = res["hdr"][f]
        lines.append(f"| header {f} right | {b}/{p} | {c}/{p} |")
    tb = sum(v[0] for v in res["hdr"].values())
    tc = sum(v[1] for v in res["hdr"].values())
    tp = sum(res["present"].values())
    lines.append(f"| header fields right (all) | {100 * tb / max(tp, 1):.1f} % | {100 * tc / max(tp, 1):.1f} % |")
    lines.append(f"| language findings (NN) not on the text layer | {t['lang0']} | {t['lang1']} |")
    lines.append(f"\nLanguage findings on the text layer of these pages: {t['lang_truth']}; of them not found "
                 f"on the corrected OCR text: {t['lost']}. (OCR text is checked here as if it were typed: "
                 "origin marks removed, so nothing is lowered to info.)")
    lines.append(f"\nSeconds per page (read incl. Tesseract, this machine, shared CPU): "
                 f"{t['secs'] / max(n, 1):.2f}; Tesseract calls: {res['calls']}")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=10)
    ap.add_argument("--half", default="evaluation", choices=("evaluation", "tuning"))
    ap.add_argument("--psm", type=int, default=ocr.PSM)
    ap.add_argument("--binarise", action="store_true")
    ap.add_argument("--scan-dpi", type=int, default=250)
    ap.add_argument("--model", default="best", choices=("best", "system"))
    ap.add_argument("--margin", type=float, default=None, help="correction margin in nats (tuning)")
    args = ap.parse_args()
    res = run(args)
    print(report(res))


if __name__ == "__main__":
    main()
