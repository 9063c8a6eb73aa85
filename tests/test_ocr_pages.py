"""Scanned pages through the OCR path (issue #19): pages counted in the summary and XLSX (TT410),
the "pages not read" finding without Tesseract (TT400), pages of one document OCR'd in parallel,
orientation found with osd, and no character-level finding on a word Tesseract was unsure of.

The scans are built by tests/pdfbuilder.py (ASCII lines drawn into a page image); the Tesseract
tests skip when Tesseract with a Vietnamese model is not installed.
"""
from __future__ import annotations

import io
import os
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from vbqppl_check.checker import check_document
from vbqppl_check.config import Config
from vbqppl_check.model import Block, SourceDocument
from vbqppl_check.parse import parse
from vbqppl_check.readers import ocr, read
from vbqppl_check.result import DocumentResult

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pdfbuilder import build_pdf_bytes  # noqa: E402

needs_tesseract = pytest.mark.skipif(not ocr.ocr_available(),
                                     reason="Tesseract with a Vietnamese model is not installed")

TEXT_PAGE = ["PHU LUC", "Danh muc thu tuc hanh chinh", "1. Thu tuc cap giay phep"]
SCAN_1 = ["Dieu 1. Pham vi dieu chinh", "Quyet dinh nay quy dinh ve thu tuc hanh chinh."]
SCAN_2 = ["Dieu 2. Doi tuong ap dung", "Co quan nha nuoc va to chuc co lien quan."]
SCAN_3 = ["Dieu 3. Hieu luc thi hanh", "Quyet dinh nay co hieu luc tu ngay ky."]


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("VBQPPL_CHECK_CACHE_DIR", str(tmp_path))
    ocr.model_dir.cache_clear()
    yield tmp_path
    ocr.model_dir.cache_clear()


@needs_tesseract
def test_pages_read_by_ocr_are_a_finding_a_summary_line_and_a_column(fresh_cache):
    from openpyxl import load_workbook

    from vbqppl_check.report import summary, xlsx
    data = build_pdf_bytes({"text_pages": [TEXT_PAGE], "scan_pages": [SCAN_1, SCAN_2]})
    src = read(data, name="scan.pdf")
    assert src.ocr_pages == (2, 3) and src.unread_pages == ()
    assert any("Phạm vi điều chỉnh" in b.text for b in src.blocks if b.page == 2)
    res = check_document(parse(src))
    tt410 = [f for f in res.findings if f.rule == "TT410"]
    assert res.ocr_pages == (2, 3) and len(tt410) == 1 and tt410[0].severity == "info"
    assert tt410[0].found == "2–3" and "OCR" in tt410[0].message("vi")
    # a result read back from the store keeps only its findings: the pages come back from TT410
    assert DocumentResult.unread_pages_of(res.findings, "TT410") == (2, 3)
    assert res.to_json()["ocr_pages"] == [2, 3]
    s = summary.summarize([res])
    assert (s.with_ocr_pages, s.ocr_pages) == (1, 2)
    assert "Số trang đọc bằng OCR: 2" in summary.render_text(s)
    assert "Pages read by OCR: 2" in summary.render_text(s, "en")
    buf = io.BytesIO()
    xlsx.write([res], buf)
    wb = load_workbook(io.BytesIO(buf.getvalue()))
    rows = list(wb["Văn bản"].iter_rows(values_only=True))
    assert rows[1][rows[0].index("Trang đọc bằng OCR")] == "2, 3"
    assert rows[1][rows[0].index("Trang chưa kiểm tra")] is None
    sums = {r[0]: r[1] for r in wb["Tổng hợp"].iter_rows(values_only=True) if r and r[0]}
    assert sums["Số trang đọc bằng OCR"] == 2


def test_without_tesseract_scans_give_the_pages_not_read_finding(tmp_path, monkeypatch):
    """Tesseract really absent (not on PATH): the scanned pages are listed as not checked (TT400)."""
    monkeypatch.setenv("PATH", str(tmp_path))          # an empty directory: no tesseract
    ocr.ocr_available.cache_clear()
    try:
        assert not ocr.ocr_available()
        src = read(build_pdf_bytes({"text_pages": [TEXT_PAGE], "scan_pages": [SCAN_1]}), name="scan.pdf")
        assert src.unread_pages == (2,) and src.ocr_pages == () and not src.ocr
        assert any("OCR is not installed" in w for w in src.warnings)
        res = check_document(parse(src))
        tt400 = [f for f in res.findings if f.rule == "TT400"]
        assert len(tt400) == 1 and tt400[0].found == "2" and res.unread_pages == (2,)
        assert not [f for f in res.findings if f.rule == "TT410"]
    finally:
        ocr.ocr_available.cache_clear()


@needs_tesseract
def test_pages_of_one_document_in_parallel_give_the_same_text(fresh_cache, monkeypatch):
    import pypdfium2 as pdfium
    data = build_pdf_bytes({"scan_pages": [SCAN_1, SCAN_2, SCAN_3]})
    doc = pdfium.PdfDocument(data)
    try:
        calls = ocr.CALLS
        par = list(ocr.ocr_pages(doc, [0, 1, 2], jobs=2))
        assert ocr.CALLS - calls == 3
        one = list(ocr.ocr_pages(doc, [0, 1, 2], jobs=1))     # from the cache now: no Tesseract
        assert ocr.CALLS - calls == 3
    finally:
        doc.close()
    assert [i for i, _ in par] == [0, 1, 2]
    texts = [[" ".join(c.ch for c in line) for line in lines] for _, lines in par]
    assert texts == [[" ".join(c.ch for c in line) for line in lines] for _, lines in one]
    assert "Pham" in texts[0][0] and "Doi" in texts[1][0] and "Hieu" in texts[2][0]
    # the reader: ocr_jobs decides; inside a pool worker one page at a time, else up to the cores
    monkeypatch.setenv("VBQPPL_CHECK_OCR_JOBS", "2")
    assert ocr.ocr_jobs(3) == 2 and ocr.ocr_jobs(1) == 1
    monkeypatch.delenv("VBQPPL_CHECK_OCR_JOBS")
    assert 1 <= ocr.ocr_jobs(10) <= min(ocr.MAX_JOBS, len(os.sched_getaffinity(0)))


@needs_tesseract
@pytest.mark.skipif(not ocr.osd_available(), reason="Tesseract's osd model is not installed")
def test_an_upside_down_scan_is_turned_by_osd(fresh_cache):
    from PIL import Image
    import pypdfium2 as pdfium
    lines = SCAN_1 + SCAN_2 + SCAN_3
    doc = pdfium.PdfDocument(build_pdf_bytes({"scan_pages": [lines]}))
    try:
        png, dpi = ocr.render_png(doc, 0)
    finally:
        doc.close()
    upside = io.BytesIO()
    Image.open(io.BytesIO(png)).rotate(180).save(upside, format="PPM")
    plain = ocr.tsv_lines(ocr.run_tesseract(upside.getvalue(), dpi=dpi, osd=False), dpi)
    turned = ocr.tsv_lines(ocr.run_tesseract(upside.getvalue(), dpi=dpi), dpi)
    text = lambda ls: " ".join(c.ch for line in ls for c in line)   # noqa: E731
    assert "Dieu" not in text(plain) and "hieu" not in text(plain)
    assert "Dieu" in text(turned) and "Pham" in text(turned) and "hanh" in text(turned)


def test_low_confidence_spans_follow_the_correction():
    text = "Số: 2307 /QĐÐ-UBND Kê hoạch tông kêt"
    words = [("Số:", False), ("2307", True), ("/QĐÐ-UBND", False), ("Kê", False), ("hoạch", False),
             ("tông", True), ("kêt", False)]
    spans = ocr.low_confidence_spans(text, words)
    assert [text[a:b] for a, b in spans] == ["2307", "tông"]
    block = ocr.corrected(Block(index=0, text=text, kind="line", origin="ocr", low_confidence=spans))
    assert block.text == "Số: 2307/QĐ-UBND Kế hoạch tổng kết"
    assert [block.text[a:b] for a, b in block.low_confidence] == ["2307/QĐ-UBND", "tổng"]


def _ocr_doc(text: str, low: tuple[tuple[int, int], ...]) -> SourceDocument:
    lines = ["Điều 1. Phạm vi điều chỉnh", text]
    blocks = tuple(Block(index=i, text=t, kind="line", page=1, origin="ocr",
                         low_confidence=low if i == 1 else ()) for i, t in enumerate(lines))
    return SourceDocument(path=None, format="pdf", blocks=blocks, page_count=1, ocr=True)


def test_no_character_level_finding_on_a_low_confidence_word():
    text = "Thông tư này đươc áp dụng đối với cơ quan nhà nước."   # NN001's must-fail example
    a = text.index("đươc")
    cfg = Config(select=("NN001",))
    sure = check_document(parse(_ocr_doc(text, ())), cfg)
    assert [f.found for f in sure.findings if f.rule == "NN001"] == ["đươc"]
    unsure = check_document(parse(_ocr_doc(text, ((a, a + 4),))), cfg)
    assert not [f for f in unsure.findings if f.rule == "NN001"]
    other = check_document(parse(_ocr_doc(text, ((0, 5),))), cfg)   # another word unsure: still found
    assert [f.found for f in other.findings if f.rule == "NN001"] == ["đươc"]
    typed = replace(_ocr_doc(text, ((a, a + 4),)), ocr=False)
    typed = replace(typed, blocks=tuple(replace(b, origin=None) for b in typed.blocks))
    assert [f.found for f in check_document(parse(typed), cfg).findings] == ["đươc"]
