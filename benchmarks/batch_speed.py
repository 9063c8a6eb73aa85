"""Batch speed: documents per second, time to the first result, peak memory per worker, and a
cached re-run, over a synthetic archive built at run time from real texts (nothing is committed).

    .venv/bin/python benchmarks/batch_speed.py --count 6000 --jobs 2          # the full target run
    .venv/bin/python benchmarks/batch_speed.py --count 600 --jobs 2 --pdf 20  # a quick run
    .venv/bin/python benchmarks/batch_speed.py --count 300 --profile 40       # + cProfile top entries

The archive: --count DOCX files in a temporary folder. Their bodies are real vbpl.vn texts
(../shared/corpus/vbpl-central-2025/vbpl_central.jsonl.gz, the part after the header, capped at
--max-paragraphs paragraphs), put under varied local headers (issuer, number, place, date, type)
in a two-column header table like real drafts, Times New Roman 13–14 pt, NĐ 30 margins, a
signature table and "Nơi nhận". 200 base layouts are built with python-docx; the other documents
are copies whose number and date are rewritten in document.xml, so every file's content differs.
PDF: the born-digital Công báo PDFs of congbao-pdf-8topics/pdf (--pdf N of them).

Measured with every check enabled (the default configuration). Runs: (1) DOCX with a fresh store
(checked + stored), (2) the same archive again (the cached re-run), (3) the PDFs (no store).
Peak memory per worker is the largest ru_maxrss any worker reported.
"""
from __future__ import annotations

import argparse
import cProfile
import gzip
import io
import json
import os
import platform
import pstats
import random
import re
import resource
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# and for the workers: the forkserver that starts them (Python 3.11) ignores this process's sys.path and
# imports the package as a fresh interpreter would (an editable install may point at another checkout)
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH"))))
CORPUS = Path(os.environ.get("VBQPPL_CORPUS", ROOT.parent / "shared" / "corpus"))

from vbqppl_check.batch import check_many, check_task, Task  # noqa: E402
from vbqppl_check.config import Config  # noqa: E402

PROVINCES = ("Ninh Bình", "Lai Châu", "Sơn La", "Cần Thơ", "Bắc Ninh", "Hà Tĩnh", "Nghệ An", "Đồng Nai",
             "Quảng Ninh", "Lâm Đồng", "Gia Lai", "Thái Nguyên", "An Giang", "Tây Ninh")
COMMUNES = ("Tân Lập", "Hòa Bình", "Phú Mỹ", "Xuân Trường", "Yên Thành", "Đông Hòa", "Long Phú", "Bình Minh")
TYPES = (("QUYẾT ĐỊNH", "QĐ"), ("NGHỊ QUYẾT", "NQ"), ("KẾ HOẠCH", "KH"), ("CHỈ THỊ", "CT"))
NUMBER_TOKEN = "9999990"   # rewritten per copy
DAY_TOKEN = "ngày 29 tháng 12"


def vbpl_bodies(limit: int = 400) -> list[list[str]]:
    """Paragraph lists of real documents, from the type line (QUYẾT ĐỊNH, NGHỊ ĐỊNH…) on."""
    out = []
    with gzip.open(CORPUS / "vbpl-central-2025" / "vbpl_central.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            text = d.get("text") or ""
            lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
            start = next((i for i, ln in enumerate(lines[:15]) if ln.isupper() and len(ln.split()) <= 4
                          and not ln.startswith(("CỘNG HÒA", "CHÍNH PHỦ", "BỘ ", "QUỐC HỘI"))), None)
            if start is None or len(lines) - start < 12:
                continue
            out.append(lines[start + 1:])
            if len(out) >= limit:
                break
    return out


def base_docx(rng: random.Random, body: list[str], max_paragraphs: int) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt
    d = docx.Document()
    size = rng.choice((13, 14))
    style = d.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(size)
    for s in d.sections:
        s.page_width, s.page_height = Mm(210), Mm(297)
        s.top_margin, s.bottom_margin, s.left_margin, s.right_margin = Mm(20), Mm(20), Mm(30), Mm(15)
    province = rng.choice(PROVINCES)
    commune = rng.random() < 0.4
    issuer = f"ỦY BAN NHÂN DÂN\n{'XÃ ' + rng.choice(COMMUNES).upper() if commune else 'TỈNH ' + province.upper()}"
    tname, tabbr = rng.choice(TYPES)
    year = rng.choice((2024, 2025, 2026))
    number = f"Số: {NUMBER_TOKEN}/{year}/{tabbr}-UBND" if tabbr in ("QĐ", "NQ") else f"Số: {NUMBER_TOKEN}/{tabbr}-UBND"
    t = d.add_table(rows=2, cols=2)
    cells = ((issuer, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"),
             (number, f"{province}, {DAY_TOKEN} năm {year}"))
    for r, (left, right) in enumerate(cells):
        for c, text in enumerate((left, right)):
            p = t.cell(r, c).paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for k, ln in enumerate(text.split("\n")):
                run = p.add_run(ln)
                run.bold = r == 0
                run.italic = r == 1 and c == 1
                if k + 1 < len(text.split("\n")):
                    run.add_break()
    p = d.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run(tname).bold = True
    for ln in body[:max_paragraphs]:
        p = d.add_paragraph()
        if re.match(r"^(Điều|Chương|Mục)\s", ln):
            p.add_run(ln).bold = True
        else:
            p.paragraph_format.first_line_indent = Mm(10)
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            p.add_run(ln)
    sig = d.add_table(rows=1, cols=2)
    left = sig.cell(0, 0).paragraphs[0]
    left.add_run("Nơi nhận:").bold = True
    left.add_run().add_break()
    left.add_run("- Như Điều 3;\n- Lưu: VT.".replace("\n", " "))
    right = sig.cell(0, 1).paragraphs[0]
    right.alignment = WD_ALIGN_PARAGRAPH.CENTER
    right.add_run("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH".replace("\n", " ")).bold = True
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def variant(base: bytes, i: int, rng: random.Random) -> bytes:
    """A copy of a base document with its own number and date (document.xml rewritten)."""
    zin = zipfile.ZipFile(io.BytesIO(base))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(NUMBER_TOKEN.encode(), str(i + 1).encode())
                day = f"ngày {rng.randint(1, 28):02d} tháng {rng.randint(1, 12):02d}"
                data = data.replace(DAY_TOKEN.encode(), day.encode())
            zout.writestr(info, data)
    return out.getvalue()


def build_archive(folder: Path, count: int, max_paragraphs: int, seed: int = 7, n_bases: int = 200) -> float:
    t0 = time.perf_counter()
    rng = random.Random(seed)
    bodies = vbpl_bodies(max(400, n_bases))
    bases = [base_docx(rng, bodies[k % len(bodies)], max_paragraphs) for k in range(min(n_bases, count))]
    for i in range(count):
        sub = folder / f"{2024 + i % 3}" / f"don-vi-{i % 20:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"vb-{i:05d}.docx").write_bytes(variant(bases[i % len(bases)], i, rng))
    return time.perf_counter() - t0


def measure(paths, jobs: int, store=None, label: str = "") -> dict:
    t0, c0 = time.perf_counter(), time.process_time()
    run = check_many(paths, Config(), jobs=jobs, store=store)
    n = findings = errors = 0
    for r in run:
        n += 1
        findings += len(r.findings)
        errors += r.status == "error"
    dt = time.perf_counter() - t0
    cpu = time.process_time() - c0   # this (parent) process only: all the work of a cached re-run
    s = run.stats
    load = os.getloadavg()[0]
    return {"run": label, "load_1min_end": round(load, 1),
            "worker_cpu_s": round(s.worker_cpu_s, 1) if s.worker_cpu_s else None,
            "docs_per_worker_cpu_s_x_jobs": round(n / s.worker_cpu_s * jobs, 1) if s.worker_cpu_s else None, "documents": n, "seconds": round(dt, 2), "docs_per_s": round(n / dt, 1),
            "parent_cpu_s": round(cpu, 2), "docs_per_parent_cpu_s": round(n / cpu, 1) if cpu else None,
            "first_result_s": round(s.first_result_s or 0, 2), "checked": s.checked, "cached": s.cached,
            "errors": errors, "findings": findings,
            "worker_peak_rss_mb": round(s.worker_peak_rss_mb, 1) if s.worker_peak_rss_mb else None,
            "parent_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def profile(files: list[Path], top: int = 25) -> str:
    prof = cProfile.Profile()
    cfg = Config()
    check_task(Task(0, str(files[0]), path=str(files[0])), cfg)  # imports and catalogue outside the profile
    prof.enable()
    for k, f in enumerate(files):
        check_task(Task(k, str(f), path=str(f)), cfg)
    prof.disable()
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(top)
    return buf.getvalue()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=6000, help="synthetic DOCX documents (default 6000)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--pdf", type=int, default=88, help="Công báo PDFs to check (0: none)")
    ap.add_argument("--max-paragraphs", type=int, default=120, help="body paragraphs per synthetic document")
    ap.add_argument("--profile", type=int, default=0, metavar="N",
                    help="also profile N documents of each kind in-process (cProfile, top entries)")
    ap.add_argument("--keep", default=None, help="build the archive in this folder and keep it")
    ap.add_argument("--archive", default=None, help="check this folder (an archive kept with --keep) instead of building one")
    ap.add_argument("--bases", type=int, default=200,
                    help="distinct base documents (default 200; the others are copies with their own number and "
                         "date). Each base has its own vbpl.vn body while bodies last (about 900 are long enough)")
    ap.add_argument("--runs", type=int, default=1, help="checked + cached runs, each with a fresh store (median reported)")
    args = ap.parse_args()
    print(f"# {platform.platform()}, {os.cpu_count()} cores, python {platform.python_version()}, jobs={args.jobs}")
    with tempfile.TemporaryDirectory(prefix="vbqppl-batch-") as tmp:
        if args.archive:
            folder = Path(args.archive)
            print(f"archive: {folder} ({sum(1 for _ in folder.rglob('*.docx'))} DOCX), reused")
        else:
            folder = Path(args.keep) if args.keep else Path(tmp) / "archive"
            folder.mkdir(parents=True, exist_ok=True)
            built = build_archive(folder, args.count, args.max_paragraphs, n_bases=args.bases)
            size = sum(f.stat().st_size for f in folder.rglob("*.docx"))
            print(f"archive: {args.count} DOCX, {size / 1e6:.1f} MB, built in {built:.1f} s")
        rows = []
        for k in range(args.runs):
            db = Path(tmp) / f"store-{k}.sqlite"
            rows += [measure([folder], args.jobs, store=db, label="docx (checked + stored)"),
                     measure([folder], args.jobs, store=db, label="docx cached re-run")]
            print(json.dumps(rows[-2], ensure_ascii=False), json.dumps(rows[-1], ensure_ascii=False), sep="\n", flush=True)
        pdfs = sorted((CORPUS / "congbao-pdf-8topics" / "pdf").glob("*.pdf"))[:args.pdf]
        if pdfs:
            row = measure(pdfs, args.jobs, label=f"Công báo PDF ({len(pdfs)})")
            try:
                import pypdfium2 as pdfium
                pages = sum(len(pdfium.PdfDocument(str(p))) for p in pdfs)
                row["pages_per_s"] = round(pages / row["seconds"], 1)
            except Exception:  # noqa: BLE001 - page count is informative only
                pass
            rows.append(row)
        for r in rows:
            print(json.dumps(r, ensure_ascii=False))
        if args.profile:
            docs = sorted(folder.rglob("*.docx"))[:args.profile]
            print("\n## cProfile, DOCX, in-process\n" + profile(docs))
            if pdfs:
                print("\n## cProfile, PDF, in-process\n" + profile(pdfs[:max(1, args.profile // 10)]))


if __name__ == "__main__":
    main()
