"""PDF reader on real files: Công báo gazettes, the Lai Châu draft, scans, encrypted and broken PDFs."""
from __future__ import annotations

import io
import re
import statistics
import unicodedata

import pytest

from realdocs import real_file

from vbqppl_check.errors import CorruptFileError, EncryptedFileError, NoTextError
from vbqppl_check.limits import Limits
from vbqppl_check.readers import read
from vbqppl_check.readers.ocr import ocr_available

CONGBAO = "congbao-pdf-8topics"
LOCAL = "real-pdf-local-2025"
LAICHAU = "laichau_draft_QD-UBND_2025_congbo_TTHC_hotrodautu.pdf"
NO_OCR = Limits(ocr=False)


@pytest.fixture
def no_tesseract(monkeypatch):
    """The machine without Tesseract (the reader must say how to install it)."""
    import vbqppl_check.readers.ocr as ocr
    monkeypatch.setattr(ocr, "ocr_available", lambda: False)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def _find(doc, text: str, page: int = 1, *, body: bool = True):
    hits = [b for b in (doc.body_blocks() if body else doc.blocks) if b.page == page and b.text == text]
    assert hits, f"no block {text!r} on page {page}: {[b.text for b in doc.blocks if b.page == page][:12]}"
    return hits[0]


@pytest.mark.parametrize("slug", [
    "thong-tu-so-02-2026-tt-btc-468745",
    "nghi-dinh-so-111-2022-nd-cp-38434",
    "quyet-dinh-so-1205-qd-bkhdt-41976",
    "luat-so-51-2024-qh15-43559",
])
def test_congbao_text_matches_the_gazette_text(corpus, slug):
    doc = read(corpus / CONGBAO / "pdf" / f"{slug}.pdf", limits=Limits(max_pages=6))
    ours = _squash("".join(b.text for b in doc.blocks))
    txt = (corpus / CONGBAO / "txt" / f"{slug}.txt").read_text(encoding="utf-8")
    # the txt is the gazette's own extraction, line-broken as the PDF; compare the first 6 pages' lines
    lines = [ln for ln in txt.splitlines() if len(ln.strip()) >= 25][:120]
    pages_text = [ln for ln in lines if _squash(ln) in ours]
    assert len(lines) >= 20
    assert len(pages_text) / len(lines) >= 0.6, [ln for ln in lines if _squash(ln) not in ours][:5]
    assert all(unicodedata.is_normalized("NFC", b.text) for b in doc.blocks)


@pytest.mark.parametrize("slug,issuer,number,place_date", [
    ("thong-tu-so-02-2026-tt-btc-468745", "BỘ TÀI CHÍNH", "Số: 02/2026/TT-BTC",
     "Hà Nội, ngày 01 tháng 01 năm 2026"),
    ("nghi-dinh-so-111-2022-nd-cp-38434", "CHÍNH PHỦ", "Số: 111/2022/NĐ-CP",
     "Hà Nội, ngày 30 tháng 12 năm 2022"),
    ("quyet-dinh-so-1205-qd-bkhdt-41976", "BỘ KẾ HOẠCH VÀ ĐẦU TƯ", "Số: 1205/QĐ-BKHĐT",
     "Hà Nội, ngày 24 tháng 5 năm 2024"),
    # issuer and quốc hiệu on different baselines, above the first two-cell line
    ("thong-tu-so-01-2026-tt-btc-468744", "BỘ TÀI CHÍNH", "Số: 01/2026/TT-BTC",
     "Hà Nội, ngày 01 tháng 01 năm 2026"),
    # columns only 0.8 em apart: cut where the right part is centred like the tiêu ngữ below
    ("nghi-quyet-so-17-2022-ubtvqh15-36956", "ỦY BAN THƯỜNG VỤ QUỐC HỘI", "Nghị quyết số: 17/2022/UBTVQH15",
     None),
])
def test_congbao_header_columns_are_separate_blocks(corpus, slug, issuer, number, place_date):
    doc = read(corpus / CONGBAO / "pdf" / f"{slug}.pdf", limits=Limits(max_pages=2))
    left = _find(doc, issuer)
    # the gazette prints the issuer's name once more above the document: a header, not the body
    kinds = [b.kind for b in doc.blocks if b.page == 1 and b.text == issuer]
    assert kinds[0] == "line" or kinds[:2] == ["header", "line"]
    right = next(b for b in doc.blocks if b.page == 1 and b.text.startswith("CỘNG H")
                 and b.text.endswith("XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
    motto = next(b for b in doc.blocks if b.page == 1 and re.fullmatch(r"Độc lập [-–] Tự do [-–] Hạnh phúc", b.text))
    num = _find(doc, number)
    date = _find(doc, place_date) if place_date else None
    assert left.kind == right.kind == "line"
    assert left.bbox[2] < right.bbox[0] and (date is None or num.bbox[2] < date.bbox[0])
    # formatting of the header: quốc hiệu and tiêu ngữ bold, the date italic, Times New Roman 13–14 pt
    assert all(r.format.bold for r in right.runs + motto.runs)
    assert date is None or all(r.format.italic for r in date.runs)
    assert {r.format.font for r in left.runs + right.runs} == {"Times New Roman"}
    assert all(12.5 <= r.format.size <= 14.5 for r in right.runs + motto.runs + (date.runs if date else ()))
    # reading order: the header comes first, issuer column before the quốc hiệu column
    body = doc.body_blocks()
    assert body.index(left) < body.index(right) < body.index(motto)


def test_congbao_body_font_size_and_running_heads():
    doc = read(real_file(f"{CONGBAO}/pdf/nghi-dinh-so-111-2022-nd-cp-38434.pdf"))
    assert doc.format == "pdf" and doc.has_formatting and not doc.has_page_setup
    assert doc.page_count == 14 and doc.image_only_pages == ()
    sizes = [r.format.size for b in doc.body_blocks() if b.page and b.page > 1 for r in b.runs
             for _ in range(len(r.text))]
    assert 13.5 <= statistics.median(sizes) <= 14.5
    # the gazette running head and page numbers are headers on every page, never body text
    heads = [b for b in doc.blocks if b.kind == "header" and b.text.startswith("CÔNG BÁO/Số")]
    assert sorted({b.page for b in heads}) == list(range(1, 15))
    assert not any("CÔNG BÁO/Số" in b.text for b in doc.body_blocks())
    assert not any(re.fullmatch(r"\d{1,3}", b.text) for b in doc.body_blocks())
    # wrapped body lines are joined into paragraphs, headings stay alone
    art = _find(doc, "Điều 1. Phạm vi điều chỉnh")
    assert all(r.format.bold for r in art.runs)
    para = doc.body_blocks()[doc.body_blocks().index(art) + 1]
    assert para.text.startswith("Nghị định này quy định về thực hiện hợp đồng lao động")
    assert para.text.endswith("trong cơ quan hành chính và đơn vị sự nghiệp công lập.")
    assert para.bbox[3] - para.bbox[1] > 40  # three visual lines
    # what the geometry shows: a justified paragraph with its first-line indent, centred titles
    assert para.paragraph.alignment == "justify" and 6 <= para.paragraph.first_line_indent_mm <= 12.7
    assert _find(doc, "NGHỊ ĐỊNH").paragraph.alignment == "center"
    assert _find(doc, "Chương I").paragraph.alignment == "center"
    assert doc.sections[0].width_mm == pytest.approx(210, abs=1) and doc.sections[0].orientation == "portrait"
    # signature block on the last page
    last = [b.text for b in doc.body_blocks() if b.page == 14]
    assert last[-4:] == ["TM. CHÍNH PHỦ", "KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "Phạm Bình Minh"]


def test_congbao_page_one_rules():
    doc = read(real_file(f"{CONGBAO}/pdf/nghi-dinh-so-111-2022-nd-cp-38434.pdf"), limits=Limits(max_pages=1))
    issuer, motto = _find(doc, "CHÍNH PHỦ"), _find(doc, "Độc lập - Tự do - Hạnh phúc")

    def under(block):
        cx = (block.bbox[0] + block.bbox[2]) / 2
        return [g for g in doc.graphics if abs((g.x0 + g.x1) / 2 - cx) < 10 and 0 <= g.top - block.bbox[3] < 15]

    assert under(issuer) and under(motto)
    rule = under(issuer)[0]
    assert rule.x1 - rule.x0 < issuer.bbox[2] - issuer.bbox[0]   # shorter than the name


def _pdfplumber_rules(path):
    """The same rules as pdfplumber sees them (its page.lines and thin page.rects)."""
    import pdfplumber
    from vbqppl_check.readers.pdf_graphics import MAX_LEN, MAX_THICK, MIN_LEN, UPPER_PART
    with pdfplumber.open(path, pages=[1]) as pdf:
        page = pdf.pages[0]
        out = []
        for o in list(page.lines) + list(page.rects):
            if o["bottom"] - o["top"] <= MAX_THICK and MIN_LEN <= o["x1"] - o["x0"] <= MAX_LEN \
                    and o["top"] <= page.height * UPPER_PART:
                out.append((o["x0"], o["top"], o["x1"]))
        return sorted(out, key=lambda g: (round(g[1]), g[0]))


def test_page_one_rules_agree_with_pdfplumber(corpus):
    """PDFium's path segments give the rules pdfplumber gives, at a fraction of the cost."""
    files = sorted((corpus / CONGBAO / "pdf").glob("*.pdf"))[::6]
    compared = 0
    for f in files:
        ours = read(f, limits=Limits(max_pages=1, ocr=False))
        want = _pdfplumber_rules(f)
        got = [(g.x0, g.top, g.x1) for g in ours.graphics]
        if ours.image_only_pages[:1] == (1,):
            continue
        compared += 1
        assert len(got) == len(want), f.name
        for a, b in zip(sorted(got, key=lambda g: (round(g[1]), g[0])), want):
            assert all(abs(x - y) < 1.5 for x, y in zip(a, b)), (f.name, a, b)
    assert compared >= 10


def test_gazette_scanned_pages_detected(corpus):
    doc = read(corpus / CONGBAO / "pdf" / "quyet-dinh-so-109-qd-btc-468842.pdf", limits=NO_OCR)
    assert set(doc.image_only_pages) >= {1, 3}   # only the running head is text there
    assert any("OCR is disabled" in w for w in doc.warnings) and not doc.ocr


def test_laichau_draft():
    doc = read(real_file(f"{LOCAL}/{LAICHAU}"))
    assert "08/6/20210" in doc.text
    texts = [b.text for b in doc.body_blocks()]
    # two-column header: issuer lines, number, then quốc hiệu, tiêu ngữ, place and date
    assert texts[:6] == ["ỦY BAN NHÂN DÂN", "TỈNH LAI CHÂU", "Số: /QĐ-UBND",
                         "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                         "Lai Châu, ngày tháng năm 2025"]
    # closing: the Nơi nhận column, then the signature column — never interleaved
    i = texts.index("Nơi nhận:")
    assert texts[i + 1:i + 7] == ["- Như Điều 3;", "- Cục KSTTHC - VPCP;", "- Chủ tịch UBND tỉnh (b/c);",
                                  "- VP UBND tỉnh: V1, V4, CB;", "- VNPT Lai Châu (p/h);", "- Lưu: VT, Hcc6."]
    assert texts[i + 7:i + 10] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Tống Thanh Hải"]
    assert _find(doc, "2", page=2, body=False).kind == "header"      # page number at the top of page 2
    # the printer driver put the Vietnamese glyphs in fonts with made-up names ("FEF761F795D"):
    # their typeface and weight are unknown (None), never reported as "not bold" or a wrong font
    qh = _find(doc, "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert all(r.format.font is None and r.format.bold is None for r in qh.runs)
    motto = _find(doc, "Độc lập - Tự do - Hạnh phúc")
    assert {r.format.bold for r in motto.runs} == {True, None}
    assert all(r.format.size == pytest.approx(13.2, abs=0.1) for r in motto.runs)
    # portrait letter pages then landscape annex pages
    assert [(s.orientation, s.pages) for s in doc.sections] == [("portrait", (1, 2)), ("landscape", (3, 4))]


@pytest.mark.parametrize("name,pages", [
    ("cantho_KH-70-KH-UBND_2025-09-15_saoy_scan.pdf", (1, 2, 3, 4, 5)),
    ("dh-congthuong-hcm_KH-xx-KH-DCT_2026-06_scan.pdf", (1, 2, 3, 4)),
])
def test_scans_without_ocr_raise_no_text(corpus, name, pages, no_tesseract):
    with pytest.raises(NoTextError) as err:
        read(corpus / LOCAL / name)
    assert "apt-get install tesseract-ocr tesseract-ocr-vie" in err.value.message("vi")
    assert "OCR" in err.value.message("en")


def test_partly_scanned_document_keeps_its_text(corpus, no_tesseract):
    doc = read(corpus / LOCAL / "sonla_QD-2307-QD-UBND_2025-09-11_scan.pdf")
    assert doc.image_only_pages == (1, 2, 3, 4) and not doc.ocr
    assert any("apt-get install tesseract-ocr tesseract-ocr-vie" in w for w in doc.warnings)
    assert min(b.page for b in doc.blocks) == 5
    assert "PHỤ LỤC 1" in doc.text


@pytest.mark.skipif(not ocr_available(), reason="tesseract with the vie model is not installed")
def test_ocr_of_a_scan(corpus):
    doc = read(corpus / LOCAL / "sonla_QD-2307-QD-UBND_2025-09-11_scan.pdf", limits=Limits(ocr_max_pages=1))
    assert doc.ocr and doc.image_only_pages == (1, 2, 3, 4)
    page1 = [b for b in doc.blocks if b.page == 1]
    texts = [b.text for b in page1]
    assert "QUYẾT ĐỊNH" in texts and "ỦY BAN NHÂN DÂN" in texts
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in texts     # its own block: columns split
    assert all(r.format.size is None and r.format.font is None for b in page1 for r in b.runs)
    assert any("OCR" in w for w in doc.warnings)               # pages 2-4 left: ocr_max_pages


@pytest.mark.skipif(not ocr_available(), reason="tesseract with the vie model is not installed")
def test_ocr_agrees_with_mineru(corpus):
    doc = read(corpus / LOCAL / "cantho_KH-70-KH-UBND_2025-09-15_saoy_scan.pdf", limits=Limits(ocr_max_pages=1))
    ours = set(re.findall(r"\w+", doc.text.lower()))
    mineru = (corpus / LOCAL / "ocr_output_by_source_repo" / "cantho_KH70.mineru.md").read_text(encoding="utf-8")
    words = re.findall(r"\w+", mineru.split("# II.")[0].lower())
    assert len(words) > 100
    assert sum(w in ours for w in words) / len(words) >= 0.8
    assert "ỦY BAN NHÂN DÂN" in doc.text and "Số: 70/KH-UBND" in doc.text   # as printed (post-OCR correction)


def test_encrypted_pdf():
    pypdf = pytest.importorskip("pypdf")
    src = real_file(f"{CONGBAO}/pdf/thong-tu-so-02-2026-tt-btc-468745.pdf")

    def encrypted(user: str) -> bytes:
        writer = pypdf.PdfWriter(clone_from=str(src))
        writer.encrypt(user_password=user, owner_password="owner-secret", algorithm="RC4-128")
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()

    with pytest.raises(EncryptedFileError):
        read(encrypted("user-secret"), name="locked.pdf")
    # an owner password only (restrictions, empty user password) opens and reads normally
    doc = read(encrypted(""), name="restricted.pdf")
    assert any(b.text == "BỘ TÀI CHÍNH" for b in doc.blocks)


def test_corrupt_and_truncated_pdf():
    data = real_file(f"{CONGBAO}/pdf/thong-tu-so-02-2026-tt-btc-468745.pdf").read_bytes()
    with pytest.raises(CorruptFileError):
        read(data[:4000], name="truncated.pdf")
    with pytest.raises(CorruptFileError):
        read(b"%PDF-1.7\n" + bytes(range(256)) * 20, name="garbage.pdf")


def test_page_limit():
    doc = read(real_file(f"{CONGBAO}/pdf/nghi-dinh-so-111-2022-nd-cp-38434.pdf"), limits=Limits(max_pages=2))
    assert doc.page_count == 14 and max(b.page for b in doc.blocks) == 2
    assert any("2/14" in w for w in doc.warnings)


def test_block_limit():
    doc = read(real_file(f"{CONGBAO}/pdf/nghi-dinh-so-111-2022-nd-cp-38434.pdf"), limits=Limits(max_blocks=10))
    assert len(doc.blocks) == 10 and any("10" in w for w in doc.warnings)
