"""Speed of `vbqppl-check fix` on a 5-page draft (docs/performance.md, "Sửa bản sao / fix").

The draft is built by tests/docbuilder.py from the real Điều/khoản/điểm text of administrative
decisions in ../shared/corpus/tvpl-2025-md (evaluation half, benchmarks/_split.py), joined and
renumbered until the body is long enough for five A4 pages, with a dozen seeded mechanical defects
(margins, font, sizes, alignment, quốc hiệu/tiêu ngữ text, number, date, căn cứ marks, recipients,
end mark, a look-alike character). Timed: the whole fix — read, check, plan, write the tracked
changes, save, read back and re-check — after one warm-up run; the page count is LibreOffice's when
soffice is installed.

    .venv/bin/python benchmarks/fix_speed.py [--runs 7]
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from docbuilder import build_docx_bytes  # noqa: E402
from real_drafts import real_bodies  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"


def long_body(min_chars: int, corpus: Path = CORPUS) -> tuple[list, list[str]]:
    lines, used, n = [], [], 0
    for rel, body in real_bodies(corpus):
        used.append(rel)
        for comp, text in body:
            if comp == "dieu":
                n += 1
                text = re.sub(r"^Điều\s+\d+\.", f"Điều {n}.", text)
            lines.append((comp, text.replace("./.", ".")))
        if sum(len(t) for _, t in lines) >= min_chars:
            break
    comp, text = lines[-1]
    lines[-1] = (comp, text.rstrip(".") + "./.")
    return lines, used


def seeded_spec(body) -> dict:
    return {
        "body_lines": body, "margins_mm": {"left": 25, "top": 15}, "font": "Arial",
        "quoc_hieu": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆTNAM", "tieu_ngu": "Độc lập-Tự do-Hạnh phúc",
        "so_ky_hieu": "Số: 5 /QĐ-UBND", "dia_danh_ngay": "Ninh Bình ngày 5 tháng 1 năm 2025",
        "body": {"alignment": "left", "size": 12, "first_line_indent_cm": 0.5},
        "title_page": False, "noi_nhan": ["Nơi nhận", "- Như Điều 3", "- Lưu VT, NC (02)."],
        "replace": {"30/2020/NĐ-CP": "30/2020/NĐ-СР", "tháng 02 năm 2025;": "tháng 02 năm 2025,"},
        "override": [{"component": "quoc_hieu", "size": 14}, {"component": "ho_ten", "bold": False}],
    }


def pages(data: bytes) -> int | None:
    if shutil.which("soffice") is None:
        return None
    import pypdfium2 as pdfium
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "draft.docx"
        src.write_bytes(data)
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/home", "--headless", "--convert-to",
                        "pdf", "--outdir", tmp, str(src)], capture_output=True, timeout=300)
        pdf_path = Path(tmp) / "draft.pdf"
        if not pdf_path.exists():
            return None
        pdf = pdfium.PdfDocument(str(pdf_path))
        try:
            return len(pdf)
        finally:
            pdf.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--chars", type=int, default=10000, help="body length to aim at (10000: 5 pages once fixed)")
    args = ap.parse_args()
    from vbqppl_check.fix import fix_bytes
    body, used = long_body(args.chars)
    data = build_docx_bytes(seeded_spec(body))
    first = time.perf_counter()
    result = fix_bytes(data, name="draft.docx")
    warm = time.perf_counter() - first
    n_pages = pages(result.data)
    times, cpu = [], []
    for _ in range(args.runs):
        t0, c0 = time.perf_counter(), time.process_time()
        result = fix_bytes(data, name="draft.docx")
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    print(f"sources: {len(used)} evaluation-half documents of tvpl-2025-md")
    print(f"draft: {len(data) / 1024:.0f} KB, {sum(len(t) for _, t in body)} characters of body, "
          f"{len(result.before)} findings before, pages of the fixed copy (LibreOffice): {n_pages or 'n/a'}")
    print(f"changes kept: {len(result.changes)}, rolled back: {len(result.rolled_back)}, "
          f"findings left: {len(result.remaining)}")
    print(f"first run (warm-up, loads the rules and models): {warm:.2f} s")
    print(f"fix after warm-up: median {statistics.median(times):.3f} s, max {max(times):.3f} s over {args.runs} runs "
          f"(CPU time: median {statistics.median(cpu):.3f} s); load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
