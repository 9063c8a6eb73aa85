"""Reading speed: milliseconds per document for DOCX (and .doc via LibreOffice) and PDF.

    .venv/bin/python benchmarks/read_speed.py                 # print the table
    .venv/bin/python benchmarks/read_speed.py --write-docs    # and update docs/performance.md "Reading"

DOCX: the NĐ 30/2020 Word file and its converted appendices from ../shared/corpus, plus documents of
about five pages generated here with python-docx (header table, styles, character styles, lists,
mixed run formatting, a PAGE field). Each file is read --repeat times and its median kept (the first
read of a process pays imports and is discarded). PDF: the Công báo PDFs in
congbao-pdf-8topics/pdf, read once each (--pdf-limit to sample). Reported: median and p95 over
documents, and for PDF per page too.
"""
from __future__ import annotations

import argparse
import io
import os
import platform
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = Path(os.environ.get("VBQPPL_CORPUS", ROOT.parent / "shared" / "corpus"))

from vbqppl_check.readers import read  # noqa: E402

WORDS = ("quy định cơ quan tổ chức cá nhân văn bản thực hiện trách nhiệm quản lý nhà nước thẩm quyền "
         "ban hành hướng dẫn kiểm tra giám sát báo cáo định kỳ theo đề nghị của Bộ trưởng Ủy ban nhân dân "
         "tỉnh thành phố trực thuộc trung ương đơn vị hành chính hồ sơ tài liệu lưu trữ").split()


def generate_docx(seed: int, pages: int = 5) -> bytes:
    """A legal-looking document of about `pages` A4 pages (≈ 450 words a page at 14 pt)."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    rnd = random.Random(seed)
    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(14)
    strong = d.styles.add_style("Nhan", WD_STYLE_TYPE.CHARACTER)
    strong.font.bold = True
    dieu = d.styles.add_style("Dieu", WD_STYLE_TYPE.PARAGRAPH)
    dieu.base_style = normal
    dieu.font.bold = True
    s = d.sections[0]
    s.page_width, s.page_height = Mm(210), Mm(297)
    s.top_margin, s.bottom_margin, s.left_margin, s.right_margin = Mm(20), Mm(20), Mm(30), Mm(15)
    s.different_first_page_header_footer = True
    hp = s.header.paragraphs[0]
    hp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), " PAGE ")
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "2"
    r.append(t)
    fld.append(r)
    hp._p.append(fld)
    table = d.add_table(rows=1, cols=2)
    left, right = table.cell(0, 0), table.cell(0, 1)
    left.paragraphs[0].add_run("ỦY BAN NHÂN DÂN").bold = True
    left.add_paragraph("Số: 12/2026/QĐ-UBND")
    right.paragraphs[0].add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").bold = True
    right.add_paragraph("Độc lập - Tự do - Hạnh phúc").runs[0].bold = True
    right.add_paragraph("Hà Nội, ngày 15 tháng 01 năm 2026").runs[0].italic = True
    title = d.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run("QUYẾT ĐỊNH", style="Nhan")
    words = 0
    article = 0
    while words < pages * 450:
        article += 1
        d.add_paragraph(f"Điều {article}. " + " ".join(rnd.choices(WORDS, k=8)), style="Dieu")
        for k in range(rnd.randint(2, 4)):
            p = d.add_paragraph()
            p.paragraph_format.first_line_indent = Mm(10)
            p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            p.add_run(f"{k + 1}. ")
            for _ in range(rnd.randint(2, 5)):
                run = p.add_run(" ".join(rnd.choices(WORDS, k=rnd.randint(5, 15))) + " ")
                run.italic = rnd.random() < 0.2
                words += len(run.text.split())
            if rnd.random() < 0.3:
                d.add_paragraph(" ".join(rnd.choices(WORDS, k=12)), style="List Bullet")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def python_docx_naive(data: bytes) -> int:
    """The obvious python-docx approach, for comparison: per run, walk the style chains through the API."""
    import docx

    d = docx.Document(io.BytesIO(data))

    def chain(style):
        while style is not None:
            yield style
            style = style.base_style

    def resolve(run, para, attr):
        value = getattr(run.font, attr)
        if value is not None:
            return value
        for st in (*chain(run.style), *chain(para.style)):
            value = getattr(st.font, attr)
            if value is not None:
                return value
        return None

    paragraphs = list(d.paragraphs)
    for table in d.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs.extend(cell.paragraphs)
    n = 0
    for para in paragraphs:
        _ = para.style.name, para.paragraph_format.alignment, para.paragraph_format.first_line_indent
        for run in para.runs:
            for attr in ("name", "size", "bold", "italic", "underline", "all_caps"):
                resolve(run, para, attr)
            n += 1
    return n


def _time(fn, repeat: int) -> tuple[float, float]:
    """Median wall-clock and median CPU milliseconds of `repeat` calls.

    CPU time (this process only) is reported beside wall time because the 2-core machine is shared:
    wall time also measures the neighbours' load."""
    wall, cpu = [], []
    for _ in range(repeat):
        c0, t0 = time.process_time(), time.perf_counter()
        fn()
        wall.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]


def _row(label: str, timings: list[tuple[float, float]], extra: str = "", cpu: bool = True) -> str:
    if not timings:
        return f"| {label} | 0 | – | – | – | – | {extra} |"
    wall = [t[0] for t in timings]
    cpus = [t[1] for t in timings]
    cpu_cols = f"{statistics.median(cpus):.1f} | {_p95(cpus):.1f}" if cpu else "– | –"
    return (f"| {label} | {len(timings)} | {statistics.median(wall):.1f} | {_p95(wall):.1f} | {cpu_cols} | "
            f"{extra} |")


def bench(args) -> list[str]:
    read(generate_docx(0, 1))  # warm up imports and parser set-up
    rows = ["| set | docs | median ms (wall) | p95 ms (wall) | median ms (CPU) | p95 ms (CPU) | notes |",
            "| --- | --- | --- | --- | --- | --- | --- |"]
    nd30 = CORPUS / "nd30-2020-original-word"
    real = [nd30 / "original" / "30_2020_ND_CP.docx", *sorted((nd30 / "converted_by_repo_author").glob("*.docx"))]
    real = [p for p in real if p.is_file()]
    real_ms = {p.name: _time(lambda p=p: read(p), args.repeat) for p in real}
    main_doc = real_ms.get("30_2020_ND_CP.docx")
    rows.append(_row("DOCX, NĐ 30/2020 body + 6 converted appendices (6–18 pages)", list(real_ms.values()),
                     f"NĐ 30 body (16 pages, 339 blocks): {main_doc[0]:.1f} ms wall, {main_doc[1]:.1f} ms CPU"
                     if main_doc else ""))
    generated = [generate_docx(seed, args.pages) for seed in range(args.generated)]
    gen_ms = [_time(lambda g=g: read(g), args.repeat) for g in generated]
    blocks = statistics.median(len(read(g).blocks) for g in generated)
    rows.append(_row(f"DOCX, generated ≈{args.pages} pages (python-docx)", gen_ms,
                     f"≈{blocks:.0f} blocks each; target ≤ 50 ms"))
    naive = [_time(lambda g=g: python_docx_naive(g), 1) for g in generated[:3]]
    rows.append(_row(f"for comparison: python-docx API, style chains walked per run (≈{args.pages} pages)", naive,
                     "not used by the reader"))
    from vbqppl_check.readers.doc import soffice_path
    legacy = sorted((nd30 / "original").glob("*.doc"))
    if soffice_path() and legacy and not args.no_doc:
        doc_ms = [_time(lambda p=p: read(p), 1) for p in legacy]
        rows.append(_row(".doc via LibreOffice (soffice --convert-to docx)", doc_ms,
                         "one cold soffice per file; the CPU column would miss the soffice child", cpu=False))
    pdfs = sorted((CORPUS / "congbao-pdf-8topics" / "pdf").glob("*.pdf"))
    if args.pdf_limit is not None:
        pdfs = pdfs[:args.pdf_limit]
    pdf_ms, per_page, errors, pages = [], [], 0, 0
    for p in pdfs:
        try:
            c0, t0 = time.process_time(), time.perf_counter()
            doc = read(p)
            timing = ((time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000)
        except Exception as exc:  # noqa: BLE001 - a benchmark reports failures, it does not stop
            errors += 1
            print(f"  {p.name}: {type(exc).__name__}: {exc}", file=sys.stderr)
            continue
        pdf_ms.append(timing)
        if doc.page_count:
            pages += doc.page_count
            per_page.append(timing[1] / doc.page_count)
    if pdfs:
        note = (f"{pages} pages; CPU per page: median {statistics.median(per_page):.1f} ms, "
                f"p95 {_p95(per_page):.1f} ms" if per_page else "")
        if errors:
            note += f"; {errors} unreadable"
        rows.append(_row("PDF, Công báo (congbao-pdf-8topics/pdf)", pdf_ms, note))
    return rows


def write_docs(rows: list[str], args) -> None:
    path = ROOT / "docs" / "performance.md"
    text = path.read_text(encoding="utf-8")
    cpu = os.cpu_count()
    body = "\n".join([
        "",
        f"Reproduce: `.venv/bin/python benchmarks/read_speed.py --write-docs` (machine: {cpu} cores, "
        f"shared with other jobs, load average {os.getloadavg()[0]:.1f} at the start; Python "
        f"{platform.python_version()}). DOCX: median of {args.repeat} reads per file; PDF: one read per "
        "file; p95 is over documents. CPU = this process's CPU time, "
        "which the neighbours' load disturbs less than wall time.",
        "",
        *rows,
        "",
        "DOCX is read with lxml over the checked zip (docx_zip: bounded member reads, no DTD/entities); "
        "run and paragraph formatting is resolved once per (table style, paragraph style, character "
        "style, direct properties) combination. The 50 ms target for a 5-page document holds in CPU "
        "time with a wide margin; wall time meets it too when the machine is not oversubscribed (with "
        "the load average above, every process gets a fraction of a core). The comparison row is the "
        "naive python-docx approach (style chains walked through its API for each run), about a "
        "hundred times slower. Legacy .doc costs one LibreOffice start per file (seconds): convert "
        "archives in bulk beforehand when speed matters.",
        "",
    ])
    new, n = re.subn(r"(## Reading \(benchmarks/read_speed\.py\)\n)(.*?)(?=\n## |\Z)",
                     lambda m: m.group(1) + body, text, count=1, flags=re.S)
    if n != 1:
        raise SystemExit("docs/performance.md has no 'Reading' section")
    path.write_text(new, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--generated", type=int, default=10, help="number of generated DOCX")
    ap.add_argument("--pages", type=int, default=5)
    ap.add_argument("--pdf-limit", type=int, default=None)
    ap.add_argument("--no-doc", action="store_true", help="skip the .doc conversions")
    ap.add_argument("--write-docs", action="store_true")
    args = ap.parse_args(argv)
    rows = bench(args)
    print("\n".join(rows))
    if args.write_docs:
        write_docs(rows, args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
